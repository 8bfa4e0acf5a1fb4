// SPDX-License-Identifier: MIT
// Where every program keeps its files, derived from [paths] and [heartbeat] of the configuration.
#include "paths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

Paths::Paths(const Config &config)
    : m_runtimeDir(config.string(QStringLiteral("paths/runtime_dir")))
    , m_stateDir(config.string(QStringLiteral("paths/state_dir")))
    , m_recordingsDir(config.string(QStringLiteral("paths/recordings_dir")))
    , m_logDir(config.string(QStringLiteral("paths/log_dir")))
    , m_watchdogRuntimeDir(config.string(QStringLiteral("paths/watchdog_runtime_dir")))
    , m_watchdogStateDir(config.string(QStringLiteral("paths/watchdog_state_dir")))
    , m_watchdogLogDir(config.string(QStringLiteral("paths/watchdog_log_dir")))
    , m_exporterLogDir(config.string(QStringLiteral("paths/exporter_log_dir")))
    , m_heartbeatFile(config.string(QStringLiteral("heartbeat/file")))
    , m_watchdogStatusFile(config.string(QStringLiteral("watchdog/status_file")))
{
}

QString Paths::ensureDirectory(const QString &path)
{
    const QString clean = QDir::cleanPath(path);
    // Walk down from the root so each directory we create gets 0750, not the umask's choice.
    const QStringList parts = clean.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QString current;
    for (const QString &part : parts) {
        current += QLatin1Char('/') + part;
        const QByteArray name = QFile::encodeName(current);
        struct stat st{};
        if (::stat(name.constData(), &st) == 0) {
            if (!S_ISDIR(st.st_mode))
                return QStringLiteral("%1 exists and is not a directory").arg(current);
            continue;
        }
        if (errno != ENOENT || (::mkdir(name.constData(), 0750) != 0 && errno != EEXIST))
            return QStringLiteral("cannot create directory %1: %2").arg(current, QString::fromLocal8Bit(std::strerror(errno)));
        ::chmod(name.constData(), 0750);
    }

    return refuseWorldWritable(clean);
}

QString Paths::refuseWorldWritable(const QString &path)
{
    const QString clean = QDir::cleanPath(path);
    struct stat st{};
    if (::stat(QFile::encodeName(clean).constData(), &st) != 0)
        return QStringLiteral("cannot use directory %1: %2").arg(clean, QString::fromLocal8Bit(std::strerror(errno)));
    // The sticky bit (/tmp) only stops others deleting our files: they can still plant a file or a
    // link under a name we have not created yet, so it is no excuse.
    if (st.st_mode & S_IWOTH)
        return QStringLiteral("directory %1 is writable by everyone (mode %2); allowed: not world-writable, "
                              "not even with the sticky bit like /tmp, e.g. 0750")
            .arg(clean, QString::number(st.st_mode & 07777, 8));
    return {};
}
