// SPDX-License-Identifier: MIT
// catalog-fixture PATH COUNT: writes a catalog of COUNT recordings for the exporter benchmark.
#include "exporterfixture.h"

#include <QCoreApplication>
#include <QFile>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    bool ok = false;
    const int count = args.size() == 3 ? args.at(2).toInt(&ok) : 0;
    if (!ok || count < 0) {
        std::fprintf(stderr, "usage: catalog-fixture PATH COUNT (COUNT: a whole number >= 0)\n");
        return 64;
    }
    QFile::remove(args.at(1));
    const QString error = ExporterFixture::createCatalog(args.at(1), count);
    if (!error.isEmpty()) {
        std::fprintf(stderr, "catalog-fixture: %s\n", qPrintable(error));
        return 1;
    }
    return 0;
}
