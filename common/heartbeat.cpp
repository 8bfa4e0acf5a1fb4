// SPDX-License-Identifier: MIT
// The heartbeat document: the recorder's state, written every second, read by everyone else.
#include "heartbeat.h"

#include "jsonfields.h"

#include <QJsonValue>

namespace {

QJsonValue numberOrNull(double value)
{
    return std::isnan(value) ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}

const char *const kKnownKeys[] = {
    "schema_version", "timestamp", "boot_id", "boottime_seconds", "sequence", "interval_seconds", "pid",
    "state", "uptime_seconds", "version", "recording_active", "current_file", "session_elapsed_seconds",
    "session_remaining_seconds", "warning", "frames_captured", "frames_dropped", "fps", "bytes_written",
    "disk_free_bytes", "disk_total_bytes", "error_count", "last_error", "restart_count", "camera", "encoder",
    "state_reason", "catalog", "catalog_error", "gpio", "gpio_error",
    "audio", "audio_level_dbfs", "audio_frames_dropped",
};

} // namespace

const QStringList &Heartbeat::states()
{
    static const QStringList list{QStringLiteral("booting"), QStringLiteral("ready"), QStringLiteral("recording"),
                                  QStringLiteral("processing"), QStringLiteral("error"), QStringLiteral("stopping")};
    return list;
}

QJsonObject Heartbeat::toJson() const
{
    QJsonObject o = extra;
    o.insert(QStringLiteral("schema_version"), schemaVersion);
    o.insert(QStringLiteral("timestamp"), written.wall.toUTC().toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("boot_id"), written.bootId);
    o.insert(QStringLiteral("boottime_seconds"), written.boottimeSeconds);
    o.insert(QStringLiteral("sequence"), sequence);
    o.insert(QStringLiteral("interval_seconds"), intervalSeconds);
    o.insert(QStringLiteral("pid"), pid);
    o.insert(QStringLiteral("state"), state);
    o.insert(QStringLiteral("uptime_seconds"), uptimeSeconds);
    o.insert(QStringLiteral("version"), version);
    o.insert(QStringLiteral("recording_active"), recordingActive);
    o.insert(QStringLiteral("current_file"), currentFile);
    o.insert(QStringLiteral("session_elapsed_seconds"), numberOrNull(sessionElapsedSeconds));
    o.insert(QStringLiteral("session_remaining_seconds"), numberOrNull(sessionRemainingSeconds));
    o.insert(QStringLiteral("warning"), warning);
    o.insert(QStringLiteral("frames_captured"), framesCaptured);
    o.insert(QStringLiteral("frames_dropped"), framesDropped);
    o.insert(QStringLiteral("fps"), fps);
    o.insert(QStringLiteral("bytes_written"), bytesWritten);
    o.insert(QStringLiteral("disk_free_bytes"), diskFreeBytes);
    o.insert(QStringLiteral("disk_total_bytes"), diskTotalBytes);
    o.insert(QStringLiteral("error_count"), errorCount);
    o.insert(QStringLiteral("last_error"), lastError);
    o.insert(QStringLiteral("restart_count"), restartCount);
    o.insert(QStringLiteral("camera"), camera);
    o.insert(QStringLiteral("encoder"), encoder);
    o.insert(QStringLiteral("state_reason"), stateReason);
    o.insert(QStringLiteral("catalog"), catalog);
    o.insert(QStringLiteral("catalog_error"), catalogError);
    o.insert(QStringLiteral("gpio"), gpio);
    o.insert(QStringLiteral("gpio_error"), gpioError);
    o.insert(QStringLiteral("audio"), audio);
    o.insert(QStringLiteral("audio_level_dbfs"), numberOrNull(audioLevelDbfs));
    o.insert(QStringLiteral("audio_frames_dropped"), audioFramesDropped);
    return o;
}

QString Heartbeat::fromJson(const QJsonObject &object, Heartbeat *out, bool *newerSchema)
{
    Heartbeat h;
    JsonFields f(object);
    bool newer = false;
    f.schemaVersion(kSchemaMajor, &h.schemaVersion, &newer);
    if (newerSchema)
        *newerSchema = newer;
    if (!f.ok())
        return f.error();
    f.clockReading(&h.written);
    f.integer("sequence", &h.sequence);
    f.number("interval_seconds", &h.intervalSeconds);
    f.integer("pid", &h.pid, true);
    f.string("state", &h.state, true);
    f.number("uptime_seconds", &h.uptimeSeconds, true);
    f.string("version", &h.version);
    f.boolean("recording_active", &h.recordingActive);
    f.string("current_file", &h.currentFile);
    f.optionalNumber("session_elapsed_seconds", &h.sessionElapsedSeconds);
    f.optionalNumber("session_remaining_seconds", &h.sessionRemainingSeconds);
    f.string("warning", &h.warning);
    f.integer("frames_captured", &h.framesCaptured);
    f.integer("frames_dropped", &h.framesDropped);
    f.number("fps", &h.fps);
    f.integer("bytes_written", &h.bytesWritten);
    f.integer("disk_free_bytes", &h.diskFreeBytes);
    f.integer("disk_total_bytes", &h.diskTotalBytes);
    f.integer("error_count", &h.errorCount);
    f.string("last_error", &h.lastError);
    f.integer("restart_count", &h.restartCount);
    f.string("camera", &h.camera);
    f.string("encoder", &h.encoder);
    f.string("state_reason", &h.stateReason);
    f.string("catalog", &h.catalog);
    f.string("catalog_error", &h.catalogError);
    f.string("gpio", &h.gpio);
    f.string("gpio_error", &h.gpioError);
    f.string("audio", &h.audio);
    f.optionalNumber("audio_level_dbfs", &h.audioLevelDbfs);
    f.integer("audio_frames_dropped", &h.audioFramesDropped);
    if (!f.ok())
        return f.error();

    if (!states().contains(h.state))
        return QStringLiteral("field \"state\" is \"%1\"; allowed: %2").arg(h.state, states().join(QStringLiteral(", ")));
    if (h.pid <= 0)
        return QStringLiteral("field \"pid\" is %1; allowed: a positive process id").arg(h.pid);

    h.extra = object;
    for (const char *key : kKnownKeys)
        h.extra.remove(QLatin1String(key));
    *out = h;
    return {};
}
