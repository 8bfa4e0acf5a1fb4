// SPDX-License-Identifier: MIT
// Reads a remote copy back and compares it with the recording, byte for byte.
#pragma once

#include <QByteArray>
#include <QNetworkRequest>
#include <QObject>
#include <QString>

class QFile;
class QNetworkAccessManager;
class QNetworkReply;

// For remotes that keep no hash (plain WebDAV): the copy is read back through the rcd
// (--rc-serve) and compared with the local file as it arrives. Byte for byte rather than by hash:
// it is stronger, it names where a copy differs, and it spares two MD5s of the file (half the
// uploader's CPU on a Pi). Lives in a thread of its own (Uploader's verification thread): neither
// the network bytes nor the local reads reach the main thread. Created in the caller's thread,
// moved, then started; everything after that in its thread, results by queued signal.
class ReadBackCheck : public QObject
{
    Q_OBJECT
public:
    ReadBackCheck(const QNetworkRequest &request, const QString &localPath, qint64 size);

    // In its thread (queued): the GET starts.
    Q_INVOKABLE void start();
    // In its thread (queued): the GET is dropped; no finished() afterwards.
    Q_INVOKABLE void abort();

signals:
    // ok: every byte matched and the remote had as many as the recording. `remoteAnswered`: a
    // mismatch the remote took part in, as opposed to a read that failed on the way.
    void finished(bool ok, const QString &error, bool remoteAnswered);

private:
    void checkStatus();
    void compareAvailable();
    void end(bool ok, const QString &error, bool remoteAnswered);

    QNetworkRequest m_request;
    QString m_localPath;
    qint64 m_size;
    QFile *m_local = nullptr; // children made in start(): they belong to this object's thread
    QNetworkAccessManager *m_network = nullptr;
    QNetworkReply *m_reply = nullptr;
    QByteArray m_remoteChunk;
    QByteArray m_localChunk;
    qint64 m_compared = 0;
    bool m_statusOk = false; // the answer is a 200: its body is the copy
    bool m_done = false;
};
