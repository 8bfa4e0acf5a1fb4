// SPDX-License-Identifier: MIT
// The last lines of a service's log file, read in bounded time and memory, from its owner only.
#include "logtail.h"

#include "fileindirectory.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include <sys/stat.h>
#include <unistd.h>

LogTail::Result LogTail::read(const QString &path, const TrustedOwners &owners, int maxLines, const Result *previous)
{
    Result r;
    // Opened in place and never through a link; every check below is made on the open descriptor,
    // so the file read is the file checked.
    const FileInDirectory::Opened opened = FileInDirectory(path).openForReading();
    if (!opened.ok()) {
        if (opened.missing)
            r.problem = tr("No log file at %1 (the service has not written one yet).").arg(path);
        else if (opened.symlink)
            r.problem = tr("%1 is a symbolic link: not shown.").arg(path);
        else
            r.problem = tr("Cannot read %1: %2. The desktop user needs to be in group recorder.").arg(path, opened.error);
        return r;
    }
    struct FdCloser {
        int fd;
        ~FdCloser() { ::close(fd); }
    } closer{opened.fd};

    struct stat st{};
    if (::fstat(opened.fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        r.problem = tr("%1 is not a regular file: not shown.").arg(path);
        return r;
    }
    if (!owners.accepts(st.st_uid)) {
        r.problem = tr("%1 is owned by uid %2, not by %3: not shown.").arg(path).arg(st.st_uid).arg(owners.describe());
        return r;
    }
    r.size = st.st_size;
    r.modifiedNs = qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    r.inode = st.st_ino;
    if (previous && previous->problem.isEmpty() && previous->size == r.size && previous->modifiedNs == r.modifiedNs
        && previous->inode == r.inode) {
        r.unchanged = true;
        r.lines = previous->lines;
        return r;
    }

    const qint64 start = std::max<qint64>(0, st.st_size - kMaxTailBytes);
    QByteArray data(static_cast<qsizetype>(st.st_size - start), Qt::Uninitialized);
    qsizetype got = 0;
    while (got < data.size()) {
        const ssize_t n = ::pread(opened.fd, data.data() + got, static_cast<size_t>(data.size() - got), start + got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            r.problem = tr("Cannot read %1: %2.").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
            return r;
        }
        if (n == 0)
            break; // truncated (rotated) while we read: show what came
        got += n;
    }
    data.truncate(got);

    QList<QByteArray> raw = data.split('\n');
    if (!raw.isEmpty() && raw.constLast().isEmpty())
        raw.removeLast(); // the newline that ends the last line
    if (start > 0 && raw.size() > 1)
        raw.removeFirst(); // the read began inside a line: its start is not ours
    const qsizetype first = std::max<qsizetype>(0, raw.size() - maxLines);
    for (qsizetype i = first; i < raw.size(); ++i) {
        QString line = QString::fromUtf8(raw.at(i));
        if (line.size() > kMaxLineChars)
            line = line.left(kMaxLineChars - 1) + QChar(0x2026);
        r.lines.append(line);
    }
    if (r.lines.isEmpty())
        r.problem = tr("%1 is empty.").arg(path);
    return r;
}
