// SPDX-License-Identifier: MIT
// The loaded, validated configuration: every key of ConfigSchema with its value.
#include "config.h"

#include "configschema.h"
#include "privatetmp.h"
#include "units.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>
#include <QTimeZone>

#include <ctime>

namespace {

// Characters `format` (an [overlay] format) prints for Wednesday 30 September 2026 23:59:59: the
// longest names in the C locale; %Z counts as 6 characters, the longest zone abbreviation.
int sampleTimeLength(const QByteArray &format)
{
    QByteArray effective;
    for (int i = 0; i < format.size(); ++i) {
        if (format[i] == '%' && i + 1 < format.size()) {
            const char directive = format[++i];
            effective += directive == 'Z' ? QByteArray("XXXXXX") : QByteArray("%") + directive;
        } else {
            effective += format[i];
        }
    }
    struct tm sample = {};
    sample.tm_year = 2026 - 1900;
    sample.tm_mon = 8;
    sample.tm_mday = 30;
    sample.tm_hour = 23;
    sample.tm_min = 59;
    sample.tm_sec = 59;
    sample.tm_wday = 3;
    sample.tm_yday = 272;
    char text[4096]; // 100 characters of format print at most 50 x 24 (%c)
    return int(std::strftime(text, sizeof text, effective.constData(), &sample));
}

// Where a value came from, for the one-line error.
struct Origin {
    QString file;   // empty for the built-in default
    QString envVar; // set when the environment overrode the key
};

QString describe(const ConfigKey &key, const QString &text, const Origin &origin)
{
    const QString assignment = QStringLiteral("[%1] %2=%3").arg(key.section, key.name, text);
    if (!origin.envVar.isEmpty())
        return QStringLiteral("environment %1=%2 (overrides [%3] %4)").arg(origin.envVar, text, key.section, key.name);
    if (origin.file.isEmpty())
        return QStringLiteral("default ") + assignment;
    return origin.file + QStringLiteral(": ") + assignment;
}

QString substitutePlaceholders(QString text, const QHash<QString, QString> &paths)
{
    for (auto it = paths.cbegin(); it != paths.cend(); ++it)
        text.replace(QLatin1Char('{') + it.key() + QLatin1Char('}'), it.value());
    return text;
}

bool inRange(const ConfigKey &key, double value)
{
    return value >= key.minimum && (key.maximum < 0 || value <= key.maximum);
}

// Parses `text` for `key`. Returns an empty string and sets `out`, or returns the reason.
QString parseValue(const ConfigKey &key, const QString &text, QVariant *out)
{
    const QString trimmed = text.trimmed();
    switch (key.type) {
    case ConfigType::Duration: {
        const auto v = Units::parseDuration(trimmed);
        if (!v)
            return QStringLiteral("not a duration");
        if (!inRange(key, *v))
            return QStringLiteral("out of range");
        *out = *v;
        return {};
    }
    case ConfigType::DurationList: {
        QVariantList list;
        const QStringList parts = trimmed.split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString &part : parts) {
            const auto v = Units::parseDuration(part);
            if (!v)
                return QStringLiteral("\"%1\" is not a duration").arg(part.trimmed());
            if (!inRange(key, *v))
                return QStringLiteral("%1 is out of range").arg(part.trimmed());
            list.append(*v);
        }
        *out = list;
        return {};
    }
    case ConfigType::Size:
    case ConfigType::Bitrate: {
        const auto v = key.type == ConfigType::Size ? Units::parseSize(trimmed) : Units::parseBitrate(trimmed);
        if (!v)
            return key.type == ConfigType::Size ? QStringLiteral("not a size") : QStringLiteral("not a bit rate");
        if (!inRange(key, static_cast<double>(*v)))
            return QStringLiteral("out of range");
        *out = *v;
        return {};
    }
    case ConfigType::Integer: {
        bool ok = false;
        const qlonglong v = trimmed.toLongLong(&ok);
        if (!ok)
            return QStringLiteral("not an integer");
        if (!inRange(key, static_cast<double>(v)))
            return QStringLiteral("out of range");
        *out = static_cast<int>(v);
        return {};
    }
    case ConfigType::Number: {
        // Digits and one '.', whatever the locale: "1,5" or "1e3" would mean different things to
        // different readers. ".5" and "2." are what they look like.
        static const QRegularExpression re(QRegularExpression::anchoredPattern(
            QStringLiteral(R"(-?([0-9]{1,9}(\.[0-9]{0,9})?|\.[0-9]{1,9}))")));
        if (!re.match(trimmed).hasMatch())
            return QStringLiteral("not a number");
        const double v = trimmed.toDouble();
        if (!inRange(key, v))
            return QStringLiteral("out of range");
        *out = v;
        return {};
    }
    case ConfigType::Boolean: {
        const QString lower = trimmed.toLower();
        if (lower == QLatin1String("true") || lower == QLatin1String("yes") || lower == QLatin1String("on")
            || lower == QLatin1String("1"))
            *out = true;
        else if (lower == QLatin1String("false") || lower == QLatin1String("no") || lower == QLatin1String("off")
                 || lower == QLatin1String("0"))
            *out = false;
        else
            return QStringLiteral("not a boolean");
        return {};
    }
    case ConfigType::Choice:
        if (!key.choices.contains(trimmed))
            return QStringLiteral("not a known value");
        *out = trimmed;
        return {};
    case ConfigType::String:
        if (!key.pattern.isEmpty() && !trimmed.isEmpty()) {
            const QRegularExpression re(QRegularExpression::anchoredPattern(key.pattern));
            if (!re.match(trimmed).hasMatch())
                return QStringLiteral("not allowed");
        }
        *out = trimmed;
        return {};
    case ConfigType::Path:
        if (!trimmed.startsWith(QLatin1Char('/')))
            return QStringLiteral("not an absolute path");
        *out = QDir::cleanPath(trimmed);
        return {};
    }
    return QStringLiteral("unsupported type");
}

QStringList sectionNames()
{
    QStringList names;
    for (const ConfigKey &k : ConfigSchema::keys()) {
        if (!names.contains(k.section))
            names.append(k.section);
    }
    return names;
}

QStringList keyNames(const QString &section)
{
    QStringList names;
    for (const ConfigKey &k : ConfigSchema::keys()) {
        if (k.section == section)
            names.append(k.name);
    }
    return names;
}

// QSettings splits "2min,1min,30s" into a list; the schema wants the text as written.
QString settingText(const QVariant &value)
{
    if (value.userType() == QMetaType::QStringList)
        return value.toStringList().join(QLatin1Char(','));
    return value.toString();
}

// Reads the file's values into `texts`. Returns the error line, or an empty string.
QString readFile(const QString &path, QHash<QString, QString> *texts)
{
    const QFileInfo info(path);
    if (info.isDir())
        return path + QStringLiteral(": is a directory, not a configuration file");
    if (!info.isReadable())
        return path + QStringLiteral(": cannot read the configuration file (permission denied)");

    QSettings settings(path, QSettings::IniFormat);
    if (settings.status() == QSettings::FormatError)
        return path + QStringLiteral(": not a valid INI file; allowed: [section] lines and key=value lines");
    if (settings.status() == QSettings::AccessError)
        return path + QStringLiteral(": cannot read the configuration file");

    const QStringList rootKeys = settings.childKeys();
    if (!rootKeys.isEmpty())
        return path + QStringLiteral(": key %1 outside a section; allowed sections: %2")
                          .arg(rootKeys.first(), sectionNames().join(QStringLiteral(", ")));

    const QStringList groups = settings.childGroups();
    for (const QString &group : groups) {
        if (!ConfigSchema::hasSection(group))
            return path + QStringLiteral(": unknown section [%1]; allowed sections: %2")
                              .arg(group, sectionNames().join(QStringLiteral(", ")));
        settings.beginGroup(group);
        const QStringList childGroups = settings.childGroups();
        if (!childGroups.isEmpty())
            return path + QStringLiteral(": [%1] %2: nested keys are not allowed; allowed keys: %3")
                              .arg(group, childGroups.first(), keyNames(group).join(QStringLiteral(", ")));
        const QStringList names = settings.childKeys();
        for (const QString &name : names) {
            if (!ConfigSchema::find(group, name))
                return path + QStringLiteral(": unknown key [%1] %2; allowed keys: %3")
                                  .arg(group, name, keyNames(group).join(QStringLiteral(", ")));
            texts->insert(group + QLatin1Char('/') + name, settingText(settings.value(name)));
        }
        settings.endGroup();
    }
    return {};
}

} // namespace

Config::Result Config::load(const QString &path, bool explicitPath, const QProcessEnvironment &environment)
{
    Result result;
    Config &config = result.config;
    config.m_file = path;

    QHash<QString, QString> texts;
    QHash<QString, Origin> origins;
    for (const ConfigKey &k : ConfigSchema::keys()) {
        texts.insert(k.id(), k.defaultValue);
        origins.insert(k.id(), Origin{});
    }

    if (!path.isEmpty()) {
        if (QFileInfo::exists(path)) {
            QHash<QString, QString> fromFile;
            result.error = readFile(path, &fromFile);
            if (!result.ok())
                return result;
            for (auto it = fromFile.cbegin(); it != fromFile.cend(); ++it) {
                texts.insert(it.key(), it.value());
                origins[it.key()].file = path;
            }
        } else if (explicitPath) {
            result.error = path + QStringLiteral(": configuration file not found; give an existing file with --config, "
                                                 "or leave --config out to use %1 or the defaults")
                                      .arg(QLatin1String(kDefaultPath));
            return result;
        }
    }

    for (const ConfigKey &k : ConfigSchema::keys()) {
        if (!k.envVar.isEmpty() && environment.contains(k.envVar)) {
            texts.insert(k.id(), environment.value(k.envVar));
            origins[k.id()].envVar = k.envVar;
        }
    }

    // [paths] first, so other values can refer to them; state_dir before recordings_dir.
    QHash<QString, QString> paths;
    // Parses one key's text (after placeholders); false with result.error set when it is bad.
    auto parseKey = [&](const ConfigKey &k, QString *text, QVariant *value) {
        *text = substitutePlaceholders(texts.value(k.id()), paths);
        const QString reason = parseValue(k, *text, value);
        if (reason.isEmpty())
            return true;
        result.error = describe(k, *text, origins.value(k.id())) + QStringLiteral(": ") + reason
            + QStringLiteral("; allowed: ") + ConfigSchema::allowedText(k);
        return false;
    };
    for (const ConfigKey &k : ConfigSchema::keys()) {
        QString text;
        QVariant value;
        if (k.section != QLatin1String("paths"))
            continue;
        if (!parseKey(k, &text, &value))
            return result;
        paths.insert(k.name, value.toString());
    }
    result.paths = paths;

    for (const ConfigKey &k : ConfigSchema::keys()) {
        QString text;
        QVariant value;
        if (!parseKey(k, &text, &value))
            return result;
        config.m_values.insert(k.id(), value);
        config.m_text.insert(k.id(), text);
        const Origin &origin = origins[k.id()];
        if (!origin.file.isEmpty() || !origin.envVar.isEmpty())
            config.m_given.insert(k.id());
    }

    // The Python recorder's default was /tmp/recorder_heartbeat.json. Every unit runs with
    // PrivateTmp=yes, so its /tmp is its own: a heartbeat there is invisible to the other programs,
    // and the watchdog would restart a healthy recorder forever. A file right in /tmp or /var/tmp is
    // always refused (that is where the Python recorder's users would put it); one in a folder below
    // them when this program's own /tmp is private, which is when it would silently fail. Tests and
    // scripts run by hand keep their state in temporary folders below /tmp, where it works.
    const QString heartbeatId = QStringLiteral("heartbeat/file");
    const QString heartbeat = config.string(heartbeatId);
    const QString heartbeatDir = PrivateTmp::temporaryRoot(heartbeat);
    const bool rightInTmp = QFileInfo(QDir::cleanPath(heartbeat)).path() == heartbeatDir;
    if (!heartbeatDir.isEmpty() && (rightInTmp || PrivateTmp::isPrivateHere(heartbeatDir))) {
        const ConfigKey *k = ConfigSchema::find(QStringLiteral("heartbeat"), QStringLiteral("file"));
        result.error = describe(*k, heartbeat, origins.value(heartbeatId))
            + QStringLiteral(": in %1, which systemd's PrivateTmp=yes makes private to each unit, so the "
                             "watchdog, exporter and dashboard would never see it; allowed: a path outside /tmp "
                             "and /var/tmp, such as the default %2/heartbeat.json")
                  .arg(heartbeatDir, paths.value(QStringLiteral("runtime_dir")));
        return result;
    }

    // Only the time zone database knows which names exist.
    const QString zoneId = QStringLiteral("overlay/timezone");
    const QString zone = config.string(zoneId);
    if (!zone.isEmpty() && !QTimeZone::isTimeZoneIdAvailable(zone.toUtf8())) {
        const ConfigKey *k = ConfigSchema::find(QStringLiteral("overlay"), QStringLiteral("timezone"));
        result.error = describe(*k, zone, origins.value(zoneId))
            + QStringLiteral(": not a known time zone; allowed: an IANA time zone name such as Europe/Paris or UTC "
                             "(as in /usr/share/zoneinfo), or empty for the system's");
        return result;
    }

    // A format of allowed length can still print far more (each %c is 24 characters): measured on
    // the longest day and month names, and a 6-character zone name for each %Z, it must fit what the
    // overlay prints, or the time would silently vanish from the picture.
    const QString formatId = QStringLiteral("overlay/format");
    const QByteArray format = config.string(formatId).toUtf8();
    const int printed = sampleTimeLength(format);
    if (printed > kOverlayTimeMaxBytes) {
        const ConfigKey *k = ConfigSchema::find(QStringLiteral("overlay"), QStringLiteral("format"));
        result.error = describe(*k, config.text(formatId), origins.value(formatId))
            + QStringLiteral(": prints %1 characters; allowed: a format that prints at most %2, such as %Y-%m-%d %H:%M:%S")
                  .arg(printed)
                  .arg(kOverlayTimeMaxBytes);
        return result;
    }

    // Rules that tie two keys together.
    const QString maxId = QStringLiteral("recording/max_duration");
    const QString sessionId = QStringLiteral("recording/session_duration");
    if (config.seconds(maxId) < config.seconds(sessionId)) {
        const ConfigKey *k = ConfigSchema::find(QStringLiteral("recording"), QStringLiteral("max_duration"));
        result.error = describe(*k, config.text(maxId), origins.value(maxId))
            + QStringLiteral(": shorter than session_duration=%1; allowed: at least session_duration")
                  .arg(config.text(sessionId));
    }
    return result;
}

Config Config::defaults()
{
    Result result = load(QString(), false, QProcessEnvironment());
    Q_ASSERT(result.ok());
    return result.config;
}

QVariant Config::value(const QString &id, int expectedType) const
{
    const auto it = m_values.constFind(id);
    if (it == m_values.cend())
        qFatal("Config: no key %s in the schema", qPrintable(id));
    if (it->userType() != expectedType)
        qFatal("Config: key %s read with the wrong type", qPrintable(id));
    return *it;
}

double Config::seconds(const QString &id) const
{
    return value(id, QMetaType::Double).toDouble();
}

QList<double> Config::secondsList(const QString &id) const
{
    QList<double> list;
    const QVariantList values = value(id, QMetaType::QVariantList).toList();
    for (const QVariant &v : values)
        list.append(v.toDouble());
    return list;
}

qint64 Config::bytes(const QString &id) const
{
    return value(id, QMetaType::LongLong).toLongLong();
}

qint64 Config::bitsPerSecond(const QString &id) const
{
    return value(id, QMetaType::LongLong).toLongLong();
}

int Config::integer(const QString &id) const
{
    return value(id, QMetaType::Int).toInt();
}

double Config::number(const QString &id) const
{
    return value(id, QMetaType::Double).toDouble();
}

bool Config::boolean(const QString &id) const
{
    return value(id, QMetaType::Bool).toBool();
}

QString Config::string(const QString &id) const
{
    return value(id, QMetaType::QString).toString();
}
