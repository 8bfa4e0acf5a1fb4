// SPDX-License-Identifier: MIT
// Opens a catalog as a reader does and prints its rows, so tst_catalogschema can read as another user.
#include "catalogschema.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: catalogreader-probe CATALOG\n");
        return 2;
    }
    QString error;
    int rows = -1;
    bool immutable = false;
    {
        QSqlDatabase db;
        error = CatalogSchema::open(QString::fromLocal8Bit(argv[1]), QStringLiteral("probe"), true, &db);
        if (error.isEmpty()) {
            immutable = db.connectOptions().contains(QLatin1String("QSQLITE_OPEN_URI"));
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT count(*) FROM recordings")) && q.next())
                rows = q.value(0).toInt();
            q.finish();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("probe"));
    if (!error.isEmpty()) {
        std::printf("error %s\n", qPrintable(error));
        return 1;
    }
    std::printf("rows %d immutable %d\n", rows, immutable ? 1 : 0);
    return 0;
}
