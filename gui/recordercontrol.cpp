// SPDX-License-Identifier: MIT
// The dashboard's commands on the system bus: the recorder's API and systemd's RestartUnit.
#include "recordercontrol.h"

#include "recorder1_interface.h"
#include "systemd1_interface.h"

#include "dashboardlog.h"
#include "systemdbus.h"

#include <QDBusPendingCallWatcher>

namespace {
const QString kRecorderService = QStringLiteral("org.recorder.Recorder1");
const QString kRecorderPath = QStringLiteral("/org/recorder/Recorder1");
const QString kRecorderUnit = QStringLiteral("recorder.service");
} // namespace

RecorderControl::RecorderControl(const QDBusConnection &bus, QObject *parent)
    : QObject(parent)
    , m_recorder(std::make_unique<OrgRecorderRecorder1Interface>(kRecorderService, kRecorderPath, bus))
    , m_systemd(std::make_unique<OrgFreedesktopSystemd1ManagerInterface>(SystemdBus::service(), SystemdBus::managerPath(), bus))
{
    connect(m_recorder.get(), &OrgRecorderRecorder1Interface::StateChanged, this,
            &RecorderControl::recorderStateChanged);
    connect(m_recorder.get(), &OrgRecorderRecorder1Interface::Warning, this, &RecorderControl::recorderStateChanged);
    connect(m_recorder.get(), &OrgRecorderRecorder1Interface::RecordingFinished, this,
            &RecorderControl::recordingsChanged);
}

RecorderControl::~RecorderControl() = default;

void RecorderControl::start()
{
    watch(m_recorder->Start(), tr("Start"), kRecorderUnit, tr("Recording started."));
}

void RecorderControl::stop()
{
    watch(m_recorder->Stop(), tr("Stop"), kRecorderUnit, tr("Recording stopped."));
}

void RecorderControl::extend()
{
    watch(m_recorder->Extend(), tr("Extend"), kRecorderUnit, tr("Session extended."));
}

void RecorderControl::setProtected(const QString &path, bool isProtected)
{
    auto *watcher = watch(m_recorder->Protect(path, isProtected), isProtected ? tr("Protect") : tr("Unprotect"), kRecorderUnit,
          isProtected ? tr("Recording protected: retention keeps it.")
                      : tr("Recording unprotected: retention may delete it when space runs low."));
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, path, isProtected](QDBusPendingCallWatcher *w) {
        if (!w->isError())
            emit protectedChanged(path, isProtected);
    });
}

void RecorderControl::restartUnit(const QString &unit)
{
    qCInfo(lcDashboard) << "asking systemd to restart" << unit;
    watch(m_systemd->RestartUnit(unit, QStringLiteral("replace")), tr("Restart of %1").arg(unit), unit,
          tr("%1 is restarting.").arg(unit));
}

QDBusPendingCallWatcher *RecorderControl::watch(const QDBusPendingCall &call, const QString &what,
                                                const QString &unit, const QString &doneMessage)
{
    auto *watcher = new QDBusPendingCallWatcher(call, this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, what, unit, doneMessage](QDBusPendingCallWatcher *w) {
        w->deleteLater();
        if (w->isError()) {
            const QDBusError error = w->error();
            qCWarning(lcDashboard).noquote() << what << "failed:" << error.name() << error.message();
            emit failed(describeError(error, what, unit));
            return;
        }
        emit succeeded(doneMessage);
        if (unit == kRecorderUnit)
            emit recorderStateChanged();
    });
    return watcher;
}

QString RecorderControl::describeError(const QDBusError &error, const QString &what, const QString &unit)
{
    const QString name = error.name();
    if (name == QLatin1String("org.freedesktop.DBus.Error.AccessDenied")
        || name == QLatin1String("org.freedesktop.DBus.Error.InteractiveAuthorizationRequired")) {
        return tr("%1 was refused: this user is not allowed to do it. Ask the administrator to add this user "
                  "to group recorder (see docs/dashboard.md), then log in again.")
            .arg(what);
    }
    if (name == QLatin1String("org.freedesktop.DBus.Error.ServiceUnknown")
        || name == QLatin1String("org.freedesktop.DBus.Error.NameHasNoOwner")) {
        return tr("%1 failed: nobody answers on the system bus for it. Check that %2 is running "
                  "(Service page: Restart).")
            .arg(what, unit);
    }
    if (name == QLatin1String("org.freedesktop.DBus.Error.NoReply")
        || name == QLatin1String("org.freedesktop.DBus.Error.Timeout")) {
        return tr("%1 got no answer in time. The system may be busy: check the status, then try again.").arg(what);
    }
    if (name.startsWith(QLatin1String("org.recorder.Recorder1.Error."))) {
        return tr("%1 was refused by the recorder: %2").arg(what, error.message());
    }
    return tr("%1 failed: %2 (%3). Try again; if it keeps failing, read the log with journalctl -u %4.")
        .arg(what, error.message(), name, unit);
}
