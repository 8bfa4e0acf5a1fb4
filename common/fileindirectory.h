// SPDX-License-Identifier: MIT
// Opens a file relative to its directory's descriptor, never through a final symbolic link.
#pragma once

#include <QByteArray>
#include <QString>

#include <sys/types.h>

// Reentrant; one object is used by one thread. Holds a descriptor of the directory that contains
// `path`, so every operation on the file (open, create, rename, fsync of the directory) names the
// same directory even if the path is swapped meanwhile. The last component is never followed when
// it is a symbolic link: a link planted in place of a log or state file would otherwise make the
// program write (or copy) through it, e.g. a 0600 secret into a 0644 file.
class FileInDirectory
{
public:
    // A descriptor or the one-line reason there is none; `symlink` says the reason is a link.
    struct Opened {
        int fd = -1;
        QString error;
        bool symlink = false;
        bool missing = false;
        bool ok() const { return fd >= 0; }
    };

    explicit FileInDirectory(const QString &path);
    ~FileInDirectory();
    FileInDirectory(const FileInDirectory &) = delete;
    FileInDirectory &operator=(const FileInDirectory &) = delete;

    // Empty when the directory is open; otherwise why not, naming it.
    QString error() const { return m_error; }
    QString path() const { return m_path; }
    int directoryFd() const { return m_dirFd; }
    QByteArray name() const { return m_name; }

    // Opens for appending, creating the file if needed; the mode is set to exactly `mode` (the
    // umask does not apply). Refuses a symbolic link, a non-regular file and a file with other
    // hard links, naming the path.
    Opened openForAppend(mode_t mode) const;
    // Opens for reading with the same refusals; a missing file gives `missing`.
    Opened openForReading() const;
    // Empty when the name is free or a plain regular file; otherwise the refusal (a symbolic
    // link, a directory, a FIFO…): what an atomic replace or SQLite checks before touching it.
    QString checkReplaceable() const;
    // Makes a rename or creation in the directory durable.
    void syncDirectory() const;

    // The one log line for a link in the place of a file the program writes.
    static QString symlinkRefusal(const QString &path);

private:
    Opened openChecked(int flags, mode_t mode) const;

    QString m_path;
    QByteArray m_name;
    QString m_error;
    int m_dirFd = -1;
};
