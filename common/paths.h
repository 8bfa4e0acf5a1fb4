// SPDX-License-Identifier: MIT
// Where every program keeps its files, derived from [paths] and [heartbeat] of the configuration.
#pragma once

#include "config.h"

#include <QString>

// Reentrant value type.
class Paths
{
public:
    explicit Paths(const Config &config);

    QString runtimeDir() const { return m_runtimeDir; }
    QString stateDir() const { return m_stateDir; }
    QString recordingsDir() const { return m_recordingsDir; }
    QString logDir() const { return m_logDir; }
    QString watchdogRuntimeDir() const { return m_watchdogRuntimeDir; }
    QString watchdogStateDir() const { return m_watchdogStateDir; }
    QString watchdogLogDir() const { return m_watchdogLogDir; }
    QString exporterLogDir() const { return m_exporterLogDir; }

    QString heartbeatFile() const { return m_heartbeatFile; }
    QString watchdogStatusFile() const { return m_watchdogStatusFile; }
    QString catalogFile() const { return m_stateDir + QStringLiteral("/catalog.db"); }
    QString previewFile() const { return m_runtimeDir + QStringLiteral("/preview.jpg"); }
    QString watchdogHistoryFile() const { return m_watchdogStateDir + QStringLiteral("/watchdog-history.json"); }
    QString rebootTriggerFile() const { return m_watchdogLogDir + QStringLiteral("/reboot_trigger.log"); }
    // Each service's own log file (the names its main() gives CommandLine::process).
    QString recorderLogFile() const { return m_logDir + QStringLiteral("/service.log"); }
    QString watchdogLogFile() const { return m_watchdogLogDir + QStringLiteral("/watchdog.log"); }
    QString exporterLogFile() const { return m_exporterLogDir + QStringLiteral("/exporter.log"); }

    // Creates `path` and its missing parents with mode 0750. An existing directory that is
    // writable by others is refused (refuseWorldWritable). Returns an empty string or the reason,
    // naming the path.
    static QString ensureDirectory(const QString &path);
    // Refuses a directory that is world-writable, with or without the sticky bit: anybody could
    // plant files or links in it. Returns an empty string or the reason, naming the path.
    static QString refuseWorldWritable(const QString &path);

private:
    QString m_runtimeDir;
    QString m_stateDir;
    QString m_recordingsDir;
    QString m_logDir;
    QString m_watchdogRuntimeDir;
    QString m_watchdogStateDir;
    QString m_watchdogLogDir;
    QString m_exporterLogDir;
    QString m_heartbeatFile;
    QString m_watchdogStatusFile;
};
