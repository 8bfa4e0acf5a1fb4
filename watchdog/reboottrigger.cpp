// SPDX-License-Identifier: MIT
// Writes reboot_trigger.log: why the watchdog asked for a reboot, readable after the machine is back.
#include "reboottrigger.h"

#include "atomicfile.h"
#include "fileindirectory.h"

#include <QFile>

#include <unistd.h>

namespace {

QString stamp(const ClockReading &when)
{
    return when.wall.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace

QString RebootTrigger::describe(const ClockReading &now, const QString &reason, const RecoveryHistory &history,
                                int maxRebootsPerDay)
{
    QString text;
    text += QStringLiteral("time: %1\n").arg(stamp(now));
    text += QStringLiteral("boot_id: %1\n").arg(now.bootId);
    text += QStringLiteral("reason: %1\n").arg(reason);
    text += QStringLiteral("reboot requests in the last 24 h (this one included): %1 of %2 allowed\n")
                .arg(history.rebootsWithin(now, 86400))
                .arg(maxRebootsPerDay);
    text += QStringLiteral("restart history (oldest first, %1 restarts in total):\n").arg(history.restartsTotal);
    for (const RecoveryHistory::Entry &e : history.restarts)
        text += QStringLiteral("  %1 boot %2: %3\n").arg(stamp(e.when), e.when.bootId, e.reason);
    return text;
}

QString RebootTrigger::write(const QString &path, const ClockReading &now, const QString &reason,
                             const RecoveryHistory &history, int maxRebootsPerDay)
{
    QByteArray previous;
    // The earlier triggers are read in place, never through a link: following one copied
    // whatever it pointed at (a 0600 secret) into this readable file.
    const FileInDirectory::Opened old = FileInDirectory(path).openForReading();
    if (!old.ok() && !old.missing)
        return old.error;
    if (old.ok()) {
        QFile file;
        if (file.open(old.fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
            const qint64 size = file.size();
            if (size > kKeepBytes)
                file.seek(size - kKeepBytes);
            previous = file.read(kKeepBytes);
        } else {
            ::close(old.fd);
        }
        if (!previous.isEmpty() && !previous.endsWith('\n'))
            previous += '\n';
        if (!previous.isEmpty())
            previous += '\n';
    }
    return AtomicFile::write(path, previous + describe(now, reason, history, maxRebootsPerDay).toUtf8(), kMode);
}
