// SPDX-License-Identifier: MIT
// recorderctl: drive the recorder from a shell over its D-Bus API (docs/recorderctl.md).
#include "controlclient.h"
#include "offloadclient.h"
#include "offloadtext.h"
#include "statustext.h"

#include "atomicfile.h"
#include "commandline.h"
#include "version.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLocale>
#include <QTranslator>

#include <cstdio>

namespace {

// The translation context of main.cpp's messages: lupdate cannot see through a free tr() helper.
class Text
{
    Q_DECLARE_TR_FUNCTIONS(recorderctl)
};

// The system locale (LC_ALL, LC_MESSAGES, LANG) picks recorderctl_<lang>.qm, embedded under :/i18n;
// without a match the English source strings stay.
void installTranslator(QCoreApplication &app)
{
    auto *translator = new QTranslator(&app);
    if (translator->load(QLocale::system(), QStringLiteral("recorderctl"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(translator);
    else
        delete translator;
}

void print(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stdout);
    std::fflush(stdout);
}

int fail(int status, const QString &message)
{
    std::fprintf(stderr, "recorderctl: %s\n", qPrintable(message));
    return status;
}

int finish(const ControlClient::Outcome &outcome, const QString &success)
{
    if (!outcome.ok())
        return fail(outcome.exitStatus, outcome.message);
    if (!success.isEmpty())
        print(success.toUtf8() + '\n');
    return ControlClient::kOk;
}

int usage(const QString &message)
{
    return fail(ControlClient::kUsage, message + Text::tr("; see --help"));
}

bool unsignedOption(const QCommandLineParser &parser, const QString &name, uint *value)
{
    bool ok = false;
    *value = parser.value(name).toUInt(&ok);
    return ok;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("recorderctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RECORDER_VERSION));
    installTranslator(app);

    CommandLine commandLine(Text::tr("Controls the recorder (recorderd) over D-Bus.\n\n"
                               "Commands:\n"
                               "  start            start recording (session mode: a new session)\n"
                               "  stop             stop recording; the file is finalised\n"
                               "  extend           session mode: add [recording] extension\n"
                               "  status           the recorder's state and counters\n"
                               "  list             recordings in the catalog, newest first\n"
                               "  protect PATH     keep a recording from retention\n"
                               "  unprotect PATH   let retention delete it again\n"
                               "  snapshot FILE    write a JPEG of the latest frame to FILE\n"
                               "  offload status   the uploader's state and the upload queue\n"
                               "  offload retry    try failed uploads again now\n"
                               "  offload pause    start no new upload until resumed (kept across restarts)\n"
                               "  offload resume   upload again"));
    QCommandLineParser &parser = commandLine.parser();
    parser.addPositionalArgument(QStringLiteral("command"), Text::tr("One of the commands above."));
    parser.addPositionalArgument(QStringLiteral("argument"), Text::tr("PATH or FILE, for the commands that take one."),
                                 QStringLiteral("[argument]"));
    parser.addOption({QStringLiteral("json"), Text::tr("status, list, offload status: print JSON for scripts.")});
    parser.addOption({QStringLiteral("limit"), Text::tr("list: at most N recordings (default 20)."), QStringLiteral("N"),
                      QStringLiteral("20")});
    parser.addOption({QStringLiteral("offset"), Text::tr("list: skip the first N recordings."), QStringLiteral("N"),
                      QStringLiteral("0")});
    commandLine.process(app); // no log file: recorderctl talks to the person at the terminal

    const QStringList args = parser.positionalArguments();
    if (args.isEmpty())
        return usage(Text::tr("a command is required: start, stop, extend, status, list, protect, unprotect, snapshot, offload"));
    const QString command = args.first();
    const bool json = parser.isSet(QStringLiteral("json"));
    static const QStringList withArgument{QStringLiteral("protect"), QStringLiteral("unprotect"),
                                          QStringLiteral("snapshot"), QStringLiteral("offload")};
    static const QStringList withoutArgument{QStringLiteral("start"), QStringLiteral("stop"), QStringLiteral("extend"),
                                             QStringLiteral("status"), QStringLiteral("list")};
    if (!withArgument.contains(command) && !withoutArgument.contains(command))
        return usage(Text::tr("unknown command \"%1\"; allowed: start, stop, extend, status, list, protect, unprotect, "
                        "snapshot, offload").arg(command));
    const int expectedArgs = withArgument.contains(command) ? 2 : 1;
    if (args.size() != expectedArgs)
        return usage(expectedArgs == 2 ? Text::tr("\"%1\" needs exactly one argument").arg(command)
                                       : Text::tr("\"%1\" takes no argument").arg(command));

    if (command == QLatin1String("offload")) {
        const QString action = args.at(1);
        OffloadClient offload;
        if (action == QLatin1String("status")) {
            QVariantMap status, queue;
            QString queueError;
            const ControlClient::Outcome o = offload.status(&status, &queue, &queueError);
            if (o.ok())
                print(json ? OffloadText::json(status, queue) : OffloadText::status(status, queue, queueError).toUtf8());
            return finish(o, {});
        }
        if (action == QLatin1String("retry"))
            return finish(offload.retry(), Text::tr("Failed uploads queued again; the uploader tries now."));
        if (action == QLatin1String("pause"))
            return finish(offload.pause(), Text::tr("Uploads paused (running ones finish)."));
        if (action == QLatin1String("resume"))
            return finish(offload.resume(), Text::tr("Uploads resumed."));
        return usage(Text::tr("offload %1: allowed: status, retry, pause, resume").arg(action));
    }

    ControlClient client;
    if (command == QLatin1String("start"))
        return finish(client.start(), Text::tr("Recording started."));
    if (command == QLatin1String("stop"))
        return finish(client.stop(), Text::tr("Recording stopped; the file is being finalised."));
    if (command == QLatin1String("extend")) {
        double remaining = 0;
        const ControlClient::Outcome o = client.extend(&remaining);
        return finish(o, Text::tr("Session extended: %1 left.").arg(StatusText::duration(remaining)));
    }
    if (command == QLatin1String("status")) {
        QVariantMap status;
        const ControlClient::Outcome o = client.status(&status);
        if (o.ok())
            print(json ? StatusText::statusJson(status) : StatusText::status(status).toUtf8());
        return finish(o, {});
    }
    if (command == QLatin1String("list")) {
        uint limit = 0, offset = 0;
        if (!unsignedOption(parser, QStringLiteral("limit"), &limit) || limit < 1 || limit > 1000)
            return usage(Text::tr("--limit %1: allowed 1 to 1000").arg(parser.value(QStringLiteral("limit"))));
        if (!unsignedOption(parser, QStringLiteral("offset"), &offset))
            return usage(Text::tr("--offset %1: allowed a whole number ≥ 0").arg(parser.value(QStringLiteral("offset"))));
        QList<QVariantMap> rows;
        const ControlClient::Outcome o = client.list(limit, offset, &rows);
        if (o.ok())
            print(json ? StatusText::recordingsJson(rows) : StatusText::recordings(rows).toUtf8());
        return finish(o, {});
    }
    if (command == QLatin1String("protect") || command == QLatin1String("unprotect")) {
        // The catalog keys recordings by absolute path.
        const QString path = QFileInfo(args.at(1)).absoluteFilePath();
        const bool on = command == QLatin1String("protect");
        return finish(client.protect(path, on), on ? Text::tr("Protected %1.").arg(path) : Text::tr("Unprotected %1.").arg(path));
    }
    // snapshot FILE
    QByteArray jpeg;
    const ControlClient::Outcome o = client.snapshot(&jpeg);
    if (!o.ok())
        return finish(o, {});
    // Replaced atomically, never through a link in FILE's place (docs/security.md).
    const QString writeError = AtomicFile::write(args.at(1), jpeg, 0644);
    if (!writeError.isEmpty())
        return fail(ControlClient::kCannotWrite, Text::tr("cannot write %1: %2").arg(args.at(1), writeError));
    return finish({}, Text::tr("Snapshot written to %1 (%2).").arg(args.at(1), StatusText::size(jpeg.size())));
}
