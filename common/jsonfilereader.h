// SPDX-License-Identifier: MIT
// Reads a small JSON state file written by another process, refusing anything suspicious.
#pragma once

#include <QJsonObject>
#include <QString>

#include <functional>

class TrustedOwners;

// Reentrant. Used for the heartbeat and the watchdog status: files another (less trusted)
// process writes, read by the watchdog, the exporter and the dashboard.
class JsonFileReader
{
public:
    enum class Status {
        Ok,
        Missing,             // no such file
        TooLarge,            // larger than the limit (64 KiB by default)
        Symlink,             // the path is a symbolic link
        NotRegular,          // a directory, FIFO, device…
        InsecurePermissions, // writable by group or others: anybody could forge it
        Unreadable,          // open or read failed (permissions, I/O error)
        InvalidJson,         // not a JSON object
        WrongType,           // a field has the wrong type (reported by the document parser)
        NewerSchema,         // a major schema version this build does not understand
        UntrustedOwner,      // owned by a user other than the expected writer, root or the reader
    };

    struct Result {
        Status status = Status::Missing;
        QString reason; // one line, empty when Ok
        QJsonObject object;
        bool ok() const { return status == Status::Ok; }
    };

    static constexpr qint64 kDefaultMaxBytes = 64 * 1024;

    // With `owners`, a file whose owner they do not accept is refused (UntrustedOwner).
    static Result read(const QString &path, qint64 maxBytes = kDefaultMaxBytes, const TrustedOwners *owners = nullptr);

    // Reads `path` and hands the object to `parse`, which returns an empty string or why the object
    // is not the document it wants (setting `*newer` for a newer major schema). Maps that to
    // WrongType / NewerSchema with the reason prefixed by the path: one place for every document.
    using Parser = std::function<QString(const QJsonObject &object, bool *newer)>;
    static Result readDocument(const QString &path, const Parser &parse, const TrustedOwners *owners = nullptr);
    // Stable lower-case name of a status ("too_large"), for logs, metrics labels and JSON.
    static QString statusName(Status status);
};
