// SPDX-License-Identifier: MIT
// The one table of configuration keys: the public contract of recorder.conf.
#pragma once

#include "configkey.h"

#include <QList>

// Reentrant: the table is built once and never changes.
class ConfigSchema
{
public:
    static const QList<ConfigKey> &keys();
    static const ConfigKey *find(const QString &section, const QString &name);
    static bool hasSection(const QString &section);

    // What a value of this key may be, in words: "a duration from 1s to 1h".
    static QString allowedText(const ConfigKey &key);

    // The commented example configuration (systemd/recorder.conf) and docs/configuration.md,
    // both generated from the table so they cannot drift from it.
    static QString exampleConfig();
    static QString markdown();
};
