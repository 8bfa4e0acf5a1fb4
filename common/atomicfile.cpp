// SPDX-License-Identifier: MIT
// Writes a whole file so that no reader ever sees it partly written.
#include "atomicfile.h"

#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

QString errnoText(const char *what, const QString &path)
{
    return QStringLiteral("%1 %2: %3").arg(QLatin1String(what), path, QString::fromLocal8Bit(std::strerror(errno)));
}

bool writeAll(int fd, const QByteArray &data)
{
    const char *p = data.constData();
    qsizetype left = data.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, static_cast<size_t>(left));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        p += n;
        left -= n;
    }
    return true;
}

} // namespace

QString AtomicFile::write(const QString &path, const QByteArray &data, int mode)
{
    const QFileInfo info(path);
    const QByteArray dir = QFile::encodeName(info.absolutePath());
    const QByteArray target = QFile::encodeName(info.absoluteFilePath());
    QByteArray temp = QFile::encodeName(info.absolutePath() + QStringLiteral("/.") + info.fileName()
                                        + QStringLiteral(".XXXXXX"));

    const int fd = ::mkostemp(temp.data(), O_CLOEXEC);
    if (fd < 0)
        return errnoText("cannot create a temporary file for", path);
    // mkostemp creates 0600; widen to the wanted mode (never group/world-writable by callers).
    if (::fchmod(fd, static_cast<mode_t>(mode)) != 0 || !writeAll(fd, data) || ::fsync(fd) != 0) {
        const QString error = errnoText("cannot write", path);
        ::close(fd);
        ::unlink(temp.constData());
        return error;
    }
    ::close(fd);
    if (::rename(temp.constData(), target.constData()) != 0) {
        const QString error = errnoText("cannot replace", path);
        ::unlink(temp.constData());
        return error;
    }
    const int dirFd = ::open(dir.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd >= 0) {
        ::fsync(dirFd);
        ::close(dirFd);
    }
    return {};
}
