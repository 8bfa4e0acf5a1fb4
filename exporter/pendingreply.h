// SPDX-License-Identifier: MIT
// Marks a client socket whose request waits for a late answer (a password check on a worker).
#pragma once

class QTcpSocket;

// Thread-bound to the socket's thread. The mark lives on the socket (a dynamic property), so it
// goes with it. HttpService sets it while an answer is pending and closes the connection after
// that answer; ConnectionGuard then neither closes the connection early nor evicts it as idle.
class PendingReply
{
public:
    static void mark(QTcpSocket *socket, bool pending);
    static bool marked(const QTcpSocket *socket);
};
