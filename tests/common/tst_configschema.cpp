// SPDX-License-Identifier: MIT
// Checks that docs/configuration.md and systemd/recorder.conf match the key table, and that the
// example configuration loads to exactly the defaults.
#include "config.h"
#include "configschema.h"

#include <QFile>
#include <QTemporaryFile>
#include <QTest>

class TestConfigSchema : public QObject
{
    Q_OBJECT

    static QString sourceFile(const char *relative)
    {
        return qEnvironmentVariable("RECORDER_SOURCE_DIR") + QLatin1Char('/') + QLatin1String(relative);
    }
    static QString readAll(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return QString();
        return QString::fromUtf8(f.readAll());
    }

private slots:
    void docsMatchTable()
    {
        QCOMPARE(readAll(sourceFile("docs/configuration.md")), ConfigSchema::markdown());
    }
    void exampleMatchesTable()
    {
        QCOMPARE(readAll(sourceFile("systemd/recorder.conf")), ConfigSchema::exampleConfig());
    }
    void exampleLoadsToDefaults()
    {
        const Config::Result r = Config::load(sourceFile("systemd/recorder.conf"), true, QProcessEnvironment());
        QVERIFY2(r.ok(), qPrintable(r.error));
        const Config defaults = Config::defaults();
        for (const ConfigKey &k : ConfigSchema::keys())
            QCOMPARE(r.config.text(k.id()), defaults.text(k.id()));
    }
    void uncommentedExampleLoadsToDefaults()
    {
        // Every key of the example, uncommented, must be accepted and mean the default.
        QString text = readAll(sourceFile("systemd/recorder.conf"));
        QStringList lines = text.split(QLatin1Char('\n'));
        for (QString &line : lines) {
            if (line.startsWith(QLatin1Char(';')) && line.contains(QLatin1Char('=')) && !line.startsWith(QLatin1String("; ")))
                line.remove(0, 1);
        }
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write(lines.join(QLatin1Char('\n')).toUtf8());
        file.close();
        const Config::Result r = Config::load(file.fileName(), true, QProcessEnvironment());
        QVERIFY2(r.ok(), qPrintable(r.error));
        const Config defaults = Config::defaults();
        for (const ConfigKey &k : ConfigSchema::keys())
            QCOMPARE(r.config.text(k.id()), defaults.text(k.id()));
    }
};

QTEST_GUILESS_MAIN(TestConfigSchema)
#include "tst_configschema.moc"
