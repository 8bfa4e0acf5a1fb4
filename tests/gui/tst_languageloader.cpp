// SPDX-License-Identifier: MIT
// Tests LanguageLoader: [gui] language picks the built-in translation; unknown languages are refused.
#include "displayformat.h"
#include "languageloader.h"
#include "statussummary.h"

#include <QLocale>
#include <QTest>

class TestLanguageLoader : public QObject
{
    Q_OBJECT
private slots:
    void cleanup() { QLocale::setDefault(QLocale::c()); }

    void translates_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("ready");
        QTest::addColumn<QString>("down");
        QTest::newRow("en") << "en" << "READY" << "RECORDER DOWN";
        QTest::newRow("fr") << "fr" << "PRÊT" << "ENREGISTREUR ARRÊTÉ";
        QTest::newRow("de") << "de" << "BEREIT" << "RECORDER AUSGEFALLEN";
        QTest::newRow("upper case, spaces") << " DE " << "BEREIT" << "RECORDER AUSGEFALLEN";
    }

    void translates()
    {
        QFETCH(QString, language);
        LanguageLoader loader;
        QCOMPARE(loader.install(*QCoreApplication::instance(), language), QString());
        StatusSnapshot snapshot;
        snapshot.heartbeat.status = JsonFileReader::Status::Ok;
        snapshot.heartbeat.heartbeat.state = QStringLiteral("ready");
        QTEST(StatusSummary::summarize(snapshot, 30).title, "ready");
        snapshot.heartbeat.status = JsonFileReader::Status::Missing;
        QTEST(StatusSummary::summarize(snapshot, 30).title, "down");
    }

    void refusesUnknownLanguage()
    {
        LanguageLoader loader;
        const QString error = loader.install(*QCoreApplication::instance(), QStringLiteral("es"));
        QVERIFY(error.contains(QStringLiteral("[gui] language")));
        QVERIFY(error.contains(QStringLiteral("en, fr, de")));
    }

    void emptyFollowsTheSystem()
    {
        LanguageLoader loader;
        QCOMPARE(loader.install(*QCoreApplication::instance(), QString()), QString());
        QVERIFY(LanguageLoader::shipped().contains(loader.language()));
    }
};

QTEST_GUILESS_MAIN(TestLanguageLoader)
#include "tst_languageloader.moc"
