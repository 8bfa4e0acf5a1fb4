// SPDX-License-Identifier: MIT
// The protect marker beside a recording (<file>.mp4.protected): the durable truth of its protect flag.
#include "protectmarker.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace {

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

// A new or removed name is durable only once its directory is synced.
QString syncDirectory(const QString &directory)
{
    const int fd = ::open(QFile::encodeName(directory).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return QStringLiteral("cannot open %1 to sync it: %2").arg(directory, errnoText());
    QString error;
    if (::fsync(fd) != 0)
        error = QStringLiteral("cannot sync %1: %2").arg(directory, errnoText());
    ::close(fd);
    return error;
}

} // namespace

QString ProtectMarker::pathFor(const QString &recordingPath)
{
    return recordingPath + QStringLiteral(".protected");
}

bool ProtectMarker::exists(const QString &recordingPath)
{
    return QFileInfo::exists(pathFor(recordingPath));
}

QString ProtectMarker::create(const QString &recordingPath)
{
    const QString marker = pathFor(recordingPath);
    // O_NOFOLLOW: a link planted in the recordings dir must not make the recorder create files elsewhere.
    const int fd = ::open(QFile::encodeName(marker).constData(), O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0)
        return QStringLiteral("cannot create protect marker %1: %2").arg(marker, errnoText());
    ::close(fd);
    return syncDirectory(QFileInfo(marker).path());
}

QString ProtectMarker::remove(const QString &recordingPath)
{
    const QString marker = pathFor(recordingPath);
    if (::unlink(QFile::encodeName(marker).constData()) != 0) {
        if (errno == ENOENT)
            return {};
        return QStringLiteral("cannot remove protect marker %1: %2").arg(marker, errnoText());
    }
    return syncDirectory(QFileInfo(marker).path());
}
