// SPDX-License-Identifier: MIT
// Tests BasicAuth: which users files load (hashes only, safe permissions), which Authorization
// headers pass, and that an unknown user costs a hash like a known one, with yescrypt and bcrypt
// hashes made here through libcrypt.
#include "basicauth.h"
#include "passwordhash.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <limits>
#include <memory>

namespace {

using Permissions = QFileDevice::Permissions;
constexpr Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

QByteArray hashOf(const QByteArray &password, const char *prefix, unsigned long cost = 0)
{
    return PasswordHash::make(password, prefix, cost);
}

QByteArray basic(const QByteArray &credentials)
{
    return "Basic " + credentials.toBase64();
}

} // namespace

class TestBasicAuth : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void loads_data();
    void loads();
    void checks_data();
    void checks();
    void rememberedSuccessStillRejectsOtherPasswords();
    void unknownUserIsCheckedAgainstARealHash();
    void unknownUserCostsAsMuchAsAWrongPassword();

private:
    QString writeUsers(const QByteArray &content, Permissions permissions = kOwnerOnly);

    QTemporaryDir m_dir;
    QByteArray m_yescrypt;
    QByteArray m_bcrypt;
};

void TestBasicAuth::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_yescrypt = hashOf("s3cret", "$y$");
    m_bcrypt = hashOf("hunter2", "$2b$");
    QVERIFY2(m_yescrypt.startsWith("$y$"), m_yescrypt.constData());
    QVERIFY2(m_bcrypt.startsWith("$2b$"), m_bcrypt.constData());
}

QString TestBasicAuth::writeUsers(const QByteArray &content, Permissions permissions)
{
    const QString path = m_dir.filePath(QStringLiteral("users"));
    QFile::remove(path);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(content);
    f.close();
    QFile::setPermissions(path, permissions);
    return path;
}

void TestBasicAuth::loads_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<Permissions>("permissions");
    QTest::addColumn<QString>("error"); // part of the expected error; empty: loads
    const QByteArray users = "# fleet\n\nprom:" + m_yescrypt + "\ngrafana:" + m_bcrypt + "\n";
    QTest::newRow("yescrypt and bcrypt") << users << kOwnerOnly << QString();
    QTest::newRow("read-only") << users << Permissions(QFileDevice::ReadOwner) << QString();
    QTest::newRow("group-readable") << users << (kOwnerOnly | QFileDevice::ReadGroup) << QString();
    QTest::newRow("plain text") << QByteArray("prom:s3cret\n") << kOwnerOnly << QStringLiteral("plain-text");
    QTest::newRow("md5crypt") << QByteArray("prom:$1$abc$def\n") << kOwnerOnly << QStringLiteral("line 1");
    QTest::newRow("no user") << QByteArray(":" + m_yescrypt + "\n") << kOwnerOnly << QStringLiteral("line 1");
    QTest::newRow("empty") << QByteArray("# nobody\n") << kOwnerOnly << QStringLiteral("no user");
    QTest::newRow("world-readable") << users << (kOwnerOnly | QFileDevice::ReadGroup | QFileDevice::ReadOther)
                                    << QStringLiteral("has mode 0644; allowed: 0600, 0400, 0640 or 0440");
    QTest::newRow("world-writable") << users << (kOwnerOnly | QFileDevice::WriteOther)
                                    << QStringLiteral("has mode 0602");
    QTest::newRow("group-writable") << users << (kOwnerOnly | QFileDevice::ReadGroup | QFileDevice::WriteGroup)
                                    << QStringLiteral("has mode 0660");
}

void TestBasicAuth::loads()
{
    QFETCH(QByteArray, content);
    QFETCH(Permissions, permissions);
    QFETCH(QString, error);
    BasicAuth auth;
    const QString path = writeUsers(content, permissions);
    const QString result = auth.load(path);
    if (error.isEmpty()) {
        QCOMPARE(result, QString());
        QVERIFY(auth.enabled());
    } else {
        QVERIFY2(result.contains(error), qPrintable(result));
        QVERIFY(result.startsWith(QLatin1String("[metrics] basic_auth_users: ")));
        if (error.startsWith(QLatin1String("has mode")))
            QVERIFY2(result.contains(path), qPrintable(result)); // names the file
    }
}

void TestBasicAuth::checks_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("yescrypt user") << basic("prom:s3cret") << true;
    QTest::newRow("bcrypt user") << basic("grafana:hunter2") << true;
    // RFC 7617: the scheme is case-insensitive.
    QTest::newRow("lower-case scheme") << "basic " + QByteArray("prom:s3cret").toBase64() << true;
    QTest::newRow("upper-case scheme") << "BASIC " + QByteArray("prom:s3cret").toBase64() << true;
    QTest::newRow("scheme without space") << "Basic" + QByteArray("prom:s3cret").toBase64() << false;
    QTest::newRow("longer scheme") << "Basicx " + QByteArray("prom:s3cret").toBase64() << false;
    QTest::newRow("wrong password") << basic("prom:s3creT") << false;
    QTest::newRow("other user's password") << basic("prom:hunter2") << false;
    QTest::newRow("unknown user") << basic("root:s3cret") << false;
    QTest::newRow("empty password") << basic("prom:") << false;
    QTest::newRow("NUL after the password") << basic(QByteArray("prom:s3cret\0x", 13)) << false;
    QTest::newRow("no colon") << basic("prom") << false;
    QTest::newRow("not basic") << QByteArray("Bearer abc") << false;
    QTest::newRow("no header") << QByteArray() << false;
}

void TestBasicAuth::checks()
{
    QFETCH(QByteArray, authorization);
    QFETCH(bool, accepted);
    BasicAuth auth;
    QCOMPARE(auth.load(writeUsers("prom:" + m_yescrypt + "\ngrafana:" + m_bcrypt + "\n")), QString());
    QCOMPARE(auth.check(authorization), accepted);
}

void TestBasicAuth::rememberedSuccessStillRejectsOtherPasswords()
{
    BasicAuth auth;
    QCOMPARE(auth.load(writeUsers("prom:" + m_yescrypt + "\n")), QString());
    QVERIFY(auth.check(basic("prom:s3cret")));
    QVERIFY(auth.check(basic("prom:s3cret")));
    QVERIFY(!auth.check(basic("prom:s3cre")));
}

void TestBasicAuth::unknownUserIsCheckedAgainstARealHash()
{
    BasicAuth auth;
    QCOMPARE(auth.load(writeUsers("prom:" + m_yescrypt + "\ngrafana:" + m_bcrypt + "\n")), QString());
    const BasicAuth::Check unknown = auth.prepare(BasicAuth::parse(basic("root:s3cret")));
    QVERIFY(!unknown.knownUser);
    QCOMPARE(unknown.hash, m_yescrypt); // the first user's algorithm, cost and salt
    // Even the right password of the user whose hash stands in does not let an unknown name in.
    QVERIFY(!BasicAuth::verify(unknown));
    QVERIFY(!auth.check(basic("root:s3cret")));
}

void TestBasicAuth::unknownUserCostsAsMuchAsAWrongPassword()
{
    // A cost high enough to tell a hash from none on a loaded machine; the ratio bound is generous.
    const QByteArray slow = hashOf("s3cret", "$2b$", 10);
    QVERIFY(slow.startsWith("$2b$10$"));
    BasicAuth auth;
    QCOMPARE(auth.load(writeUsers("prom:" + slow + "\n")), QString());
    const auto fastest = [&auth](const QByteArray &authorization) {
        qint64 best = std::numeric_limits<qint64>::max();
        for (int i = 0; i < 3; ++i) {
            QElapsedTimer timer;
            timer.start();
            if (auth.check(authorization))
                return qint64(-1);
            best = std::min(best, timer.nsecsElapsed());
        }
        return best;
    };
    const qint64 wrongPassword = fastest(basic("prom:wrong"));
    const qint64 unknownUser = fastest(basic("nobody:wrong"));
    QVERIFY(wrongPassword > 0 && unknownUser > 0);
    QVERIFY2(unknownUser * 3 > wrongPassword,
             qPrintable(QStringLiteral("unknown user %1 ms, wrong password %2 ms")
                            .arg(unknownUser / 1e6)
                            .arg(wrongPassword / 1e6)));
}

QTEST_GUILESS_MAIN(TestBasicAuth)
#include "tst_basicauth.moc"
