// SPDX-License-Identifier: MIT
#include "offloadsettings.h"

#include "rclonearguments.h"

#include <QFileInfo>
#include <QProcess>
#include <QSysInfo>

OffloadSettings OffloadSettings::fromConfig(const Config &config, const QString &rcloneBinary)
{
    OffloadSettings s;
    s.enabled = config.boolean(QStringLiteral("offload/enabled"));
    s.remote = config.string(QStringLiteral("offload/remote"));
    s.rcloneConfig = config.string(QStringLiteral("offload/rclone_config"));
    s.rclone = rcloneBinary;
    s.pathTemplate = config.string(QStringLiteral("offload/path_template"));
    s.bandwidthLimit = config.string(QStringLiteral("offload/bandwidth_limit"));
    s.minAgeSeconds = config.seconds(QStringLiteral("offload/min_age"));
    s.maxBackoffSeconds = config.seconds(QStringLiteral("offload/retry_max_backoff"));
    s.concurrency = config.integer(QStringLiteral("offload/concurrency"));
    s.runtimeDir = config.string(QStringLiteral("paths/offload_runtime_dir"));
    s.stateDir = config.string(QStringLiteral("paths/offload_state_dir"));
    s.hostname = QSysInfo::machineHostName();
    return s;
}

QString OffloadSettings::validate() const
{
    if (enabled && remote.isEmpty())
        return QStringLiteral("[offload] remote is empty while enabled=true; allowed: NAME:PATH, NAME being a "
                              "remote in %1")
            .arg(rcloneConfig);
    return {};
}

QString OffloadSettings::checkRclone() const
{
    if (rclone.isEmpty() || !QFileInfo(rclone).isExecutable())
        return QStringLiteral("rclone not found%1; allowed: the rclone program installed (Debian package "
                              "rclone) or named with --rclone")
            .arg(rclone.isEmpty() ? QString() : QStringLiteral(" at ") + rclone);
    QProcess process;
    process.setStandardInputFile(QProcess::nullDevice());   // a prompt must fail, not wait
    process.start(rclone, RcloneArguments::listRemotes(rcloneConfig));
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        const QString reason = QString::fromUtf8(process.readAllStandardError()).trimmed().section(QLatin1Char('\n'), -1);
        return QStringLiteral("[offload] rclone_config=%1: rclone listremotes failed: %2; allowed: a readable "
                              "rclone configuration that names the remote")
            .arg(rcloneConfig, reason.isEmpty() ? process.errorString() : reason);
    }
    return checkRemoteListed(QString::fromUtf8(process.readAllStandardOutput()));
}

QString OffloadSettings::checkRemoteListed(const QString &listRemotesOutput) const
{
    const QString name = RcloneArguments::remoteName(remote);
    QStringList known;
    for (const QString &line : listRemotesOutput.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QString listed = line.trimmed().chopped(line.trimmed().endsWith(QLatin1Char(':')) ? 1 : 0);
        if (listed == name)
            return {};
        known << listed;
    }
    return QStringLiteral("[offload] remote=%1: rclone knows no remote named \"%2\" in %3; allowed: %4")
        .arg(remote, name, rcloneConfig,
             known.isEmpty() ? QStringLiteral("none (the file defines no remote)") : known.join(QStringLiteral(", ")));
}
