// SPDX-License-Identifier: MIT
// The time overlay read back from a recording: recorderd records the test pattern with [overlay] on,
// ffmpeg decodes two pictures two seconds apart, and each shows the text for its capture time.
#include "capture/bitmapfont.h"
#include "encode/timeoverlay.h"
#include "recorderdharness.h"

#include <QtTest>

namespace {

constexpr int kWidth = 640;
constexpr int kHeight = 360;
constexpr int kFps = 10;
constexpr int kSize = 27; // font scale 3
// A character cell whose mean luma differs from the expected rendering by more than this shows
// another character (a wrong digit differs by about 60; x264's loss at crf 18 is a few levels).
constexpr double kCellTolerance = 25;

TimeOverlay::Settings overlaySettings()
{
    TimeOverlay::Settings s;
    s.enabled = true;
    s.position = TimeOverlay::Position::TopRight;
    s.size = kSize;
    s.text = QStringLiteral("CAM 1");
    s.timeZone = QStringLiteral("Europe/Paris");
    return s;
}

QString sections()
{
    return QStringLiteral("[heartbeat]\ninterval=200ms\n"
                          "[camera]\nsource=testpattern\nwidth=%1\nheight=%2\nfps=%3\n"
                          "[encoder]\nencoder=libx264\ncrf=18\nkeyframe_interval=1s\nfragment_duration=1s\n"
                          "[storage]\nmin_free=0\n[recording]\nmode=continuous\nsegment_duration=1min\n"
                          "[overlay]\nenabled=true\nposition=top-right\nsize=%4\ntext=CAM 1\ntimezone=Europe/Paris\n")
        .arg(kWidth).arg(kHeight).arg(kFps).arg(kSize);
}

// The luma plane of picture `index` of `file`, decoded by the ffmpeg command line.
QByteArray decodeLuma(const QString &file, int index)
{
    QProcess ffmpeg;
    ffmpeg.start(QStringLiteral("ffmpeg"),
                 {QStringLiteral("-nostdin"), QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"), file,
                  QStringLiteral("-vf"), QStringLiteral("select=eq(n\\,%1)").arg(index), QStringLiteral("-vsync"),
                  QStringLiteral("0"), QStringLiteral("-frames:v"), QStringLiteral("1"), QStringLiteral("-f"),
                  QStringLiteral("rawvideo"), QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p"), QStringLiteral("-")});
    if (!ffmpeg.waitForFinished(60000) || ffmpeg.exitCode() != 0)
        return QByteArray();
    return ffmpeg.readAllStandardOutput().left(kWidth * kHeight);
}

// The largest, over the character cells of `text`, of the mean difference between the decoded
// picture's luma and the overlay's rendering of `text` at its place.
double worstCell(const TimeOverlay &overlay, const QByteArray &luma, const QByteArray &text)
{
    int width = 0;
    const QByteArray expected = overlay.render(text, &width);
    const int height = expected.size() / width;
    // The box as draw() places it for this text (box() follows the text composed last).
    const int margin = (height / 2) & ~1;
    const int left = (kWidth - margin - width) & ~1;
    const int top = margin;
    const int cellWidth = BitmapFont::cellWidth(kSize / BitmapFont::cellHeight(1));
    const int padding = cellWidth / 2;
    double worst = 0;
    for (int cell = -1; cell <= text.size(); ++cell) {
        // The padding on either side counts as a cell too: text that is not there shows there.
        const int x0 = cell < 0 ? 0 : padding + cell * cellWidth;
        const int x1 = cell < 0 ? padding : cell == text.size() ? width : x0 + cellWidth;
        qint64 sum = 0;
        for (int y = 0; y < height; ++y)
            for (int x = x0; x < x1; ++x)
                sum += qAbs(int(uchar(luma[(top + y) * kWidth + left + x])) - int(uchar(expected[y * width + x])));
        if (x1 > x0)
            worst = qMax(worst, double(sum) / double((x1 - x0) * height));
    }
    return worst;
}

} // namespace

class TstOverlayReadback : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("ffmpeg")).isEmpty())
            QSKIP("ffmpeg (Debian package ffmpeg) is not installed: nothing can decode the recording");
        QVERIFY2(QFile::exists(RecorderdHarness::program()), qPrintable(RecorderdHarness::program()));
    }

    void recordedPicturesShowTheirCaptureTime()
    {
        RecorderdHarness recorder(sections());
        recorder.start();
        QVERIFY(recorder.waitForHeartbeat([](const QJsonObject &beat) {
            return beat.value(QLatin1String("frames_captured")).toInteger() > 5 * kFps;
        }));
        recorder.stop();
        const QList<RecorderdHarness::CatalogRow> rows = recorder.catalogRows();
        QCOMPARE(rows.size(), 1);
        QVERIFY2(rows.first().frames > 4 * kFps, qPrintable(QString::number(rows.first().frames)));

        const TimeOverlay overlay(overlaySettings());
        QSet<QByteArray> shown;
        for (const int index : {5, 5 + 2 * kFps}) {
            const QByteArray luma = decodeLuma(rows.first().path, index);
            QCOMPARE(luma.size(), kWidth * kHeight);
            // The capture time of picture `index`: the file's first picture plus index / fps.
            const qint64 expectedUs = rows.first().startMs * 1000 + qint64(index) * 1'000'000 / kFps;
            QByteArray best;
            double bestError = 1e9;
            qint64 bestUs = 0;
            for (qint64 offset = -3; offset <= 3; ++offset) {
                const qint64 candidateUs = expectedUs + offset * 1'000'000;
                const QByteArray text = overlay.textAt(candidateUs);
                const double error = worstCell(overlay, luma, text);
                if (error < bestError) {
                    bestError = error;
                    best = text;
                    bestUs = candidateUs;
                }
            }
            QVERIFY2(bestError < kCellTolerance,
                     qPrintable(QStringLiteral("picture %1: no time within 3 s of %2 is shown (closest \"%3\", a "
                                               "character cell off by %4)")
                                    .arg(index).arg(QString::fromLatin1(overlay.textAt(expectedUs)),
                                                    QString::fromLatin1(best)).arg(bestError)));
            // The capture second, give or take the start time's rounding and a picture's lateness.
            QVERIFY2(qAbs(bestUs - expectedUs) <= 1'000'000,
                     qPrintable(QStringLiteral("picture %1 shows %2, expected %3")
                                    .arg(index).arg(QString::fromLatin1(best), QString::fromLatin1(overlay.textAt(expectedUs)))));
            // The comparison tells times apart: the same moment in UTC (a wrong zone) does not match.
            TimeOverlay::Settings utc = overlaySettings();
            utc.timeZone = QStringLiteral("UTC");
            const double wrongZone = worstCell(overlay, luma, TimeOverlay(utc).textAt(bestUs));
            // Relative to this picture's own match: a single differing digit can be as close as
            // 8 and 9 (one stroke, about 24 grey levels over its cell at 08:xx UTC against 09:xx in Paris).
            QVERIFY2(wrongZone > 3 * bestError && wrongZone > kCellTolerance / 2,
                     qPrintable(QStringLiteral("in UTC a character cell is off by %1, in the right zone by %2")
                                    .arg(wrongZone).arg(bestError)));
            qInfo("picture %d shows \"%s\" (worst character cell off by %.1f; in UTC %.1f)", index, best.constData(),
                  bestError, wrongZone);
            shown.insert(best);
        }
        QCOMPARE(shown.size(), 2); // two pictures two seconds apart show two different times
    }
};

QTEST_GUILESS_MAIN(TstOverlayReadback)
#include "tst_overlayreadback.moc"
