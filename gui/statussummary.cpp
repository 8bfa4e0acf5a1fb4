// SPDX-License-Identifier: MIT
// What the status tile says: the recorder's state in words and colour, and which controls apply.
#include "statussummary.h"

#include "displayformat.h"

#include <cmath>

namespace {

// Wall-clock ages (heartbeat from another boot) may be off by this much without meaning anything.
constexpr double kFutureToleranceSeconds = 5;

StatusSummary down(const QString &detail)
{
    StatusSummary summary;
    summary.tile = StatusSummary::Tile::Down;
    summary.title = StatusSummary::tr("RECORDER DOWN");
    summary.detail = detail;
    return summary;
}

StatusSummary fromMissingHeartbeat(const HeartbeatReader::Result &result)
{
    switch (result.status) {
    case JsonFileReader::Status::Missing:
        return down(StatusSummary::tr("No heartbeat file: the recorder is not running."));
    case JsonFileReader::Status::Unreadable:
        // The usual cause on a fresh install: the desktop user is not in the recorder's group.
        return down(StatusSummary::tr("Cannot read the heartbeat (%1). Is this user in group recorder?")
                        .arg(result.reason));
    case JsonFileReader::Status::NewerSchema:
        return down(StatusSummary::tr("The recorder is newer than this dashboard: update the dashboard."));
    default:
        return down(StatusSummary::tr("The heartbeat cannot be trusted: %1").arg(result.reason));
    }
}

void addTiming(const Heartbeat &heartbeat, StatusSummary *summary)
{
    const bool inSession = !std::isnan(heartbeat.sessionElapsedSeconds);
    if (inSession) {
        summary->timing = StatusSummary::tr("Elapsed %1 · Remaining %2")
                              .arg(DisplayFormat::clock(heartbeat.sessionElapsedSeconds),
                                   DisplayFormat::clock(heartbeat.sessionRemainingSeconds));
    }
    if (!heartbeat.warning.isEmpty()) {
        summary->warning = std::isnan(heartbeat.sessionRemainingSeconds)
            ? heartbeat.warning
            : StatusSummary::tr("Session ends in %1").arg(DisplayFormat::duration(heartbeat.sessionRemainingSeconds));
    }
}

} // namespace

StatusSummary StatusSummary::summarize(const StatusSnapshot &snapshot, double staleAfterSeconds)
{
    if (!snapshot.heartbeat.ok())
        return fromMissingHeartbeat(snapshot.heartbeat);

    const Heartbeat &heartbeat = snapshot.heartbeat.heartbeat;
    const double age = snapshot.heartbeatAgeSeconds;
    if (age > staleAfterSeconds) {
        return down(tr("No heartbeat for %1 (last state: %2): the recorder stopped or hangs.")
                        .arg(DisplayFormat::duration(age), stateWord(heartbeat.state)));
    }
    // Same boot: CLOCK_BOOTTIME cannot run backwards, so a heartbeat from the future is forged or
    // comes from another boot whose wall clock was ahead. Either way it proves nothing about now.
    if (age < -kFutureToleranceSeconds) {
        return down(tr("The heartbeat is dated %1 in the future: the clocks disagree, so it proves nothing.")
                        .arg(DisplayFormat::duration(-age)));
    }

    StatusSummary summary;
    const QString &state = heartbeat.state;
    if (state == QLatin1String("ready")) {
        summary.tile = Tile::Ready;
        summary.title = tr("READY");
        summary.detail = tr("Not recording. Press Start to record.");
        summary.canStart = true;
    } else if (state == QLatin1String("recording")) {
        summary.tile = Tile::Recording;
        summary.title = tr("● RECORDING");
        summary.detail = tr("Recording to %1").arg(DisplayFormat::fileName(heartbeat.currentFile));
        summary.canStop = true;
        summary.canExtend = !std::isnan(heartbeat.sessionRemainingSeconds);
        addTiming(heartbeat, &summary);
    } else if (state == QLatin1String("error")) {
        summary.tile = Tile::Error;
        summary.title = tr("ERROR");
        summary.detail = heartbeat.lastError.isEmpty() ? tr("The recorder reports an error without details.")
                                                       : heartbeat.lastError;
        summary.canStart = !heartbeat.recordingActive;
        summary.canStop = heartbeat.recordingActive;
    } else {
        summary.tile = Tile::Busy;
        if (state == QLatin1String("booting")) {
            summary.title = tr("STARTING");
            summary.detail = tr("The recorder is starting up.");
        } else if (state == QLatin1String("stopping")) {
            summary.title = tr("STOPPING");
            summary.detail = tr("The recorder is closing the current file.");
        } else {
            summary.title = tr("PROCESSING");
            summary.detail = tr("The recorder is finishing a recording.");
        }
        addTiming(heartbeat, &summary);
    }
    // The error tile already says last_error; the reason only adds something when it differs.
    if (heartbeat.stateReason != summary.detail)
        summary.reason = heartbeat.stateReason;
    // Only a fresh heartbeat: a down recorder is the news then, not its catalog.
    if (heartbeat.catalog == QLatin1String("degraded"))
        summary.catalog = catalogProblem(heartbeat.catalogError);
    // Heartbeat 1.2: the button and LEDs were configured but cannot be used. The recorder's own
    // reason (a missing chip, a line held by another program) is in `recorderctl status` and its log.
    if (heartbeat.gpio == QLatin1String("unavailable"))
        summary.gpio = tr("Button and LEDs unavailable: recording goes on without them.");
    return summary;
}

QString StatusSummary::catalogProblem(const QString &catalogError)
{
    // The words come from SQLite ("database or disk is full", "attempt to write a readonly
    // database", "database disk image is malformed") or from recorderd's catalog ("catalog was
    // corrupt (…); moved aside to …"): match the cause, not the whole text.
    const QString e = catalogError.toLower();
    auto has = [&e](const char *word) { return e.contains(QLatin1String(word)); };
    if (has("corrupt") || has("malformed") || has("not a database") || has("moved aside"))
        return tr("Catalog damaged: recordings are kept, the list is being rebuilt.");
    if (has("full") || has("no space"))
        return tr("Catalog cannot be written (disk full): recording continues.");
    if (has("readonly") || has("read-only"))
        return tr("Catalog cannot be written (read-only storage): recording continues.");
    if (has("permission") || has("access denied"))
        return tr("Catalog cannot be written (permission denied): recording continues.");
    if (has("locked") || has("busy"))
        return tr("Catalog is locked by another program: recording continues.");
    if (has("i/o error") || has("input/output"))
        return tr("Catalog cannot be written (storage error): recording continues.");
    return tr("Catalog cannot be written: recording continues.");
}

StatusSummary StatusSummary::checking()
{
    StatusSummary summary;
    summary.tile = Tile::Busy;
    summary.title = tr("CHECKING");
    summary.detail = tr("Reading the recorder's state…");
    return summary;
}

QString StatusSummary::stateWord(const QString &state)
{
    if (state == QLatin1String("booting"))
        return tr("starting", "heartbeat state");
    if (state == QLatin1String("ready"))
        return tr("ready", "heartbeat state");
    if (state == QLatin1String("recording"))
        return tr("recording", "heartbeat state");
    if (state == QLatin1String("processing"))
        return tr("processing", "heartbeat state");
    if (state == QLatin1String("error"))
        return tr("error", "heartbeat state");
    if (state == QLatin1String("stopping"))
        return tr("stopping", "heartbeat state");
    return state;
}

QColor StatusSummary::colour(Tile tile)
{
    // Chosen to stay apart for the common colour-vision deficiencies; the words carry the meaning too.
    switch (tile) {
    case Tile::Ready: return QColor(0x15, 0x65, 0xC0);     // blue: idle and fine
    case Tile::Recording: return QColor(0x2E, 0x7D, 0x32); // green: doing its job
    case Tile::Busy: return QColor(0x54, 0x6E, 0x7A);      // slate: in between
    case Tile::Error: return QColor(0xC6, 0x28, 0x28);     // red: needs attention
    case Tile::Down: return QColor(0xE6, 0x51, 0x00);      // deep orange: nothing answers
    }
    return QColor(Qt::black);
}
