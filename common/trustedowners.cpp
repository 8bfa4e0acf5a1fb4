// SPDX-License-Identifier: MIT
// Which users may own a file another program wrote for us: its writer, root, or we ourselves.
#include "trustedowners.h"

#include <QByteArray>

#include <pwd.h>
#include <unistd.h>

namespace {

// getpwnam_r: the readers run on worker threads (the dashboard, the exporter's collectors).
bool lookUp(const char *name, uid_t *uid)
{
    struct passwd entry{};
    struct passwd *found = nullptr;
    QByteArray buffer(16384, Qt::Uninitialized);
    if (::getpwnam_r(name, &entry, buffer.data(), static_cast<size_t>(buffer.size()), &found) != 0 || !found)
        return false;
    *uid = found->pw_uid;
    return true;
}

QString userName(uid_t uid)
{
    struct passwd entry{};
    struct passwd *found = nullptr;
    QByteArray buffer(16384, Qt::Uninitialized);
    if (::getpwuid_r(uid, &entry, buffer.data(), static_cast<size_t>(buffer.size()), &found) == 0 && found)
        return QString::fromLocal8Bit(found->pw_name);
    return QStringLiteral("no user");
}

} // namespace

TrustedOwners TrustedOwners::writtenBy(const char *userName)
{
    TrustedOwners owners;
    owners.m_writerName = QString::fromLatin1(userName);
    owners.m_writerKnown = lookUp(userName, &owners.m_writer);
    owners.m_self = ::geteuid();
    return owners;
}

bool TrustedOwners::accepts(uid_t uid) const
{
    return uid == 0 || uid == m_self || (m_writerKnown && uid == m_writer);
}

QString TrustedOwners::describe() const
{
    const QString writer = m_writerKnown ? QStringLiteral("%1 (uid %2)").arg(m_writerName).arg(m_writer)
                                         : QStringLiteral("%1 (no such user here)").arg(m_writerName);
    return QStringLiteral("%1, root or this program's user (uid %2)").arg(writer).arg(m_self);
}

QString TrustedOwners::refusal(const QString &path, uid_t uid) const
{
    return QStringLiteral("%1 is owned by uid %2 (%3); allowed: %4").arg(path).arg(uid).arg(userName(uid), describe());
}
