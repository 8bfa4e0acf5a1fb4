// SPDX-License-Identifier: MIT
// Tests BasicAuth: which users files load (hashes only, safe permissions) and which Authorization
// headers pass, with yescrypt and bcrypt hashes made here through libcrypt.
#include "basicauth.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <crypt.h>

#include <memory>

namespace {

QByteArray hashOf(const QByteArray &password, const char *prefix)
{
    char setting[CRYPT_GENSALT_OUTPUT_SIZE];
    // Low costs keep the test fast; the exporter accepts any cost.
    const unsigned long cost = QByteArray(prefix) == "$y$" ? 1 : 4;
    if (!crypt_gensalt_rn(prefix, cost, nullptr, 0, setting, sizeof setting))
        return {};
    auto data = std::make_unique<crypt_data>();
    const char *hash = crypt_r(password.constData(), setting, data.get());
    return hash ? QByteArray(hash) : QByteArray();
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

private:
    QString writeUsers(const QByteArray &content, QFileDevice::Permissions permissions
                                                  = QFileDevice::ReadOwner | QFileDevice::WriteOwner);

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

QString TestBasicAuth::writeUsers(const QByteArray &content, QFileDevice::Permissions permissions)
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
    QTest::addColumn<bool>("writableByOthers");
    QTest::addColumn<QString>("error"); // part of the expected error; empty: loads
    QTest::newRow("yescrypt and bcrypt") << QByteArray("# fleet\n\nprom:" + m_yescrypt + "\ngrafana:" + m_bcrypt + "\n")
                                         << false << QString();
    QTest::newRow("plain text") << QByteArray("prom:s3cret\n") << false << QStringLiteral("plain-text");
    QTest::newRow("md5crypt") << QByteArray("prom:$1$abc$def\n") << false << QStringLiteral("line 1");
    QTest::newRow("no user") << QByteArray(":" + m_yescrypt + "\n") << false << QStringLiteral("line 1");
    QTest::newRow("empty") << QByteArray("# nobody\n") << false << QStringLiteral("no user");
    QTest::newRow("world-writable") << QByteArray("prom:" + m_yescrypt + "\n") << true << QStringLiteral("writable");
}

void TestBasicAuth::loads()
{
    QFETCH(QByteArray, content);
    QFETCH(bool, writableByOthers);
    QFETCH(QString, error);
    QFileDevice::Permissions permissions = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    if (writableByOthers)
        permissions |= QFileDevice::WriteOther | QFileDevice::ReadOther;
    BasicAuth auth;
    const QString result = auth.load(writeUsers(content, permissions));
    if (error.isEmpty()) {
        QCOMPARE(result, QString());
        QVERIFY(auth.enabled());
    } else {
        QVERIFY2(result.contains(error), qPrintable(result));
        QVERIFY(result.startsWith(QLatin1String("[metrics] basic_auth_users")));
    }
}

void TestBasicAuth::checks_data()
{
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("yescrypt user") << basic("prom:s3cret") << true;
    QTest::newRow("bcrypt user") << basic("grafana:hunter2") << true;
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

QTEST_GUILESS_MAIN(TestBasicAuth)
#include "tst_basicauth.moc"
