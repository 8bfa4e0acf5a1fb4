// SPDX-License-Identifier: MIT
// The real recorder-offload against real rclone servers on localhost (rclone serve webdav and
// sftp), with a test double of recorderd's upload queue on a private bus: files land under the
// templated path and are verified; a server that dies mid-upload, a server away, a corrupted remote
// copy and a restarted uploader lose nothing and never upload a file under a second name. The
// uploader's one rclone (rcd): killed mid-copy it is restarted and the row redone once; a copy's
// progress is reported; a stuck step is stopped at its time limit.
#include "fakeuploads.h"
#include "offloadstatusreader.h"
#include "privatebus.h"
#include "rcloneserver.h"

#include <QCryptographicHash>
#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusMetaType>
#include <QDBusVariant>
#include <QDBusInterface>
#include <QDBusReply>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <signal.h>

namespace {
// The first HTTP request in `buffer` once its head has arrived (the tests' own WebDAV servers):
// the head, its size with the blank line, and the body's size (Content-Length).
struct RequestHead {
    QByteArray head;
    qsizetype headBytes = 0;
    qsizetype bodyBytes = 0;
};
std::optional<RequestHead> requestHead(const QByteArray &buffer)
{
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return std::nullopt;
    RequestHead request{buffer.left(end), end + 4, 0};
    for (const QByteArray &line : request.head.split('\n'))
        if (line.toLower().startsWith("content-length:"))
            request.bodyBytes = line.mid(15).trimmed().toLongLong();
    return request;
}

// Serves `server` as a WebDAV server of the test's own holding one recording: PUT keeps it,
// PROPFIND describes it, GET returns it, MKCOL creates; `answer` may give another answer for a
// request or hold it back (an empty answer: nothing is sent).
using Answer = std::function<QByteArray(const QByteArray &head, const QByteArray &normal, QTcpSocket *socket)>;
void serveOneFile(QTcpServer &server, std::shared_ptr<QByteArray> stored, Answer answer)
{
    QObject::connect(&server, &QTcpServer::newConnection, &server, [&server, stored, answer] {
        while (QTcpSocket *socket = server.nextPendingConnection()) {
            auto buffer = std::make_shared<QByteArray>();
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, buffer, stored, answer] {
                *buffer += socket->readAll();
                while (const std::optional<RequestHead> request = requestHead(*buffer)) {
                    if (buffer->size() < request->headBytes + request->bodyBytes)
                        return;
                    const QByteArray body = buffer->mid(request->headBytes, request->bodyBytes);
                    buffer->remove(0, request->headBytes + request->bodyBytes);
                    const QByteArray &head = request->head;
                    QByteArray normal;
                    if (head.startsWith("PUT ")) {
                        *stored = body;
                        normal = "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n";
                    } else if (head.startsWith("MKCOL ")) {
                        normal = "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n";
                    } else if (head.startsWith("PROPFIND ") && !stored->isNull()) {
                        const QByteArray href = head.split(' ').value(1);
                        const QByteArray xml = "<?xml version=\"1.0\"?><D:multistatus xmlns:D=\"DAV:\"><D:response><D:href>"
                            + href + "</D:href><D:propstat><D:prop><D:resourcetype/><D:getcontentlength>"
                            + QByteArray::number(stored->size())
                            + "</D:getcontentlength><D:getlastmodified>Thu, 01 Jan 2026 00:00:00 GMT"
                              "</D:getlastmodified></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>"
                              "</D:response></D:multistatus>";
                        normal = "HTTP/1.1 207 Multi-Status\r\nContent-Type: application/xml\r\nContent-Length: "
                            + QByteArray::number(xml.size()) + "\r\n\r\n" + xml;
                    } else if (head.startsWith("GET ") && !stored->isNull()) {
                        normal = "HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(stored->size()) + "\r\n\r\n"
                            + *stored;
                    } else {
                        normal = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
                    }
                    socket->write(answer(head, normal, socket));
                }
            });
        }
    });
}

QByteArray unavailable()
{
    const QByteArray page = "<html>storage unavailable</html>";
    return "HTTP/1.1 503 Service Unavailable\r\nContent-Length: " + QByteArray::number(page.size()) + "\r\n\r\n"
        + page;
}
} // namespace

class TestOffloadUpload : public QObject
{
    Q_OBJECT
    PrivateBus m_bus;
    FakeUploads m_queue;
    QString m_rclone;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<RcloneServer> m_server;
    QProcess m_uploader;
    QString m_config;

    QString path(const QString &name) const { return m_dir->filePath(name); }
    QString served() const { return path(QStringLiteral("served")); }

    // A recording of `bytes` random bytes started at 2026-01-02 00:30:00 + `minute` (local time).
    QString addRecording(int minute, qint64 bytes)
    {
        const QDateTime start(QDate(2026, 1, 2), QTime(0, 30 + minute, 0), Qt::LocalTime);
        const QString file = path(QStringLiteral("recordings/rec_%1.mp4").arg(start.toString(QStringLiteral("yyyyMMdd_HHmmss"))));
        QFile f(file);
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(file));
        QByteArray data(bytes, Qt::Uninitialized);
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(data.data()), data.size() / 4);
        f.write(data);
        f.close();
        m_queue.add(file, start.toMSecsSinceEpoch());
        return file;
    }

    static QString expectedRemotePath(const QString &file)
    {
        const QString name = QFileInfo(file).fileName();
        return QSysInfo::machineHostName() + QStringLiteral("/2026/01/02/") + name;
    }

    static QByteArray readFile(const QString &file)
    {
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    static QByteArray md5(const QString &file)
    {
        QFile f(file);
        f.open(QIODevice::ReadOnly);
        QCryptographicHash hash(QCryptographicHash::Md5);
        hash.addData(&f);
        return hash.result();
    }

    bool remoteCopyMatches(const QString &file) const
    {
        const QString remote = served() + QStringLiteral("/rec/") + expectedRemotePath(file);
        return QFileInfo::exists(remote) && md5(remote) == md5(file);
    }

    int filesServed() const
    {
        int n = 0;
        QDirIterator it(served(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            it.next();
            ++n;
        }
        return n;
    }

    // A wrapper around rclone: `body` (sh) runs first with $REAL_RCLONE set; returns its path.
    QString wrapRclone(const QString &name, const QByteArray &body)
    {
        const QString wrapper = path(name);
        QFile script(wrapper);
        if (!script.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(wrapper));
        script.write("#!/bin/sh\n" + body);
        script.close();
        script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        qputenv("REAL_RCLONE", m_rclone.toUtf8());
        return wrapper;
    }

    void startServer(const QString &kind)
    {
        m_server = std::make_unique<RcloneServer>(m_rclone, kind, served(), m_dir->path());
        const QString error = m_server->start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    // The configuration for a WebDAV server of the test's own on `port` (remote srv:rec): a server
    // that misbehaves in one chosen way.
    bool useWebdavAt(quint16 port)
    {
        const QString rcloneConfig = path(QStringLiteral("fake-webdav-rclone.conf"));
        QFile conf(rcloneConfig);
        if (!conf.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        conf.write("[srv]\ntype = webdav\nurl = http://127.0.0.1:" + QByteArray::number(port) + "\nvendor = other\n");
        conf.close();
        m_config = path(QStringLiteral("recorder.conf"));
        QFile f(m_config);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        f.write("[paths]\nruntime_dir=" + path(QStringLiteral("run")).toUtf8() + "\nstate_dir="
                + path(QStringLiteral("state")).toUtf8() + "\nlog_dir=" + path(QStringLiteral("log")).toUtf8()
                + "\n[offload]\nenabled=true\nremote=srv:rec\nrclone_config=" + rcloneConfig.toUtf8() + "\n");
        return true;
    }

    void writeConfig(const QByteArray &offload)
    {
        const QString rcloneConfig = m_server->writeConfig(QStringLiteral("srv"));
        m_config = path(QStringLiteral("recorder.conf"));
        QFile f(m_config);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("[paths]\nruntime_dir=" + path(QStringLiteral("run")).toUtf8() + "\nstate_dir="
                + path(QStringLiteral("state")).toUtf8() + "\nlog_dir=" + path(QStringLiteral("log")).toUtf8()
                + "\n[offload]\nenabled=true\nremote=srv:rec\nrclone_config=" + rcloneConfig.toUtf8() + "\n" + offload);
    }

    void startUploader(const QString &rclone = QString())
    {
        QStringList arguments{QStringLiteral("--config"), m_config};
        if (!rclone.isEmpty())
            arguments << QStringLiteral("--rclone") << rclone;
        m_uploader.setProcessChannelMode(QProcess::ForwardedChannels);
        m_uploader.start(qEnvironmentVariable("OFFLOAD_BIN"), arguments);
        QVERIFY(m_uploader.waitForStarted(5000));
    }

    void stopUploader(int signal)
    {
        if (m_uploader.state() == QProcess::NotRunning)
            return;
        ::kill(static_cast<pid_t>(m_uploader.processId()), signal);
        QTRY_VERIFY_WITH_TIMEOUT(m_uploader.state() == QProcess::NotRunning, 10000);
    }

    QJsonObject status() const
    {
        QFile f(path(QStringLiteral("run-offload/status.json")));
        if (!f.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(f.readAll()).object();
    }

    // The step of the one upload running ("copying", "verifying"), from the status file.
    QString currentStep() const
    {
        const QJsonArray current = status().value(QStringLiteral("current")).toArray();
        return current.size() == 1 ? current.at(0).toObject().value(QStringLiteral("step")).toString() : QString();
    }

    // One recording (its path in `file`) uploaded to a `kind` server, the uploader holding 3 s
    // between the copy and its check (a test-only seam). Returns the remote copy's path once
    // rclone's copy has ended (its own checks done) and the hold began, or an empty string.
    QString holdUploadBeforeItsCheck(const QString &kind, QString *file)
    {
        startServer(kind);
        if (QTest::currentTestFailed())
            return QString();
        writeConfig(QByteArray());
        *file = addRecording(0, 200'000);
        qputenv("RECORDER_OFFLOAD_TEST_HOLD_AFTER_COPY_MS", "3000");
        startUploader();
        qunsetenv("RECORDER_OFFLOAD_TEST_HOLD_AFTER_COPY_MS");
        QDeadlineTimer deadline(20000);
        while (currentStep() != QLatin1String("verifying")) {
            if (deadline.hasExpired())
                return QString();
            QTest::qWait(20);
        }
        return served() + QStringLiteral("/rec/") + expectedRemotePath(*file);
    }

    // One recording of `bytes` copied at 1 MB/s to a WebDAV server: returns its path once its copy
    // runs, or an empty string.
    QString startSlowUpload(qint64 bytes)
    {
        startServer(QStringLiteral("webdav"));
        writeConfig("bandwidth_limit=1M\n");
        const QString file = addRecording(0, bytes);
        startUploader();
        if (QTest::currentTestFailed()
            || !QTest::qWaitFor([this] { return m_queue.count(QStringLiteral("uploading")) == 1; }, 10000))
            return {};
        return file;
    }

    // The status file as written, read back through common/offloadstatusreader (the exporter's and
    // the dashboard's reader): every contract field is there with its JSON type, and the reader
    // sees the values the file holds. `*out` is what the reader parsed.
    void statusThroughTheReader(OffloadStatusReader::Status *out)
    {
        // The file passes the reader's checks (owner, size, JSON, version)...
        const OffloadStatusReader::Result read = OffloadStatusReader::read(path(QStringLiteral("run-offload/status.json")));
        QVERIFY2(read.ok(), qPrintable(read.reason));
        // ...and one document (the file is rewritten every 10 s) is compared field by field.
        const QJsonObject raw = status();
        OffloadStatusReader::Status s;
        const QString parsed = OffloadStatusReader::fromJson(raw, &s);
        QVERIFY2(parsed.isEmpty(), qPrintable(parsed));
        using T = QJsonValue::Type;
        const QList<std::pair<const char *, QList<T>>> fields{
            {"version", {T::Double}}, {"time", {T::String}}, {"pid", {T::Double}}, {"state", {T::String}},
            {"remote", {T::String}}, {"internet_connected", {T::Bool}}, {"uploads_succeeded", {T::Double}},
            {"uploads_failed", {T::Double}}, {"bytes_uploaded", {T::Double}}, {"success_rate", {T::Double, T::Null}},
            {"recent_attempts", {T::Double}}, {"current", {T::Array}}, {"last_upload", {T::Object, T::Null}},
            {"last_error", {T::String}}, {"next_attempt", {T::String, T::Null}}, {"backoff_seconds", {T::Double}}};
        for (const auto &[key, types] : fields)
            QVERIFY2(types.contains(raw.value(QLatin1String(key)).type()), key);
        QCOMPARE(raw.size(), fields.size()); // no field the contract (and docs/offload.md) lacks
        QCOMPARE(s.time, QDateTime::fromString(raw.value(QStringLiteral("time")).toString(), Qt::ISODateWithMs));
        QCOMPARE(s.state, raw.value(QStringLiteral("state")).toString());
        QCOMPARE(s.remote, raw.value(QStringLiteral("remote")).toString());
        QCOMPARE(s.internetConnected, raw.value(QStringLiteral("internet_connected")).toBool());
        QCOMPARE(s.uploadsSucceeded, raw.value(QStringLiteral("uploads_succeeded")).toDouble());
        QCOMPARE(s.uploadsFailed, raw.value(QStringLiteral("uploads_failed")).toDouble());
        QCOMPARE(s.bytesUploaded, raw.value(QStringLiteral("bytes_uploaded")).toDouble());
        QCOMPARE(std::isnan(s.successRate), raw.value(QStringLiteral("success_rate")).isNull());
        QCOMPARE(s.recentAttempts, raw.value(QStringLiteral("recent_attempts")).toDouble());
        QCOMPARE(s.lastError, raw.value(QStringLiteral("last_error")).toString());
        QCOMPARE(s.hasLastUpload, raw.value(QStringLiteral("last_upload")).isObject());
        *out = s;
    }

    // recorderctl offload ACTION: returns its exit status, its stdout in `output`.
    int recorderctl(const QStringList &arguments, QByteArray *output = nullptr)
    {
        QProcess ctl;
        ctl.start(qEnvironmentVariable("RECORDERCTL_BIN"), QStringList{QStringLiteral("--config"), m_config} + arguments);
        // The double of recorderd answers from this process's event loop: keep it turning.
        QDeadlineTimer deadline(20000);
        while (ctl.state() != QProcess::NotRunning && !deadline.hasExpired())
            QTest::qWait(20);
        if (ctl.state() != QProcess::NotRunning)
            return -1;
        if (output)
            *output = ctl.readAllStandardOutput();
        return ctl.exitCode();
    }

    // bytes of the running upload (Offload1.Status current[0].bytes), or -1.
    qint64 currentBytes() const
    {
        QDBusReply<QVariantMap> reply = offload().call(QStringLiteral("Status"));
        if (!reply.isValid())
            return -1;
        // av of a{sv}, as QtDBus hands it over: arguments still to demarshal.
        const auto plain = [](QVariant value) {
            if (value.userType() == qMetaTypeId<QDBusVariant>())
                value = value.value<QDBusVariant>().variant();
            return value;
        };
        const QVariant current = plain(reply.value().value(QStringLiteral("current")));
        const QVariantList list = current.userType() == qMetaTypeId<QDBusArgument>()
            ? qdbus_cast<QVariantList>(current.value<QDBusArgument>())
            : current.toList();
        if (list.isEmpty())
            return -1;
        const QVariant first = plain(list.first());
        const QVariantMap row = first.userType() == qMetaTypeId<QDBusArgument>()
            ? qdbus_cast<QVariantMap>(first.value<QDBusArgument>())
            : first.toMap();
        return row.value(QStringLiteral("bytes"), -1).toLongLong();
    }

    QDBusInterface offload() const
    {
        return QDBusInterface(QStringLiteral("org.recorder.Offload1"), QStringLiteral("/org/recorder/Offload1"),
                              QStringLiteral("org.recorder.Offload1"), QDBusConnection::systemBus());
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariableIsEmpty("OFFLOAD_BIN"), "OFFLOAD_BIN (recorder-offload) is not set: run through ctest");
        m_rclone = QStandardPaths::findExecutable(QStringLiteral("rclone"));
        if (m_rclone.isEmpty())
            QSKIP("rclone is not installed (Debian package rclone): no server to upload to");
        if (QStandardPaths::findExecutable(QStringLiteral("dbus-daemon")).isEmpty())
            QSKIP("dbus-daemon is not installed (Debian package dbus)");
        const QString error = m_bus.start();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QString registered = m_queue.registerOn(QStringLiteral("org.recorder.Recorder1"));
        QVERIFY2(registered.isEmpty(), qPrintable(registered));
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        QVERIFY(QDir().mkpath(path(QStringLiteral("recordings"))));
        QVERIFY(QDir().mkpath(served()));
        m_queue.clear();
    }

    void cleanup()
    {
        stopUploader(SIGKILL);
        m_server.reset();
    }

    void uploadsToTheTemplatedPathAndVerifies_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<bool>("downloads");
        QTest::newRow("webdav (verified by downloading)") << "webdav" << true;
        QTest::newRow("sftp (verified by the remote's MD5)") << "sftp" << false;
    }
    void uploadsToTheTemplatedPathAndVerifies()
    {
        QFETCH(QString, kind);
        QFETCH(bool, downloads);
        startServer(kind);
        writeConfig("concurrency=2\n");
        const QStringList files{addRecording(0, 300'000), addRecording(1, 1'000'000), addRecording(2, 4096)};
        // rclone itself, each command line logged: one rclone (the rcd) for every upload.
        const QString calls = path(QStringLiteral("rclone-calls"));
        qputenv("CALLS", calls.toUtf8());
        startUploader(wrapRclone(QStringLiteral("rclone-logging"), "echo \"$*\" >> \"$CALLS\"\nexec \"$REAL_RCLONE\" \"$@\"\n"));
        QTRY_COMPARE_WITH_TIMEOUT(m_queue.count(QStringLiteral("uploaded")), 3, 60000);
        for (const QString &file : files) {
            QVERIFY2(remoteCopyMatches(file), qPrintable(file));
            QCOMPARE(m_queue.row(file).remotePath, expectedRemotePath(file));
            QCOMPARE(m_queue.row(file).bytes, QFileInfo(file).size());
        }
        QCOMPARE(filesServed(), 3);
        QFile log(calls);
        QVERIFY(log.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = log.readAll().trimmed().split('\n');
        // The start-up check (listremotes), then the rcd; nothing per upload.
        QCOMPARE(lines.size(), 2);
        QVERIFY2(lines.at(0).startsWith("listremotes "), lines.at(0).constData());
        QVERIFY2(lines.at(1).startsWith("rcd "), lines.at(1).constData());
        // Which verification ran, from the uploader's log.
        const QByteArray offloadLog = readFile(path(QStringLiteral("log-offload/offload.log")));
        QCOMPARE(offloadLog.count("downloaded again to compare"), downloads ? 3 : 0);
        QCOMPARE(offloadLog.count("by the remote's hash"), downloads ? 0 : 3);
        // How it chose, said once (operations/fsinfo): rclone serve sftp computes md5 and sha1.
        QCOMPARE(offloadLog.count(downloads ? "keeps no hash: each copy is read back and compared byte for byte"
                                            : "keeps hashes (md5, sha1"),
                 1);
        QTRY_COMPARE_WITH_TIMEOUT(status().value(QStringLiteral("uploads_succeeded")).toInt(), 3, 5000);
        const QJsonObject s = status();
        QCOMPARE(s.value(QStringLiteral("bytes_uploaded")).toInteger(), 1'304'096);
        QCOMPARE(s.value(QStringLiteral("success_rate")).toDouble(), 1.0);
        QCOMPARE(s.value(QStringLiteral("recent_attempts")).toInt(), 3);
        QCOMPARE(s.value(QStringLiteral("internet_connected")).toBool(), true);
        QCOMPARE(s.value(QStringLiteral("state")).toString(), QStringLiteral("idle"));
        QCOMPARE(s.value(QStringLiteral("remote")).toString(), QStringLiteral("srv:rec"));
        // What the exporter and the dashboard read from it.
        OffloadStatusReader::Status read;
        statusThroughTheReader(&read);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(read.successRate, 1.0);
        QCOMPARE(read.bytesUploaded, 1'304'096.0);
        QVERIFY(files.contains(read.lastUpload.path));
        QCOMPARE(read.lastUpload.remotePath, expectedRemotePath(read.lastUpload.path));
        QCOMPARE(read.lastUpload.bytes, double(QFileInfo(read.lastUpload.path).size()));
        QVERIFY(read.lastUpload.time.isValid());
        QVERIFY(read.lastUpload.seconds > 0);
        // The same through Offload1.Status.
        QDBusReply<QVariantMap> reply = offload().call(QStringLiteral("Status"));
        QVERIFY2(reply.isValid(), qPrintable(reply.error().message()));
        QCOMPARE(reply.value().value(QStringLiteral("uploads_succeeded")).toLongLong(), 3);
    }

    void killedServerMidUploadIsNotMarkedUploaded()
    {
        const QString file = startSlowUpload(8'000'000);
        QVERIFY(!file.isEmpty());
        QTest::qWait(2000);
        m_server->kill();
        QTRY_COMPARE_WITH_TIMEOUT(m_queue.count(QStringLiteral("failed")), 1, 60000);
        QCOMPARE(m_queue.row(file).uploadedCount, 0);
        QVERIFY(!m_queue.row(file).lastError.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(status().value(QStringLiteral("internet_connected")).toBool(), false, 5000);

        QVERIFY(m_server->start().isEmpty());
        // Retry drops the backoff: the copy is redone at once, under the same name.
        QDBusReply<void> retry = offload().call(QStringLiteral("Retry"));
        QVERIFY2(retry.isValid(), qPrintable(retry.error().message()));
        QTRY_COMPARE_WITH_TIMEOUT(m_queue.count(QStringLiteral("uploaded")), 1, 60000);
        QVERIFY(remoteCopyMatches(file));
        QCOMPARE(m_queue.row(file).proposedPaths.size(), 2);
        QCOMPARE(m_queue.row(file).remotePath, expectedRemotePath(file));
        QCOMPARE(filesServed(), 1);
    }

    void serverAwayBacksOffThenDrains()
    {
        startServer(QStringLiteral("sftp"));
        writeConfig(QByteArray());
        m_server->kill();
        const QStringList files{addRecording(0, 100'000), addRecording(1, 100'000)};
        startUploader();
        QTRY_COMPARE_WITH_TIMEOUT(m_queue.count(QStringLiteral("failed")), 1, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(status().value(QStringLiteral("state")).toString(), QStringLiteral("unreachable"), 5000);
        const QJsonObject s = status();
        QCOMPARE(s.value(QStringLiteral("internet_connected")).toBool(), false);
        QCOMPARE(s.value(QStringLiteral("backoff_seconds")).toDouble(), 30.0);
        QVERIFY(s.value(QStringLiteral("next_attempt")).isString());
        QCOMPARE(s.value(QStringLiteral("uploads_failed")).toInt(), 1);
        OffloadStatusReader::Status read;
        statusThroughTheReader(&read);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(read.internetConnected, false);
        // Backing off: the second file is not tried against a remote that is away.
        QTest::qWait(3000);
        QCOMPARE(m_queue.count(QStringLiteral("failed")) + m_queue.count(QStringLiteral("pending")), 2);
        QCOMPARE(m_queue.row(files.at(1)).attempts, 0u);

        QVERIFY(m_server->start().isEmpty());
        // No Retry: the backoff's own timer (30 s) brings the queue back.
        QTRY_COMPARE_WITH_TIMEOUT(m_queue.count(QStringLiteral("uploaded")), 2, 60000);
        for (const QString &file : files)
            QVERIFY(remoteCopyMatches(file));
        QTRY_COMPARE_WITH_TIMEOUT(status().value(QStringLiteral("internet_connected")).toBool(), true, 5000);
        // The status file follows within 0.1 s of the last outcome recorderd took (docs/offload.md).
        QTRY_COMPARE_WITH_TIMEOUT(status().value(QStringLiteral("success_rate")).toDouble(), 2.0 / 3.0, 5000);
    }

    // One recording that keeps failing (deleted by the user, or refused by the remote while the
    // remote answers) waits on its own backoff; the recordings after it still upload.
    void oneBadFileDoesNotHoldTheQueueBack_data()
    {
        QTest::addColumn<bool>("deleted");
        QTest::newRow("file deleted") << true;
        QTest::newRow("remote refuses the file") << false;
    }
    void oneBadFileDoesNotHoldTheQueueBack()
    {
        QFETCH(bool, deleted);
        startServer(QStringLiteral("webdav"));
        writeConfig(QByteArray());
        const QString bad = addRecording(0, 10'000);
        const QStringList good{addRecording(1, 10'000), addRecording(2, 10'000)};
        if (deleted) {
            QVERIFY(QFile::remove(bad));
        } else {
            // A folder where the bad file's copy should go: the remote refuses the copy while it
            // answers everything else.
            QVERIFY(QDir().mkpath(served() + QStringLiteral("/rec/") + expectedRemotePath(bad) + QStringLiteral("/taken")));
        }
        startUploader();
        // Well within the first 30 s backoff: the old shared wait held every file back that long.
        QTRY_COMPARE_WITH_TIMEOUT(m_queue.count(QStringLiteral("uploaded")), 2, 20000);
        for (const QString &file : good)
            QVERIFY(remoteCopyMatches(file));
        QCOMPARE(m_queue.row(bad).state, QStringLiteral("failed"));
        QCOMPARE(m_queue.row(bad).attempts, 1u);
        QTRY_COMPARE_WITH_TIMEOUT(status().value(QStringLiteral("state")).toString(), QStringLiteral("waiting"), 5000);
        QCOMPARE(status().value(QStringLiteral("internet_connected")).toBool(), true);
    }

    // More rows than one PendingUploads batch (100) wait on their own backoff at the head of the
    // queue: the row behind them is still seen and uploaded, not held back until one is due.
    void rowsWaitingTheirBackoffDoNotHideTheRest()
    {
        startServer(QStringLiteral("webdav"));
        writeConfig(QByteArray());
        const qint64 start = QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::LocalTime).toMSecsSinceEpoch();
        for (int i = 0; i < 100; ++i)   // deleted by hand: each fails at once, the remote not involved
            m_queue.add(path(QStringLiteral("recordings/gone_%1.mp4").arg(i)), start + i * 1000);
        const QString good = addRecording(0, 10'000);
        QElapsedTimer since;
        since.start();
        startUploader();
        // Well before the first gone row is due again (30 s after its failure).
        QTRY_COMPARE_WITH_TIMEOUT(m_queue.count(QStringLiteral("uploaded")), 1, 25000);
        QVERIFY2(since.elapsed() < 28000, qPrintable(QString::number(since.elapsed())));
        QCOMPARE(m_queue.count(QStringLiteral("failed")), 100);
        QVERIFY(remoteCopyMatches(good));
    }

    // recorderd answered FinishUpload with Unavailable (its catalog degraded): the outcome is sent
    // again until it is taken, so the row does not stay "uploading".
    void unacknowledgedOutcomeIsSentAgain()
    {
        startServer(QStringLiteral("webdav"));
        writeConfig(QByteArray());
        m_queue.refuseFinishUploads(2);
        const QString file = addRecording(0, 10'000);
        startUploader();
        QTRY_COMPARE_WITH_TIMEOUT(m_queue.count(QStringLiteral("uploaded")), 1, 30000);
        QCOMPARE(m_queue.finishRefusalsLeft(), 0);
        QCOMPARE(m_queue.row(file).attempts, 1u);
        QVERIFY(remoteCopyMatches(file));
    }

    // A BeginUpload whose answer was lost but which claimed the row: the uploader undoes the claim
    // (FinishUpload false) instead of leaving the row "uploading", and uploads it on the next turn.
    void lostBeginAnswerDoesNotStrandTheRow()
    {
        startServer(QStringLiteral("webdav"));
        writeConfig(QByteArray());
        m_queue.loseNextBeginAnswer();
        const QString file = addRecording(0, 10'000);
        startUploader();
        QTRY_COMPARE_WITH_TIMEOUT(m_queue.count(QStringLiteral("uploaded")), 1, 30000);
        QCOMPARE(m_queue.row(file).attempts, 2u);
        QCOMPARE(m_queue.row(file).uploadedCount, 1);
        QVERIFY(remoteCopyMatches(file));
    }

    void corruptedRemoteCopyIsCaught_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("webdav") << "webdav";
        QTest::newRow("sftp") << "sftp";
    }
    void corruptedRemoteCopyIsCaught()
    {
        QFETCH(QString, kind);
        QString file;
        const QString target = holdUploadBeforeItsCheck(kind, &file);
        QVERIFY(!target.isEmpty());
        // Damaged on the server (one byte), as a faulty remote would.
        QCOMPARE(QFileInfo(target).size(), QFileInfo(file).size());
        {
            QFile damaged(target);
            QVERIFY(damaged.open(QIODevice::ReadWrite));
            QVERIFY(damaged.seek(1000));
            char byte = 0;
            QVERIFY(damaged.getChar(&byte));
            QVERIFY(damaged.seek(1000));
            QVERIFY(damaged.putChar(char(byte ^ 0x55)));
        }
        QTRY_COMPARE_WITH_TIMEOUT(m_queue.count(QStringLiteral("failed")), 1, 30000);
        // The damage lands after rclone's copy ended (its own MD5 check over SFTP passed): our
        // verification catches it, by the server's MD5 over SFTP ("remote copy's MD5 … differs"),
        // by reading back over WebDAV, which keeps no hash, and names the byte.
        const QString error = m_queue.row(file).lastError;
        if (kind == QLatin1String("webdav"))
            QVERIFY2(error.contains(QStringLiteral("differs from the recording at byte 1000")), qPrintable(error));
        else
            QVERIFY2(error.startsWith(QStringLiteral("remote copy's MD5 ")), qPrintable(error));
        QCOMPARE(m_queue.row(file).uploadedCount, 0);
        QVERIFY(!remoteCopyMatches(file));

        QDBusReply<void> retry = offload().call(QStringLiteral("Retry"));
        QVERIFY(retry.isValid());
        QTRY_COMPARE_WITH_TIMEOUT(m_queue.count(QStringLiteral("uploaded")), 1, 30000);
        QVERIFY(remoteCopyMatches(file));
        QCOMPARE(filesServed(), 1);
    }

    void copyGoneBeforeItsCheckIsRedone_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("error");
        // WebDAV keeps no hash: the copy is not statted but read back, and that read finds nothing.
        QTest::newRow("webdav") << "webdav" << "reading the remote copy back failed: HTTP 404";
        QTest::newRow("sftp") << "sftp" << "the remote has no copy after the copy";
    }
    void copyGoneBeforeItsCheckIsRedone()
    {
        QFETCH(QString, kind);
        QFETCH(QString, error);
        QString file;
        const QString target = holdUploadBeforeItsCheck(kind, &file);
        QVERIFY(!target.isEmpty());
        // Removed on the server: a remote that lost what it had just taken. The row fails, never
        // counted uploaded; the retry copies it again. (Over WebDAV the rcd's 404 may also mean it
        // could not reach the remote, so a probe judges first; the remote answers it, so only this
        // row waits.)
        QVERIFY(QFile::remove(target));
        QTRY_COMPARE_WITH_TIMEOUT(m_queue.count(QStringLiteral("failed")), 1, 30000);
        const QString lastError = m_queue.row(file).lastError;
        QVERIFY2(lastError.startsWith(error), qPrintable(lastError));
        QCOMPARE(m_queue.row(file).uploadedCount, 0);

        QDBusReply<void> retry = offload().call(QStringLiteral("Retry"));
        QVERIFY(retry.isValid());
        QTRY_COMPARE_WITH_TIMEOUT(m_queue.count(QStringLiteral("uploaded")), 1, 30000);
        QVERIFY(remoteCopyMatches(file));
    }

    void restartMidQueueLosesNothing_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGKILL (recorderd requeues at its start)") << int(SIGKILL);
    }
    void restartMidQueueLosesNothing()
    {
        QFETCH(int, signal);
        startServer(QStringLiteral("webdav"));
        writeConfig("bandwidth_limit=2M\n");
        QStringList files;
        for (int i = 0; i < 5; ++i)
            files << addRecording(i, 2'000'000); // a second each
        startUploader();
        QTRY_VERIFY_WITH_TIMEOUT(m_queue.count(QStringLiteral("uploaded")) >= 1
                                     && m_queue.count(QStringLiteral("uploading")) == 1,
                                 30000);
        stopUploader(signal);
        if (signal == SIGKILL)
            m_queue.resetUploading();
        QCOMPARE(m_queue.count(QStringLiteral("uploading")), 0);
        startUploader();
        QTRY_COMPARE_WITH_TIMEOUT(m_queue.count(QStringLiteral("uploaded")), 5, 60000);
        for (const QString &file : files) {
            QVERIFY(remoteCopyMatches(file));
            QCOMPARE(m_queue.row(file).uploadedCount, 1);
            for (const QString &proposed : m_queue.row(file).proposedPaths)
                QCOMPARE(proposed, expectedRemotePath(file));
        }
        QCOMPARE(filesServed(), 5);
    }

    // recorderd restarts while a copy runs: its start-up puts the row back to pending, so the
    // uploader's FinishUpload is refused (NotAllowed). The uploader lives on, claims the row again and
    // copies it under the same remote path; recorderd's row ends uploaded exactly once.
    void recorderdRestartMidCopyRedoesTheCopy()
    {
        const QString file = startSlowUpload(3'000'000);
        QVERIFY(!file.isEmpty());
        m_queue.resetUploading(); // what the restarted recorderd does at its start
        QCOMPARE(m_queue.row(file).state, QStringLiteral("pending"));
        QTRY_COMPARE_WITH_TIMEOUT(m_queue.count(QStringLiteral("uploaded")), 1, 60000);
        QCOMPARE(m_uploader.state(), QProcess::Running);
        QCOMPARE(m_queue.row(file).uploadedCount, 1);
        QCOMPARE(m_queue.row(file).attempts, 2u);
        QCOMPARE(m_queue.row(file).proposedPaths, QStringList(2, expectedRemotePath(file)));
        QVERIFY(remoteCopyMatches(file));
        QCOMPARE(filesServed(), 1);
        // The refused copy is not counted: one upload succeeded, once.
        QDBusReply<QVariantMap> reply = offload().call(QStringLiteral("Status"));
        QVERIFY2(reply.isValid(), qPrintable(reply.error().message()));
        QCOMPARE(reply.value().value(QStringLiteral("uploads_succeeded")).toLongLong(), 1);
        QCOMPARE(reply.value().value(QStringLiteral("bytes_uploaded")).toLongLong(), QFileInfo(file).size());
    }

    // The uploader's one rclone (rcd) is killed mid-copy: it is started again, and the row is tried
    // again at once (not held back as the file's fault) and ends uploaded once.
    void rcdKilledMidUploadIsRestarted()
    {
        startServer(QStringLiteral("webdav"));
        writeConfig("bandwidth_limit=1M\n");
        const QString file = addRecording(0, 4'000'000);
        const QString pids = path(QStringLiteral("rclone-pids"));
        qputenv("PIDS", pids.toUtf8());
        startUploader(wrapRclone(QStringLiteral("rclone-pid"), "echo $$ >> \"$PIDS\"\nexec \"$REAL_RCLONE\" \"$@\"\n"));
        QTRY_VERIFY_WITH_TIMEOUT(currentBytes() > 0, 20000);
        // The start-up check (listremotes), then the rcd.
        const QList<QByteArray> first = readFile(pids).trimmed().split('\n');
        QCOMPARE(first.size(), 2);
        QCOMPARE(::kill(pid_t(first.last().toInt()), SIGKILL), 0);
        // Restarted after 1 s; the row redone well within the 30 s a row's own backoff would hold it.
        QTRY_COMPARE_WITH_TIMEOUT(m_queue.count(QStringLiteral("uploaded")), 1, 20000);
        QCOMPARE(readFile(pids).trimmed().split('\n').size(), 3);
        QCOMPARE(m_queue.row(file).uploadedCount, 1);
        QCOMPARE(m_queue.row(file).attempts, 2u);
        QVERIFY(remoteCopyMatches(file));
        QCOMPARE(filesServed(), 1);
        QVERIFY(readFile(path(QStringLiteral("log-offload/offload.log"))).contains("rclone rcd stopped"));
    }

    // A bandwidth-limited copy says how far it got (status current[].bytes).
    void progressIsReported()
    {
        const QString file = startSlowUpload(4'000'000);
        QVERIFY(!file.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(currentBytes() > 0, 10000);
        const qint64 early = currentBytes();
        QVERIFY2(early < 4'000'000, qPrintable(QString::number(early)));
        QTRY_VERIFY_WITH_TIMEOUT(currentBytes() > early || m_queue.count(QStringLiteral("uploaded")) == 1, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(m_queue.count(QStringLiteral("uploaded")), 1, 30000);
    }

    // A WebDAV remote that answers everything but never a PUT (it does not even read its body):
    // the copy step is stopped at its time limit (2 s here, through a test-only variable), rclone
    // drops the transfer's connection (the call dropped, and job/stopgroup), and the row fails saying so.
    void stuckStepIsStopped()
    {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        QList<QTcpSocket *> sockets;
        int putsClosed = 0;
        connect(&silent, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket *socket = silent.nextPendingConnection()) {
                sockets.append(socket);
                auto buffer = std::make_shared<QByteArray>();
                auto stuck = std::make_shared<bool>(false);
                connect(socket, &QTcpSocket::disconnected, this, [&putsClosed, stuck] {
                    if (*stuck)
                        ++putsClosed;
                });
                connect(socket, &QTcpSocket::readyRead, this, [socket, buffer, stuck] {
                    if (*stuck)
                        return; // never read: rclone's upload blocks on a full window
                    *buffer += socket->readAll();
                    while (const std::optional<RequestHead> request = requestHead(*buffer)) {
                        const QByteArray &head = request->head;
                        if (head.startsWith("PUT ")) {
                            *stuck = true;
                            return;
                        }
                        if (buffer->size() < request->headBytes + request->bodyBytes)
                            return;
                        buffer->remove(0, request->headBytes + request->bodyBytes);
                        // MKCOL: created; anything else (PROPFIND): not there yet.
                        socket->write(head.startsWith("MKCOL ") ? "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"
                                                                : "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
                    }
                });
            }
        });
        QVERIFY(useWebdavAt(silent.serverPort()));
        const QString file = addRecording(0, 10'000'000); // more than the socket buffers take
        qputenv("RECORDER_OFFLOAD_TEST_STEP_SECONDS", "2");
        startUploader();
        qunsetenv("RECORDER_OFFLOAD_TEST_STEP_SECONDS");
        QTRY_COMPARE_WITH_TIMEOUT(m_queue.count(QStringLiteral("failed")), 1, 20000);
        QVERIFY2(m_queue.row(file).lastError.contains(QStringLiteral("operations/copyfile did not finish within 2 s; stopped")),
                 qPrintable(m_queue.row(file).lastError));
        // Stopped in rclone (the call dropped, job/stopgroup), not only given up here: the PUT's connection is closed
        // long before rclone's own 60 s --timeout.
        QTRY_VERIFY_WITH_TIMEOUT(putsClosed >= 1, 5000);
        QCOMPARE(m_uploader.state(), QProcess::Running);
        qDeleteAll(sockets);
    }

    // A WebDAV remote that takes the copy and lists it with the right size, but answers its read-back
    // with an error page: a fault on the way, not a copy that differs (no "at byte 0" from
    // comparing the page with the recording), and the row is not marked uploaded.
    void readBackErrorPageIsNotCompared()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        int gets = 0;
        serveOneFile(server, std::make_shared<QByteArray>(), [&gets](const QByteArray &head, const QByteArray &normal,
                                                                     QTcpSocket *) {
            if (!head.startsWith("GET "))
                return normal;
            ++gets;
            return unavailable();
        });
        QVERIFY(useWebdavAt(server.serverPort()));
        const QString file = addRecording(0, 300'000);
        startUploader();
        QTRY_COMPARE_WITH_TIMEOUT(m_queue.count(QStringLiteral("failed")), 1, 30000);
        QVERIFY(gets >= 1);
        const QString error = m_queue.row(file).lastError;
        QVERIFY2(error.startsWith(QStringLiteral("reading the remote copy back failed: HTTP ")), qPrintable(error));
        QVERIFY2(!error.contains(QStringLiteral("differs")), qPrintable(error));
        QCOMPARE(m_queue.row(file).uploadedCount, 0);
        QCOMPARE(m_uploader.state(), QProcess::Running);
    }

    void retryWhileAProbeJudgesAFailureIsKept()
    {
        // The read-back fails in a way that does not say whose fault it is, so a probe judges;
        // the server holds the probe's answer until the user has asked to retry. The retry must
        // hold: the probe's verdict may not put the row back on its 30 s wait.
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        bool readsFail = true;
        bool holding = false;
        QList<std::pair<QPointer<QTcpSocket>, QByteArray>> held;
        serveOneFile(server, std::make_shared<QByteArray>(), [&](const QByteArray &head, const QByteArray &normal,
                                                                 QTcpSocket *socket) {
            if (head.startsWith("GET ") && readsFail) {
                holding = true;
                return unavailable();
            }
            if (holding && !head.startsWith("GET ")) {
                held.append({QPointer<QTcpSocket>(socket), normal});
                return QByteArray();
            }
            return normal;
        });
        QVERIFY(useWebdavAt(server.serverPort()));
        const QString file = addRecording(0, 300'000);
        startUploader();
        QTRY_COMPARE_WITH_TIMEOUT(m_queue.count(QStringLiteral("failed")), 1, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!held.isEmpty(), 10000); // the probe is under way
        readsFail = false;
        QDBusReply<void> retry = offload().call(QStringLiteral("Retry"));
        QVERIFY(retry.isValid());
        QTest::qWait(500);
        holding = false;
        for (const auto &[socket, answer] : std::as_const(held))
            if (socket)
                socket->write(answer);
        // Well before the 30 s a failed row waits.
        QTRY_COMPARE_WITH_TIMEOUT(m_queue.count(QStringLiteral("uploaded")), 1, 15000);
        QCOMPARE(m_queue.row(file).uploadedCount, 1);
    }

    void pauseSurvivesARestart()
    {
        startServer(QStringLiteral("webdav"));
        writeConfig(QByteArray());
        startUploader();
        QTRY_COMPARE_WITH_TIMEOUT(status().value(QStringLiteral("state")).toString(), QStringLiteral("idle"), 10000);
        QCOMPARE(recorderctl({QStringLiteral("offload"), QStringLiteral("pause")}), 0);
        QVERIFY(QFileInfo::exists(path(QStringLiteral("state-offload/paused"))));
        stopUploader(SIGTERM);
        const QString file = addRecording(0, 10'000);
        startUploader();
        QTRY_COMPARE_WITH_TIMEOUT(status().value(QStringLiteral("state")).toString(), QStringLiteral("paused"), 10000);
        QTest::qWait(2000);
        QCOMPARE(m_queue.row(file).attempts, 0u);
        QByteArray json;
        QCOMPARE(recorderctl({QStringLiteral("offload"), QStringLiteral("status"), QStringLiteral("--json")}, &json), 0);
        const QJsonObject both = QJsonDocument::fromJson(json).object();
        QCOMPARE(both.value(QStringLiteral("offload")).toObject().value(QStringLiteral("state")).toString(),
                 QStringLiteral("paused"));
        QCOMPARE(both.value(QStringLiteral("queue")).toObject().value(QStringLiteral("pending")).toInt(), 1);
        QCOMPARE(recorderctl({QStringLiteral("offload"), QStringLiteral("resume")}), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_queue.count(QStringLiteral("uploaded")), 1, 30000);
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("state-offload/paused"))));
    }

    void minAgeHoldsAFreshRecordingBack()
    {
        startServer(QStringLiteral("webdav"));
        writeConfig("min_age=4s\n");
        const QString file = addRecording(0, 10'000); // finished just now
        QElapsedTimer since;
        since.start();
        startUploader();
        QTRY_COMPARE_WITH_TIMEOUT(status().value(QStringLiteral("state")).toString(), QStringLiteral("waiting"), 3000);
        QCOMPARE(m_queue.row(file).attempts, 0u);
        QTRY_COMPARE_WITH_TIMEOUT(m_queue.count(QStringLiteral("uploaded")), 1, 20000);
        QVERIFY2(since.elapsed() >= 3500, qPrintable(QString::number(since.elapsed())));
    }

    void recorderctlSaysWhenTheUploaderIsAway()
    {
        startServer(QStringLiteral("webdav"));
        writeConfig(QByteArray());
        QByteArray output;
        QCOMPARE(recorderctl({QStringLiteral("offload"), QStringLiteral("status")}, &output), 69);
        QCOMPARE(recorderctl({QStringLiteral("offload"), QStringLiteral("sleep")}), 64);
    }

    void disabledStaysUpAndSaysSo()
    {
        startServer(QStringLiteral("webdav"));
        writeConfig("enabled=false\n");
        addRecording(0, 10'000);
        startUploader(QStringLiteral("/nonexistent/rclone")); // not needed while disabled
        QTRY_COMPARE_WITH_TIMEOUT(status().value(QStringLiteral("state")).toString(), QStringLiteral("disabled"), 10000);
        QTest::qWait(1000);
        QCOMPARE(m_uploader.state(), QProcess::Running);
        QCOMPARE(m_queue.count(QStringLiteral("pending")), 1);
        QByteArray output;
        QCOMPARE(recorderctl({QStringLiteral("offload"), QStringLiteral("status")}, &output), 0);
        QVERIFY2(output.startsWith("Offload: disabled ("), output.constData()); // no empty remote, no "reachable: no"
        QVERIFY2(output.contains("Queue: 1 pending"), output.constData());
        OffloadStatusReader::Status read;
        statusThroughTheReader(&read);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(read.state, QStringLiteral("disabled"));
        QVERIFY(std::isnan(read.successRate)); // null: the exporter leaves the rate out
        QVERIFY(!read.hasLastUpload);
    }
};

QTEST_GUILESS_MAIN(TestOffloadUpload)
#include "tst_offloadupload.moc"
