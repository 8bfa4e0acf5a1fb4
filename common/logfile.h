// SPDX-License-Identifier: MIT
// An append-only log file rotated by size: name.log, name.log.1, … name.log.N.
#pragma once

#include <QFile>
#include <QMutex>
#include <QString>

// Thread-safe: log messages arrive from every thread.
class LogFile
{
public:
    LogFile(const QString &path, qint64 maxBytes, int keepFiles);

    // Opens (creating with mode 0640, relative to the directory, never through a symbolic link)
    // without writing. Returns an empty string or the reason, naming the path.
    QString open();
    // The last open was refused because a symbolic link stands where the log belongs.
    bool linkRefused() const;
    // Appends one line (a newline is added). Rotates first when the line would push the file
    // past the size limit. Returns false when the file cannot be written.
    bool append(const QByteArray &line);
    QString path() const { return m_path; }

private:
    QString openLocked();
    void rotateLocked();

    mutable QMutex m_mutex;
    QString m_path;
    qint64 m_maxBytes;
    int m_keepFiles;
    QFile m_file;
    bool m_linkRefused = false;
    bool m_refusalReported = false;
};
