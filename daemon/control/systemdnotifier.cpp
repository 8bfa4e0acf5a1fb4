// SPDX-License-Identifier: MIT
// Tells systemd (Type=notify) about start-up, state, progress and shutdown through sd_notify.
#include "systemdnotifier.h"

#include "controllog.h"
#include "heartbeatbuilder.h"
#include "recordingengine.h"
#include "statuspublisher.h"

#include <systemd/sd-daemon.h>

#include <cstring>

SystemdNotifier::SystemdNotifier(const StatusPublisher *status, const RecordingEngine *engine, QObject *parent)
    : QObject(parent), m_status(status), m_engine(engine)
{
    m_enabled = !qEnvironmentVariableIsEmpty("NOTIFY_SOCKET");
    if (!m_enabled)
        return;
    connect(status, &StatusPublisher::published, this, &SystemdNotifier::onPublished);

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
    // A snapshot may have been published before the notifier was created.
    if (status->snapshot().state != QLatin1String("booting"))
        onPublished(status->snapshot());
}

void SystemdNotifier::onPublished(const Heartbeat &snapshot)
{
    const QString line = HeartbeatBuilder::statusLine(snapshot);
    QByteArray message;
    const bool settled = snapshot.state == QLatin1String("ready") || snapshot.state == QLatin1String("recording")
        || snapshot.state == QLatin1String("error");
    if (settled && !m_readySent) {
        m_readySent = true;
        message += "READY=1\n";
    }
    if (snapshot.state == QLatin1String("stopping") && !m_stoppingSent) {
        m_stoppingSent = true;
        message += "STOPPING=1\n";
    }
    if (line == m_lastLine && message.isEmpty())
        return;
    m_lastLine = line;
    send(message + "STATUS=" + line.toUtf8());
}

void SystemdNotifier::onWatchdogTick()
{
    // systemd arms the watchdog at READY=1; before that a ping would only hide a hung start-up.
    if (!m_readySent)
        return;
    if (m_status->snapshot().state == QLatin1String("recording")) {
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
