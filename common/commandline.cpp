// SPDX-License-Identifier: MIT
// The command line every program shares: --config, --verbose, --help, --version.
#include "commandline.h"

#include "logfile.h"
#include "logging.h"
#include "paths.h"
#include "version.h"

#include <QFileInfo>

#include <cstdio>
#include <cstdlib>

namespace {

[[noreturn]] void exitWith(int status, const QString &line)
{
    std::fprintf(stderr, "%s: %s\n", qPrintable(QCoreApplication::applicationName()), qPrintable(line));
    std::exit(status);
}

} // namespace

CommandLine::CommandLine(const QString &description)
{
    m_parser.setApplicationDescription(description);
    m_parser.addHelpOption();
    m_parser.addVersionOption();
    m_parser.addOption({QStringLiteral("config"),
                        QStringLiteral("Configuration file (default %1).").arg(QLatin1String(Config::kDefaultPath)),
                        QStringLiteral("PATH")});
    m_parser.addOption({QStringLiteral("verbose"), QStringLiteral("Log debug messages too.")});
}

Config CommandLine::process(QCoreApplication &app, const QString &logFileName, const QString &logDirKey)
{
    // Every program is part of one release: --version prints the project's version.
    QCoreApplication::setApplicationVersion(QStringLiteral(RECORDER_VERSION));
    if (!m_parser.parse(app.arguments()))
        exitWith(kExitUsage, m_parser.errorText() + QStringLiteral("; see --help"));
    if (m_parser.isSet(QStringLiteral("help")))
        m_parser.showHelp(0);
    if (m_parser.isSet(QStringLiteral("version")))
        m_parser.showVersion();

    const bool explicitPath = m_parser.isSet(QStringLiteral("config"));
    const QString path = explicitPath ? m_parser.value(QStringLiteral("config")) : QLatin1String(Config::kDefaultPath);
    const Config::Result loaded = Config::load(path, explicitPath);
    if (!loaded.ok()) {
        if (!logFileName.isEmpty()) {
            // [paths] from the file when that part parsed, else the defaults.
            const QString logDir = loaded.paths.contains(logDirKey)
                ? loaded.paths.value(logDirKey)
                : Config::defaults().string(QStringLiteral("paths/") + logDirKey);
            logConfigError(logDir, logFileName, loaded.error);
        }
        exitWith(Config::kExitConfigError, loaded.error);
    }
    const Config &config = loaded.config;

    Logging::Options options;
    options.verbose = verbose();
    options.journal = Logging::stderrIsJournal();
    options.maxFileBytes = config.bytes(QStringLiteral("log/max_size"));
    options.keepFiles = config.integer(QStringLiteral("log/max_files"));
    if (!logFileName.isEmpty()) {
        const QString logDir = config.string(QStringLiteral("paths/") + logDirKey);
        const QString error = Paths::ensureDirectory(logDir);
        if (!error.isEmpty())
            exitWith(Config::kExitConfigError, error + QStringLiteral(" ([paths] %1)").arg(logDirKey));
        options.filePath = logDir + QLatin1Char('/') + logFileName;
        m_logDir = logDir;
        m_logFileName = logFileName;
    }
    const QString logError = Logging::install(options);
    if (!logError.isEmpty())
        exitWith(Config::kExitConfigError, logError + QStringLiteral(" ([paths] %1)").arg(logDirKey));
    return config;
}

void CommandLine::configError(const QString &line) const
{
    if (!m_logFileName.isEmpty())
        logConfigError(m_logDir, m_logFileName, line);
    exitWith(Config::kExitConfigError, line);
}

// The reason for an exit 78 also goes to the program's own log file, the one log a desktop user may
// read (the Service page shows it; the journal needs group adm or systemd-journal). Only into a
// folder that exists already (systemd's LogsDirectory= made it) and is not world-writable, through
// LogFile (no links, mode 0640); anything else and the line stays on stderr alone.
void CommandLine::logConfigError(const QString &logDir, const QString &logFileName, const QString &line)
{
    if (logDir.isEmpty() || !QFileInfo(logDir).isDir() || !Paths::refuseWorldWritable(logDir).isEmpty())
        return;
    const Config defaults = Config::defaults();
    LogFile file(logDir + QLatin1Char('/') + logFileName, defaults.bytes(QStringLiteral("log/max_size")),
                 defaults.integer(QStringLiteral("log/max_files")));
    if (file.open().isEmpty())
        file.append(Logging::formatLine(QtCriticalMsg, Logging::kConfigCategory, line, false));
}
