// SPDX-License-Identifier: MIT
// The one table of configuration keys: the public contract of recorder.conf.
#include "configschema.h"

#include "units.h"

#include <QTextStream>

namespace {

constexpr double kMinute = 60;
constexpr double kHour = 3600;
constexpr double kDay = 86400;
constexpr double kGB = 1e9;

ConfigKey key(const char *section, const char *name, ConfigType type, const char *defaultValue,
              const char *help)
{
    ConfigKey k;
    k.section = QString::fromLatin1(section);
    k.name = QString::fromLatin1(name);
    k.type = type;
    k.defaultValue = QString::fromLatin1(defaultValue);
    k.help = QString::fromUtf8(help);
    return k;
}

ConfigKey ranged(ConfigKey k, double minimum, double maximum)
{
    k.minimum = minimum;
    k.maximum = maximum;
    return k;
}

ConfigKey choice(ConfigKey k, const QStringList &choices)
{
    k.choices = choices;
    return k;
}

ConfigKey matching(ConfigKey k, const char *pattern, const char *patternHelp)
{
    k.pattern = QString::fromLatin1(pattern);
    k.patternHelp = QString::fromUtf8(patternHelp);
    return k;
}

ConfigKey env(ConfigKey k, const char *variable)
{
    k.envVar = QString::fromLatin1(variable);
    return k;
}

// An LED of [leds]: a line of [gpio] chip or a sysfs LED; several states may share one LED.
ConfigKey ledKey(const char *name, const char *meaning)
{
    return matching(key("leds", name, ConfigType::String, "",
                        (QByteArray(meaning) + " Keys naming the same LED share it (docs/gpio.md).").constData()),
                    R"([0-9]{1,4}|/sys/class/leds/[A-Za-z0-9:_.+-]+)",
                    "a line number of [gpio] chip, /sys/class/leds/NAME, or empty for none");
}

QList<ConfigKey> buildTable()
{
    using T = ConfigType;
    return {
        key("paths", "runtime_dir", T::Path, "/run/recorder",
            "The recorder's volatile state: heartbeat, preview. Not /tmp: a world-writable directory, sticky or "
            "not, is refused (exit 78), since any user could plant files or links there."),
        key("paths", "state_dir", T::Path, "/var/lib/recorder",
            "The recorder's persistent state: the catalog database, its restart count. Never world-writable."),
        key("paths", "recordings_dir", T::Path, "{state_dir}/recordings",
            "Where recordings are written, as YYYY/MM/DD/recording_*.mp4."),
        key("paths", "log_dir", T::Path, "/var/log/recorder", "The recorder's log file, service.log."),
        // The watchdog and the exporter run as other users than the recorder (docs/deployment.md), so
        // each writes only into folders of its own; the defaults sit beside the recorder's.
        key("paths", "watchdog_runtime_dir", T::Path, "{runtime_dir}-watchdog",
            "The watchdog's volatile state: its status file."),
        key("paths", "watchdog_state_dir", T::Path, "{state_dir}-watchdog",
            "The watchdog's persistent state: its restart and reboot history."),
        key("paths", "watchdog_log_dir", T::Path, "{log_dir}-watchdog",
            "The watchdog's log files: watchdog.log, reboot_trigger.log."),
        key("paths", "exporter_log_dir", T::Path, "{log_dir}-metrics", "The exporter's log file, exporter.log."),
        key("paths", "offload_runtime_dir", T::Path, "{runtime_dir}-offload",
            "recorder-offload's volatile state: its status file, status.json."),
        key("paths", "offload_state_dir", T::Path, "{state_dir}-offload",
            "recorder-offload's persistent state: whether uploads are paused."),
        key("paths", "offload_log_dir", T::Path, "{log_dir}-offload", "recorder-offload's log file, offload.log."),

        ranged(key("log", "max_size", T::Size, "10MB", "A log file is rotated when it would grow past this size."),
               1e4, 1e10),
        ranged(key("log", "max_files", T::Integer, "5", "Rotated log files kept besides the current one."), 1, 100),

        env(key("heartbeat", "file", T::Path, "{runtime_dir}/heartbeat.json",
                "The recorder's heartbeat, read by the watchdog, exporter and dashboard. Not in /tmp or /var/tmp "
                "(exit 78 for a file right there, or below them under a unit's private /tmp: PrivateTmp=yes "
                "hides it from the other programs)."),
            "HEARTBEAT_FILE"),
        env(ranged(key("heartbeat", "interval", T::Duration, "1s", "How often the recorder rewrites the heartbeat."),
                   0.1, kMinute),
            "HEARTBEAT_INTERVAL"),
        env(ranged(key("heartbeat", "timeout", T::Duration, "30s",
                       "A heartbeat older than this is stale: the watchdog restarts the recorder."),
                   1, kHour),
            "HEARTBEAT_TIMEOUT"),

        matching(key("camera", "source", T::String, "auto",
                     "auto (first libcamera camera, else first V4L2 device, else testpattern), "
                     "libcamera[:ID], v4l2:/dev/videoN, testpattern or file:PATH."),
                 R"(auto|testpattern|libcamera(:.+)?|v4l2:/.+|file:.+)",
                 "auto, testpattern, libcamera, libcamera:ID, v4l2:/dev/videoN or file:PATH"),
        ranged(key("camera", "width", T::Integer, "1920", "Frame width in pixels (even)."), 16, 8192),
        ranged(key("camera", "height", T::Integer, "1080", "Frame height in pixels (even)."), 16, 8192),
        ranged(key("camera", "fps", T::Integer, "30", "Frames per second."), 1, 240),
        ranged(key("camera", "frame_timeout", T::Duration, "5s",
                   "No frame for this long is a camera error: the source is reopened with backoff."),
               0.5, 10 * kMinute),
        // The picture settings of a mounted camera, in rpicam-vid's words (docs/recorder.md, "Camera
        // controls"). They reach libcamera as controls checked against what the camera offers: what it
        // cannot do is logged once at each open and the recording goes on without it.
        choice(key("camera", "rotation", T::Choice, "0",
                   "180 turns the picture over for a camera mounted upside down (rpicam-vid --rotation); the "
                   "sensor's flips do it, so 90 and 270 are not possible."),
               {QStringLiteral("0"), QStringLiteral("180")}),
        key("camera", "hflip", T::Boolean, "false", "Mirror the picture left to right (rpicam-vid --hflip)."),
        key("camera", "vflip", T::Boolean, "false", "Mirror the picture top to bottom (rpicam-vid --vflip)."),
        choice(key("camera", "autofocus", T::Choice, "default",
                   "default: continuous autofocus where the lens can focus (Camera Module 3), nothing on a "
                   "fixed-focus camera, as rpicam-vid does; continuous: the same, reported when the camera "
                   "cannot; manual: the lens stays at lens_position (rpicam-vid --autofocus-mode)."),
               {QStringLiteral("default"), QStringLiteral("continuous"), QStringLiteral("manual")}),
        ranged(key("camera", "lens_position", T::Number, "0",
                   "Focus of autofocus=manual in dioptres (1/distance in metres): 0 is infinity, 2 is 50 cm "
                   "(rpicam-vid --lens-position). Set only with autofocus=manual."),
               0, 32),
        choice(key("camera", "exposure", T::Choice, "normal",
                   "Exposure profile of the automatic exposure (rpicam-vid --exposure): short favours short "
                   "exposures against motion blur (rpicam's sport), long favours low noise, custom is the "
                   "tuning file's own."),
               {QStringLiteral("normal"), QStringLiteral("short"), QStringLiteral("long"), QStringLiteral("custom")}),
        ranged(key("camera", "shutter", T::Duration, "0",
                   "Fixed exposure time of each frame (rpicam-vid --shutter), e.g. 10ms or 8000us; 0 lets the "
                   "camera choose. At least 1us, at most one frame period (1/fps)."),
               0, 1),
        ranged(key("camera", "gain", T::Number, "0",
                   "Fixed analogue gain, 1 or more (rpicam-vid --gain); 0 lets the camera choose."),
               0, 64),
        choice(key("camera", "awb", T::Choice, "auto",
                   "White balance mode (rpicam-vid --awb)."),
               {QStringLiteral("auto"), QStringLiteral("incandescent"), QStringLiteral("tungsten"),
                QStringLiteral("fluorescent"), QStringLiteral("indoor"), QStringLiteral("daylight"),
                QStringLiteral("cloudy"), QStringLiteral("custom")}),
        choice(key("camera", "denoise", T::Choice, "auto",
                   "Noise reduction (rpicam-vid --denoise): auto leaves it to the camera; cdn_off, cdn_fast "
                   "and cdn_hq keep spatial denoise with colour denoise off, fast or high quality."),
               {QStringLiteral("auto"), QStringLiteral("off"), QStringLiteral("cdn_off"), QStringLiteral("cdn_fast"),
                QStringLiteral("cdn_hq")}),
        choice(key("camera", "hdr", T::Choice, "off",
                   "High dynamic range through libcamera's HdrMode (libcamera 0.2 or later, where the camera "
                   "offers it: Raspberry Pi 5): single-exp (rpicam-vid --hdr single-exp), multi-exp or night."),
               {QStringLiteral("off"), QStringLiteral("single-exp"), QStringLiteral("multi-exp"), QStringLiteral("night")}),

        choice(key("encoder", "encoder", T::Choice, "auto",
                   "auto uses the hardware encoder (h264_v4l2m2m, Raspberry Pi 4) when it opens, else libx264."),
               {QStringLiteral("auto"), QStringLiteral("libx264"), QStringLiteral("h264_v4l2m2m")}),
        choice(key("encoder", "preset", T::Choice, "ultrafast", "libx264 speed/size trade-off."),
               {QStringLiteral("ultrafast"), QStringLiteral("superfast"), QStringLiteral("veryfast"),
                QStringLiteral("faster"), QStringLiteral("fast"), QStringLiteral("medium"), QStringLiteral("slow"),
                QStringLiteral("slower"), QStringLiteral("veryslow")}),
        ranged(key("encoder", "crf", T::Integer, "23", "libx264 constant rate factor: lower is better quality."),
               0, 51),
        ranged(key("encoder", "bitrate", T::Bitrate, "0",
                   "Target bit rate (e.g. 8Mbps). 0 uses crf; the hardware encoder needs a bit rate and uses "
                   "10Mbps when this is 0."),
               0, 1e9),
        ranged(key("encoder", "keyframe_interval", T::Duration, "1s", "Time between keyframes."), 0.1, kMinute),
        ranged(key("encoder", "fragment_duration", T::Duration, "1s",
                   "MP4 fragment length: at most this much video is lost when the recorder is killed."),
               0.1, 10),

        // Sound is off by default: a recorder in a shop or gym should not record voices unless asked.
        matching(key("audio", "source", T::String, "none",
                     "none (video only), alsa:DEVICE (e.g. alsa:hw:1,0 or alsa:default), pulse:DEVICE (PulseAudio or "
                     "PipeWire, e.g. pulse:default; needs a system-wide server, since recorderd runs as a system user "
                     "that cannot reach a desktop session's socket: on a Pi use alsa:) or testtone (a 1 kHz sine with a click at each second of the "
                     "capture clock, for tests). A microphone that is missing or unplugged never stops the video: "
                     "the file keeps its sound track, silent, and the device is retried."),
                 R"(none|testtone|alsa:.+|pulse:.+)", "none, testtone, alsa:DEVICE or pulse:DEVICE"),
        ranged(key("audio", "sample_rate", T::Integer, "48000", "Samples per second of the recorded sound."), 8000,
               96000),
        ranged(key("audio", "channels", T::Integer, "1", "1 (mono) or 2 (stereo)."), 1, 2),
        ranged(key("audio", "bitrate", T::Bitrate, "96kbps", "AAC bit rate of the sound track."), 16000, 512000),

        choice(key("recording", "mode", T::Choice, "continuous",
                   "continuous records from start-up; session records on Start for session_duration."),
               {QStringLiteral("continuous"), QStringLiteral("session")}),
        ranged(key("recording", "segment_duration", T::Duration, "5min",
                   "A new file starts at the first keyframe after this long."),
               1, kDay),
        ranged(key("recording", "session_duration", T::Duration, "10min", "Length of a session (session mode)."),
               1, kDay),
        ranged(key("recording", "extension", T::Duration, "5min", "Time added by Extend (session mode)."), 1, kDay),
        ranged(key("recording", "max_duration", T::Duration, "20min",
                   "A session is never extended past this total length."),
               1, 7 * kDay),
        ranged(key("recording", "warnings", T::DurationList, "2min,1min,30s",
                   "Warnings before a session ends, as remaining times."),
               0, kDay),
        choice(key("recording", "filename_time", T::Choice, "utc",
                   "Time zone of file names: utc (never jumps) or local."),
               {QStringLiteral("utc"), QStringLiteral("local")}),

        key("overlay", "enabled", T::Boolean, "false",
            "Burn the date and time (and `text`) into every recorded picture, on the capture clock's wall time "
            "of that picture."),
        matching(key("overlay", "format", T::String, "%Y-%m-%d %H:%M:%S",
                     "strftime format of the time; letters are drawn as capitals, characters outside the "
                     "built-in font as '?'. Empty shows only `text`. It may print at most 200 characters (each %c "
                     "prints 24)."),
                 R"([ -~]{1,100})", "printable ASCII, at most 100 characters"),
        choice(key("overlay", "position", T::Choice, "top-left", "Corner of the picture the text sits in."),
               {QStringLiteral("top-left"), QStringLiteral("top-right"), QStringLiteral("bottom-left"),
                QStringLiteral("bottom-right")}),
        ranged(key("overlay", "size", T::Integer, "45",
                   "Height in pixels of the dark box behind the text: the 5x7 pixel font is scaled by size/9 "
                   "rounded down, letters 7 and the box 9 times that (45: letters 35 px high)."),
               9, 1000),
        matching(key("overlay", "text", T::String, "", "A fixed text before the time, such as the camera's name."),
                 R"([ -~]{1,64})", "printable ASCII, at most 64 characters, or empty"),
        matching(key("overlay", "timezone", T::String, "",
                     "Time zone of the time shown (an IANA name such as Europe/Paris, or UTC); empty uses the "
                     "system's."),
                 R"([A-Za-z0-9_+/-]{1,64})", "an IANA time zone name such as Europe/Paris or UTC, or empty"),

        ranged(key("storage", "min_free", T::Size, "1GB",
                   "Free space kept on the recordings filesystem by deleting the oldest unprotected recordings."),
               0, 1e15),
        ranged(key("storage", "max_age", T::Duration, "0", "Recordings older than this are deleted; 0 keeps them."),
               0, 3650 * kDay),

        // Offload (docs/offload.md): recorder-offload copies finished recordings to an rclone remote;
        // recorderd keeps the queue in the catalog and keeps queued files from retention.
        key("offload", "enabled", T::Boolean, "false",
            "Upload every finished recording (complete or recovered) to `remote` with rclone, from a queue "
            "kept in the catalog."),
        matching(key("offload", "remote", T::String, "",
                     "rclone remote and folder the recordings go to, such as nas:recordings (a remote named in "
                     "`rclone_config`). Required when enabled."),
                 R"([A-Za-z0-9_.+@][A-Za-z0-9_. +@-]{0,63}:[^\x00-\x1f]{0,400})",
                 "NAME:PATH, NAME being an rclone remote (letters, digits, _ . + @ - and spaces; not starting "
                 "with -, which rclone would take for an option)"),
        key("offload", "rclone_config", T::Path, "/etc/recorder/rclone.conf",
            "rclone's configuration file, which holds the remote's credentials; readable by recorder-offload only."),
        matching(key("offload", "path_template", T::String, "{hostname}/%Y/%m/%d/{filename}",
                     "Where a recording goes under `remote`: strftime fields of the recording's start time (local "
                     "time), {hostname} and {filename}. The name is fixed at the first attempt, so a retry or a "
                     "restart never uploads a file twice under two names."),
                 R"((?!.*\.\.)(?!/)[A-Za-z0-9_%{}/.+ -]{0,200}\{filename\})",
                 "a relative path ending in {filename}, without '..', of letters, digits, _ % { } / . + - and spaces"),
        matching(key("offload", "bandwidth_limit", T::String, "0",
                     "Upload speed limit, rclone's --bwlimit: 0 for none, or bytes per second with a suffix "
                     "(512k, 1M, 2.5M)."),
                 R"(0|off|[0-9]+(\.[0-9]+)?[bBkKMGTP]?)", "0, off, or a number with an optional b, k, M, G suffix, such as 1M"),
        ranged(key("offload", "min_age", T::Duration, "0s",
                   "How long a finished recording waits before it is uploaded."),
               0, 7 * kDay),
        choice(key("offload", "after_upload", T::Choice, "keep",
                   "What happens to a recording once its remote copy is verified: keep (retention deletes it "
                   "as usual) or delete (at once, unless protected)."),
               {QStringLiteral("keep"), QStringLiteral("delete")}),
        ranged(key("offload", "retry_max_backoff", T::Duration, "30min",
                   "Longest wait between attempts while uploads fail; the wait doubles from 30 s up to this."),
               30, kDay),
        ranged(key("offload", "concurrency", T::Integer, "1", "Uploads run at once."), 1, 4),

        ranged(key("preview", "interval", T::Duration, "2s",
                   "How often the preview JPEG for the dashboard is written; 0 turns it off."),
               0, kHour),
        ranged(key("preview", "width", T::Integer, "640", "Width of the preview JPEG in pixels."), 64, 1920),

        // GPIO (docs/gpio.md): all off by default; a missing chip or a line held by another program
        // is logged and the recorder goes on without them.
        matching(key("gpio", "chip", T::String, "gpiochip0",
                     "GPIO chip of the button and the LED lines: gpiochip0 on a Raspberry Pi (its 40-pin header). "
                     "Wiring, LED patterns and permissions: docs/gpio.md."),
                 R"(gpiochip[0-9]{1,3}|/dev/gpiochip[0-9]{1,3})", "gpiochipN or /dev/gpiochipN"),
        ranged(key("gpio", "button_line", T::Integer, "-1",
                   "Line (the BCM GPIO number on a Raspberry Pi) of the push button; -1: no button. A press starts "
                   "a session, or extends the one recording; a long press stops."),
               -1, 1023),
        key("gpio", "button_active_low", T::Boolean, "true",
            "The button pulls the line low when pressed (wired to ground, with a pull-up): the usual wiring."),
        ranged(key("gpio", "debounce", T::Duration, "50ms",
                   "The button's level must hold this long before a change counts (contacts bounce)."),
               0, 1),
        ranged(key("gpio", "long_press", T::Duration, "3s", "Holding the button this long stops recording."), 0.5,
               kMinute),
        ledKey("recording", "Lit steadily while recording."),
        ledKey("warning", "Blinks while a session nears its end, faster as the end comes nearer."),
        ledKey("error", "Blinks fast while the recorder is in error."),
        ledKey("ready", "Pulses slowly while the recorder is ready (session mode, waiting for Start)."),
        ledKey("storage_low", "Blinks while free space is below twice [storage] min_free."),

        matching(key("watchdog", "unit", T::String, "recorder.service", "The systemd unit the watchdog restarts."),
                 R"([A-Za-z0-9:_.@-]+\.service)", "a systemd service name such as recorder.service"),
        env(ranged(key("watchdog", "check_interval", T::Duration, "10s", "How often the heartbeat is checked."),
                   0.1, kHour),
            "WATCHDOG_CHECK_INTERVAL"),
        env(ranged(key("watchdog", "max_restart_attempts", T::Integer, "3",
                       "Restarts within restart_window before the watchdog asks for a reboot."),
                   1, 100),
            "WATCHDOG_MAX_RESTART_ATTEMPTS"),
        env(ranged(key("watchdog", "restart_window", T::Duration, "10min", "Window in which restarts are counted."),
                   1, kDay),
            "WATCHDOG_RESTART_WINDOW"),
        ranged(key("watchdog", "stall_timeout", T::Duration, "20s",
                   "Recording with no new frame for this long is unhealthy."),
               1, kHour),
        ranged(key("watchdog", "max_reboots_per_day", T::Integer, "2",
                   "Reboots allowed in 24 hours; past that the watchdog only restarts (degraded)."),
               0, 24),
        ranged(key("watchdog", "grace_period", T::Duration, "0",
                   "Time after start or restart before a missing heartbeat counts as stale; 0 means [heartbeat] timeout."),
               0, kHour),
        key("watchdog", "status_file", T::Path, "{watchdog_runtime_dir}/watchdog.json",
            "The watchdog's status, read by the exporter and dashboard."),

        matching(key("metrics", "listen", T::String, "0.0.0.0", "Address the exporter listens on."),
                 R"([0-9A-Fa-f:.]+|localhost)", "an IPv4 or IPv6 address, or localhost"),
        env(ranged(key("metrics", "port", T::Integer, "9101", "Port of the Prometheus endpoint."), 1, 65535),
            "METRICS_PORT"),
        ranged(key("metrics", "cache", T::Duration, "1s",
                   "Metrics are collected this often, off the HTTP thread, and served in between; 0 collects on "
                   "every scrape."),
               0, kMinute),
        ranged(key("metrics", "max_connections", T::Integer, "64",
                   "Open connections the exporter keeps; at the limit the one longest without an answered "
                   "request (idle or still sending its headers, for 0.25s or more) is closed for a new one, else "
                   "the new one gets 503."),
               1, 10000),
        ranged(key("metrics", "max_connections_per_client", T::Integer, "16",
                   "Open connections from one IP address; at the limit a new one from it replaces that "
                   "address's connection longest without an answered request, else gets 503. Clients behind "
                   "one NAT address share it."),
               1, 10000),
        ranged(key("metrics", "max_header_size", T::Size, "8KiB",
                   "Largest request line plus headers; a larger request gets 431 and is closed."),
               1024, 1048576),
        ranged(key("metrics", "header_timeout", T::Duration, "10s",
                   "A client must send a whole request line and headers within this time, or is disconnected."),
               0.1, 10 * kMinute),
        ranged(key("metrics", "idle_timeout", T::Duration, "30s",
                   "A kept-alive connection with no request for this long is closed, and so is one whose "
                   "reply stays unread this long while it sends more requests."),
               0.1, kHour),
        matching(key("metrics", "tls_cert_file", T::String, "",
                     "PEM certificate (chain) for HTTPS; empty serves plain HTTP. Needs tls_key_file."),
                 R"(/.+)", "an absolute path, or empty for plain HTTP"),
        matching(key("metrics", "tls_key_file", T::String, "",
                     "PEM private key of tls_cert_file: mode 0600 or 0400, owned by the exporter's user or root, "
                     "else the exporter exits 78."),
                 R"(/.+)", "an absolute path, or empty for plain HTTP"),
        matching(key("metrics", "basic_auth_users", T::String, "",
                     "File of user:hash lines (yescrypt $y$ or bcrypt $2b$ hashes, never plain text), mode 0640 "
                     "or stricter, owned by the exporter's user or root; empty turns basic authentication off."),
                 R"(/.+)", "an absolute path, or empty for no authentication"),

        key("gui", "language", T::String, "",
            "Language of the dashboard (en, fr, de); empty follows the system locale."),
        matching(key("gui", "metrics_url", T::String, "http://localhost:9101/metrics",
                     "Where the dashboard reads metrics."),
                 R"(https?://.+)", "an http:// or https:// URL"),
    };
}

QString formatBound(const ConfigKey &key, double value)
{
    switch (key.type) {
    case ConfigType::Duration:
    case ConfigType::DurationList: return Units::formatDuration(value);
    case ConfigType::Size: return Units::formatSize(static_cast<qint64>(value));
    case ConfigType::Bitrate: return QString::number(value / 1e6, 'g', 6) + QStringLiteral("Mbps");
    default: return QString::number(value, 'g', 12);
    }
}

} // namespace

const QList<ConfigKey> &ConfigSchema::keys()
{
    static const QList<ConfigKey> table = buildTable();
    return table;
}

const ConfigKey *ConfigSchema::find(const QString &section, const QString &name)
{
    for (const ConfigKey &k : keys()) {
        if (k.section == section && k.name == name)
            return &k;
    }
    return nullptr;
}

bool ConfigSchema::hasSection(const QString &section)
{
    for (const ConfigKey &k : keys()) {
        if (k.section == section)
            return true;
    }
    return false;
}

QString ConfigSchema::allowedText(const ConfigKey &key)
{
    switch (key.type) {
    case ConfigType::Choice:
        return QStringLiteral("one of ") + key.choices.join(QStringLiteral(", "));
    case ConfigType::String:
        return key.patternHelp.isEmpty() ? QStringLiteral("any text") : key.patternHelp;
    case ConfigType::Path:
        return QStringLiteral("an absolute path");
    case ConfigType::Boolean:
        return QStringLiteral("true or false");
    default:
        break;
    }
    QString text;
    if (key.type == ConfigType::DurationList)
        text = QStringLiteral("comma-separated durations (e.g. 2min,30s)");
    else if (key.type == ConfigType::Duration)
        text = QStringLiteral("a duration (e.g. 30s, 10min, 1h; bare number = seconds)");
    else if (key.type == ConfigType::Size)
        text = QStringLiteral("a size (e.g. 500MB, 1GB, 2GiB; bare number = bytes)");
    else if (key.type == ConfigType::Bitrate)
        text = QStringLiteral("a bit rate (e.g. 8Mbps, 500kbps; bare number = bits/s)");
    else if (key.type == ConfigType::Number)
        text = QStringLiteral("a number (e.g. 2.5)");
    else
        text = QStringLiteral("an integer");
    text += QStringLiteral(" from ") + formatBound(key, key.minimum);
    text += key.maximum < 0 ? QStringLiteral(" up") : QStringLiteral(" to ") + formatBound(key, key.maximum);
    return text;
}

QString ConfigSchema::exampleConfig()
{
    QString out;
    QTextStream s(&out);
    s << "; recorder.conf: configuration of recorderd, recorder-watchdog, recorder-exporter and\n"
         "; recorder-dashboard. Generated from common/configschema.cpp; every key is shown with its\n"
         "; default. Uncomment and edit what you need. Durations take s, min, h, d; sizes take\n"
         "; kB, MB, GB (or KiB, MiB, GiB); bit rates take kbps, Mbps. See docs/configuration.md.\n";
    QString section;
    for (const ConfigKey &k : keys()) {
        if (k.section != section) {
            section = k.section;
            s << "\n[" << section << "]\n";
        }
        s << "; " << k.help << "\n";
        s << "; Allowed: " << allowedText(k) << ".";
        if (!k.envVar.isEmpty())
            s << " Environment override: " << k.envVar << ".";
        s << "\n;" << k.name << "=" << k.defaultValue << "\n";
    }
    return out;
}

QString ConfigSchema::markdown()
{
    QString out;
    QTextStream s(&out);
    s << "# Configuration\n\n"
         "<!-- Generated by `recorder-configdoc --markdown` from common/configschema.cpp; "
         "tests/common/tst_configschema checks it. Do not edit by hand. -->\n\n"
         "Every program reads one INI file: `/etc/recorder/recorder.conf` by default, or the file given\n"
         "with `--config PATH`. A missing file at the default path means all defaults; a missing file\n"
         "given with `--config` is an error. An unknown section or key, a malformed value or one out of\n"
         "range stops the program before it does anything, with one line naming the file, section, key,\n"
         "value and what is allowed, and exit status 78 (`EX_CONFIG`).\n\n"
         "Units: durations take `us`, `ms`, `s`, `min`, `h`, `d` (a bare number is seconds); sizes take\n"
         "`kB`, `MB`, `GB`, `TB` (powers of 1000) or `KiB`, `MiB`, `GiB`, `TiB` (powers of 1024; a bare number\n"
         "is bytes); bit rates take `kbps`, `Mbps`, `Gbps` (a bare number is bits per second); numbers are\n"
         "written with a `.` (`2.5`).\n\n"
         "A default written as `{runtime_dir}` (any `[paths]` key in braces) follows that key.\n\n"
         "Environment variables kept from the first version override their key, in bare seconds or\n"
         "numbers; a malformed value is an error like one in the file.\n";
    QString section;
    for (const ConfigKey &k : keys()) {
        if (k.section != section) {
            section = k.section;
            s << "\n## [" << section << "]\n\n| key | default | allowed | environment | meaning |\n"
                 "|---|---|---|---|---|\n";
        }
        QString allowed = allowedText(k);
        allowed.replace(QLatin1Char('|'), QStringLiteral("\\|"));
        s << "| `" << k.name << "` | `" << k.defaultValue << "` | " << allowed << " | "
          << (k.envVar.isEmpty() ? QString() : QStringLiteral("`") + k.envVar + QStringLiteral("`")) << " | "
          << k.help << " |\n";
    }
    return out;
}
