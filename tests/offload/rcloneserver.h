// SPDX-License-Identifier: MIT
// A real rclone server on localhost (`rclone serve webdav|sftp`) and the rclone.conf that reaches it.
#pragma once

#include <QProcess>
#include <QString>

// Thread-bound (the test's main thread). Serves `root` on a free port of 127.0.0.1; the port stays
// the same across stop() and start(), so the uploader's configuration stays valid while the server
// goes away and comes back.
class RcloneServer
{
public:
    RcloneServer(const QString &rclone, const QString &kind, const QString &root, const QString &workDir);
    ~RcloneServer();

    // Returns an empty string or why the server does not answer.
    QString start();
    // SIGKILL: the connection drops mid-transfer.
    void kill();
    // Writes an rclone.conf with one remote `name` for this server; returns its path.
    QString writeConfig(const QString &name) const;

private:
    QString m_rclone;
    QString m_kind;
    QString m_root;
    QString m_workDir;
    quint16 m_port = 0;
    QProcess m_process;
};
