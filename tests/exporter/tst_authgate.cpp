// SPDX-License-Identifier: MIT
// Tests AuthGate: password checks answered later from the event loop (never inline), remembered
// credentials at once, guessing peers limited without a hash, and Busy when too many checks wait.
#include "authgate.h"
#include "passwordhash.h"

#include <QFile>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <optional>

namespace {

QStringList g_lines;

void collect(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    if (QByteArray(context.category) == "recorder.exporter")
        g_lines << message;
}

QByteArray basic(const QByteArray &credentials)
{
    return "Basic " + credentials.toBase64();
}

// One authorize() call: whether it answered before returning, and the answer once there is one.
struct Call {
    std::shared_ptr<std::optional<AuthGate::Result>> result = std::make_shared<std::optional<AuthGate::Result>>();
    bool inline_ = false;

    bool answered() const { return result->has_value(); }
    AuthGate::Verdict verdict() const { return (*result)->verdict; }
};

Call authorize(AuthGate &gate, const QString &peer, const QByteArray &authorization)
{
    Call call;
    gate.authorize(QHostAddress(peer), authorization,
                   [result = call.result](const AuthGate::Result &r) { *result = r; });
    call.inline_ = call.answered();
    return call;
}

} // namespace

class TestAuthGate : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void passwordChecksAreAnsweredLater_data();
    void passwordChecksAreAnsweredLater();
    void rememberedCredentialsPassAtOnce();
    void malformedCredentialsAreRefusedAtOnce();
    void guessingPeerIsLimitedWithoutHashing();
    void busyWhenTooManyChecksWait();
    void guessesFromManyAddressesAreSummarised();

private:
    QTemporaryDir m_dir;
    QString m_users;
    std::unique_ptr<AuthGate> m_gate;
    qint64 m_nowMs = 0;
};

void TestAuthGate::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_users = m_dir.filePath(QStringLiteral("users"));
    QFile f(m_users);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("prom:" + PasswordHash::make("s3cret") + "\n");
    f.close();
    QVERIFY(f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
}

void TestAuthGate::init()
{
    m_gate = std::make_unique<AuthGate>([this] { return m_nowMs; });
    QCOMPARE(m_gate->load(m_users), QString());
}

void TestAuthGate::passwordChecksAreAnsweredLater_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<AuthGate::Verdict>("verdict");
    QTest::newRow("right password") << basic("prom:s3cret") << AuthGate::Verdict::Allowed;
    QTest::newRow("wrong password") << basic("prom:wrong") << AuthGate::Verdict::Denied;
    QTest::newRow("unknown user") << basic("root:s3cret") << AuthGate::Verdict::Denied;
}

void TestAuthGate::passwordChecksAreAnsweredLater()
{
    QFETCH(QByteArray, authorization);
    QFETCH(AuthGate::Verdict, verdict);
    const Call call = authorize(*m_gate, QStringLiteral("192.0.2.1"), authorization);
    QVERIFY(!call.inline_); // the hash runs on the worker, not in the HTTP handler
    QCOMPARE(m_gate->pending(), 1);
    QTRY_VERIFY(call.answered());
    QCOMPARE(call.verdict(), verdict);
    QCOMPARE(m_gate->pending(), 0);
}

void TestAuthGate::rememberedCredentialsPassAtOnce()
{
    const Call first = authorize(*m_gate, QStringLiteral("192.0.2.1"), basic("prom:s3cret"));
    QTRY_VERIFY(first.answered());
    const Call again = authorize(*m_gate, QStringLiteral("192.0.2.2"), "basic " + QByteArray("prom:s3cret").toBase64());
    QVERIFY(again.inline_);
    QCOMPARE(again.verdict(), AuthGate::Verdict::Allowed);
    const Call other = authorize(*m_gate, QStringLiteral("192.0.2.2"), basic("prom:s3cre"));
    QVERIFY(!other.inline_);
    QTRY_VERIFY(other.answered());
    QCOMPARE(other.verdict(), AuthGate::Verdict::Denied);
}

void TestAuthGate::malformedCredentialsAreRefusedAtOnce()
{
    for (const QByteArray &authorization : {QByteArray(), QByteArray("Bearer x"), basic("no-colon")}) {
        const Call call = authorize(*m_gate, QStringLiteral("192.0.2.1"), authorization);
        QVERIFY(call.inline_);
        QCOMPARE(call.verdict(), AuthGate::Verdict::Denied);
    }
    QCOMPARE(m_gate->pending(), 0);
}

void TestAuthGate::guessingPeerIsLimitedWithoutHashing()
{
    const Call remembered = authorize(*m_gate, QStringLiteral("192.0.2.1"), basic("prom:s3cret"));
    QTRY_VERIFY(remembered.answered());
    for (int i = 0; i < FailureLimiter::kBurst; ++i) {
        const Call guess =
            authorize(*m_gate, QStringLiteral("192.0.2.66"), basic("prom:guess" + QByteArray::number(i)));
        QTRY_VERIFY(guess.answered());
        QCOMPARE(guess.verdict(), AuthGate::Verdict::Denied);
    }
    const Call limited = authorize(*m_gate, QStringLiteral("192.0.2.66"), basic("prom:guess"));
    QVERIFY(limited.inline_);
    QCOMPARE(limited.verdict(), AuthGate::Verdict::Limited);
    QVERIFY((*limited.result)->retryAfterSeconds > 0);
    QCOMPARE(m_gate->pending(), 0);
    // Whoever knows the password is let in even from that address; other peers still get checked.
    const Call known = authorize(*m_gate, QStringLiteral("192.0.2.66"), basic("prom:s3cret"));
    QVERIFY(known.inline_);
    QCOMPARE(known.verdict(), AuthGate::Verdict::Allowed);
    const Call otherPeer = authorize(*m_gate, QStringLiteral("192.0.2.67"), basic("prom:guess"));
    QVERIFY(!otherPeer.inline_);
    QTRY_VERIFY(otherPeer.answered());
    // The budget comes back with time.
    m_nowMs += FailureLimiter::kRefillMs;
    const Call later = authorize(*m_gate, QStringLiteral("192.0.2.66"), basic("prom:guess"));
    QVERIFY(!later.inline_);
    QTRY_VERIFY(later.answered());
}

void TestAuthGate::busyWhenTooManyChecksWait()
{
    std::vector<Call> calls;
    for (int i = 0; i < AuthGate::kMaxPending; ++i)
        calls.push_back(authorize(*m_gate, QStringLiteral("192.0.2.%1").arg(i + 1), basic("prom:guess")));
    const Call busy = authorize(*m_gate, QStringLiteral("198.51.100.1"), basic("prom:guess"));
    // All answers come from the event loop, which has not run yet: every check is still waiting.
    QCOMPARE(m_gate->pending(), AuthGate::kMaxPending);
    QVERIFY(busy.inline_);
    QCOMPARE(busy.verdict(), AuthGate::Verdict::Busy);
    QVERIFY((*busy.result)->retryAfterSeconds > 0);
    for (const Call &call : calls)
        QTRY_VERIFY(call.answered());
    QCOMPARE(m_gate->pending(), 0);
}

void TestAuthGate::guessesFromManyAddressesAreSummarised()
{
    // A guesser rotating addresses gets a fresh budget at each; it must not get a log line per
    // guess as well: the failures go into one line a minute, written at the latest when the gate goes.
    g_lines.clear();
    const QtMessageHandler previous = qInstallMessageHandler(collect);
    {
        AuthGate gate([this] { return m_nowMs; });
        QCOMPARE(gate.load(m_users), QString());
        for (int i = 0; i < 6; ++i) {
            const Call guess = authorize(gate, QStringLiteral("198.51.100.%1").arg(i + 1), basic("prom:guess"));
            QTRY_VERIFY(guess.answered());
            QCOMPARE(guess.verdict(), AuthGate::Verdict::Denied);
        }
        QVERIFY2(g_lines.isEmpty(), qPrintable(g_lines.join(QLatin1Char('\n'))));
    }
    qInstallMessageHandler(previous);
    QCOMPARE(g_lines.size(), 1);
    QVERIFY2(g_lines.first().contains(QStringLiteral("refused 6 basic authentication(s)"))
                 && g_lines.first().contains(QStringLiteral("6 wrong user or password")),
             qPrintable(g_lines.first()));
}

QTEST_GUILESS_MAIN(TestAuthGate)
#include "tst_authgate.moc"
