// SPDX-License-Identifier: MIT
// Typed reads of fields from a JSON object, keeping the first type error.
#pragma once

#include "clockreading.h"

#include <QJsonObject>
#include <QString>

// Reentrant; one instance per document being parsed.
class JsonFields
{
public:
    explicit JsonFields(const QJsonObject &object) : m_object(object) {}

    // Each reads `key` into `out` when present with the right type. A field with the wrong
    // type, or a required field that is missing, records an error and leaves `out` alone.
    void string(const char *key, QString *out, bool required = false);
    void number(const char *key, double *out, bool required = false);
    void integer(const char *key, qint64 *out, bool required = false);
    void boolean(const char *key, bool *out, bool required = false);
    // A number or null (null stores NaN): for values that do not always apply.
    void optionalNumber(const char *key, double *out);

    // Reads the required "schema_version" ("MAJOR.MINOR") into `out`. A major above `readerMajor`
    // is an error that also sets `newer` (the reader's status becomes newer_schema).
    void schemaVersion(int readerMajor, QString *out, bool *newer);
    // Reads the required "timestamp" (ISO 8601), "boot_id" and "boottime_seconds" into `out`.
    void clockReading(ClockReading *out);

    bool ok() const { return m_error.isEmpty(); }
    QString error() const { return m_error; }

private:
    bool check(const char *key, bool present, bool typeOk, bool required, const char *expected);

    QJsonObject m_object;
    QString m_error;
};
