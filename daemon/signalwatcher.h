// SPDX-License-Identifier: MIT
// Turns SIGTERM and SIGINT into a Qt signal on the main loop (signalfd + QSocketNotifier).
#pragma once

#include <QObject>

class QSocketNotifier;

// Lives on the main thread. Construct it before any other thread starts: it blocks the
// signals for the whole process so that only the signalfd receives them.
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
