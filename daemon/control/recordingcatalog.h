// SPDX-License-Identifier: MIT
// What the control API needs from the catalog: list recordings, protect them, the upload queue.
#pragma once

#include <QList>
#include <QString>
#include <QVariantMap>

// Called by RecorderService on its request thread, one request at a time, never on the main
// thread: an implementation may block (a query waiting for the catalog thread, the fsync that makes
// a protect flag durable) without holding up the main loop, the heartbeat or other D-Bus calls.
// The daemon adapts the storage library's Catalog to this interface.
class RecordingCatalog
{
public:
    // RecorderService names its D-Bus errors after these, in this order.
    enum class Outcome { Ok, NotFound, NotAllowed, InvalidArgument, Unavailable, Failed };

    virtual ~RecordingCatalog() = default;

    // Rows newest first, keys named as the columns of docs/catalog.md. `error` is set (one line)
    // when the catalog cannot be read.
    virtual QList<QVariantMap> list(int limit, int offset, QString *error) = 0;
    // Marks the recording at `path` as kept by retention (or not). `error` says why on failure.
    virtual Outcome setProtected(const QString &path, bool on, QString *error) = 0;

    // The upload queue (org.recorder.Uploads1, docs/dbus-api.md); `error` says why on failure. A
    // catalog without one (the default) answers Unavailable.
    virtual Outcome pendingUploads(int limit, QList<QVariantMap> *rows, QString *error);
    virtual Outcome beginUpload(const QString &path, const QString &wantedRemotePath, QString *remotePath,
                                QString *error);
    virtual Outcome finishUpload(const QString &path, bool ok, qint64 bytes, const QString &uploadError,
                                 QString *error);
    virtual Outcome retryUploads(uint *count, QString *error);
    // The uploader left the bus: its claimed ('uploading') rows back to 'pending'; `*count` says how many.
    virtual Outcome releaseUploads(uint *count, QString *error);
    virtual Outcome uploadQueue(QVariantMap *summary, QString *error);
};
