// SPDX-License-Identifier: MIT
// The argument lists of the rclone commands the uploader runs (never a shell command line).
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

// Reentrant: pure functions. `config` is [offload] rclone_config; `target` a remote path
// ("nas:recordings/host/2026/01/02/x.mp4").
class RcloneArguments
{
public:
    // "nas" of "nas:recordings".
    static QString remoteName(const QString &remote);
    // remote joined with a path relative to it.
    static QString target(const QString &remote, const QString &relativePath);

    static QStringList listRemotes(const QString &config);
    // The one long-running rclone of the uploader: `rclone rcd`, its remote-control API on a free
    // loopback port (rclone logs which), with --rc-serve so that a remote object can be read back
    // over HTTP. The credentials are not here: they go through the child's environment only
    // (RCLONE_RC_USER, RCLONE_RC_PASS), as /proc/PID/cmdline is readable by every user. Short
    // network timeouts: a remote that went away must fail an attempt in seconds, not minutes, so the
    // status says "unreachable" while it is.
    static QStringList rcd(const QString &config, const QString &bandwidthLimit);
    // Of the hashes operations/stat gave for the remote copy ("Hashes"), the type to compare with the
    // local file's: one rclone computes locally too (md5 first, then sha1 for Backblaze B2, ...).
    // Empty when none: then the remote copy is read back and hashed (md5).
    static QString comparableHash(const QJsonObject &remoteHashes);
    // rclone's message with the user:password@ part of any URL removed (it goes to the catalog, the
    // status file and the log).
    static QString redacted(const QString &rcloneMessage);
};
