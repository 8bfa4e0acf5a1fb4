// SPDX-License-Identifier: MIT
// A test double of recorderd's org.recorder.Uploads1, served in the test process on a PrivateBus.
#pragma once

#include <QDBusContext>
#include <QHash>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QVariantMap>

// Thread-bound (the test's main thread). Keeps the upload rows in memory with the contract's rules
// (docs/offload.md): PendingUploads lists pending and failed rows oldest first, BeginUpload fixes
// remote_path at the first claim, FinishUpload only from uploading.
class FakeUploads : public QObject, protected QDBusContext
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.recorder.Uploads1")
public:
    struct Row {
        QString state = QStringLiteral("pending");
        qint64 startTimeMs = 0;
        qint64 queuedAtMs = 0;
        uint attempts = 0;
        QString remotePath;
        QString lastError;
        qint64 bytes = 0;
        QStringList proposedPaths; // every remote path the uploader proposed
        int uploadedCount = 0;     // how many times FinishUpload(ok) arrived
    };

    // Registers on the bus as org.recorder.Recorder1; returns an empty string or why not.
    QString registerOn(const QString &busName);

    void add(const QString &path, qint64 startTimeMs);
    void clear();
    // What recorderd does at its start: rows left "uploading" go back to "pending".
    void resetUploading();
    const Row &row(const QString &path) const { return m_rows.find(path).value(); }
    int count(const QString &state) const;
    // The next `n` FinishUpload calls answer Unavailable, as recorderd does while its catalog is degraded.
    void refuseFinishUploads(int n) { m_finishRefusals = n; }
    int finishRefusalsLeft() const { return m_finishRefusals; }
    // The next BeginUpload claims the row but answers with an error, as a call that timed out on the
    // uploader's side and was applied later.
    void loseNextBeginAnswer() { m_loseBeginAnswer = true; }

public slots:
    QList<QVariantMap> PendingUploads(uint limit);
    QString BeginUpload(const QString &path, const QString &remotePath);
    void FinishUpload(const QString &path, bool ok, qint64 bytes, const QString &error);
    uint RetryUploads();
    QVariantMap UploadQueue();

signals:
    void UploadsChanged();

private:
    QHash<QString, Row> m_rows;
    QStringList m_order;
    int m_finishRefusals = 0;
    bool m_loseBeginAnswer = false;
};
