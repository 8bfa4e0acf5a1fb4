// SPDX-License-Identifier: MIT
// exporter-fixture RUNTIME_DIR STATE_DIR COUNT: writes a fresh heartbeat and watchdog status and a
// catalog of COUNT recordings, the exporter's inputs for bench/exporter-wrk.sh.
#include "exporterfixture.h"

#include <QCoreApplication>
#include <QFile>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    bool ok = false;
    const int count = args.size() == 4 ? args.at(3).toInt(&ok) : 0;
    if (!ok || count < 0) {
        std::fprintf(stderr, "usage: exporter-fixture RUNTIME_DIR STATE_DIR COUNT (COUNT: a whole number >= 0)\n");
        return 64;
    }
    const QString catalog = args.at(2) + QStringLiteral("/catalog.db");
    QFile::remove(catalog);
    QString error = ExporterFixture::createCatalog(catalog, count);
    if (error.isEmpty())
        error = ExporterFixture::writeHeartbeat(args.at(1) + QStringLiteral("/heartbeat.json"),
                                                QStringLiteral("recording"));
    if (error.isEmpty())
        error = ExporterFixture::writeWatchdogStatus(args.at(1) + QStringLiteral("/watchdog.json"));
    if (!error.isEmpty()) {
        std::fprintf(stderr, "exporter-fixture: %s\n", qPrintable(error));
        return 1;
    }
    return 0;
}
