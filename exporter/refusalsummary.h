// SPDX-License-Identifier: MIT
// Counts refused connections (and requests rejected with a close) and logs one line per interval with the counts, not one per refusal.
#pragma once

#include <QHostAddress>
#include <QMap>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>

// Thread-bound to the thread that created it (the exporter's main thread). A flood of refusals
// (32,425 lines in a minute under attack when each was logged) becomes one info line per interval:
// how many, why, and from which addresses.
class RefusalSummary : public QObject
{
    Q_OBJECT
public:
    // `what` names what is refused in the line ("connection(s)", "basic authentication(s)").
    explicit RefusalSummary(int intervalMs, const QString &what = QStringLiteral("connection(s)"),
                            QObject *parent = nullptr);
    ~RefusalSummary() override;

    // One refusal of `peer`, for `reason` (a short phrase naming the limit reached).
    void count(const QHostAddress &peer, const QString &reason);

private:
    static constexpr int kAddressesShown = 5;
    // Distinct addresses remembered per interval: enough to count a normal flood exactly, and a
    // bound on memory when an attacker comes from very many (IPv6) addresses.
    static constexpr int kAddressesKept = 1024;

    void flush();

    QString m_what;
    QTimer m_timer;
    QMap<QString, int> m_reasons;
    QSet<QString> m_peers;
    int m_total = 0;
    bool m_peersCut = false; // more distinct addresses than kAddressesKept came
};
