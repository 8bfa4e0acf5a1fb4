// SPDX-License-Identifier: MIT
// Tests the exporter's collectors through MetricsCache: the golden output for fixture inputs,
// promtool on every recorder state, bad inputs that must never fail a scrape, the cache period,
// and the catalog queries' plans (index seeks, never a table scan).
#include "catalogcollector.h"
#include "exporterfixture.h"
#include "heartbeatcollector.h"
#include "metricscache.h"
#include "offloadcollector.h"
#include "watchdogcollector.h"

#include <catalogschema.h>
#include <goldenfile.h>
#include <heartbeat.h>
#include <heartbeatfixture.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

#include <sys/stat.h>

namespace {

const QString kGoldenBoot = QStringLiteral("6a3f0d5e-0000-4000-8000-00000000901d");

QString dataDir()
{
    return qEnvironmentVariable("RECORDER_SOURCE_DIR") + QStringLiteral("/tests/exporter/data");
}

// The fixtures' "now": 2.5 s after the heartbeat, 7.5 s after the watchdog status.
ClockReading goldenNow()
{
    ClockReading now;
    now.bootId = kGoldenBoot;
    now.boottimeSeconds = 1002.5;
    now.wall = QDateTime::fromString(QStringLiteral("2026-11-26T10:30:02.500Z"), Qt::ISODateWithMs);
    return now;
}

bool copyFixture(const QString &name, const QString &to)
{
    QFile::remove(to);
    return QFile::copy(dataDir() + QLatin1Char('/') + name, to)
        && ::chmod(QFile::encodeName(to).constData(), 0644) == 0;
}

void writeRaw(const QString &path, const QByteArray &data, int mode = 0644)
{
    QFile::remove(path);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
    f.close();
    ::chmod(QFile::encodeName(path).constData(), mode_t(mode));
}

// The value of the sample `series` (name and labels as printed), or a null string when absent.
QString sample(const QByteArray &text, const QString &series)
{
    const QStringList lines = QString::fromUtf8(text).split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (line.startsWith(series + QLatin1Char(' ')))
            return line.mid(series.size() + 1);
    }
    return {};
}

// Runs `promtool check metrics`; returns its exit code and fills `output`.
int promtool(const QByteArray &text, QString *output)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("promtool"), {QStringLiteral("check"), QStringLiteral("metrics")});
    if (!p.waitForStarted(10000))
        return -1;
    p.write(text);
    p.closeWriteChannel();
    p.waitForFinished(30000);
    *output = QString::fromUtf8(p.readAll());
    return p.exitCode();
}

struct Inputs {
    QString heartbeat;
    QString watchdog;
    QString catalog;
    QString offload;             // recorder-offload's status.json
    bool offloadEnabled = false; // [offload] enabled
};

std::unique_ptr<MetricsCache> makeCache(const Inputs &in, double cacheSeconds = 0,
                                        HeartbeatCollector::Clock clock = &ClockReading::now)
{
    std::vector<std::unique_ptr<Collector>> collectors;
    collectors.push_back(std::make_unique<HeartbeatCollector>(in.heartbeat, 30, clock));
    collectors.push_back(std::make_unique<WatchdogCollector>(in.watchdog, 10, clock));
    collectors.push_back(std::make_unique<CatalogCollector>(in.catalog, in.offloadEnabled, clock));
    if (in.offloadEnabled)
        collectors.push_back(std::make_unique<OffloadCollector>(in.offload, clock));
    return std::make_unique<MetricsCache>(std::move(collectors), cacheSeconds, QStringLiteral("test"));
}

// An upload queue relative to `nowMs`: one row in each state, the oldest waiting one (pending)
// queued two hours ago, an uploaded one queued before it (which must not count).
QList<ExporterFixture::Upload> typicalQueue(qint64 nowMs)
{
    return {{41, QStringLiteral("uploaded"), nowMs - 3 * 3600000},
            {42, QStringLiteral("pending"), nowMs - 2 * 3600000},
            {43, QStringLiteral("failed"), nowMs - 3600000},
            {44, QStringLiteral("uploading"), nowMs - 600000}};
}

const QStringList &offloadFamilies()
{
    static const QStringList names{
        QStringLiteral("recorder_upload_queue_size"),    QStringLiteral("recorder_upload_oldest_pending_seconds"),
        QStringLiteral("recorder_offload_lost_total"),   QStringLiteral("recorder_upload_success_rate"),
        QStringLiteral("recorder_uploads_total"),        QStringLiteral("recorder_upload_bytes_total"),
        QStringLiteral("recorder_internet_connected"),   QStringLiteral("recorder_offload_up"),
    };
    return names;
}

// Whether any sample of family `name` is in `text`.
bool hasFamily(const QByteArray &text, const QString &name)
{
    return QString::fromUtf8(text).contains(QRegularExpression(
        QStringLiteral("^%1[ {]").arg(QRegularExpression::escape(name)), QRegularExpression::MultilineOption));
}

} // namespace

class TestMetricsCache : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void goldenOutput();
    void promtoolCleanInEveryState_data();
    void promtoolCleanInEveryState();
    void badHeartbeatNeverFailsTheScrape_data();
    void badHeartbeatNeverFailsTheScrape();
    void badCatalogNeverFailsTheScrape_data();
    void badCatalogNeverFailsTheScrape();
    void staleInputsSayDown_data();
    void staleInputsSayDown();
    void catalogDegradedFromHeartbeat_data();
    void catalogDegradedFromHeartbeat();
    void gpioUnavailableFromHeartbeat_data();
    void gpioUnavailableFromHeartbeat();
    void audioFromHeartbeat_data();
    void audioFromHeartbeat();
    void impossibleValuesAreLeftOut_data();
    void impossibleValuesAreLeftOut();
    void labelStringsAreBoundedAndClean_data();
    void labelStringsAreBoundedAndClean();
    void negativeWatchdogCountIsLeftOut();
    void resultsAreCachedForThePeriod();
    void workerRefreshesEveryPeriod();
    void catalogQueriesNeverScanRecordings();
    void offloadMetricsOnlyWhenEnabled_data();
    void offloadMetricsOnlyWhenEnabled();
    void uploadQueueFigures_data();
    void uploadQueueFigures();
    void offloadStatusFigures_data();
    void offloadStatusFigures();
    void promtoolCleanWithOffload();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    Inputs m_in;
};

void TestMetricsCache::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_in = {m_dir->filePath(QStringLiteral("heartbeat.json")), m_dir->filePath(QStringLiteral("watchdog.json")),
            m_dir->filePath(QStringLiteral("catalog.db")), m_dir->filePath(QStringLiteral("status.json")), false};
}

// RECORDER_UPDATE_GOLDEN=1 rewrites the golden file instead of comparing; review the diff.
void TestMetricsCache::goldenOutput()
{
    QVERIFY(copyFixture(QStringLiteral("heartbeat.json"), m_in.heartbeat));
    QVERIFY(copyFixture(QStringLiteral("watchdog.json"), m_in.watchdog));
    QCOMPARE(ExporterFixture::createCatalog(m_in.catalog, 60), QString());
    m_in.offloadEnabled = true;
    QCOMPARE(ExporterFixture::addUploadQueue(m_in.catalog, typicalQueue(goldenNow().wall.toMSecsSinceEpoch()), 2),
             QString());
    QCOMPARE(ExporterFixture::writeOffloadStatus(m_in.offload, ExporterFixture::offloadStatus(goldenNow().wall.addSecs(-5))),
             QString());

    const QByteArray text = makeCache(m_in, 1, &goldenNow)->text();
    const GoldenFile::Result golden = GoldenFile::check(text, dataDir() + QStringLiteral("/golden.prom"));
    if (golden.outcome == GoldenFile::Outcome::Rewritten)
        QSKIP(qPrintable(golden.message));
    QVERIFY2(golden.outcome == GoldenFile::Outcome::Matches, qPrintable(golden.message));
}

void TestMetricsCache::promtoolCleanInEveryState_data()
{
    QTest::addColumn<QString>("state");
    QTest::addColumn<double>("age");
    for (const QString &state : Heartbeat::states()) {
        QTest::addRow("%s fresh", qPrintable(state)) << state << 0.0;
        QTest::addRow("%s stale", qPrintable(state)) << state << 120.0;
    }
    QTest::addRow("no inputs") << QString() << 0.0;
}

void TestMetricsCache::promtoolCleanInEveryState()
{
    QFETCH(QString, state);
    QFETCH(double, age);
    if (QStandardPaths::findExecutable(QStringLiteral("promtool")).isEmpty())
        QSKIP("promtool is not installed (Debian package prometheus)");
    if (!state.isEmpty()) {
        QCOMPARE(ExporterFixture::writeHeartbeat(m_in.heartbeat, state, age), QString());
        QCOMPARE(ExporterFixture::writeWatchdogStatus(m_in.watchdog, age), QString());
        QCOMPARE(ExporterFixture::createCatalog(m_in.catalog, 30), QString());
    }
    const QByteArray text = makeCache(m_in)->text();
    QString output;
    QVERIFY2(promtool(text, &output) == 0, qPrintable(output + QString::fromUtf8(text)));
    const bool fresh = !state.isEmpty() && age == 0;
    QCOMPARE(sample(text, QStringLiteral("recorder_up")), fresh ? QStringLiteral("1") : QStringLiteral("0"));
    for (const QString &s : Heartbeat::states()) {
        QCOMPARE(sample(text, QStringLiteral("recorder_state{state=\"%1\"}").arg(s)),
                 fresh && s == state ? QStringLiteral("1") : QStringLiteral("0"));
    }
}

void TestMetricsCache::badHeartbeatNeverFailsTheScrape_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("missing") << "missing";
    QTest::newRow("empty") << "empty";
    QTest::newRow("garbage") << "garbage";
    QTest::newRow("10 MB") << "huge";
    QTest::newRow("symlink") << "symlink";
    QTest::newRow("directory") << "directory";
    QTest::newRow("world-writable") << "writable";
    QTest::newRow("newer schema") << "newer";
    QTest::newRow("unknown state") << "badstate";
}

void TestMetricsCache::badHeartbeatNeverFailsTheScrape()
{
    QFETCH(QString, kind);
    const QString real = m_dir->filePath(QStringLiteral("real.json"));
    QCOMPARE(ExporterFixture::writeHeartbeat(real, QStringLiteral("recording")), QString());
    QFile realFile(real);
    QVERIFY(realFile.open(QIODevice::ReadOnly));
    const QByteArray valid = realFile.readAll();

    if (kind == QLatin1String("empty"))
        writeRaw(m_in.heartbeat, QByteArray());
    else if (kind == QLatin1String("garbage"))
        writeRaw(m_in.heartbeat, QByteArray("\x00\xff{not json", 12));
    else if (kind == QLatin1String("huge"))
        writeRaw(m_in.heartbeat, QByteArray(10 * 1024 * 1024, ' ') + valid);
    else if (kind == QLatin1String("symlink"))
        QVERIFY(QFile::link(real, m_in.heartbeat));
    else if (kind == QLatin1String("directory"))
        QVERIFY(QDir().mkdir(m_in.heartbeat));
    else if (kind == QLatin1String("writable"))
        writeRaw(m_in.heartbeat, valid, 0666);
    else if (kind == QLatin1String("newer"))
        writeRaw(m_in.heartbeat, QByteArray(valid).replace("\"1.0\"", "\"2.0\""));
    else if (kind == QLatin1String("badstate"))
        writeRaw(m_in.heartbeat, QByteArray(valid).replace("\"recording\"", "\"dancing\""));
    QCOMPARE(ExporterFixture::createCatalog(m_in.catalog, 5), QString());

    const QByteArray text = makeCache(m_in)->text();
    QCOMPARE(sample(text, QStringLiteral("recorder_up")), QStringLiteral("0"));
    QCOMPARE(sample(text, QStringLiteral("recorder_recording_active")), QStringLiteral("0"));
    QCOMPARE(sample(text, QStringLiteral("recorder_state{state=\"recording\"}")), QStringLiteral("0"));
    QVERIFY(sample(text, QStringLiteral("recorder_uptime_seconds")).isNull());
    QVERIFY(sample(text, QStringLiteral("recorder_heartbeat_age_seconds")).isNull());
    QCOMPARE(sample(text, QStringLiteral("recorder_exporter_scrape_errors_total{source=\"heartbeat\"}")),
             QStringLiteral("1"));
    // The other inputs are still reported.
    QCOMPARE(sample(text, QStringLiteral("recorder_recordings{state=\"complete\"}")), QStringLiteral("3"));
}

void TestMetricsCache::badCatalogNeverFailsTheScrape_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("missing") << "missing";
    QTest::newRow("corrupt") << "corrupt";
    QTest::newRow("empty file") << "empty";
    QTest::newRow("locked") << "locked";
    QTest::newRow("newer schema") << "newer";
}

void TestMetricsCache::badCatalogNeverFailsTheScrape()
{
    QFETCH(QString, kind);
    QCOMPARE(ExporterFixture::writeHeartbeat(m_in.heartbeat, QStringLiteral("recording")), QString());
    if (kind == QLatin1String("corrupt"))
        writeRaw(m_in.catalog, QByteArray(4096, 'x'));
    else if (kind == QLatin1String("empty"))
        writeRaw(m_in.catalog, QByteArray());
    else if (kind != QLatin1String("missing"))
        QCOMPARE(ExporterFixture::createCatalog(m_in.catalog, 5), QString());

    const QString writer = QStringLiteral("locker");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), writer);
        QSqlQuery q(db);
        if (kind == QLatin1String("locked") || kind == QLatin1String("newer")) {
            db.setDatabaseName(m_in.catalog);
            QVERIFY(db.open());
            q = QSqlQuery(db);
        }
        if (kind == QLatin1String("locked")) {
            // Out of WAL mode a writer's exclusive transaction blocks readers: the worst case.
            QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode=DELETE")));
            QVERIFY(q.exec(QStringLiteral("BEGIN EXCLUSIVE")));
            QVERIFY(q.exec(QStringLiteral("UPDATE counters SET value = value + 1")));
        } else if (kind == QLatin1String("newer")) {
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = %1").arg(CatalogSchema::kVersion + 1)));
        }

        const QByteArray text = makeCache(m_in)->text();
        QCOMPARE(sample(text, QStringLiteral("recorder_up")), QStringLiteral("1"));
        QVERIFY(sample(text, QStringLiteral("recorder_recordings{state=\"complete\"}")).isNull());
        QVERIFY(sample(text, QStringLiteral("recorder_retention_deleted_total")).isNull());
        QCOMPARE(sample(text, QStringLiteral("recorder_exporter_scrape_errors_total{source=\"catalog\"}")),
                 QStringLiteral("1"));
        QCOMPARE(sample(text, QStringLiteral("recorder_exporter_scrape_errors_total{source=\"heartbeat\"}")),
                 QStringLiteral("0"));
        if (db.isOpen()) {
            q.exec(QStringLiteral("ROLLBACK"));
            q.finish();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(writer);
}

void TestMetricsCache::staleInputsSayDown_data()
{
    QTest::addColumn<double>("heartbeatAge");
    QTest::addColumn<double>("watchdogAge");
    QTest::addColumn<bool>("recorderUp");
    QTest::addColumn<bool>("watchdogUp");
    QTest::newRow("both fresh") << 1.0 << 1.0 << true << true;
    QTest::newRow("heartbeat at the timeout") << 29.0 << 1.0 << true << true;
    QTest::newRow("heartbeat stale") << 31.0 << 1.0 << false << true;
    QTest::newRow("heartbeat from the future") << -60.0 << 1.0 << false << true;
    QTest::newRow("watchdog stale") << 1.0 << 31.0 << true << false;
}

void TestMetricsCache::staleInputsSayDown()
{
    QFETCH(double, heartbeatAge);
    QFETCH(double, watchdogAge);
    QFETCH(bool, recorderUp);
    QFETCH(bool, watchdogUp);
    QCOMPARE(ExporterFixture::writeHeartbeat(m_in.heartbeat, QStringLiteral("recording"), heartbeatAge), QString());
    QCOMPARE(ExporterFixture::writeWatchdogStatus(m_in.watchdog, watchdogAge), QString());
    const QByteArray text = makeCache(m_in)->text();
    QCOMPARE(sample(text, QStringLiteral("recorder_up")), recorderUp ? QStringLiteral("1") : QStringLiteral("0"));
    QCOMPARE(sample(text, QStringLiteral("recorder_recording_active")),
             recorderUp ? QStringLiteral("1") : QStringLiteral("0"));
    QCOMPARE(sample(text, QStringLiteral("recorder_watchdog_up")), watchdogUp ? QStringLiteral("1") : QStringLiteral("0"));
    // Stale is not unreadable: no scrape error, and the last reported totals stay.
    QCOMPARE(sample(text, QStringLiteral("recorder_exporter_scrape_errors_total{source=\"heartbeat\"}")),
             QStringLiteral("0"));
    QCOMPARE(sample(text, QStringLiteral("recorder_frames_captured_total")), QStringLiteral("108000"));
    const double age = sample(text, QStringLiteral("recorder_heartbeat_age_seconds")).toDouble();
    QVERIFY2(qAbs(age - heartbeatAge) < 5, qPrintable(QString::number(age)));
}

void TestMetricsCache::catalogDegradedFromHeartbeat_data()
{
    QTest::addColumn<QString>("schema");
    QTest::addColumn<QString>("catalog");
    QTest::addColumn<double>("age");
    QTest::addColumn<QString>("expected"); // null: left out
    QTest::newRow("1.0 has no catalog field: ok") << "1.0" << QString() << 0.0 << "0";
    QTest::newRow("1.1 ok") << "1.1" << "ok" << 0.0 << "0";
    QTest::newRow("1.1 degraded") << "1.1" << "degraded" << 0.0 << "1";
    // Like the other "last reported" values: a dead recorder's last word stays (RecorderDown says the rest).
    QTest::newRow("1.1 degraded, stale") << "1.1" << "degraded" << 120.0 << "1";
    QTest::newRow("unreadable heartbeat") << QString() << QString() << 0.0 << QString();
}

void TestMetricsCache::catalogDegradedFromHeartbeat()
{
    QFETCH(QString, schema);
    QFETCH(QString, catalog);
    QFETCH(double, age);
    QFETCH(QString, expected);
    if (schema.isNull()) {
        writeRaw(m_in.heartbeat, QByteArray("{not json"));
    } else {
        HeartbeatFixture fixture = HeartbeatFixture::typical().schemaVersion(schema).age(age);
        QJsonObject json = fixture.json();
        if (catalog.isNull()) {
            // A 1.0 writer did not know these fields.
            for (const char *key : {"state_reason", "catalog", "catalog_error"})
                json.remove(QLatin1String(key));
        } else {
            json.insert(QStringLiteral("catalog"), catalog);
            json.insert(QStringLiteral("catalog_error"),
                        catalog == QLatin1String("degraded") ? QStringLiteral("database or disk is full") : QString());
        }
        writeRaw(m_in.heartbeat, QJsonDocument(json).toJson());
    }
    const QByteArray text = makeCache(m_in)->text();
    QCOMPARE(sample(text, QStringLiteral("recorder_catalog_degraded")), expected);
    // The reason is words, not a label: it must never become a series of its own.
    QVERIFY(!text.contains("disk is full"));
}

void TestMetricsCache::gpioUnavailableFromHeartbeat_data()
{
    QTest::addColumn<QString>("gpio"); // null: a 1.1 heartbeat without the field
    QTest::addColumn<QString>("expected");
    QTest::newRow("1.1 has no gpio field: 0") << QString() << "0";
    QTest::newRow("off") << "off" << "0";
    QTest::newRow("ok") << "ok" << "0";
    QTest::newRow("unavailable") << "unavailable" << "1";
}

void TestMetricsCache::gpioUnavailableFromHeartbeat()
{
    QFETCH(QString, gpio);
    QFETCH(QString, expected);
    QJsonObject json = HeartbeatFixture::typical().json();
    json.remove(QStringLiteral("gpio"));
    json.remove(QStringLiteral("gpio_error"));
    if (!gpio.isNull()) {
        json.insert(QStringLiteral("gpio"), gpio);
        json.insert(QStringLiteral("gpio_error"), gpio == QLatin1String("unavailable")
                                                      ? QStringLiteral("line 17 of GPIO chip gpiochip0 is held by another program")
                                                      : QString());
    }
    writeRaw(m_in.heartbeat, QJsonDocument(json).toJson());
    const QByteArray text = makeCache(m_in)->text();
    QCOMPARE(sample(text, QStringLiteral("recorder_gpio_unavailable")), expected);
    QVERIFY(!text.contains("line 17 of GPIO chip")); // words, never a label
}

void TestMetricsCache::audioFromHeartbeat_data()
{
    QTest::addColumn<QString>("audio");       // null: a 1.1 heartbeat without the sound fields
    QTest::addColumn<double>("level");        // NaN: null in the heartbeat
    QTest::addColumn<QString>("state");       // the recorder_audio_state series that is 1
    QTest::addColumn<QString>("levelSample"); // null: left out
    const double none = std::nan("");
    QTest::newRow("1.1: off") << QString() << none << "off" << QString();
    QTest::newRow("off") << "off" << none << "off" << QString();
    QTest::newRow("ok") << "ok" << -18.5 << "ok" << "-18.5";
    QTest::newRow("missing") << "missing" << -100.0 << "missing" << "-100";
}

void TestMetricsCache::audioFromHeartbeat()
{
    QFETCH(QString, audio);
    QFETCH(double, level);
    QFETCH(QString, state);
    QFETCH(QString, levelSample);
    QJsonObject json = HeartbeatFixture::typical().json();
    if (!audio.isNull()) {
        json.insert(QStringLiteral("audio"), audio);
        json.insert(QStringLiteral("audio_level_dbfs"), std::isnan(level) ? QJsonValue() : QJsonValue(level));
        json.insert(QStringLiteral("audio_frames_dropped"), 12);
    }
    writeRaw(m_in.heartbeat, QJsonDocument(json).toJson());
    const QByteArray text = makeCache(m_in)->text();
    for (const char *name : {"off", "ok", "missing"})
        QCOMPARE(sample(text, QStringLiteral("recorder_audio_state{state=\"%1\"}").arg(QLatin1String(name))),
                 state == QLatin1String(name) ? QStringLiteral("1") : QStringLiteral("0"));
    QCOMPARE(sample(text, QStringLiteral("recorder_audio_level_dbfs")), levelSample);
    QCOMPARE(sample(text, QStringLiteral("recorder_audio_frames_dropped_total")),
             audio.isNull() ? QStringLiteral("0") : QStringLiteral("12"));
    if (QStandardPaths::findExecutable(QStringLiteral("promtool")).isEmpty())
        QSKIP("promtool is not installed (Debian package prometheus); the values were checked");
    QString lint;
    QVERIFY2(promtool(text, &lint) == 0, qPrintable(lint));
}

void TestMetricsCache::impossibleValuesAreLeftOut_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<double>("value");
    QTest::addColumn<QStringList>("absent"); // series left out; all others stay
    const QStringList disk{QStringLiteral("recorder_disk_free_bytes"), QStringLiteral("recorder_disk_usage_ratio")};
    QTest::newRow("negative free bytes") << "disk_free_bytes" << -5.0 << disk;
    QTest::newRow("negative size") << "disk_total_bytes" << -1.0
                                   << QStringList{QStringLiteral("recorder_disk_size_bytes"),
                                                  QStringLiteral("recorder_disk_usage_ratio")};
    QTest::newRow("negative fps") << "fps" << -3.0 << QStringList{QStringLiteral("recorder_fps")};
    QTest::newRow("huge fps") << "fps" << 1e300 << QStringList{QStringLiteral("recorder_fps")};
    QTest::newRow("negative uptime") << "uptime_seconds" << -1.0
                                     << QStringList{QStringLiteral("recorder_uptime_seconds")};
    QTest::newRow("huge uptime") << "uptime_seconds" << 1e300
                                 << QStringList{QStringLiteral("recorder_uptime_seconds")};
    QTest::newRow("negative remaining") << "session_remaining_seconds" << -10.0
                                        << QStringList{QStringLiteral("recorder_session_remaining_seconds")};
    QTest::newRow("valid") << "fps" << 29.97 << QStringList();
}

void TestMetricsCache::impossibleValuesAreLeftOut()
{
    QFETCH(QString, field);
    QFETCH(double, value);
    QFETCH(QStringList, absent);
    QJsonObject json = HeartbeatFixture::typical().json();
    json.insert(QStringLiteral("session_remaining_seconds"), 600);
    json.insert(field, value);
    writeRaw(m_in.heartbeat, QJsonDocument(json).toJson());
    const QByteArray text = makeCache(m_in, 0, [] { return HeartbeatFixture::agedNow(0); })->text();
    QCOMPARE(sample(text, QStringLiteral("recorder_up")), QStringLiteral("1"));
    const QStringList gauges{QStringLiteral("recorder_disk_free_bytes"), QStringLiteral("recorder_disk_size_bytes"),
                             QStringLiteral("recorder_disk_usage_ratio"), QStringLiteral("recorder_fps"),
                             QStringLiteral("recorder_uptime_seconds"),
                             QStringLiteral("recorder_session_remaining_seconds")};
    for (const QString &gauge : gauges) {
        const QString got = sample(text, gauge);
        QVERIFY2(got.isNull() == absent.contains(gauge), qPrintable(gauge + QStringLiteral(" = ") + got));
        QVERIFY2(!got.startsWith(QLatin1Char('-')), qPrintable(gauge + QStringLiteral(" = ") + got));
    }
    // The rest of the heartbeat is still reported, and the input is not counted as unreadable.
    QVERIFY(!sample(text, QStringLiteral("recorder_frames_captured_total")).isNull());
    QCOMPARE(sample(text, QStringLiteral("recorder_exporter_scrape_errors_total{source=\"heartbeat\"}")),
             QStringLiteral("0"));
}

void TestMetricsCache::labelStringsAreBoundedAndClean_data()
{
    QTest::addColumn<QString>("encoder");
    QTest::addColumn<QString>("label"); // as printed between the quotes
    QTest::newRow("plain") << "libx264" << "libx264";
    QTest::newRow("30 kB") << QString(30000, QLatin1Char('x')) << QString(127, QLatin1Char('x')) + QChar(0x2026);
    QTest::newRow("NUL and controls") << QStringLiteral("a%1b\x01" "c\x7f").arg(QChar(0))
                                      << QStringLiteral("a\uFFFDb\uFFFDc\uFFFD");
    QTest::newRow("line end") << "a\nb" << QStringLiteral("a\uFFFDb");
    QTest::newRow("quote and backslash escaped") << "a\"b\\" << "a\\\"b\\\\";
    QTest::newRow("lone surrogate") << QString(QChar(0xd800)) + QStringLiteral("z") << QStringLiteral("\uFFFDz");
    // Cut by characters, never inside one: 200 two-byte letters keep 127 whole ones.
    QTest::newRow("multi-byte") << QString(200, QChar(0xe9)) << QString(127, QChar(0xe9)) + QChar(0x2026);
}

void TestMetricsCache::labelStringsAreBoundedAndClean()
{
    QFETCH(QString, encoder);
    QFETCH(QString, label);
    QJsonObject json = HeartbeatFixture::typical().json();
    json.insert(QStringLiteral("encoder"), encoder);
    writeRaw(m_in.heartbeat, QJsonDocument(json).toJson());
    const QByteArray text = makeCache(m_in, 0, [] { return HeartbeatFixture::agedNow(0); })->text();
    QVERIFY2(!text.contains('\0'), "a raw NUL in the metrics text");
    QVERIFY(QString::fromUtf8(text).toUtf8() == text); // valid UTF-8
    const QString wanted = QStringLiteral("encoder=\"%1\"").arg(label);
    QVERIFY2(QString::fromUtf8(text).contains(wanted), qPrintable(wanted));
    if (QStandardPaths::findExecutable(QStringLiteral("promtool")).isEmpty())
        return;
    QString output;
    QVERIFY2(promtool(text, &output) == 0, qPrintable(output));
}

void TestMetricsCache::negativeWatchdogCountIsLeftOut()
{
    QCOMPARE(ExporterFixture::writeWatchdogStatus(m_in.watchdog), QString());
    QFile file(m_in.watchdog);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    QVERIFY(json.contains(QLatin1String("restarts_in_window")));
    json.insert(QStringLiteral("restarts_in_window"), -4);
    json.insert(QStringLiteral("restarts_total"), -2);
    writeRaw(m_in.watchdog, QJsonDocument(json).toJson());
    const QByteArray text = makeCache(m_in)->text();
    QCOMPARE(sample(text, QStringLiteral("recorder_watchdog_up")), QStringLiteral("1"));
    QVERIFY(sample(text, QStringLiteral("recorder_watchdog_restarts_in_window")).isNull());
    QCOMPARE(sample(text, QStringLiteral("recorder_watchdog_restarts_total")), QStringLiteral("0"));
}

void TestMetricsCache::resultsAreCachedForThePeriod()
{
    QCOMPARE(ExporterFixture::writeHeartbeat(m_in.heartbeat, QStringLiteral("recording")), QString());
    auto cached = makeCache(m_in, 60);
    auto uncached = makeCache(m_in, 0);
    QCOMPARE(sample(cached->text(), QStringLiteral("recorder_up")), QStringLiteral("1"));
    QCOMPARE(sample(uncached->text(), QStringLiteral("recorder_up")), QStringLiteral("1"));
    QVERIFY(QFile::remove(m_in.heartbeat));
    QCOMPARE(sample(cached->text(), QStringLiteral("recorder_up")), QStringLiteral("1"));
    QCOMPARE(sample(uncached->text(), QStringLiteral("recorder_up")), QStringLiteral("0"));
    // Errors count collections, not scrapes served from the cache.
    QCOMPARE(sample(uncached->text(), QStringLiteral("recorder_exporter_scrape_errors_total{source=\"heartbeat\"}")),
             QStringLiteral("2"));
}

void TestMetricsCache::workerRefreshesEveryPeriod()
{
    QCOMPARE(ExporterFixture::writeHeartbeat(m_in.heartbeat, QStringLiteral("recording")), QString());
    auto cache = makeCache(m_in, 0.1);
    QCOMPARE(sample(cache->text(), QStringLiteral("recorder_up")), QStringLiteral("1"));
    QVERIFY(QFile::remove(m_in.heartbeat));
    // Nobody asks for a collection: the worker notices on its own within a few periods.
    QTRY_COMPARE_WITH_TIMEOUT(sample(cache->text(), QStringLiteral("recorder_up")), QStringLiteral("0"), 10000);
    QCOMPARE(ExporterFixture::writeHeartbeat(m_in.heartbeat, QStringLiteral("error")), QString());
    QTRY_COMPARE_WITH_TIMEOUT(sample(cache->text(), QStringLiteral("recorder_state{state=\"error\"}")),
                              QStringLiteral("1"), 10000);
}

void TestMetricsCache::catalogQueriesNeverScanRecordings()
{
    QCOMPARE(ExporterFixture::createCatalog(m_in.catalog, 50), QString());
    QCOMPARE(ExporterFixture::addUploadQueue(m_in.catalog, typicalQueue(QDateTime::currentMSecsSinceEpoch()), 0),
             QString());
    const QString connection = QStringLiteral("plans");
    {
        QSqlDatabase db;
        QCOMPARE(CatalogSchema::open(m_in.catalog, connection, true, &db), QString());
        QSqlQuery q(db);
        for (const QString &statement : CatalogCollector::statements()) {
            QVERIFY2(q.exec(QStringLiteral("EXPLAIN QUERY PLAN ") + statement), qPrintable(statement));
            QStringList plan;
            while (q.next())
                plan << q.value(3).toString();
            const QString joined = plan.join(QLatin1String(" | "));
            // Nor the upload queue: its uploaded rows only grow.
            QVERIFY2(!joined.contains(QRegularExpression(QStringLiteral("SCAN (recordings|uploads)(?! USING)"))),
                     qPrintable(statement + QStringLiteral(" → ") + joined));
            QVERIFY2(!joined.contains(QRegularExpression(QStringLiteral("SCAN (recordings|uploads) USING"))),
                     qPrintable(statement + QStringLiteral(" → ") + joined));
        }
        q.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
}

void TestMetricsCache::offloadMetricsOnlyWhenEnabled_data()
{
    QTest::addColumn<bool>("enabled");
    QTest::addColumn<bool>("queue");
    QTest::addColumn<QStringList>("present");
    const QStringList fromStatus{QStringLiteral("recorder_upload_success_rate"), QStringLiteral("recorder_uploads_total"),
                                 QStringLiteral("recorder_upload_bytes_total"),
                                 QStringLiteral("recorder_internet_connected"), QStringLiteral("recorder_offload_up")};
    // Rows already queued stay when offload is turned off: they must not show then.
    QTest::addRow("disabled, queue and status present") << false << true << QStringList();
    QTest::addRow("enabled") << true << true << offloadFamilies();
    // A catalog from before offload (schema 1): the queue's families are absent, not an error.
    QTest::addRow("enabled, catalog without queue") << true << false << fromStatus;
}

void TestMetricsCache::offloadMetricsOnlyWhenEnabled()
{
    QFETCH(bool, enabled);
    QFETCH(bool, queue);
    QFETCH(QStringList, present);
    QCOMPARE(ExporterFixture::createCatalog(m_in.catalog, 60), QString());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QCOMPARE(queue ? ExporterFixture::addUploadQueue(m_in.catalog, typicalQueue(now), 1)
                   : ExporterFixture::dropUploadQueue(m_in.catalog),
             QString());
    QCOMPARE(ExporterFixture::writeOffloadStatus(m_in.offload,
                                                 ExporterFixture::offloadStatus(QDateTime::currentDateTimeUtc())),
             QString());
    m_in.offloadEnabled = enabled;

    const QByteArray text = makeCache(m_in)->text();
    for (const QString &name : offloadFamilies())
        QVERIFY2(hasFamily(text, name) == present.contains(name), qPrintable(name + QLatin1Char('\n') + text));
    QCOMPARE(sample(text, QStringLiteral("recorder_exporter_scrape_errors_total{source=\"catalog\"}")),
             QStringLiteral("0"));
    QCOMPARE(sample(text, QStringLiteral("recorder_exporter_scrape_errors_total{source=\"offload\"}")),
             enabled ? QStringLiteral("0") : QString());
}

void TestMetricsCache::uploadQueueFigures_data()
{
    QTest::addColumn<bool>("rows");
    QTest::addColumn<QString>("size");
    QTest::addColumn<double>("oldest");
    // pending, failed and uploading count; uploaded does not, though it was queued first.
    QTest::addRow("one in each state") << true << QStringLiteral("3") << 7200.0;
    QTest::addRow("empty queue") << false << QStringLiteral("0") << 0.0;
}

void TestMetricsCache::uploadQueueFigures()
{
    QFETCH(bool, rows);
    QFETCH(QString, size);
    QFETCH(double, oldest);
    QCOMPARE(ExporterFixture::createCatalog(m_in.catalog, 60), QString());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QCOMPARE(ExporterFixture::addUploadQueue(m_in.catalog, rows ? typicalQueue(now) : QList<ExporterFixture::Upload>{}, 4),
             QString());
    m_in.offloadEnabled = true;

    const QByteArray text = makeCache(m_in)->text();
    QCOMPARE(sample(text, QStringLiteral("recorder_upload_queue_size")), size);
    const double age = sample(text, QStringLiteral("recorder_upload_oldest_pending_seconds")).toDouble();
    QVERIFY2(age >= oldest && age < oldest + 60, qPrintable(QString::number(age)));
    QCOMPARE(sample(text, QStringLiteral("recorder_offload_lost_total")), QStringLiteral("4"));
}

void TestMetricsCache::offloadStatusFigures_data()
{
    QTest::addColumn<QByteArray>("change"); // a field to replace, "field=json value", or a special case
    QTest::addColumn<QString>("up");
    QTest::addColumn<QString>("rate");      // null: absent
    QTest::addColumn<QString>("connected"); // null: absent
    QTest::addColumn<QString>("errors");    // recorder_exporter_scrape_errors_total{source="offload"}
    QTest::addRow("fresh") << QByteArray() << "1" << "0.85" << "1" << "0";
    QTest::addRow("stale: written 40 s ago") << QByteArray("age=40") << "0" << "0.85" << "1" << "0";
    QTest::addRow("no attempt yet: rate null") << QByteArray("success_rate=null") << "1" << QString() << "1" << "0";
    QTest::addRow("remote unreachable") << QByteArray("internet_connected=false") << "1" << "0.85" << "0" << "0";
    QTest::addRow("rate above 1 is left out") << QByteArray("success_rate=1.5") << "1" << QString() << "1" << "0";
    QTest::addRow("missing") << QByteArray("missing") << "0" << QString() << QString() << "1";
    QTest::addRow("garbled") << QByteArray("garbled") << "0" << QString() << QString() << "1";
    QTest::addRow("newer version") << QByteArray("version=2") << "0" << QString() << QString() << "1";
    QTest::addRow("time not a time") << QByteArray("time=\"soon\"") << "0" << QString() << QString() << "1";
}

void TestMetricsCache::offloadStatusFigures()
{
    QFETCH(QByteArray, change);
    QFETCH(QString, up);
    QFETCH(QString, rate);
    QFETCH(QString, connected);
    QFETCH(QString, errors);
    QCOMPARE(ExporterFixture::createCatalog(m_in.catalog, 10), QString());
    m_in.offloadEnabled = true;
    QJsonObject status = ExporterFixture::offloadStatus(QDateTime::currentDateTimeUtc());
    if (change.startsWith("age=")) {
        status = ExporterFixture::offloadStatus(QDateTime::currentDateTimeUtc().addSecs(-change.mid(4).toInt()));
    } else if (change.contains('=')) {
        const QList<QByteArray> parts = change.split('=');
        const QJsonDocument value = QJsonDocument::fromJson("[" + parts.at(1) + "]");
        status.insert(QString::fromLatin1(parts.at(0)), value.array().at(0));
    }
    if (change == "garbled")
        writeRaw(m_in.offload, "{\"version\": 1, \"time\": ");
    else if (change != "missing")
        QCOMPARE(ExporterFixture::writeOffloadStatus(m_in.offload, status), QString());

    // A null rate is "no attempt yet", which the uploader writes at every start: no value out of range.
    if (change == "success_rate=null")
        QTest::failOnWarning(QRegularExpression(QStringLiteral("out of range")));
    const QByteArray text = makeCache(m_in)->text();
    QCOMPARE(sample(text, QStringLiteral("recorder_offload_up")), up);
    QCOMPARE(sample(text, QStringLiteral("recorder_upload_success_rate")), rate);
    QCOMPARE(sample(text, QStringLiteral("recorder_internet_connected")), connected);
    QCOMPARE(sample(text, QStringLiteral("recorder_exporter_scrape_errors_total{source=\"offload\"}")), errors);
    const bool read = !connected.isNull();
    QCOMPARE(sample(text, QStringLiteral("recorder_uploads_total{result=\"success\"}")),
             read ? QStringLiteral("17") : QString());
    QCOMPARE(sample(text, QStringLiteral("recorder_uploads_total{result=\"failure\"}")),
             read ? QStringLiteral("3") : QString());
    QCOMPARE(sample(text, QStringLiteral("recorder_upload_bytes_total")), read ? QStringLiteral("1275000000") : QString());
}

void TestMetricsCache::promtoolCleanWithOffload()
{
    if (QStandardPaths::findExecutable(QStringLiteral("promtool")).isEmpty())
        QSKIP("promtool is not installed (Debian package prometheus)");
    QCOMPARE(ExporterFixture::createCatalog(m_in.catalog, 60), QString());
    QCOMPARE(ExporterFixture::addUploadQueue(m_in.catalog, typicalQueue(QDateTime::currentMSecsSinceEpoch()), 1),
             QString());
    QCOMPARE(ExporterFixture::writeOffloadStatus(m_in.offload,
                                                 ExporterFixture::offloadStatus(QDateTime::currentDateTimeUtc())),
             QString());
    m_in.offloadEnabled = true;
    const QByteArray text = makeCache(m_in)->text();
    QVERIFY(hasFamily(text, QStringLiteral("recorder_upload_queue_size")));
    QString output;
    QVERIFY2(promtool(text, &output) == 0, qPrintable(output + QString::fromUtf8(text)));
}

QTEST_GUILESS_MAIN(TestMetricsCache)
#include "tst_metricscache.moc"
