// SPDX-License-Identifier: MIT
// Decides on each request's credentials without hashing on the HTTP thread: remembered credentials
// at once, password checks on a worker, guessing peers held back.
#pragma once

#include "basicauth.h"
#include "failurelimiter.h"
#include "refusalsummary.h"

#include <QHostAddress>
#include <QObject>
#include <QThreadPool>

#include <functional>

// Thread-bound to the exporter's main thread, where QtHttpServer's handlers call authorize().
//
// Order of the decision, cheapest first: malformed or missing credentials are refused; remembered
// ones (a hash-table lookup) pass, even from a peer that is being limited, since only someone who
// knows the password can send them; a peer without budget (FailureLimiter) gets Limited; with
// kMaxPending checks already waiting the server is Busy; anything else is hashed on the one worker
// thread (so guesses use at most one core) and answered when that is done.
class AuthGate : public QObject
{
    Q_OBJECT
public:
    enum class Verdict {
        Allowed,
        Denied,  // 401
        Limited, // 429: this peer failed too often
        Busy,    // 503: too many checks waiting
    };
    struct Result {
        Verdict verdict = Verdict::Denied;
        int retryAfterSeconds = 0; // Limited and Busy
    };
    using Done = std::function<void(const Result &)>;

    static constexpr int kMaxPending = 8;

    explicit AuthGate(FailureLimiter::Clock clock = &FailureLimiter::monotonicMs, QObject *parent = nullptr);
    ~AuthGate() override;

    // See BasicAuth::load.
    QString load(const QString &path);

    // Calls `done` once: before returning when no hash is needed, else later from the event loop.
    void authorize(const QHostAddress &peer, const QByteArray &authorization, Done done);

    // Checks queued or running on the worker (tests).
    int pending() const { return m_pending; }

private:
    void finish(const QHostAddress &peer, const BasicAuth::Credentials &credentials, bool accepted, const Done &done);

    BasicAuth m_auth;
    FailureLimiter m_limiter;
    int m_pending = 0;
    // Failed checks and refusals without a check, one line a minute: a guesser that rotates
    // addresses gets a fresh budget at each, and must not get a log line for each guess too.
    RefusalSummary m_refusals{60000, QStringLiteral("basic authentication(s)")};
    QThreadPool m_worker; // last: destroyed (and waited for) first
};
