// SPDX-License-Identifier: MIT
// HTTP basic authentication against a file of user:hash lines (yescrypt or bcrypt, via libcrypt).
#include "basicauth.h"

#include "secretfile.h"

#include <QCryptographicHash>
#include <QFile>

#include <crypt.h>

#include <memory>

namespace {

const QByteArray kScheme = QByteArrayLiteral("basic");

bool constantTimeEqual(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

} // namespace

bool BasicAuth::supportedHash(const QByteArray &hash)
{
    return hash.startsWith("$y$") || hash.startsWith("$2b$") || hash.startsWith("$2y$") || hash.startsWith("$2a$");
}

QString BasicAuth::load(const QString &path)
{
    m_hashes.clear();
    m_dummyHash.clear();
    m_verified.clear();
    const QString unsafe = SecretFile::check(QStringLiteral("basic_auth_users"), path, SecretFile::Group::MayRead);
    if (!unsafe.isEmpty())
        return unsafe;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("[metrics] basic_auth_users: cannot read %1: %2").arg(path, file.errorString());
    int number = 0;
    while (!file.atEnd()) {
        ++number;
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const qsizetype colon = line.indexOf(':');
        const QByteArray user = line.left(colon);
        const QByteArray hash = line.mid(colon + 1);
        if (colon <= 0 || !supportedHash(hash))
            return QStringLiteral("[metrics] basic_auth_users: %1 line %2 is not user:hash with a yescrypt ($y$) or "
                                  "bcrypt ($2b$) hash; plain-text passwords are not allowed").arg(path).arg(number);
        m_hashes.insert(user, hash);
        if (m_dummyHash.isEmpty())
            m_dummyHash = hash;
    }
    if (m_hashes.isEmpty())
        return QStringLiteral("[metrics] basic_auth_users: %1 lists no user").arg(path);
    return {};
}

BasicAuth::Credentials BasicAuth::parse(const QByteArray &authorization)
{
    const qsizetype space = authorization.indexOf(' ');
    if (space != kScheme.size() || authorization.left(space).toLower() != kScheme)
        return {};
    const QByteArray decoded = QByteArray::fromBase64(authorization.mid(space + 1).trimmed());
    const qsizetype colon = decoded.indexOf(':');
    // crypt(3) stops at a NUL: "secret\0anything" must not pass as "secret".
    if (colon <= 0 || decoded.contains('\0'))
        return {};
    return {decoded.left(colon), decoded.mid(colon + 1), true};
}

QByteArray BasicAuth::rememberedKey(const Credentials &credentials) const
{
    const QByteArray hash = m_hashes.value(credentials.user);
    if (!credentials.valid || hash.isEmpty())
        return {};
    return QCryptographicHash::hash(credentials.user + '\0' + credentials.password + '\0' + hash,
                                    QCryptographicHash::Sha256);
}

bool BasicAuth::remembered(const Credentials &credentials) const
{
    const QByteArray key = rememberedKey(credentials);
    return !key.isEmpty() && m_verified.contains(key);
}

BasicAuth::Check BasicAuth::prepare(const Credentials &credentials) const
{
    const auto found = m_hashes.constFind(credentials.user);
    const bool known = credentials.valid && found != m_hashes.constEnd();
    return {credentials.password, known ? *found : m_dummyHash, known};
}

bool BasicAuth::verify(const Check &check)
{
    if (check.hash.isEmpty())
        return false;
    auto data = std::make_unique<crypt_data>(); // zeroed: crypt_r requires it
    const char *result = crypt_r(check.password.constData(), check.hash.constData(), data.get());
    // An unknown user paid the same hash and fails here, whatever the password.
    return check.knownUser && result && result[0] != '*' && constantTimeEqual(QByteArray(result), check.hash);
}

void BasicAuth::remember(const Credentials &credentials)
{
    const QByteArray key = rememberedKey(credentials);
    if (key.isEmpty())
        return;
    if (m_verified.size() >= kMaxRemembered)
        m_verified.clear();
    m_verified.insert(key);
}

bool BasicAuth::check(const QByteArray &authorization)
{
    const Credentials credentials = parse(authorization);
    if (!credentials.valid)
        return false;
    if (remembered(credentials))
        return true;
    if (!verify(prepare(credentials)))
        return false;
    remember(credentials);
    return true;
}
