// SPDX-License-Identifier: MIT
// recorderctl's side of org.recorder.Recorder1: calls the recorder and turns D-Bus errors into exit statuses.
#include "controlclient.h"

#include <QDBusConnection>
#include <QDBusMetaType>
#include <QDBusPendingReply>

namespace {

constexpr const char *kService = "org.recorder.Recorder1";
constexpr const char *kPath = "/org/recorder/Recorder1";
constexpr const char *kRefusalPrefix = "org.recorder.Recorder1.Error.";

template <typename Reply>
ControlClient::Outcome finish(Reply reply)
{
    reply.waitForFinished();
    if (reply.isError())
        return ControlClient::fromError(reply.error());
    return {};
}

} // namespace

ControlClient::ControlClient()
{
    qDBusRegisterMetaType<QList<QVariantMap>>();
    QDBusConnection bus = QDBusConnection::systemBus();
    if (!bus.isConnected()) {
        m_busError = bus.lastError().message();
        return;
    }
    m_proxy = std::make_unique<OrgRecorderRecorder1Interface>(QLatin1String(kService), QLatin1String(kPath), bus);
    m_proxy->setTimeout(kTimeoutMs);
}

ControlClient::Outcome ControlClient::connected() const
{
    if (m_proxy)
        return {};
    return {kNotRunning, tr("cannot reach the system bus (%1): the recorder is not running").arg(m_busError)};
}

ControlClient::Outcome ControlClient::fromError(const QDBusError &error)
{
    const QString name = error.name();
    if (name.startsWith(QLatin1String(kRefusalPrefix)))
        return {kRefused, tr("refused: %1").arg(error.message())};
    switch (error.type()) {
    case QDBusError::ServiceUnknown:
    case QDBusError::UnknownObject:
    case QDBusError::Disconnected:
        return {kNotRunning, tr("the recorder is not running (%1 is not on the system bus)").arg(QLatin1String(kService))};
    case QDBusError::AccessDenied:
        return {kNotAllowed,
                tr("not allowed: only root and members of the group \"recorder\" may control the recorder")};
    case QDBusError::NoReply:
    case QDBusError::Timeout:
    case QDBusError::TimedOut:
        return {kNotResponding, tr("the recorder did not answer within %1 s").arg(kTimeoutMs / 1000)};
    default:
        return {kFailed, tr("D-Bus error %1: %2").arg(name, error.message())};
    }
}

ControlClient::Outcome ControlClient::start()
{
    if (Outcome c = connected(); !c.ok())
        return c;
    return finish(m_proxy->Start());
}

ControlClient::Outcome ControlClient::stop()
{
    if (Outcome c = connected(); !c.ok())
        return c;
    return finish(m_proxy->Stop());
}

ControlClient::Outcome ControlClient::extend(double *remainingSeconds)
{
    if (Outcome c = connected(); !c.ok())
        return c;
    QDBusPendingReply<double> reply = m_proxy->Extend();
    Outcome o = finish(reply);
    if (o.ok())
        *remainingSeconds = reply.value();
    return o;
}

ControlClient::Outcome ControlClient::status(QVariantMap *status)
{
    if (Outcome c = connected(); !c.ok())
        return c;
    QDBusPendingReply<QVariantMap> reply = m_proxy->Status();
    Outcome o = finish(reply);
    if (o.ok())
        *status = reply.value();
    return o;
}

ControlClient::Outcome ControlClient::list(uint limit, uint offset, QList<QVariantMap> *rows)
{
    if (Outcome c = connected(); !c.ok())
        return c;
    QDBusPendingReply<QList<QVariantMap>> reply = m_proxy->ListRecordings(limit, offset);
    Outcome o = finish(reply);
    if (o.ok())
        *rows = reply.value();
    return o;
}

ControlClient::Outcome ControlClient::protect(const QString &path, bool on)
{
    if (Outcome c = connected(); !c.ok())
        return c;
    return finish(m_proxy->Protect(path, on));
}

ControlClient::Outcome ControlClient::snapshot(QByteArray *jpeg)
{
    if (Outcome c = connected(); !c.ok())
        return c;
    QDBusPendingReply<QByteArray> reply = m_proxy->Snapshot();
    Outcome o = finish(reply);
    if (o.ok())
        *jpeg = reply.value();
    return o;
}
