// SPDX-License-Identifier: MIT
// Writes a whole file so that no reader ever sees it partly written.
#include "atomicfile.h"

#include "fileindirectory.h"

#include <QRandomGenerator>

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
    const FileInDirectory file(path);
    // A link in the target's place is refused, not replaced: someone planted it, and the one
    // line naming it is worth more than silently overwriting the evidence.
    const QString refusal = file.checkReplaceable();
    if (!refusal.isEmpty())
        return refusal;

    QByteArray temp;
    int fd = -1;
    for (int attempt = 0; fd < 0 && attempt < 16; ++attempt) {
        temp = "." + file.name() + "." + QByteArray::number(QRandomGenerator::global()->generate64(), 36);
        // O_EXCL|O_NOFOLLOW: never an existing file nor a link an attacker guessed the name of.
        fd = ::openat(file.directoryFd(), temp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0)
        return errnoText("cannot create a temporary file for", path);
    // Created 0600; set the wanted mode exactly (never group/world-writable by callers).
    if (::fchmod(fd, static_cast<mode_t>(mode)) != 0 || !writeAll(fd, data) || ::fsync(fd) != 0) {
        const QString error = errnoText("cannot write", path);
        ::close(fd);
        ::unlinkat(file.directoryFd(), temp.constData(), 0);
        return error;
    }
    ::close(fd);
    // renameat replaces the directory entry itself: a link planted since the check is replaced,
    // never written through.
    if (::renameat(file.directoryFd(), temp.constData(), file.directoryFd(), file.name().constData()) != 0) {
        const QString error = errnoText("cannot replace", path);
        ::unlinkat(file.directoryFd(), temp.constData(), 0);
        return error;
    }
    file.syncDirectory();
    return {};
}
