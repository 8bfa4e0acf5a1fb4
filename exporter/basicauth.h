// SPDX-License-Identifier: MIT
// HTTP basic authentication against a file of user:hash lines (yescrypt or bcrypt, via libcrypt).
#pragma once

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QString>

// Thread-bound (the exporter's main thread), except verify(), which is reentrant and runs on
// AuthGate's worker: a password hash costs tens to hundreds of milliseconds on purpose and must
// never hold up the thread that serves HTTP.
//
// Scrapers send the same credentials every few seconds, so a successful check is remembered (a
// SHA-256 of user, password and hash, never the password) and repeated ones are a hash-table
// lookup. Everything else pays one full hash, an unknown user too: prepare() then hands verify()
// the first user's hash, so the answer takes as long as for a known user with a wrong password and
// its timing does not tell which users exist.
class BasicAuth
{
public:
    // The user and password of an Authorization header; `valid` is false for anything that is not
    // well-formed basic credentials.
    struct Credentials {
        QByteArray user;
        QByteArray password;
        bool valid = false;
    };
    // What one password check needs, copied so that a worker thread shares nothing with this object.
    struct Check {
        QByteArray password;
        QByteArray hash;
        bool knownUser = false;
    };

    // Reads `path`: one `user:hash` a line; blank lines and lines starting with # are skipped. The
    // file may be readable by its group (root:exporter-group 0640, like /etc/shadow) but not by
    // others, and writable by its owner only. Returns an empty string or one line naming the file
    // and what is wrong and allowed.
    QString load(const QString &path);

    bool enabled() const { return !m_hashes.isEmpty(); }

    // `authorization` is the value of the request's Authorization header. The scheme is
    // case-insensitive (RFC 7617).
    static Credentials parse(const QByteArray &authorization);
    // True when `credentials` passed verify() before: no hash needed.
    bool remembered(const Credentials &credentials) const;
    Check prepare(const Credentials &credentials) const;
    // The slow part: one crypt_r. Reentrant; never call it on the HTTP thread.
    static bool verify(const Check &check);
    // Records credentials that verify() accepted.
    void remember(const Credentials &credentials);

    // parse, remembered, verify and remember in one call, on the caller's thread (tests, tools).
    bool check(const QByteArray &authorization);

    static bool supportedHash(const QByteArray &hash);

private:
    static constexpr int kMaxRemembered = 64;

    QByteArray rememberedKey(const Credentials &credentials) const;

    QHash<QByteArray, QByteArray> m_hashes; // user → crypt(3) hash
    QByteArray m_dummyHash;                 // the first user's: what an unknown user is checked against
    QSet<QByteArray> m_verified;
};
