// SPDX-License-Identifier: MIT
// Per-peer budget of password checks that may fail: bounds how fast one client can guess.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>

#include <functional>

// Thread-bound (the exporter's main thread).
//
// A token bucket per peer: kBurst checks at once, then one more every kRefillMs. A check takes a
// token before it is hashed (so a burst of parallel guesses is bounded too) and a successful one
// gives it back: only failures use up the budget. IPv6 peers count per /64, the block one host
// usually gets. At most kMaxPeers are remembered; when full, the peer seen longest ago is dropped.
class FailureLimiter
{
public:
    using Clock = std::function<qint64()>; // monotonic milliseconds

    static constexpr int kBurst = 5;
    static constexpr qint64 kRefillMs = 6000; // 10 failed checks a minute once the burst is spent
    static constexpr int kMaxPeers = 1024;

    explicit FailureLimiter(Clock clock = monotonicMs);

    // Takes a token for one check by `peer`. Returns 0, or the seconds until the peer has one again
    // (nothing taken).
    int acquire(const QHostAddress &peer);
    // Gives back the token of a check that succeeded.
    void release(const QHostAddress &peer);

    int peers() const { return int(m_buckets.size()); }

    static qint64 monotonicMs();

private:
    struct Bucket {
        double tokens = kBurst;
        qint64 updatedMs = 0;
    };

    static QByteArray keyOf(const QHostAddress &peer);
    Bucket &bucket(const QByteArray &key, qint64 nowMs);
    void makeRoom(qint64 nowMs);

    Clock m_clock;
    QHash<QByteArray, Bucket> m_buckets;
};
