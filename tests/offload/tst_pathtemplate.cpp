// SPDX-License-Identifier: MIT
// Where each recording goes under the remote: [offload] path_template.
#include "pathtemplate.h"

#include <QDateTime>
#include <QTest>

#include <cstdlib>
#include <ctime>

class TestPathTemplate : public QObject
{
    Q_OBJECT

    static qint64 localMs(int y, int mo, int d, int h, int mi, int s)
    {
        return QDateTime(QDate(y, mo, d), QTime(h, mi, s), Qt::LocalTime).toMSecsSinceEpoch();
    }

private slots:
    void initTestCase()
    {
        // A zone far from UTC, so that a UTC expansion would land on another day.
        qputenv("TZ", "Pacific/Auckland");
        tzset();
    }

    void expands_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<qint64>("startMs");
        QTest::addColumn<QString>("expected");
        QTest::newRow("default") << "{hostname}/%Y/%m/%d/{filename}" << localMs(2026, 1, 2, 0, 30, 0)
                                 << "gym-pi/2026/01/02/rec_20260102_003000.mp4";
        QTest::newRow("hour and minute") << "cams/%Y-%m-%d/%H%M/{filename}" << localMs(2025, 12, 31, 23, 59, 58)
                                         << "cams/2025-12-31/2359/rec_20260102_003000.mp4";
        QTest::newRow("plain") << "{filename}" << localMs(2026, 6, 1, 12, 0, 0) << "rec_20260102_003000.mp4";
    }

    void expands()
    {
        QFETCH(QString, pattern);
        QFETCH(qint64, startMs);
        QFETCH(QString, expected);
        QCOMPARE(PathTemplate::expand(pattern, QStringLiteral("gym-pi"), QStringLiteral("rec_20260102_003000.mp4"), startMs),
                 expected);
    }

    void percentInNamesIsNotAField()
    {
        // Names are substituted after strftime: a '%' in them stays as it is.
        QCOMPARE(PathTemplate::expand(QStringLiteral("{hostname}/%Y/{filename}"), QStringLiteral("pi%Y"),
                                      QStringLiteral("a%d.mp4"), localMs(2026, 3, 4, 5, 6, 7)),
                 QStringLiteral("pi%Y/2026/a%d.mp4"));
    }
};

QTEST_GUILESS_MAIN(TestPathTemplate)
#include "tst_pathtemplate.moc"
