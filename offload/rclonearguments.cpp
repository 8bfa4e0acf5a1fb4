// SPDX-License-Identifier: MIT
#include "rclonearguments.h"

#include <QJsonObject>
#include <QRegularExpression>

QString RcloneArguments::remoteName(const QString &remote)
{
    return remote.section(QLatin1Char(':'), 0, 0);
}

QString RcloneArguments::target(const QString &remote, const QString &relativePath)
{
    if (remote.endsWith(QLatin1Char(':')) || remote.endsWith(QLatin1Char('/')))
        return remote + relativePath;
    return remote + QLatin1Char('/') + relativePath;
}

QStringList RcloneArguments::listRemotes(const QString &config)
{
    return {QStringLiteral("listremotes"), QStringLiteral("--config"), config};
}

QStringList RcloneArguments::rcd(const QString &config, const QString &bandwidthLimit)
{
    // --ignore-times: we copy only what must be (re)sent, and a remote copy of the same size that
    // failed verification must be replaced, not skipped (operations/copyfile skips "same" files).
    // Port 0: the kernel picks a free one and rclone's NOTICE line names it (no race with another
    // program for a port chosen beforehand). NOTICE is the level of that line: an RCLONE_LOG_LEVEL
    // in the environment must not hide it. --rc-server-write-timeout 0: a call answers when its
    // work ends (a copy on a slow uplink may take hours), and rclone's default of 1 h would drop
    // the answer of a copy that succeeded.
    return {QStringLiteral("rcd"), QStringLiteral("--config"), config, QStringLiteral("--rc-addr"),
            QStringLiteral("127.0.0.1:0"), QStringLiteral("--rc-serve"), QStringLiteral("--rc-server-write-timeout"),
            QStringLiteral("0"), QStringLiteral("--log-level"),
            QStringLiteral("NOTICE"), QStringLiteral("--bwlimit"), bandwidthLimit.isEmpty() ? QStringLiteral("0") : bandwidthLimit,
            QStringLiteral("--low-level-retries"), QStringLiteral("2"), QStringLiteral("--contimeout"),
            QStringLiteral("15s"), QStringLiteral("--timeout"), QStringLiteral("60s"), QStringLiteral("--ignore-times")};
}

QString RcloneArguments::comparableHash(const QJsonObject &remoteHashes)
{
    // Hash types `rclone hashsum` computes for a local file (rclone 1.60), cheapest and most common first.
    static const char *const kLocal[] = {"md5", "sha1", "sha256", "crc32", "quickxor", "dropbox",
                                         "whirlpool", "hidrive", "mailru"};
    for (const char *type : kLocal)
        if (!remoteHashes.value(QLatin1String(type)).toString().isEmpty())
            return QLatin1String(type);
    return {};
}

QString RcloneArguments::redacted(const QString &rcloneMessage)
{
    // rclone quotes URLs in its errors; a user:password@ part must not reach the catalog or the logs.
    static const QRegularExpression userinfo(QStringLiteral("([A-Za-z][A-Za-z0-9+.-]*://)[^/?#@\\s]*@"));
    QString text = rcloneMessage;
    return text.replace(userinfo, QStringLiteral("\\1"));
}
