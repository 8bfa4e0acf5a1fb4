// SPDX-License-Identifier: MIT
// `recorderctl offload status` as text for people and JSON for scripts.
#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QVariantMap>

// Reentrant: pure functions.
class OffloadText
{
    Q_DECLARE_TR_FUNCTIONS(OffloadText)

public:
    // `queue` is recorderd's UploadQueue(), empty with `queueError` saying why.
    static QString status(const QVariantMap &status, const QVariantMap &queue, const QString &queueError);
    // {"offload": Status(), "queue": UploadQueue() or null}; never translated.
    static QByteArray json(const QVariantMap &status, const QVariantMap &queue);
};
