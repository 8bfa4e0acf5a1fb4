// SPDX-License-Identifier: MIT
// Turns SIGTERM and SIGINT into a clean quit of the event loop.
#pragma once

#include <QObject>
#include <QSocketNotifier>

#include <memory>

// Thread-bound (main thread); create one, before exec(). Without it SIGTERM (systemd's stop)
// kills the process wherever it is, possibly between writing the restart history to a temporary
// file and renaming it into place. With it the handler only writes a byte to a pipe, and the
// event loop quits after the slot that was running has finished.
class TerminationSignals : public QObject
{
    Q_OBJECT
public:
    explicit TerminationSignals(QObject *parent = nullptr);
    ~TerminationSignals() override;

    // Empty when installed, or the reason (the default handlers stay in place).
    QString error() const { return m_error; }

signals:
    void received(int signal);

private:
    std::unique_ptr<QSocketNotifier> m_notifier;
    QString m_error;
};
