// SPDX-License-Identifier: MIT
// Hands a listening QTcpServer to QHttpServer across the Qt 6.4 → 6.8 API change.
#pragma once

#include <QString>

class QAbstractHttpServer;
class QTcpServer;

// Reentrant. Qt 6.4 has listen() and a void bind(); Qt 6.8 drops listen() and its bind() returns
// whether it took the server. Callers always listen themselves, then bind here.
class HttpServerBinding
{
public:
    // `server` must be listening; `http` takes ownership of it. Returns an empty string or the reason.
    static QString bind(QAbstractHttpServer &http, QTcpServer *server);
};
