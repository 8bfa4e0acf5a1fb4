// SPDX-License-Identifier: MIT
// Turns SIGTERM and SIGINT into a Qt signal on the main loop (signalfd + QSocketNotifier).
#pragma once

#include <QObject>

class QSocketNotifier;

// Lives on the main thread. Construct it before any other thread starts: it blocks the
// signals for the whole process so that only the signalfd receives them. Then a signal never
// interrupts a write half-way (a restart history, a fragment): the program finishes what it is
// doing and shuts down from its event loop. It also works when the shell started the program in
// the background with SIGINT ignored (scripts/run-stack), since a blocked signal stays pending.
class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

signals:
    void terminationRequested(int signalNumber);

private:
    void readSignal();

    int m_fd = -1;
    QSocketNotifier *m_notifier = nullptr; // child of this
};
