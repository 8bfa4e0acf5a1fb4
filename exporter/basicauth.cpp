// SPDX-License-Identifier: MIT
// HTTP basic authentication against a file of user:hash lines (yescrypt or bcrypt, via libcrypt).
#include "basicauth.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>

#include <crypt.h>

#include <memory>

namespace {

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
    m_verified.clear();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("[metrics] basic_auth_users: cannot read %1: %2").arg(path, file.errorString());
    if (file.permissions() & (QFileDevice::WriteGroup | QFileDevice::WriteOther))
        return QStringLiteral("[metrics] basic_auth_users: %1 is writable by group or others; allowed: mode 0600 or "
                              "0640").arg(path);
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
    }
    if (m_hashes.isEmpty())
        return QStringLiteral("[metrics] basic_auth_users: %1 lists no user").arg(path);
    return {};
}

bool BasicAuth::check(const QByteArray &authorization)
{
    if (!authorization.startsWith("Basic "))
        return false;
    const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6).trimmed());
    const qsizetype colon = decoded.indexOf(':');
    // crypt(3) stops at a NUL: "secret\0anything" must not pass as "secret".
    if (colon <= 0 || decoded.contains('\0'))
        return false;
    const QByteArray user = decoded.left(colon);
    const QByteArray password = decoded.mid(colon + 1);
    const auto found = m_hashes.constFind(user);
    if (found == m_hashes.constEnd())
        return false;

    const QByteArray remembered =
        QCryptographicHash::hash(user + '\0' + password + '\0' + *found, QCryptographicHash::Sha256);
    if (m_verified.contains(remembered))
        return true;

    auto data = std::make_unique<crypt_data>(); // zeroed: crypt_r requires it
    const char *result = crypt_r(password.constData(), found->constData(), data.get());
    if (!result || result[0] == '*' || !constantTimeEqual(QByteArray(result), *found))
        return false;
    if (m_verified.size() >= kMaxRemembered)
        m_verified.clear();
    m_verified.insert(remembered);
    return true;
}
