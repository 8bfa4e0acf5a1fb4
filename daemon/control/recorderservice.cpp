// SPDX-License-Identifier: MIT
// The D-Bus object org.recorder.Recorder1 at /org/recorder/Recorder1: the recorder's control API.
#include "recorderservice.h"

#include "controllog.h"
#include "statuspublisher.h"
#include "previewwriter.h"
#include "recorderadaptor.h"
#include "recordingcatalog.h"
#include "sessioncontroller.h"
#include "uploadsadaptor.h"

#include <QDBusConnectionInterface>
#include <QDBusMetaType>
#include <QJsonObject>

#include <iterator>

namespace {

// D-Bus cannot carry a null or an unknown type: such values are left out of a dictionary.
QVariantMap marshallable(const QVariantMap &in)
{
    QVariantMap out;
    for (auto it = in.cbegin(); it != in.cend(); ++it) {
        if (!it.value().isNull() && it.value().isValid())
            out.insert(it.key(), it.value());
    }
    return out;
}

} // namespace

RecorderService::RecorderService(SessionController *controller, StatusPublisher *status,
                                 RecordingCatalog *catalog, PreviewWriter *preview, QObject *parent)
    : QObject(parent), m_controller(controller), m_status(status), m_catalog(catalog), m_preview(preview)
{
    m_requests.setMaxThreadCount(1);
    m_requests.setObjectName(QStringLiteral("requests"));
    qDBusRegisterMetaType<QList<QVariantMap>>();
    new RecorderAdaptor(this); // owned by this object; relays the signals below
    new UploadsAdaptor(this);  // the same for org.recorder.Uploads1 on the same object

    connect(controller, &SessionController::stateChanged, this,
            [this](RecorderState state, const QString &reason) { emit StateChanged(recorderStateName(state), reason); });
    connect(controller, &SessionController::warning, this, &RecorderService::Warning);
    connect(controller, &SessionController::recordingFinished, this, &RecorderService::RecordingFinished);

    m_snapshotTimer.setSingleShot(true);
    connect(&m_snapshotTimer, &QTimer::timeout, this, [this] {
        const QByteArray last = m_preview ? m_preview->latestJpeg() : QByteArray();
        answerSnapshots(last);
    });
    if (m_preview)
        connect(m_preview, &PreviewWriter::snapshotReady, this, &RecorderService::answerSnapshots);
}

RecorderService::~RecorderService()
{
    // A request still running uses the catalog, which outlives this service.
    m_requests.waitForDone();
}

QString RecorderService::registerOn(QDBusConnection bus)
{
    if (!bus.isConnected())
        return tr("cannot connect to the system bus: %1").arg(bus.lastError().message());
    if (!bus.registerObject(QLatin1String(kObjectPath), this))
        return tr("cannot export %1 on the system bus: %2").arg(QLatin1String(kObjectPath), bus.lastError().message());
    const QDBusReply<QDBusConnectionInterface::RegisterServiceReply> reply = bus.interface()->registerService(
        QLatin1String(kServiceName), QDBusConnectionInterface::DontQueueService,
        QDBusConnectionInterface::DontAllowReplacement);
    if (!reply.isValid())
        return tr("cannot own %1 on the system bus: %2 (is the D-Bus policy org.recorder.Recorder1.conf installed?)")
            .arg(QLatin1String(kServiceName), reply.error().message());
    if (reply.value() != QDBusConnectionInterface::ServiceRegistered)
        return tr("cannot own %1 on the system bus: another recorder is running").arg(QLatin1String(kServiceName));
    m_busName = bus.name();
    m_uploaderWatcher.setConnection(bus);
    m_uploaderWatcher.setWatchMode(QDBusServiceWatcher::WatchForUnregistration);
    m_uploaderWatcher.setWatchedServices({QLatin1String(kUploaderServiceName)});
    connect(&m_uploaderWatcher, &QDBusServiceWatcher::serviceUnregistered, this, &RecorderService::releaseUploads,
            Qt::UniqueConnection);
    qCInfo(lcControl, "control API on the system bus as %s", kServiceName);
    return {};
}

void RecorderService::refuse(const QString &reason, const QString &message)
{
    if (calledFromDBus())
        sendErrorReply(QLatin1String(kErrorPrefix) + reason, message);
}

void RecorderService::Start()
{
    const SessionController::CommandResult r = m_controller->start();
    if (!r.ok())
        refuse(r.errorName, r.message);
}

void RecorderService::Stop()
{
    const SessionController::CommandResult r = m_controller->stop();
    if (!r.ok())
        refuse(r.errorName, r.message);
}

double RecorderService::Extend()
{
    const SessionController::CommandResult r = m_controller->extend();
    if (!r.ok()) {
        refuse(r.errorName, r.message);
        return 0;
    }
    m_status->publish(); // the new remaining time, in the heartbeat and Status() at once
    return r.remainingSeconds;
}

QVariantMap RecorderService::statusMap() const
{
    // `sequence` says which heartbeat file write this is the same document as.
    return marshallable(m_status->snapshot().toJson().toVariantMap());
}

QVariantMap RecorderService::Status()
{
    return statusMap();
}

QList<QVariantMap> RecorderService::ListRecordings(uint limit, uint offset)
{
    if (!m_catalog) {
        refuse(QStringLiteral("Unavailable"), tr("the catalog is not open"));
        return {};
    }
    if (limit == 0 || limit > kMaxListLimit) {
        refuse(QStringLiteral("InvalidArgument"),
               tr("limit %1 is out of range; allowed: 1 to %2").arg(limit).arg(kMaxListLimit));
        return {};
    }
    const int first = static_cast<int>(std::min<uint>(offset, INT_MAX));
    RecordingCatalog *catalog = m_catalog;
    // Rows, or the error reply's name and words.
    auto work = [catalog, limit, first]() -> std::pair<QList<QVariantMap>, QString> {
        QString error;
        const QList<QVariantMap> rows = catalog->list(static_cast<int>(limit), first, &error);
        if (!error.isEmpty())
            return {{}, tr("cannot read the catalog: %1").arg(error)};
        QList<QVariantMap> out;
        out.reserve(rows.size());
        for (const QVariantMap &row : rows)
            out.append(marshallable(row));
        return {out, QString()};
    };
    if (!calledFromDBus()) {
        const auto [rows, error] = work();
        return rows;
    }
    answerLater([work](const QDBusMessage &request) {
        const auto [rows, error] = work();
        if (!error.isEmpty())
            return request.createErrorReply(QLatin1String(kErrorPrefix) + QStringLiteral("Failed"), error);
        return request.createReply(QVariant::fromValue(rows));
    });
    return {};
}

void RecorderService::Protect(const QString &path, bool on)
{
    if (!m_catalog) {
        refuse(QStringLiteral("Unavailable"), tr("the catalog is not open"));
        return;
    }
    RecordingCatalog *catalog = m_catalog;
    // An empty error name: done.
    auto work = [catalog, path, on]() -> std::pair<QString, QString> {
        QString error;
        switch (catalog->setProtected(path, on, &error)) {
        case RecordingCatalog::Outcome::Ok:
            qCInfo(lcControl, "%s %s", on ? "protected" : "unprotected", qPrintable(path));
            return {};
        case RecordingCatalog::Outcome::NotFound:
            return {QStringLiteral("NotFound"), tr("no recording %1 in the catalog").arg(path)};
        case RecordingCatalog::Outcome::NotAllowed:
        case RecordingCatalog::Outcome::InvalidArgument:
        case RecordingCatalog::Outcome::Unavailable:
        case RecordingCatalog::Outcome::Failed:
            break;
        }
        return {QStringLiteral("Failed"), tr("cannot change %1: %2").arg(path, error)};
    };
    if (!calledFromDBus()) {
        work();
        return;
    }
    answerLater([work](const QDBusMessage &request) {
        const auto [name, words] = work();
        return name.isEmpty() ? request.createReply()
                              : request.createErrorReply(QLatin1String(kErrorPrefix) + name, words);
    });
}

QList<QVariantMap> RecorderService::PendingUploads(uint limit)
{
    if (limit == 0 || limit > kMaxListLimit) {
        refuse(QStringLiteral("InvalidArgument"),
               tr("limit %1 is out of range; allowed: 1 to %2").arg(limit).arg(kMaxListLimit));
        return {};
    }
    answerUpload([limit](RecordingCatalog *catalog) {
        UploadAnswer answer;
        QList<QVariantMap> rows;
        answer.outcome = catalog->pendingUploads(static_cast<int>(limit), &rows, &answer.error);
        answer.arguments = {QVariant::fromValue(rows)};
        return answer;
    });
    return {};
}

QString RecorderService::BeginUpload(const QString &path, const QString &remote_path)
{
    answerUpload([path, remote_path](RecordingCatalog *catalog) {
        UploadAnswer answer;
        QString remotePath;
        answer.outcome = catalog->beginUpload(path, remote_path, &remotePath, &answer.error);
        answer.arguments = {remotePath};
        if (answer.outcome == RecordingCatalog::Outcome::Ok)
            qCInfo(lcControl, "upload of %s begins, to %s", qPrintable(path), qPrintable(remotePath));
        return answer;
    });
    return {};
}

void RecorderService::FinishUpload(const QString &path, bool ok, qlonglong bytes, const QString &error)
{
    answerUpload([path, ok, bytes, error](RecordingCatalog *catalog) {
        UploadAnswer answer;
        answer.outcome = catalog->finishUpload(path, ok, bytes, error, &answer.error);
        if (answer.outcome == RecordingCatalog::Outcome::Ok) {
            if (ok)
                qCInfo(lcControl, "upload of %s done, %lld bytes", qPrintable(path), bytes);
            else
                qCInfo(lcControl, "upload of %s failed: %s", qPrintable(path), qPrintable(error.simplified()));
        }
        return answer;
    });
}

uint RecorderService::RetryUploads()
{
    answerUpload([](RecordingCatalog *catalog) {
        UploadAnswer answer;
        uint count = 0;
        answer.outcome = catalog->retryUploads(&count, &answer.error);
        answer.arguments = {count};
        return answer;
    });
    return 0;
}

QVariantMap RecorderService::UploadQueue()
{
    answerUpload([](RecordingCatalog *catalog) {
        UploadAnswer answer;
        QVariantMap summary;
        answer.outcome = catalog->uploadQueue(&summary, &answer.error);
        answer.arguments = {summary};
        return answer;
    });
    return {};
}

void RecorderService::releaseUploads()
{
    if (!m_catalog)
        return;
    RecordingCatalog *catalog = m_catalog;
    // On the request thread, behind calls already queued there and before any call of the next
    // uploader (its name comes after this one's loss on the bus).
    m_requests.start([catalog] {
        uint count = 0;
        QString error;
        if (catalog->releaseUploads(&count, &error) != RecordingCatalog::Outcome::Ok)
            qCWarning(lcControl, "%s left the bus; its uploads stay 'uploading' until recorderd starts again: %s",
                      kUploaderServiceName, qPrintable(error));
        else if (count > 0)
            qCInfo(lcControl, "%s left the bus mid-upload: %u upload(s) back to pending, to be copied again",
                   kUploaderServiceName, count);
    });
}

void RecorderService::answerUpload(std::function<UploadAnswer(RecordingCatalog *catalog)> work)
{
    if (!m_catalog) {
        refuse(QStringLiteral("Unavailable"), tr("the catalog is not open"));
        return;
    }
    // Only D-Bus calls these: the uploader is another program.
    if (!calledFromDBus())
        return;
    RecordingCatalog *catalog = m_catalog;
    answerLater([catalog, work = std::move(work)](const QDBusMessage &request) {
        const UploadAnswer answer = work(catalog);
        if (answer.outcome == RecordingCatalog::Outcome::Ok)
            return request.createReply(answer.arguments);
        // The error names, in the order of RecordingCatalog::Outcome.
        static const char *const names[] = {"", "NotFound", "NotAllowed", "InvalidArgument", "Unavailable", "Failed"};
        static_assert(std::size(names) == size_t(RecordingCatalog::Outcome::Failed) + 1);
        const QString name = QLatin1String(names[size_t(answer.outcome)]);
        return request.createErrorReply(QLatin1String(kErrorPrefix) + name, answer.error);
    });
}

void RecorderService::answerLater(std::function<QDBusMessage(const QDBusMessage &request)> work)
{
    setDelayedReply(true);
    const QDBusMessage request = message();
    const QString busName = connection().name();
    m_requests.start([request, busName, work = std::move(work)] { QDBusConnection(busName).send(work(request)); });
}

QByteArray RecorderService::Snapshot()
{
    if (!m_preview) {
        refuse(QStringLiteral("Unavailable"), tr("no preview source in this recorder"));
        return {};
    }
    if (!calledFromDBus())
        return m_preview->latestJpeg();
    // Answered when the capture thread hands over its next frame, or after kSnapshotWaitMs
    // with the last preview (the camera may be idle).
    setDelayedReply(true);
    m_busName = connection().name();
    m_pendingSnapshots.append(message());
    m_preview->requestSnapshot();
    if (!m_snapshotTimer.isActive())
        m_snapshotTimer.start(kSnapshotWaitMs);
    return {};
}

void RecorderService::answerSnapshots(const QByteArray &jpeg)
{
    m_snapshotTimer.stop();
    const QList<QDBusMessage> pending = std::exchange(m_pendingSnapshots, {});
    for (const QDBusMessage &request : pending) {
        const QDBusMessage reply =
            jpeg.isEmpty()
                ? request.createErrorReply(QLatin1String(kErrorPrefix) + QStringLiteral("NoFrame"),
                                           tr("no frame arrived within %1 s and there is no earlier preview")
                                               .arg(kSnapshotWaitMs / 1000))
                : request.createReply(QVariant::fromValue(jpeg));
        QDBusConnection(m_busName).send(reply);
    }
}
