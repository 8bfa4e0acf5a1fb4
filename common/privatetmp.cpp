// SPDX-License-Identifier: MIT
#include "privatetmp.h"

#include <QDir>
#include <QFile>
#include <QList>

QString PrivateTmp::temporaryRoot(const QString &path)
{
    const QString clean = QDir::cleanPath(path);
    for (const QString &root : {QStringLiteral("/tmp"), QStringLiteral("/var/tmp")}) {
        if (clean.startsWith(root + QLatin1Char('/')))
            return root;
    }
    return QString();
}

bool PrivateTmp::isPrivate(const QString &dir, const QByteArray &mountinfo)
{
    // proc(5): "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw"; field 4 is the
    // mount's root inside its filesystem, field 5 the mount point. Spaces in either are \040, so
    // splitting on spaces is exact. The last mount at a point is the one in effect.
    bool found = false;
    for (const QByteArray &line : mountinfo.split('\n')) {
        const QList<QByteArray> fields = line.split(' ');
        if (fields.size() < 5 || QString::fromUtf8(fields.at(4)) != dir)
            continue;
        found = fields.at(3).contains("/systemd-private-");
    }
    return found;
}

bool PrivateTmp::isPrivateHere(const QString &dir)
{
    QFile file(QStringLiteral("/proc/self/mountinfo"));
    if (!file.open(QIODevice::ReadOnly))
        return false; // not Linux, or /proc hidden: nothing says it is private
    // readAll() stops at the first short read of a proc file only for sequential devices; QFile
    // reads /proc files to their end.
    return isPrivate(dir, file.readAll());
}
