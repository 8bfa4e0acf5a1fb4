// SPDX-License-Identifier: MIT
// The command line every program shares: --config, --verbose, --help, --version.
#pragma once

#include "config.h"

#include <QCommandLineParser>
#include <QCoreApplication>

// Thread-bound: use on the main thread at start-up.
class CommandLine
{
public:
    // Exit status for a command-line usage error (sysexits.h EX_USAGE).
    static constexpr int kExitUsage = 64;

    explicit CommandLine(const QString &description);

    // Add program-specific options here before process().
    QCommandLineParser &parser() { return m_parser; }

    // Parses the arguments (handling --help and --version), loads the configuration and installs
    // logging to stderr and, when `logFileName` is given, to <dir>/<logFileName>, where <dir> is the
    // [paths] key `logDirKey` (each program that runs as its own user has its own), creating the
    // log dir. On a usage error prints one line and exits 64; on a configuration error prints one
    // line naming file, section, key and value and exits 78, and appends it to the log file too when
    // its folder exists and is safe ([paths] from the file when that part parsed, else the default).
    // Returns only on success.
    Config process(QCoreApplication &app, const QString &logFileName = QString(),
                   const QString &logDirKey = QStringLiteral("log_dir"));

    // Appends `line` (a configuration error) to <logDir>/<logFileName> when that folder exists and is
    // not world-writable, through LogFile; otherwise does nothing. The screenshot tool uses it too.
    static void logConfigError(const QString &logDir, const QString &logFileName, const QString &line);

    // A configuration error found after process(), in a combination of keys the table cannot
    // express or a folder that cannot be made: the same one line on stderr and in the log file as
    // process() gives for a bad value, then exit 78.
    [[noreturn]] void configError(const QString &line) const;

    bool verbose() const { return m_parser.isSet(QStringLiteral("verbose")); }

private:
    QCommandLineParser m_parser;
    QString m_logDir;      // set by process() when it logs to a file
    QString m_logFileName;
};
