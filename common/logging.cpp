// SPDX-License-Identifier: MIT
// Log output for every program: stderr (journald-aware) and a rotated file in the log dir.
#include "logging.h"

#include "logfile.h"

#include <QDateTime>
#include <QDir>
#include <QLoggingCategory>

#include <cstdio>
#include <memory>
#include <sys/stat.h>

namespace {

struct Sink {
    std::unique_ptr<LogFile> file;
    bool journal = false;
};

// The handler is a plain function; its state lives here for the life of the process.
Sink &sink()
{
    static Sink s;
    return s;
}

int syslogPriority(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg: return 7;
    case QtInfoMsg: return 6;
    case QtWarningMsg: return 4;
    case QtCriticalMsg: return 3;
    case QtFatalMsg: return 2;
    }
    return 6;
}

const char *levelWord(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg: return "debug";
    case QtInfoMsg: return "info";
    case QtWarningMsg: return "warning";
    case QtCriticalMsg: return "error";
    case QtFatalMsg: return "fatal";
    }
    return "info";
}

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const char *category = context.category ? context.category : "default";
    Sink &s = sink();
    const QByteArray line = Logging::formatLine(type, category, message, s.journal);
    std::fprintf(stderr, "%s\n", line.constData());
    std::fflush(stderr);
    if (s.file)
        s.file->append(s.journal ? Logging::formatLine(type, category, message, false) : line);
}

} // namespace

QByteArray Logging::formatLine(int qtMsgType, const char *category, const QString &message, bool journal)
{
    const auto type = static_cast<QtMsgType>(qtMsgType);
    // One event, one line: a message with newlines would split into lines a parser misreads.
    QString text = message;
    text.replace(QLatin1Char('\n'), QLatin1String("\\n"));
    if (journal)
        return QStringLiteral("<%1>%2: %3").arg(syslogPriority(type)).arg(QLatin1String(category), text).toUtf8();
    return QStringLiteral("%1 %2 %3: %4")
        .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs), QLatin1String(levelWord(type)),
             QLatin1String(category), text)
        .toUtf8();
}

bool Logging::stderrIsJournal()
{
    // JOURNAL_STREAM is "device:inode" of the journal stream; it is only ours if stderr still is it.
    const QByteArray stream = qgetenv("JOURNAL_STREAM");
    if (stream.isEmpty())
        return false;
    struct stat st{};
    if (::fstat(fileno(stderr), &st) != 0)
        return false;
    const QList<QByteArray> parts = stream.split(':');
    return parts.size() == 2 && parts[0].toULongLong() == st.st_dev && parts[1].toULongLong() == st.st_ino;
}

QString Logging::install(const Options &options)
{
    QLoggingCategory::setFilterRules(options.verbose ? QStringLiteral("*.debug=false\nrecorder.*.debug=true")
                                                     : QStringLiteral("*.debug=false"));
    Sink &s = sink();
    s.journal = options.journal;
    QString error;
    if (!options.filePath.isEmpty()) {
        auto file = std::make_unique<LogFile>(options.filePath, options.maxFileBytes, options.keepFiles);
        const QString fileError = file->open();
        // A link planted where the log belongs is not a configuration error, and no program
        // (least of all the recorder) stops for its log file: LogFile said so once on stderr,
        // keeps refusing the link and logs to the file again once it is gone.
        if (fileError.isEmpty() || file->linkRefused())
            s.file = std::move(file);
        else
            error = QStringLiteral("cannot write log file %1: %2").arg(options.filePath, fileError);
    }
    qInstallMessageHandler(handler);
    return error;
}
