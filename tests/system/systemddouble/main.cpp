// SPDX-License-Identifier: MIT
// recorder-systemd-double: a stand-in for systemd and logind on a private bus, for system tests.
// It starts services from installed unit files' ExecStart, applies their restart rules with times
// scaled down, and serves the D-Bus calls the watchdog makes (RestartUnit, GetUnit, ActiveState,
// MainPID; login1 Reboot, recorded in a file).
#include "fakeunit.h"
#include "logindouble.h"
#include "login1adaptor.h"
#include "managerdouble.h"
#include "manageradaptor.h"
#include "unitfile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDir>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QTemporaryDir>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcDouble, "recorder.systemddouble")

namespace {

int failStartup(const QString &message)
{
    std::fprintf(stderr, "recorder-systemd-double: %s\n", qPrintable(message));
    return 2;
}

// SIGTERM and SIGINT end the event loop, so the services are stopped and the sockets removed.
int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(g_signalPipe[1], &byte, 1);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("A systemd and logind stand-in on DBUS_SYSTEM_BUS_ADDRESS, for tests."));
    parser.addHelpOption();
    const QCommandLineOption unitOption(QStringLiteral("unit"), QStringLiteral("A .service file to serve (repeatable)."),
                                        QStringLiteral("file"));
    const QCommandLineOption rootOption(QStringLiteral("root"), QStringLiteral("Prefix for ExecStart programs."),
                                        QStringLiteral("dir"));
    const QCommandLineOption argumentOption(QStringLiteral("append-argument"),
                                            QStringLiteral("Appended to every ExecStart (repeatable)."),
                                            QStringLiteral("argument"));
    const QCommandLineOption scaleOption(QStringLiteral("time-scale"),
                                         QStringLiteral("Factor for RestartSec, WatchdogSec, start-limit interval."),
                                         QStringLiteral("factor"), QStringLiteral("1"));
    const QCommandLineOption rebootOption(QStringLiteral("reboot-log"), QStringLiteral("File that records each Reboot."),
                                          QStringLiteral("file"));
    const QCommandLineOption startOption(QStringLiteral("start"), QStringLiteral("Start every unit at once."));
    parser.addOptions({unitOption, rootOption, argumentOption, scaleOption, rebootOption, startOption});
    parser.process(app);

    bool scaleValid = false;
    const double scale = parser.value(scaleOption).toDouble(&scaleValid);
    if (!scaleValid || scale <= 0 || scale > 1)
        return failStartup(QStringLiteral("--time-scale must be a number in (0, 1], not '%1'").arg(parser.value(scaleOption)));
    if (parser.values(unitOption).isEmpty())
        return failStartup(QStringLiteral("give at least one --unit FILE"));

    QTemporaryDir socketDir;
    if (!socketDir.isValid())
        return failStartup(QStringLiteral("no temporary folder: ") + socketDir.errorString());

    QDBusConnection bus = QDBusConnection::systemBus();
    if (!bus.isConnected())
        return failStartup(QStringLiteral("no bus at DBUS_SYSTEM_BUS_ADDRESS: ") + bus.lastError().message());

    ManagerDouble manager;
    new ManagerAdaptor(&manager);
    for (const QString &path : parser.values(unitOption)) {
        const UnitFile file = UnitFile::load(path);
        if (!file.error().isEmpty())
            return failStartup(file.error());
        FakeUnit::Options options;
        options.root = parser.value(rootOption);
        options.extraArguments = parser.values(argumentOption);
        options.timeScale = scale;
        options.notifySocketPath = socketDir.filePath(file.name() + QStringLiteral(".notify"));
        auto *unit = new FakeUnit(file, options);
        const QString problem = unit->prepare();
        if (!problem.isEmpty()) {
            delete unit;
            return failStartup(problem);
        }
        manager.addUnit(unit);
    }
    LoginDouble login(parser.value(rebootOption));
    new Login1Adaptor(&login);

    if (!bus.registerObject(QStringLiteral("/org/freedesktop/systemd1"), &manager)
        || !bus.registerObject(QStringLiteral("/org/freedesktop/login1"), &login)
        || !bus.registerService(QStringLiteral("org.freedesktop.systemd1"))
        || !bus.registerService(QStringLiteral("org.freedesktop.login1")))
        return failStartup(QStringLiteral("cannot register on the bus: ") + bus.lastError().message());

    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_signalPipe) != 0)
        return failStartup(QStringLiteral("socketpair failed"));
    QSocketNotifier signalNotifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&signalNotifier, &QSocketNotifier::activated, &app, [&] {
        char byte = 0;
        [[maybe_unused]] const ssize_t read = ::read(g_signalPipe[0], &byte, 1);
        app.quit();
    });
    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);

    if (parser.isSet(startOption)) {
        for (FakeUnit *unit : manager.units())
            unit->start();
    }
    // Tests wait for this line before they talk to the double.
    std::printf("ready\n");
    std::fflush(stdout);
    const int status = app.exec();
    // Stop them all first, then wait: a recorder must get to finalise its file, as under systemd.
    for (FakeUnit *unit : manager.units())
        unit->stop();
    for (FakeUnit *unit : manager.units())
        unit->waitForStopped(10000);
    return status;
}
