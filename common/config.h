// SPDX-License-Identifier: MIT
// The loaded, validated configuration: every key of ConfigSchema with its value.
#pragma once

#include <QHash>
#include <QSet>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QVariant>

// Reentrant value type: load once on the main thread, then copy or share read-only.
class Config
{
public:
    static constexpr const char *kDefaultPath = "/etc/recorder/recorder.conf";
    // Exit status for any configuration error (sysexits.h EX_CONFIG); the units'
    // RestartPreventExitStatus=78 stops restart loops on it.
    static constexpr int kExitConfigError = 78;
    // Longest time text [overlay] format may print; the overlay's strftime() buffer is sized from it
    // (with room for zone names longer than the sample's), so an accepted format always fits.
    static constexpr int kOverlayTimeMaxBytes = 200;

    struct Result;

    // Reads `path` (an INI file) and the environment overrides, and validates every value.
    // `explicitPath` says the user named the file (--config): then a missing file is an error;
    // a missing file at the default path means defaults.
    static Result load(const QString &path, bool explicitPath,
                       const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());
    // All defaults, with no file and no environment: for tests and tools.
    static Config defaults();

    QString file() const { return m_file; }

    // Typed access by "section/key". Asking for a key the schema does not have, or with
    // the wrong type, is a programming error and aborts.
    double seconds(const QString &id) const;           // Duration
    QList<double> secondsList(const QString &id) const; // DurationList
    qint64 bytes(const QString &id) const;             // Size
    qint64 bitsPerSecond(const QString &id) const;     // Bitrate
    int integer(const QString &id) const;              // Integer
    double number(const QString &id) const;            // Number
    bool boolean(const QString &id) const;             // Boolean
    QString string(const QString &id) const;           // Choice, String, Path

    // The text a value came from (after default substitution), for messages and `--help`.
    QString text(const QString &id) const { return m_text.value(id); }
    // Whether the file or the environment gave the key (false: its default): for keys whose
    // default means "unset" though the same value can be asked for (lens_position=0 is infinity).
    bool given(const QString &id) const { return m_given.contains(id); }

private:
    QVariant value(const QString &id, int expectedType) const;

    QString m_file;
    QHash<QString, QVariant> m_values;
    QHash<QString, QString> m_text;
    QSet<QString> m_given;
};

struct Config::Result {
    Config config;
    QString error; // one line, empty when the configuration is valid
    // The [paths] values ("log_dir", …) when that section parsed, even if a later key did not: where
    // a program may still log its configuration error. Empty when [paths] itself is bad.
    QHash<QString, QString> paths;
    bool ok() const { return error.isEmpty(); }
};
