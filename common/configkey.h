// SPDX-License-Identifier: MIT
// One configuration key: its name, type, default, allowed range and help text.
#pragma once

#include <QString>
#include <QStringList>

enum class ConfigType {
    Duration,     // seconds; "30s", "10min"; a bare number is seconds
    DurationList, // comma-separated durations: "2min,1min,30s"
    Size,         // bytes; "1GB", "512MiB"; a bare number is bytes
    Bitrate,      // bits per second; "8Mbps"; a bare number is bits per second
    Integer,      // whole number
    Number,       // decimal number with a '.' (e.g. 2.5), in the key's own unit
    Boolean,      // true/false, yes/no, on/off, 1/0
    Choice,       // one of `choices`
    String,       // free text, optionally checked by `pattern`
    Path,         // absolute file or directory path
};

struct ConfigKey {
    QString section;
    QString name;
    ConfigType type = ConfigType::String;
    // As written in the file. "{runtime_dir}" and the like are replaced by the value of
    // that [paths] key, so derived paths follow their parent.
    QString defaultValue;
    QString help;
    double minimum = 0;    // numeric types, in base units
    double maximum = -1;   // numeric types, in base units; negative means no upper bound
    QStringList choices;   // Choice
    QString pattern;       // String: a regular expression the whole value must match
    QString patternHelp;   // String: what the pattern allows, in words
    QString envVar;        // environment variable that overrides the key (bare seconds/number)

    QString id() const { return section + QLatin1Char('/') + name; }
};
