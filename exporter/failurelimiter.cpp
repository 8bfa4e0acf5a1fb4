// SPDX-License-Identifier: MIT
// Per-peer budget of password checks that may fail: bounds how fast one client can guess.
#include "failurelimiter.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cmath>

FailureLimiter::FailureLimiter(Clock clock) : m_clock(std::move(clock)) {}

qint64 FailureLimiter::monotonicMs()
{
    static const QElapsedTimer start = [] {
        QElapsedTimer timer;
        timer.start();
        return timer;
    }();
    return start.elapsed();
}

QByteArray FailureLimiter::keyOf(const QHostAddress &peer)
{
    bool isV4 = false;
    const quint32 v4 = peer.toIPv4Address(&isV4); // IPv4-mapped IPv6 too
    if (isV4)
        return QByteArray::number(v4);
    const Q_IPV6ADDR v6 = peer.toIPv6Address();
    return QByteArray(reinterpret_cast<const char *>(v6.c), 8); // the /64
}

FailureLimiter::Bucket &FailureLimiter::bucket(const QByteArray &key, qint64 nowMs)
{
    auto found = m_buckets.find(key);
    if (found == m_buckets.end()) {
        if (m_buckets.size() >= kMaxPeers)
            makeRoom(nowMs);
        found = m_buckets.insert(key, Bucket{double(kBurst), nowMs});
    }
    Bucket &b = *found;
    b.tokens = std::min<double>(kBurst, b.tokens + double(nowMs - b.updatedMs) / double(kRefillMs));
    b.updatedMs = nowMs;
    return b;
}

void FailureLimiter::makeRoom(qint64 nowMs)
{
    // A bucket that has filled up again says nothing a new one would not: drop those first.
    for (auto it = m_buckets.begin(); it != m_buckets.end();) {
        if (it->tokens + double(nowMs - it->updatedMs) / double(kRefillMs) >= kBurst)
            it = m_buckets.erase(it);
        else
            ++it;
    }
    if (m_buckets.size() < kMaxPeers)
        return;
    const auto oldest = std::min_element(m_buckets.begin(), m_buckets.end(),
                                         [](const Bucket &a, const Bucket &b) { return a.updatedMs < b.updatedMs; });
    m_buckets.erase(oldest);
}

int FailureLimiter::acquire(const QHostAddress &peer)
{
    Bucket &b = bucket(keyOf(peer), m_clock());
    if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
    }
    return int(std::ceil((1 - b.tokens) * double(kRefillMs) / 1000.0));
}

void FailureLimiter::release(const QHostAddress &peer)
{
    Bucket &b = bucket(keyOf(peer), m_clock());
    b.tokens = std::min<double>(kBurst, b.tokens + 1);
}
