// SPDX-License-Identifier: MIT
// The argument lists of every rclone command the uploader runs (never a shell command line).
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

// Reentrant: pure functions. `config` is [offload] rclone_config; `target` a remote path
// ("nas:recordings/host/2026/01/02/x.mp4"). Paths come after "--", so a name starting with "-" is
// never read as a flag.
class RcloneArguments
{
public:
    // "nas" of "nas:recordings".
    static QString remoteName(const QString &remote);
    // remote joined with a path relative to it.
    static QString target(const QString &remote, const QString &relativePath);

    static QStringList listRemotes(const QString &config);
    // Copies one file. --ignore-times: we copy only what must be (re)sent, and a remote copy of the
    // same size that failed verification must be replaced, not skipped. One rclone retry: the
    // uploader's own backoff decides when to try again.
    static QStringList copyTo(const QString &local, const QString &target, const QString &config,
                              const QString &bandwidthLimit);
    // The remote copy's size and the hashes the remote can give without downloading it.
    static QStringList stat(const QString &target, const QString &config);
    // Hash `type` of `path` (local or remote); `download` computes it from the remote's bytes, for a
    // remote with no hash of its own (plain WebDAV).
    static QStringList hash(const QString &type, const QString &path, const QString &config, bool download);
    // Of the hashes lsjson --hash gave for the remote copy ("Hashes"), the type to compare with the
    // local file's: one `rclone hashsum` can compute locally (md5 first, then sha1 for Backblaze B2,
    // ...). Empty when none: then the remote copy is downloaded and hashed (md5).
    static QString comparableHash(const QJsonObject &remoteHashes);
    // Creates the remote folder if missing: the probe that says the remote answers.
    static QStringList probe(const QString &remote, const QString &config);
    // rclone's message with the user:password@ part of any URL removed (it goes to the catalog, the
    // status file and the log).
    static QString redacted(const QString &rcloneMessage);

private:
    static QStringList network(const QString &config);
};
