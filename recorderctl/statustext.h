// SPDX-License-Identifier: MIT
// recorderctl's output: status and recordings as human text or as JSON for scripts.
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QVariantMap>

// Reentrant: pure functions. Human text goes through tr() so it can be translated; JSON keys are
// the heartbeat's and the catalog's names (docs/heartbeat.md, docs/catalog.md) and never are.
class StatusText
{
    Q_DECLARE_TR_FUNCTIONS(StatusText)

public:
    static QString status(const QVariantMap &status);
    static QString recordings(const QList<QVariantMap> &rows);
    static QByteArray statusJson(const QVariantMap &status);
    static QByteArray recordingsJson(const QList<QVariantMap> &rows);

    // "6min 12s", "1h 02min", "45s".
    static QString duration(double seconds);
    // "1.87 GB", "512 kB".
    static QString size(qint64 bytes);
};
