// SPDX-License-Identifier: MIT
// Whether a path lies in a /tmp that only this program sees: systemd's PrivateTmp=yes (every unit of
// ours has it) mounts a folder of its own over /tmp and /var/tmp, so a file written there by one
// unit is invisible to every other.
#pragma once

#include <QByteArray>
#include <QString>

class PrivateTmp
{
public:
    // The temporary folder (/tmp or /var/tmp) that holds the cleaned, absolute path; empty when
    // the path is in neither.
    static QString temporaryRoot(const QString &path);

    // True when mountinfo (the text of /proc/self/mountinfo) shows `dir` mounted from a folder
    // systemd made for a unit: its root names "/systemd-private-".
    static bool isPrivate(const QString &dir, const QByteArray &mountinfo);

    // The same for this process.
    static bool isPrivateHere(const QString &dir);
};
