// SPDX-License-Identifier: MIT
// Typed reads of fields from a JSON object, keeping the first type error.
#include "jsonfields.h"

#include <cmath>
#include <limits>

bool JsonFields::check(const char *key, bool present, bool typeOk, bool required, const char *expected)
{
    if (!present) {
        if (required && m_error.isEmpty())
            m_error = QStringLiteral("field \"%1\" is missing; allowed: %2").arg(QLatin1String(key), QLatin1String(expected));
        return false;
    }
    if (!typeOk) {
        if (m_error.isEmpty())
            m_error = QStringLiteral("field \"%1\" has the wrong type; allowed: %2").arg(QLatin1String(key), QLatin1String(expected));
        return false;
    }
    return true;
}

void JsonFields::string(const char *key, QString *out, bool required)
{
    const QJsonValue v = m_object.value(QLatin1String(key));
    if (check(key, !v.isUndefined(), v.isString(), required, "a string"))
        *out = v.toString();
}

void JsonFields::number(const char *key, double *out, bool required)
{
    const QJsonValue v = m_object.value(QLatin1String(key));
    if (check(key, !v.isUndefined(), v.isDouble(), required, "a number"))
        *out = v.toDouble();
}

void JsonFields::integer(const char *key, qint64 *out, bool required)
{
    const QJsonValue v = m_object.value(QLatin1String(key));
    const bool whole = v.isDouble() && std::floor(v.toDouble()) == v.toDouble() && std::abs(v.toDouble()) < 9.0e15;
    if (check(key, !v.isUndefined(), whole, required, "an integer"))
        *out = static_cast<qint64>(v.toDouble());
}

void JsonFields::boolean(const char *key, bool *out, bool required)
{
    const QJsonValue v = m_object.value(QLatin1String(key));
    if (check(key, !v.isUndefined(), v.isBool(), required, "true or false"))
        *out = v.toBool();
}

void JsonFields::optionalNumber(const char *key, double *out)
{
    const QJsonValue v = m_object.value(QLatin1String(key));
    if (v.isNull()) {
        *out = std::numeric_limits<double>::quiet_NaN();
        return;
    }
    if (check(key, !v.isUndefined(), v.isDouble(), false, "a number or null"))
        *out = v.toDouble();
}

void JsonFields::schemaVersion(int readerMajor, QString *out, bool *newer)
{
    *newer = false;
    string("schema_version", out, true);
    if (!ok())
        return;
    bool majorOk = false;
    const int major = out->section(QLatin1Char('.'), 0, 0).toInt(&majorOk);
    if (!majorOk || major < 1) {
        m_error = QStringLiteral("field \"schema_version\" is \"%1\"; allowed: \"MAJOR.MINOR\"").arg(*out);
    } else if (major > readerMajor) {
        *newer = true;
        m_error = QStringLiteral("schema version %1 is newer than this reader's %2.x").arg(*out).arg(readerMajor);
    }
}

void JsonFields::clockReading(ClockReading *out)
{
    QString timestamp;
    string("timestamp", &timestamp, true);
    string("boot_id", &out->bootId, true);
    number("boottime_seconds", &out->boottimeSeconds, true);
    if (!ok())
        return;
    out->wall = QDateTime::fromString(timestamp, Qt::ISODateWithMs);
    if (!out->wall.isValid())
        m_error = QStringLiteral("field \"timestamp\" is \"%1\"; allowed: ISO 8601 UTC time").arg(timestamp);
    else
        out->wall = out->wall.toUTC();
}
