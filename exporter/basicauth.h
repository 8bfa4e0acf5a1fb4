// SPDX-License-Identifier: MIT
// HTTP basic authentication against a file of user:hash lines (yescrypt or bcrypt, via libcrypt).
#pragma once

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QString>

// Thread-bound (the exporter's main thread, where HTTP handlers run).
//
// A password hash costs tens of milliseconds on purpose. Scrapers send the same credentials every
// few seconds, so a successful check is remembered (a SHA-256 of user, password and hash, never the
// password) and repeated ones are a hash-table lookup; failures always pay the full price.
class BasicAuth
{
public:
    // Reads `path`: one `user:hash` a line; blank lines and lines starting with # are skipped.
    // Returns an empty string or one line naming the file, the line and what is allowed.
    QString load(const QString &path);

    bool enabled() const { return !m_hashes.isEmpty(); }
    // `authorization` is the value of the request's Authorization header.
    bool check(const QByteArray &authorization);

    static bool supportedHash(const QByteArray &hash);

private:
    static constexpr int kMaxRemembered = 64;

    QHash<QByteArray, QByteArray> m_hashes; // user → crypt(3) hash
    QSet<QByteArray> m_verified;
};
