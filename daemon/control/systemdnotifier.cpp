// SPDX-License-Identifier: MIT
// Tells systemd (Type=notify) about start-up, state, progress and shutdown through sd_notify.
#include "systemdnotifier.h"

#include "controllog.h"
#include "recordingengine.h"
#include "sessioncontroller.h"

#include <systemd/sd-daemon.h>

#include <cstring>

SystemdNotifier::SystemdNotifier(const SessionController *controller, const RecordingEngine *engine, QObject *parent)
    : QObject(parent), m_controller(controller), m_engine(engine)
{
    m_enabled = !qEnvironmentVariableIsEmpty("NOTIFY_SOCKET");
    if (!m_enabled)
        return;
    connect(controller, &SessionController::stateChanged, this, &SystemdNotifier::onStateChanged);
    connect(controller, &SessionController::warning, this,
            [this] { send("STATUS=" + m_controller->statusLine().toUtf8()); });

    uint64_t usec = 0;
    if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
        // systemd asks for a ping at least every half period; checking every third of it leaves
        // room for a late timer on a loaded Pi without ever exceeding the half.
        m_watchdogTimer.setTimerType(Qt::PreciseTimer);
        m_watchdogTimer.setInterval(static_cast<int>(std::max<uint64_t>(1, usec / 3000)));
        connect(&m_watchdogTimer, &QTimer::timeout, this, &SystemdNotifier::onWatchdogTick);
        m_watchdogTimer.start();
        qCInfo(lcControl, "systemd watchdog: %.3f s, checking progress every %.3f s", usec / 1e6,
               m_watchdogTimer.interval() / 1000.0);
    }
    // The controller may have settled before the notifier was created.
    if (controller->state() != RecorderState::Booting)
        onStateChanged(controller->state(), controller->stateReason());
}

void SystemdNotifier::onStateChanged(RecorderState state, const QString &reason)
{
    Q_UNUSED(reason)
    QByteArray message = "STATUS=" + m_controller->statusLine().toUtf8();
    const bool settled =
        state == RecorderState::Ready || state == RecorderState::Recording || state == RecorderState::Error;
    if (settled && !m_readySent) {
        m_readySent = true;
        message.prepend("READY=1\n");
    }
    if (state == RecorderState::Stopping)
        message.prepend("STOPPING=1\n");
    send(message);
}

void SystemdNotifier::onWatchdogTick()
{
    // systemd arms the watchdog at READY=1; before that a ping would only hide a hung start-up.
    if (!m_readySent)
        return;
    if (m_controller->state() == RecorderState::Recording) {
        const qint64 written = m_engine->counters().framesWritten;
        const bool progressed = written > m_lastFramesWritten;
        m_lastFramesWritten = written;
        if (!progressed) {
            if (!m_withholding)
                qCWarning(lcControl, "no frame reached a file since the last check: WATCHDOG=1 withheld");
            m_withholding = true;
            return;
        }
    } else {
        // Not recording: the main loop turning is the progress to prove. Start afresh so the first
        // check after Start is not compared with an old count.
        m_lastFramesWritten = -1;
    }
    if (m_withholding)
        qCInfo(lcControl, "progress again: WATCHDOG=1 resumed");
    m_withholding = false;
    send("WATCHDOG=1");
}

void SystemdNotifier::send(const QByteArray &message)
{
    const int r = sd_notify(0, message.constData());
    if (r < 0)
        qCWarning(lcControl, "sd_notify failed: %s", std::strerror(-r));
}
