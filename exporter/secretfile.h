// SPDX-License-Identifier: MIT
// Refuses a secret the exporter reads (TLS key, users file) when other users could read or change it.
#pragma once

#include <QString>

// Reentrant.
class SecretFile
{
public:
    enum class Group {
        NoAccess, // a private key: owner only
        MayRead,  // password hashes: root:exporter-group 0640 is the usual way to share them
    };

    // Checks `path` (the file a symbolic link points at) for `key`: no bits for others, the group's
    // as `group` says, writable by its owner only, owned by this process's user or root. Returns an
    // empty string or one line naming the key, the path, what it has and what is allowed.
    static QString check(const QString &key, const QString &path, Group group);
};
