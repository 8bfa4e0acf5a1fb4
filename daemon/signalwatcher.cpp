// SPDX-License-Identifier: MIT
// Turns SIGTERM and SIGINT into a Qt signal on the main loop (signalfd + QSocketNotifier).
#include "signalwatcher.h"
#include "daemonlog.h"

#include <QSocketNotifier>

#include <csignal>
#include <sys/signalfd.h>
#include <unistd.h>

SignalWatcher::SignalWatcher(QObject *parent)
    : QObject(parent)
{
    sigset_t blocked;
    sigemptyset(&blocked);
    sigaddset(&blocked, SIGTERM);
    sigaddset(&blocked, SIGINT);
    pthread_sigmask(SIG_BLOCK, &blocked, nullptr);
    m_fd = ::signalfd(-1, &blocked, SFD_NONBLOCK | SFD_CLOEXEC);
    if (m_fd < 0) {
        qCCritical(lcDaemon, "signalfd failed: SIGTERM will not finish the current file cleanly");
        return;
    }
    m_notifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &SignalWatcher::readSignal);
}

SignalWatcher::~SignalWatcher()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

void SignalWatcher::readSignal()
{
    signalfd_siginfo info = {};
    while (::read(m_fd, &info, sizeof info) == ssize_t(sizeof info))
        emit terminationRequested(int(info.ssi_signo));
}
