// SPDX-License-Identifier: MIT
// recorder-offload's settings: [offload] and its [paths], checked against rclone at start-up.
#pragma once

#include "config.h"

#include <QString>

// Reentrant value type.
struct OffloadSettings {
    bool enabled = false;
    QString remote;         // "nas:recordings"
    QString rcloneConfig;   // rclone.conf
    QString rclone;         // the rclone binary
    QString pathTemplate;
    QString bandwidthLimit;
    double minAgeSeconds = 0;
    double maxBackoffSeconds = 1800;
    int concurrency = 1;
    QString runtimeDir;     // status.json
    QString stateDir;       // paused
    QString hostname;

    static OffloadSettings fromConfig(const Config &config, const QString &rcloneBinary);

    // What the key table cannot check alone: `remote` when enabled. One line, or empty.
    QString validate() const;
    // The binary exists and `listremotes` knows the remote's name. Runs rclone once, at start-up,
    // before the event loop. One line naming what was wrong and what is allowed, or empty.
    QString checkRclone() const;
    // The same check on `listremotes` output; exposed for tests.
    QString checkRemoteListed(const QString &listRemotesOutput) const;

    QString statusFile() const { return runtimeDir + QStringLiteral("/status.json"); }
    QString pausedFile() const { return stateDir + QStringLiteral("/paused"); }
};
