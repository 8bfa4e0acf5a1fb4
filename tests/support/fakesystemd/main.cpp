// SPDX-License-Identifier: MIT
// fake-systemd: hosts the FakeSystemd and FakeLogind test doubles on the system bus named by
// DBUS_SYSTEM_BUS_ADDRESS (a private dbus-daemon), for system tests written in any language.
#include "fakelogind.h"
#include "fakesystemd.h"
#include "fakeunit.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    // Only async-signal-safe work here: the event loop picks the byte up and quits.
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[1], &byte, 1);
}

void say(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

} // namespace

// Prints "ready" once both names are owned and the unit runs, then one line per call:
// "RestartUnit recorder.service replace", "Reboot false". SIGTERM/SIGINT stop the unit and exit.
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Test doubles of systemd and logind on a private bus."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("unit"), QStringLiteral("Unit name (default recorder.service)."),
                      QStringLiteral("NAME"), QStringLiteral("recorder.service")});
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("The unit's program and arguments (after --)."));
    parser.process(app);
    const QStringList command = parser.positionalArguments();
    if (command.isEmpty()) {
        std::fprintf(stderr, "fake-systemd: give the unit's command after --; see --help\n");
        return 64;
    }

    if (::pipe(g_signalPipe) != 0)
        return 71;
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);
    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);

    const QDBusConnection bus = QDBusConnection::systemBus();
    FakeSystemd systemd(bus);
    FakeLogind logind(bus);
    FakeUnit *unit = systemd.addUnit(parser.value(QStringLiteral("unit")), command.first(), command.mid(1));
    QObject::connect(&systemd, &FakeSystemd::called, &app, say);
    QObject::connect(&logind, &FakeLogind::rebootRequested, &app,
                     [](bool interactive) { say(QStringLiteral("Reboot %1").arg(interactive ? "true" : "false")); });
    for (const QString &error : {systemd.registerOnBus(), logind.registerOnBus(), unit->start()}) {
        if (!error.isEmpty()) {
            std::fprintf(stderr, "fake-systemd: %s\n", qPrintable(error));
            return 69;
        }
    }
    say(QStringLiteral("ready"));
    return app.exec();
}
