// SPDX-License-Identifier: MIT
// Drives the fault-injection shim (faultinject/): writes its control file and gives the environment that loads it.
#include "faultinjector.h"

#include <QFile>
#include <QSaveFile>

FaultInjector::FaultInjector(const QString &controlFile)
    : m_controlFile(controlFile)
{
}

QString FaultInjector::libraryPath()
{
    const QString fromEnvironment = qEnvironmentVariable("RECORDER_FAULTINJECT_LIBRARY");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
    return QStringLiteral(RECORDER_FAULTINJECT_LIBRARY);
}

QString FaultInjector::unavailableReason()
{
    const QString path = libraryPath();
    return QFile::exists(path) ? QString() : QStringLiteral("fault-injection shim not built: ") + path;
}

void FaultInjector::clearFaults()
{
    m_syncDelayMs = 0;
    m_writeError = WriteError::None;
}

QByteArray FaultInjector::controlText() const
{
    const char *error = m_writeError == WriteError::NoSpace ? "ENOSPC" : m_writeError == WriteError::Io ? "EIO" : "none";
    return QByteArray("sync_delay_ms=") + QByteArray::number(m_syncDelayMs) + "\nwrite_error=" + error
        + "\npath_prefix=" + QFile::encodeName(m_pathPrefix) + '\n';
}

QString FaultInjector::apply() const
{
    // QSaveFile writes a temporary file and renames it: the new inode is what tells the shim.
    QSaveFile file(m_controlFile);
    if (!file.open(QIODevice::WriteOnly))
        return file.errorString();
    file.write(controlText());
    if (!file.commit())
        return file.errorString();
    return QString();
}

QProcessEnvironment FaultInjector::environment(QProcessEnvironment base) const
{
    const QString preloaded = base.value(QStringLiteral("LD_PRELOAD"));
    base.insert(QStringLiteral("LD_PRELOAD"),
                preloaded.isEmpty() ? libraryPath() : libraryPath() + QLatin1Char(':') + preloaded);
    base.insert(QStringLiteral("RECORDER_FAULTS"), m_controlFile);
    return base;
}
