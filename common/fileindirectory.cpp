// SPDX-License-Identifier: MIT
// Opens a file relative to its directory's descriptor, never through a final symbolic link.
#include "fileindirectory.h"

#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

QString errnoText(const QString &what)
{
    return QStringLiteral("%1: %2").arg(what, QString::fromLocal8Bit(std::strerror(errno)));
}

} // namespace

FileInDirectory::FileInDirectory(const QString &path)
    : m_path(path)
{
    const QFileInfo info(path);
    m_name = QFile::encodeName(info.fileName());
    // The directory itself may be reached through links (/var/run → /run): only the last
    // component is the file the program owns.
    m_dirFd = ::open(QFile::encodeName(info.absolutePath()).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (m_dirFd < 0)
        m_error = errnoText(QStringLiteral("cannot open directory %1").arg(info.absolutePath()));
    else if (m_name.isEmpty() || m_name == "." || m_name == "..")
        m_error = QStringLiteral("%1 does not name a file").arg(path);
}

FileInDirectory::~FileInDirectory()
{
    if (m_dirFd >= 0)
        ::close(m_dirFd);
}

QString FileInDirectory::symlinkRefusal(const QString &path)
{
    return QStringLiteral("%1 is a symbolic link; refused: files are written and read in place, never through a link")
        .arg(path);
}

FileInDirectory::Opened FileInDirectory::openChecked(int flags, mode_t mode) const
{
    Opened result;
    if (!m_error.isEmpty()) {
        result.error = m_error;
        return result;
    }
    // O_NONBLOCK: a FIFO in the file's place must not hang the caller before fstat refuses it.
    const int fd = ::openat(m_dirFd, m_name.constData(), flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, mode);
    if (fd < 0) {
        result.symlink = errno == ELOOP;
        result.missing = errno == ENOENT;
        result.error = result.symlink ? symlinkRefusal(m_path) : errnoText(QStringLiteral("cannot open %1").arg(m_path));
        return result;
    }
    struct stat st{};
    if (::fstat(fd, &st) != 0)
        result.error = errnoText(QStringLiteral("cannot stat %1").arg(m_path));
    else if (!S_ISREG(st.st_mode))
        result.error = QStringLiteral("%1 is not a regular file; refused").arg(m_path);
    else if (st.st_nlink > 1)
        // A hard link to another file would be written or copied just like a symbolic link.
        result.error = QStringLiteral("%1 has %2 hard links; refused: allowed only a file of its own").arg(m_path).arg(st.st_nlink);
    if (!result.error.isEmpty()) {
        ::close(fd);
        return result;
    }
    // Clear O_NONBLOCK again: regular files ignore it, but the descriptor is handed on.
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    result.fd = fd;
    return result;
}

FileInDirectory::Opened FileInDirectory::openForAppend(mode_t mode) const
{
    Opened result = openChecked(O_WRONLY | O_APPEND | O_CREAT, mode);
    // The documented mode whatever the umask; an existing file of ours is brought back to it.
    if (result.ok())
        ::fchmod(result.fd, mode);
    return result;
}

FileInDirectory::Opened FileInDirectory::openForReading() const
{
    return openChecked(O_RDONLY, 0);
}

QString FileInDirectory::checkReplaceable() const
{
    if (!m_error.isEmpty())
        return m_error;
    struct stat st{};
    if (::fstatat(m_dirFd, m_name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
        return errno == ENOENT ? QString() : errnoText(QStringLiteral("cannot stat %1").arg(m_path));
    if (S_ISLNK(st.st_mode))
        return symlinkRefusal(m_path);
    if (!S_ISREG(st.st_mode))
        return QStringLiteral("%1 is not a regular file; refused").arg(m_path);
    return {};
}

void FileInDirectory::syncDirectory() const
{
    if (m_dirFd >= 0)
        ::fsync(m_dirFd);
}
