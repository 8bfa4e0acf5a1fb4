// SPDX-License-Identifier: MIT
// Tells the watchdog when the heartbeat file has been replaced or changed.
#include "heartbeatwatcher.h"

#include <QFileInfo>

#include <sys/stat.h>

namespace {
constexpr int kCoalesceMs = 20;
}

HeartbeatWatcher::HeartbeatWatcher(const QString &path, QObject *parent)
    : QObject(parent), m_path(path), m_watcher(this)
{
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(kCoalesceMs);
    connect(&m_coalesce, &QTimer::timeout, this, &HeartbeatWatcher::checkSignature);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &HeartbeatWatcher::onEvent);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &HeartbeatWatcher::onEvent);
    ensureWatching();
    m_signature = signature();
}

void HeartbeatWatcher::ensureWatching()
{
    const QString directory = QFileInfo(m_path).absolutePath();
    if (!m_watcher.directories().contains(directory) && QFileInfo(directory).isDir())
        m_watcher.addPath(directory);
    // A rename drops the watch on the old inode: watch the path again whenever it exists.
    if (!m_watcher.files().contains(m_path) && QFileInfo::exists(m_path))
        m_watcher.addPath(m_path);
}

void HeartbeatWatcher::onEvent()
{
    ensureWatching();
    if (!m_coalesce.isActive())
        m_coalesce.start();
}

void HeartbeatWatcher::checkSignature()
{
    const QByteArray now = signature();
    if (now == m_signature)
        return;
    m_signature = now;
    emit changed();
}

QByteArray HeartbeatWatcher::signature() const
{
    struct stat st{};
    if (::lstat(QFile::encodeName(m_path).constData(), &st) != 0)
        return QByteArrayLiteral("absent");
    return QByteArray::number(static_cast<qulonglong>(st.st_ino)) + ':' + QByteArray::number(static_cast<qlonglong>(st.st_size))
        + ':' + QByteArray::number(static_cast<qlonglong>(st.st_mtim.tv_sec)) + '.'
        + QByteArray::number(static_cast<qlonglong>(st.st_mtim.tv_nsec));
}
