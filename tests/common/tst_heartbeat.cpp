// SPDX-License-Identifier: MIT
// Tests the heartbeat contract: round trip, every reader rejection, ages across clock steps,
// and a reader that never sees a partial file while the writer rewrites it 10,000 times.
#include "heartbeatreader.h"
#include "heartbeatwriter.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QJsonObject>
#include <QTest>
#include <QThread>

#include <atomic>
#include <sys/stat.h>

namespace {

// A directory on tmpfs when there is one: 10,000 fsyncs on a disk would make the test slow.
QString fastTempBase()
{
    return QFileInfo(QStringLiteral("/dev/shm")).isWritable() ? QStringLiteral("/dev/shm/tst_heartbeat-XXXXXX")
                                                              : QString();
}

Heartbeat sample()
{
    Heartbeat h;
    h.state = QStringLiteral("recording");
    h.uptimeSeconds = 12.5;
    h.version = QStringLiteral("0.1.0");
    h.recordingActive = true;
    h.currentFile = QStringLiteral("/var/lib/recorder/recordings/2026/11/26/recording_2026-11-26_103000.mp4");
    h.sessionElapsedSeconds = 42;
    h.sessionRemainingSeconds = 558;
    h.warning = QStringLiteral("2 minutes remaining");
    h.framesCaptured = 375;
    h.framesDropped = 2;
    h.fps = 29.97;
    h.bytesWritten = 123456789;
    h.diskFreeBytes = 5000000000;
    h.diskTotalBytes = 32000000000;
    h.errorCount = 1;
    h.lastError = QStringLiteral("camera timed out");
    h.restartCount = 3;
    h.camera = QStringLiteral("testpattern");
    h.encoder = QStringLiteral("libx264");
    h.catalog = QStringLiteral("degraded");
    h.catalogError = QStringLiteral("cannot open the catalog: disk full");
    h.gpio = QStringLiteral("unavailable");
    h.gpioError = QStringLiteral("line 17 of GPIO chip gpiochip0 is held by another program");
    h.audio = QStringLiteral("missing");
    h.audioLevelDbfs = -100;
    h.audioFramesDropped = 7;
    h.stateReason = QStringLiteral("continuous mode: recording from start-up");
    return h;
}

void writeRaw(const QString &path, const QByteArray &data, int mode = 0644)
{
    QFile::remove(path);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
    f.close();
    ::chmod(QFile::encodeName(path).constData(), static_cast<mode_t>(mode));
}

} // namespace

class TestHeartbeat : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir{fastTempBase()};

private slots:
    void roundTrip()
    {
        const QString path = m_dir.filePath("heartbeat.json");
        HeartbeatWriter writer(path, 1.0);
        QVERIFY(writer.write(sample()).isEmpty());

        const HeartbeatReader::Result r = HeartbeatReader::read(path);
        QVERIFY2(r.ok(), qPrintable(r.reason));
        const Heartbeat &h = r.heartbeat;
        QCOMPARE(h.schemaVersion, QStringLiteral("1.2"));
        QCOMPARE(h.sequence, qint64(1));
        QCOMPARE(h.pid, qint64(QCoreApplication::applicationPid()));
        QCOMPARE(h.written.bootId, ClockReading::currentBootId());
        QCOMPARE(h.state, QStringLiteral("recording"));
        QCOMPARE(h.currentFile, sample().currentFile);
        QCOMPARE(h.sessionRemainingSeconds, 558.0);
        QCOMPARE(h.framesCaptured, qint64(375));
        QCOMPARE(h.diskFreeBytes, qint64(5000000000));
        QCOMPARE(h.lastError, QStringLiteral("camera timed out"));
        QCOMPARE(h.encoder, QStringLiteral("libx264"));
        QCOMPARE(h.catalog, QStringLiteral("degraded"));
        QCOMPARE(h.catalogError, QStringLiteral("cannot open the catalog: disk full"));
        QCOMPARE(h.gpio, QStringLiteral("unavailable"));
        QCOMPARE(h.gpioError, QStringLiteral("line 17 of GPIO chip gpiochip0 is held by another program"));
        QCOMPARE(h.stateReason, QStringLiteral("continuous mode: recording from start-up"));
        QCOMPARE(h.audio, QStringLiteral("missing"));
        QCOMPARE(h.audioLevelDbfs, -100.0);
        QCOMPARE(h.audioFramesDropped, qint64(7));
        QVERIFY(h.extra.isEmpty());
        const double age = HeartbeatReader::ageSeconds(h);
        QVERIFY2(age >= 0 && age < 2, qPrintable(QString::number(age)));

        // The file is readable by other users (the exporter runs as another user) but not writable.
        QFileInfo info(path);
        QCOMPARE(info.permissions() & (QFile::WriteGroup | QFile::WriteOther), QFile::Permissions());
        QVERIFY(info.permissions() & QFile::ReadOther);

        QVERIFY(writer.write(sample()).isEmpty());
        QCOMPARE(HeartbeatReader::read(path).heartbeat.sequence, qint64(2));

        // A 1.0 document (no catalog fields) reads as a catalog that is fine.
        QJsonObject older = sample().toJson();
        for (const char *key : {"catalog", "catalog_error", "state_reason", "audio", "audio_level_dbfs",
                                "audio_frames_dropped"})
            older.remove(QLatin1String(key));
        older.insert(QStringLiteral("schema_version"), QStringLiteral("1.0"));
        older.insert(QStringLiteral("pid"), 42);
        older.insert(QStringLiteral("timestamp"), QStringLiteral("2026-11-30T04:00:00.000Z"));
        older.insert(QStringLiteral("boot_id"), ClockReading::currentBootId());
        older.insert(QStringLiteral("boottime_seconds"), 1.0);
        Heartbeat fromOlder;
        QCOMPARE(Heartbeat::fromJson(older, &fromOlder), QString());
        QCOMPARE(fromOlder.catalog, QStringLiteral("ok"));
        QCOMPARE(fromOlder.catalogError, QString());
        // Nor sound fields: the recorder had no sound.
        QCOMPARE(fromOlder.audio, QStringLiteral("off"));
        QVERIFY(std::isnan(fromOlder.audioLevelDbfs));
    }

    void nullSessionFieldsOutsideASession()
    {
        const QString path = m_dir.filePath("idle.json");
        Heartbeat idle;
        idle.state = QStringLiteral("ready");
        HeartbeatWriter writer(path, 1.0);
        QVERIFY(writer.write(idle).isEmpty());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
        QVERIFY(o.value("session_remaining_seconds").isNull());
        const HeartbeatReader::Result r = HeartbeatReader::read(path);
        QVERIFY(r.ok());
        QVERIFY(std::isnan(r.heartbeat.sessionRemainingSeconds));
    }

    void newerMinorFieldsAreKept()
    {
        QJsonObject o = sample().toJson();
        o["schema_version"] = "1.7";
        o["timestamp"] = "2026-11-26T10:30:00.000Z";
        o["boot_id"] = "x";
        o["boottime_seconds"] = 10.0;
        o["pid"] = 99;
        o["future_field"] = "hello";
        const QString path = m_dir.filePath("minor.json");
        writeRaw(path, QJsonDocument(o).toJson());
        const HeartbeatReader::Result r = HeartbeatReader::read(path);
        QVERIFY2(r.ok(), qPrintable(r.reason));
        QCOMPARE(r.heartbeat.extra.value("future_field").toString(), QStringLiteral("hello"));
    }

    void rejections_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("status");

        QJsonObject good = sample().toJson();
        good["schema_version"] = "1.0";
        good["timestamp"] = "2026-11-26T10:30:00.000Z";
        good["boot_id"] = "b";
        good["boottime_seconds"] = 5.0;
        good["pid"] = 42;
        auto with = [&](const char *key, const QJsonValue &value) {
            QJsonObject o = good;
            if (value.isUndefined())
                o.remove(QLatin1String(key));
            else
                o[QLatin1String(key)] = value;
            return QJsonDocument(o).toJson();
        };
        using S = JsonFileReader::Status;
        QTest::newRow("valid") << QJsonDocument(good).toJson() << 0644 << int(S::Ok);
        QTest::newRow("too large") << QByteArray(70 * 1024, ' ') << 0644 << int(S::TooLarge);
        QTest::newRow("group writable") << QJsonDocument(good).toJson() << 0664 << int(S::InsecurePermissions);
        QTest::newRow("world writable") << QJsonDocument(good).toJson() << 0646 << int(S::InsecurePermissions);
        QTest::newRow("empty") << QByteArray() << 0644 << int(S::InvalidJson);
        QTest::newRow("truncated") << QJsonDocument(good).toJson().left(40) << 0644 << int(S::InvalidJson);
        QTest::newRow("binary") << QByteArray("\x00\x01\xff\xfe", 4) << 0644 << int(S::InvalidJson);
        QTest::newRow("array") << QByteArray("[1,2]") << 0644 << int(S::InvalidJson);
        QTest::newRow("state not a string") << with("state", 3) << 0644 << int(S::WrongType);
        QTest::newRow("unknown state") << with("state", "dancing") << 0644 << int(S::WrongType);
        QTest::newRow("pid missing") << with("pid", QJsonValue::Undefined) << 0644 << int(S::WrongType);
        QTest::newRow("pid fractional") << with("pid", 1.5) << 0644 << int(S::WrongType);
        QTest::newRow("frames a string") << with("frames_captured", "many") << 0644 << int(S::WrongType);
        QTest::newRow("bad timestamp") << with("timestamp", "yesterday") << 0644 << int(S::WrongType);
        QTest::newRow("no schema") << with("schema_version", QJsonValue::Undefined) << 0644 << int(S::WrongType);
        QTest::newRow("newer major") << with("schema_version", "2.0") << 0644 << int(S::NewerSchema);
    }
    void rejections()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, mode);
        QFETCH(int, status);
        const QString path = m_dir.filePath("reject.json");
        writeRaw(path, content, mode);
        const HeartbeatReader::Result r = HeartbeatReader::read(path);
        QCOMPARE(int(r.status), status);
        QCOMPARE(r.reason.isEmpty(), status == int(JsonFileReader::Status::Ok));
        QVERIFY(!r.reason.contains('\n'));
    }

    void rejectsSymlinkDirectoryAndMissing()
    {
        const QString target = m_dir.filePath("target.json");
        HeartbeatWriter(target, 1).write(sample());
        const QString link = m_dir.filePath("link.json");
        QVERIFY(QFile::link(target, link));
        QCOMPARE(HeartbeatReader::read(link).status, JsonFileReader::Status::Symlink);
        QCOMPARE(HeartbeatReader::read(m_dir.path()).status, JsonFileReader::Status::NotRegular);
        QCOMPARE(HeartbeatReader::read(m_dir.filePath("absent.json")).status, JsonFileReader::Status::Missing);
    }

    void ageUsesBoottimeOnTheSameBoot()
    {
        Heartbeat h;
        h.written = ClockReading{QStringLiteral("boot-a"), 1000.0, QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC)};
        // Same boot, wall clock stepped a day forward or back: the age follows CLOCK_BOOTTIME.
        ClockReading later{QStringLiteral("boot-a"), 1012.5, h.written.wall.addDays(1)};
        QCOMPARE(HeartbeatReader::ageSeconds(h, later), 12.5);
        later.wall = h.written.wall.addDays(-1);
        QCOMPARE(HeartbeatReader::ageSeconds(h, later), 12.5);
        // Another boot: CLOCK_BOOTTIME restarted, so only the wall clock can tell.
        const ClockReading otherBoot{QStringLiteral("boot-b"), 3.0, h.written.wall.addSecs(90)};
        QCOMPARE(HeartbeatReader::ageSeconds(h, otherBoot), 90.0);
        // From the future on the same boot: a negative age, for the caller to judge.
        const ClockReading earlier{QStringLiteral("boot-a"), 990.0, h.written.wall};
        QCOMPARE(HeartbeatReader::ageSeconds(h, earlier), -10.0);
    }

    void readerNeverSeesAPartialFile()
    {
        const QString path = m_dir.filePath("hammer.json");
        HeartbeatWriter writer(path, 0.001);
        QVERIFY(writer.write(sample()).isEmpty());

        std::atomic<bool> done{false};
        std::atomic<int> reads{0};
        std::atomic<int> bad{0};
        QString firstBad;
        QThread *reader = QThread::create([&] {
            while (!done.load()) {
                const HeartbeatReader::Result r = HeartbeatReader::read(path);
                ++reads;
                if (!r.ok() && bad.fetch_add(1) == 0)
                    firstBad = r.reason;
            }
        });
        reader->start();
        Heartbeat h = sample();
        for (int i = 0; i < 10000; ++i) {
            h.framesCaptured = i;
            // Vary the size so a torn read would show as invalid JSON.
            h.lastError = QString(i % 97, QLatin1Char('x'));
            QVERIFY(writer.write(h).isEmpty());
        }
        done = true;
        reader->wait();
        delete reader;
        qInfo("reader made %d reads during 10000 writes", reads.load());
        QVERIFY(reads.load() > 100);
        QVERIFY2(bad.load() == 0, qPrintable(QStringLiteral("%1 bad reads, first: %2").arg(bad.load()).arg(firstBad)));
        // No temporary files are left behind.
        QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral(".hammer*")}, QDir::Hidden | QDir::Files).size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestHeartbeat)
#include "tst_heartbeat.moc"
