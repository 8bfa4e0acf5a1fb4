// SPDX-License-Identifier: MIT
// Hands a listening QTcpServer to QHttpServer across the Qt 6.4 → 6.8 API change.
#include "httpserverbinding.h"

#include <QAbstractHttpServer>
#include <QTcpServer>
#include <QtGlobal>

QString HttpServerBinding::bind(QAbstractHttpServer &http, QTcpServer *server)
{
    if (!server->isListening())
        return QStringLiteral("the server is not listening");
    // Either version reparents the server to `http`; make that explicit for 6.4, which
    // only does so in some paths.
    server->setParent(&http);
#if QT_VERSION >= QT_VERSION_CHECK(6, 8, 0)
    if (!http.bind(server))
        return QStringLiteral("QHttpServer refused the listening socket");
#else
    http.bind(server);
#endif
    return {};
}
