// SPDX-License-Identifier: MIT
#include "offloadclient.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusReply>

namespace {
QDBusMessage method(const char *service, const char *path, const char *interface, const QString &name)
{
    return QDBusMessage::createMethodCall(QLatin1String(service), QLatin1String(path), QLatin1String(interface), name);
}
} // namespace

ControlClient::Outcome OffloadClient::fromError(const QDBusError &error)
{
    switch (error.type()) {
    case QDBusError::ServiceUnknown:
    case QDBusError::UnknownObject:
    case QDBusError::Disconnected:
        return {ControlClient::kNotRunning,
                tr("recorder-offload is not running (org.recorder.Offload1 is not on the system bus)")};
    case QDBusError::AccessDenied:
        return {ControlClient::kNotAllowed,
                tr("not allowed: only root and members of the group \"recorder\" may control the uploads")};
    default:
        return ControlClient::fromError(error);
    }
}

ControlClient::Outcome OffloadClient::call(const QString &name, QVariantMap *reply)
{
    const QDBusMessage answer = QDBusConnection::systemBus().call(
        method("org.recorder.Offload1", "/org/recorder/Offload1", "org.recorder.Offload1", name), QDBus::Block,
        ControlClient::kTimeoutMs);
    if (answer.type() == QDBusMessage::ErrorMessage)
        return fromError(QDBusError(answer));
    if (reply && !answer.arguments().isEmpty())
        *reply = qdbus_cast<QVariantMap>(answer.arguments().constFirst());
    return {};
}

ControlClient::Outcome OffloadClient::status(QVariantMap *status, QVariantMap *queue, QString *queueError)
{
    const ControlClient::Outcome outcome = call(QStringLiteral("Status"), status);
    if (!outcome.ok())
        return outcome;
    const QDBusReply<QVariantMap> reply = QDBusConnection::systemBus().call(
        method("org.recorder.Recorder1", "/org/recorder/Recorder1", "org.recorder.Uploads1", QStringLiteral("UploadQueue")),
        QDBus::Block, ControlClient::kTimeoutMs);
    if (reply.isValid())
        *queue = reply.value();
    else
        *queueError = ControlClient::fromError(reply.error()).message;
    return {};
}

ControlClient::Outcome OffloadClient::pause()
{
    return call(QStringLiteral("Pause"));
}

ControlClient::Outcome OffloadClient::resume()
{
    return call(QStringLiteral("Resume"));
}

ControlClient::Outcome OffloadClient::retry()
{
    return call(QStringLiteral("Retry"));
}
