// SPDX-License-Identifier: MIT
// Counts refused connections (and requests rejected with a close) and logs one line per interval with the counts, not one per refusal.
#include "refusalsummary.h"

#include "exporterlogging.h"

#include <QStringList>

#include <algorithm>

RefusalSummary::RefusalSummary(int intervalMs, const QString &what, QObject *parent)
    : QObject(parent), m_what(what)
{
    m_timer.setInterval(intervalMs);
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &RefusalSummary::flush);
}

RefusalSummary::~RefusalSummary()
{
    flush(); // refusals counted since the last line are not lost at exit
}

void RefusalSummary::count(const QHostAddress &peer, const QString &reason)
{
    ++m_total;
    ++m_reasons[reason];
    if (m_peers.size() < kAddressesKept)
        m_peers.insert(peer.toString());
    else if (!m_peers.contains(peer.toString()))
        m_peersCut = true;
    // The interval starts with the first refusal after a quiet one: no timer runs while none come.
    if (!m_timer.isActive())
        m_timer.start();
}

void RefusalSummary::flush()
{
    if (m_total == 0)
        return;
    QStringList reasons;
    for (auto it = m_reasons.cbegin(); it != m_reasons.cend(); ++it)
        reasons << QStringLiteral("%1 %2").arg(it.value()).arg(it.key());
    QStringList peers = m_peers.values();
    std::sort(peers.begin(), peers.end());
    const qsizetype unnamed = peers.size() - kAddressesShown;
    if (unnamed > 0)
        peers = peers.mid(0, kAddressesShown)
            << (m_peersCut ? QStringLiteral("over %1 more").arg(unnamed) : QStringLiteral("%1 more").arg(unnamed));
    qCInfo(lcExporter).noquote() << QStringLiteral("refused %1 %2 in %3 s (%4) from %5")
                                        .arg(m_total)
                                        .arg(m_what)
                                        .arg(m_timer.interval() / 1000.0)
                                        .arg(reasons.join(QStringLiteral(", ")), peers.join(QStringLiteral(", ")));
    m_total = 0;
    m_reasons.clear();
    m_peers.clear();
    m_peersCut = false;
}
