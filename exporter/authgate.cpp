// SPDX-License-Identifier: MIT
// Decides on each request's credentials without hashing on the HTTP thread: remembered credentials
// at once, password checks on a worker, guessing peers held back.
#include "authgate.h"

#include "exporterlogging.h"

AuthGate::AuthGate(FailureLimiter::Clock clock, QObject *parent) : QObject(parent), m_limiter(std::move(clock))
{
    m_worker.setMaxThreadCount(1);
    m_worker.setObjectName(QStringLiteral("password-checks"));
}

AuthGate::~AuthGate()
{
    // Queued answers to this object are dropped with it; running checks must end first.
    m_worker.clear();
    m_worker.waitForDone();
}

QString AuthGate::load(const QString &path)
{
    return m_auth.load(path);
}

void AuthGate::authorize(const QHostAddress &peer, const QByteArray &authorization, Done done)
{
    const BasicAuth::Credentials credentials = BasicAuth::parse(authorization);
    // No credentials is how a browser asks for the challenge: not a failed guess.
    if (!credentials.valid) {
        done({Verdict::Denied, 0});
        return;
    }
    if (m_auth.remembered(credentials)) {
        done({Verdict::Allowed, 0});
        return;
    }
    if (m_pending >= kMaxPending) {
        m_refusals.count(peer, QStringLiteral("503, too many checks waiting"));
        done({Verdict::Busy, 1});
        return;
    }
    const int wait = m_limiter.acquire(peer);
    if (wait > 0) {
        m_refusals.count(peer, QStringLiteral("429, too many failures from this address"));
        done({Verdict::Limited, wait});
        return;
    }
    ++m_pending;
    m_worker.start([this, peer, credentials, check = m_auth.prepare(credentials), done = std::move(done)] {
        const bool accepted = BasicAuth::verify(check);
        QMetaObject::invokeMethod(
            this, [this, peer, credentials, accepted, done] { finish(peer, credentials, accepted, done); },
            Qt::QueuedConnection);
    });
}

void AuthGate::finish(const QHostAddress &peer, const BasicAuth::Credentials &credentials, bool accepted,
                      const Done &done)
{
    --m_pending;
    if (accepted) {
        m_auth.remember(credentials);
        m_limiter.release(peer);
        done({Verdict::Allowed, 0});
        return;
    }
    // Which of user and password was wrong stays unsaid, here as in the answer.
    m_refusals.count(peer, QStringLiteral("wrong user or password"));
    done({Verdict::Denied, 0});
}
