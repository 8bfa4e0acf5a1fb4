// SPDX-License-Identifier: MIT
// recorderctl's side of org.recorder.Offload1 (recorder-offload) and of recorderd's upload queue.
#pragma once

#include "controlclient.h"

#include <QCoreApplication>
#include <QDBusError>
#include <QVariantMap>

// Thread-bound (the main thread). Every call blocks until the program answers or the timeout.
class OffloadClient
{
    Q_DECLARE_TR_FUNCTIONS(OffloadClient)

public:
    // recorder-offload's Status() and, when recorderd answers, its UploadQueue() (else `queueError`).
    ControlClient::Outcome status(QVariantMap *status, QVariantMap *queue, QString *queueError);
    ControlClient::Outcome pause();
    ControlClient::Outcome resume();
    ControlClient::Outcome retry();

    // As ControlClient::fromError, naming recorder-offload when it is not on the bus.
    static ControlClient::Outcome fromError(const QDBusError &error);

private:
    ControlClient::Outcome call(const QString &method, QVariantMap *reply = nullptr);
};
