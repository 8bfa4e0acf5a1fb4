// SPDX-License-Identifier: MIT
// Marks a client socket whose request waits for a late answer (a password check on a worker).
#include "pendingreply.h"

#include <QTcpSocket>
#include <QVariant>

namespace {

const char kProperty[] = "recorderPendingReply";

} // namespace

void PendingReply::mark(QTcpSocket *socket, bool pending)
{
    socket->setProperty(kProperty, pending ? QVariant(true) : QVariant());
}

bool PendingReply::marked(const QTcpSocket *socket)
{
    return socket->property(kProperty).toBool();
}
