// SPDX-License-Identifier: MIT
// systemd's side of sd_notify for tests: a bound unix datagram socket that collects what a process sends.
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QTemporaryDir>

#include <climits>
#include <memory>

class QSocketNotifier;

// Thread-bound (the test's main thread): messages arrive through a QSocketNotifier, so they are
// collected only while that thread runs its event loop (QTRY_*, QSignalSpy::wait, waitFor()).
//
//   NotifyReader notify;                       // a socket in a temporary directory of its own
//   harness.start(notify.environment());       // NOTIFY_SOCKET for the child
//   QVERIFY(notify.waitFor("READY=1"));
class NotifyReader
{
public:
    struct Message {
        qint64 atMs = 0; // on this reader's clock (now())
        QByteArray text;
        QList<QByteArray> lines() const { return text.split('\n'); }
        bool has(const QByteArray &line) const { return lines().contains(line); }
    };

    // Binds a socket named `path`; empty: "notify" in a temporary directory of its own.
    explicit NotifyReader(const QString &path = QString());
    ~NotifyReader();
    NotifyReader(const NotifyReader &) = delete;
    NotifyReader &operator=(const NotifyReader &) = delete;

    // Empty when bound, else why not.
    QString error() const { return m_error; }
    QString socketPath() const { return m_path; }
    // `base` with NOTIFY_SOCKET, and WATCHDOG_USEC when `watchdogUsec` > 0.
    QProcessEnvironment environment(QProcessEnvironment base = QProcessEnvironment::systemEnvironment(),
                                    qint64 watchdogUsec = 0) const;

    // Milliseconds since the socket was bound: the clock of Message::atMs.
    qint64 now() const { return m_clock.elapsed(); }

    // Every datagram, in order of arrival.
    const QList<Message> &messages() const { return m_messages; }
    // Every line of every datagram, in order, and when each arrived.
    QList<QByteArray> lines() const;
    QList<qint64> lineTimes() const;

    int count(const QByteArray &line) const;
    // Index of the first `line` in lines(), or -1.
    int indexOf(const QByteArray &line) const;
    bool contains(const QByteArray &line) const { return indexOf(line) >= 0; }
    // When each datagram holding `line` arrived, within [from, to].
    QList<qint64> times(const QByteArray &line, qint64 from = 0, qint64 to = LLONG_MAX) const;
    // The longest time without `line` between `from` and `to` (ms on now()'s clock), counting
    // from `from` to the first and from the last to `to`.
    qint64 longestGap(const QByteArray &line, qint64 from, qint64 to) const;

    // Runs the event loop until `line` has arrived at least `times` times; false on timeout.
    bool waitFor(const QByteArray &line, int timeoutMs = 20000, int times = 1);

private:
    void receive();

    std::unique_ptr<QTemporaryDir> m_ownDir;
    QString m_path;
    QString m_error;
    int m_fd = -1;
    QElapsedTimer m_clock;
    QList<Message> m_messages;
    std::unique_ptr<QSocketNotifier> m_notifier;
};
