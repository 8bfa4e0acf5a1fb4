// SPDX-License-Identifier: MIT
// Tests PlayerView: a fragmented MP4 like the recorder's loads and plays; a missing file says so.
#include "playerview.h"

#include <QLabel>
#include <QMediaPlayer>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class TestPlayerView : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_video;

private slots:
    void initTestCase()
    {
        const QString ffmpeg = QStandardPaths::findExecutable(QStringLiteral("ffmpeg"));
        if (ffmpeg.isEmpty())
            QSKIP("ffmpeg is not installed (scripts/setup-deps installs it)");
        m_video = m_dir.filePath(QStringLiteral("recording.mp4"));
        // Two seconds of test pattern, muxed as the recorder does: fragmented MP4, H.264.
        QProcess process;
        process.start(ffmpeg, {QStringLiteral("-loglevel"), QStringLiteral("error"), QStringLiteral("-f"),
                               QStringLiteral("lavfi"), QStringLiteral("-i"),
                               QStringLiteral("testsrc2=size=320x240:rate=15"), QStringLiteral("-t"), QStringLiteral("2"),
                               QStringLiteral("-c:v"), QStringLiteral("libx264"), QStringLiteral("-preset"),
                               QStringLiteral("ultrafast"), QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p"),
                               QStringLiteral("-movflags"),
                               QStringLiteral("+frag_keyframe+empty_moov+default_base_moof"), m_video});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
    }

    void playsARecording()
    {
        PlayerView view;
        view.resize(800, 480);
        view.show();
        CatalogQuery::Row row;
        row.path = m_video;
        row.durationSeconds = 2;
        row.isProtected = true;
        view.play(row);
        QVERIFY(view.player());
        QTRY_VERIFY_WITH_TIMEOUT(view.player()->duration() > 1500, 20000);
        QCOMPARE(view.player()->error(), QMediaPlayer::NoError);
        QCOMPARE(view.findChild<QPushButton *>(QStringLiteral("protectButton"))->text(), QStringLiteral("Unprotect"));
        view.stopPlayback();
    }

    void missingFileSaysSo()
    {
        PlayerView view;
        view.resize(800, 480);
        view.show();
        CatalogQuery::Row row;
        row.path = m_dir.filePath(QStringLiteral("gone.mp4"));
        view.play(row);
        auto *problem = view.findChild<QLabel *>(QStringLiteral("playerProblem"));
        QTRY_VERIFY_WITH_TIMEOUT(problem->isVisible(), 20000);
        QVERIFY(problem->text().startsWith(QStringLiteral("This recording cannot be played")));
    }
};

QTEST_MAIN(TestPlayerView)
#include "tst_playerview.moc"
