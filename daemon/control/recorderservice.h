// SPDX-License-Identifier: MIT
// The D-Bus object org.recorder.Recorder1 at /org/recorder/Recorder1: the recorder's control API.
#pragma once

#include <QByteArray>
#include <QDBusConnection>
#include <QDBusContext>
#include <QDBusMessage>
#include <QDBusServiceWatcher>
#include <QList>
#include <QObject>
#include <QThreadPool>
#include <QTimer>
#include <QVariantMap>

#include "recordingcatalog.h"

#include <functional>

class PreviewWriter;
class SessionController;
class StatusPublisher;

// Thread-bound to the main thread, except that ListRecordings, Protect and the org.recorder.Uploads1
// methods (the upload queue for recorder-offload, from common/dbus/org.recorder.Uploads1.xml) run on a request thread
// of their own (one at a time, answered with delayed D-Bus replies) so that a slow catalog or card
// never holds up the main loop. Delegates every method to the SessionController, the
// StatusPublisher (its snapshot is Status()), the RecordingCatalog and the PreviewWriter (all borrowed; catalog and preview
// may be null, then their methods answer an error). The adaptor, generated from
// common/dbus/org.recorder.Recorder1.xml, calls the public slots below; docs/dbus-api.md describes
// them. Refusals are D-Bus errors org.recorder.Recorder1.Error.<Reason> with a message in words.
class RecorderService : public QObject, protected QDBusContext
{
    Q_OBJECT

public:
    static constexpr const char *kServiceName = "org.recorder.Recorder1";
    static constexpr const char *kObjectPath = "/org/recorder/Recorder1";
    static constexpr const char *kErrorPrefix = "org.recorder.Recorder1.Error.";
    // recorder-offload's bus name: when it loses its owner, the uploader's claims are released.
    static constexpr const char *kUploaderServiceName = "org.recorder.Offload1";
    // A Snapshot waits this long for a fresh frame before answering with the last preview.
    static constexpr int kSnapshotWaitMs = 3000;
    // ListRecordings and PendingUploads never return more rows than this in one call.
    static constexpr uint kMaxListLimit = 1000;

    RecorderService(SessionController *controller, StatusPublisher *status, RecordingCatalog *catalog,
                    PreviewWriter *preview, QObject *parent = nullptr);
    ~RecorderService() override;

    // Exports the object and takes the service name, and watches the uploader's name on `bus`.
    // Returns an empty string or why it failed (another recorder owns the name; the D-Bus policy
    // does not allow this user to own it).
    QString registerOn(QDBusConnection bus);

    // The Status() dictionary: the last published snapshot, the same document as the heartbeat
    // file, null fields (outside a session) left out because D-Bus has no null.
    QVariantMap statusMap() const;

public slots:
    void Start();
    void Stop();
    double Extend();
    QVariantMap Status();
    QList<QVariantMap> ListRecordings(uint limit, uint offset);
    void Protect(const QString &path, bool on);
    QByteArray Snapshot();
    // org.recorder.Uploads1
    QList<QVariantMap> PendingUploads(uint limit);
    QString BeginUpload(const QString &path, const QString &remote_path);
    void FinishUpload(const QString &path, bool ok, qlonglong bytes, const QString &error);
    uint RetryUploads();
    QVariantMap UploadQueue();

signals:
    void StateChanged(const QString &state, const QString &reason);
    void Warning(double remaining_seconds, const QString &message);
    void RecordingFinished(const QString &path, const QString &state);
    // org.recorder.Uploads1: a row was queued or changed state (connect the catalog's signal to it).
    void UploadsChanged();

private:
    // An upload call's outcome, its error in words and the reply's arguments.
    struct UploadAnswer {
        RecordingCatalog::Outcome outcome = RecordingCatalog::Outcome::Ok;
        QString error;
        QVariantList arguments;
    };
    // Runs `work` on the request thread and answers the call with its result (an error reply named
    // after the outcome unless it is Ok).
    void answerUpload(std::function<UploadAnswer(RecordingCatalog *catalog)> work);
    // Runs `work` on the request thread and sends what it returns as the reply to this call.
    void answerLater(std::function<QDBusMessage(const QDBusMessage &request)> work);
    void refuse(const QString &reason, const QString &message);
    void answerSnapshots(const QByteArray &jpeg);
    // The uploader left the bus (killed, crashed or stopped) with rows it claimed: they go back to
    // 'pending' now, not at recorderd's next start, so the next uploader copies them again.
    void releaseUploads();

    SessionController *m_controller;
    StatusPublisher *m_status;
    QThreadPool m_requests; // one thread: catalog requests, in order
    RecordingCatalog *m_catalog;
    PreviewWriter *m_preview;
    QString m_busName; // the connection the requests came on
    QList<QDBusMessage> m_pendingSnapshots;
    QTimer m_snapshotTimer;
    QDBusServiceWatcher m_uploaderWatcher;
};
