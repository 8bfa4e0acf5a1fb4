// SPDX-License-Identifier: MIT
// recorder-dashboard: the touchscreen status and control window.
#include "commandline.h"
#include "config.h"
#include "dashboardlog.h"
#include "dashboardwindow.h"
#include "languageloader.h"
#include "version.h"

#include <QApplication>
#include <QDBusConnection>
#include <QElapsedTimer>
#include <QTimer>

#include <cstdio>

int main(int argc, char *argv[])
{
    QElapsedTimer sinceStart;
    sinceStart.start();
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("recorder-dashboard"));
    QApplication::setApplicationVersion(QStringLiteral(RECORDER_VERSION));

    CommandLine commandLine(QStringLiteral("Touchscreen dashboard: shows the recorder's state and drives it."));
    const QCommandLineOption fullscreen(QStringLiteral("fullscreen"), QStringLiteral("Fill the screen (kiosk)."));
    const QCommandLineOption quitAfterPaint(
        QStringLiteral("quit-after-first-paint"),
        QStringLiteral("Print the milliseconds to the first painted window and exit (start-up benchmark)."));
    commandLine.parser().addOption(fullscreen);
    commandLine.parser().addOption(quitAfterPaint);
    // The dashboard runs as the desktop user, who cannot write the recorder's log dir: stderr only.
    const Config config = commandLine.process(app, QString());

    LanguageLoader language;
    const QString languageError = language.install(app, config.string(QStringLiteral("gui/language")));
    if (!languageError.isEmpty()) {
        std::fprintf(stderr, "recorder-dashboard: %s\n", qPrintable(languageError));
        return Config::kExitConfigError;
    }

    DashboardWindow window(DashboardWindow::Settings::fromConfig(config), QDBusConnection::systemBus());
    if (commandLine.parser().isSet(quitAfterPaint)) {
        QObject::connect(&window, &DashboardWindow::firstPaint, &app, [&] {
            std::printf("first paint after %lld ms\n", static_cast<long long>(sinceStart.elapsed()));
            std::fflush(stdout);
            QTimer::singleShot(0, &app, &QCoreApplication::quit);
        });
    }
    if (commandLine.parser().isSet(fullscreen)) {
        // A kiosk is driven by fingers: a mouse pointer parked on the screen only hides things.
        QApplication::setOverrideCursor(Qt::BlankCursor);
        window.showFullScreen();
    } else {
        window.resize(800, 480);
        window.show();
    }
    window.start();
    qCInfo(lcDashboard).noquote() << "dashboard started, language" << language.language();
    return app.exec();
}
