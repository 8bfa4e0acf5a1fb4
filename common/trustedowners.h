// SPDX-License-Identifier: MIT
// Which users may own a file another program wrote for us: its writer, root, or we ourselves.
#pragma once

#include <QString>

#include <sys/types.h>

// Reentrant value type. A reader of the heartbeat, the watchdog status or the preview checks the
// owner of the open file against this: a file planted by any other user (`nobody`) is not
// trusted, whatever it says.
class TrustedOwners
{
public:
    // The writer's system user by name (ServiceAccounts; absent from the system: not accepted),
    // root, and the reading process's own user (development runs and tests).
    static TrustedOwners writtenBy(const char *userName);

    bool accepts(uid_t uid) const;
    // "recorder (uid 998), root or this program's user (uid 1000)": for the one-line refusal.
    QString describe() const;
    // The refusal for a file owned by `uid`, naming the file and who was expected.
    QString refusal(const QString &path, uid_t uid) const;

private:
    QString m_writerName;
    bool m_writerKnown = false;
    uid_t m_writer = 0;
    uid_t m_self = 0;
};
