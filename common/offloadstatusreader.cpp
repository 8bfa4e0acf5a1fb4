// SPDX-License-Identifier: MIT
// Reads recorder-offload's status file, status.json (docs/offload.md, "The status file").
#include "offloadstatusreader.h"

#include "jsonfields.h"
#include "serviceaccounts.h"
#include "trustedowners.h"

namespace {

// An ISO 8601 time the file holds, or why it is not one.
QString isoTime(const QJsonObject &object, const char *key, QDateTime *out)
{
    const QString text = object.value(QLatin1String(key)).toString();
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        return QStringLiteral("field %1 is %2; allowed: an ISO 8601 time").arg(QLatin1String(key), text);
    *out = time.toUTC();
    return {};
}

} // namespace

QString OffloadStatusReader::fromJson(const QJsonObject &object, Status *out, bool *newerSchema)
{
    JsonFields f(object);
    qint64 version = 0;
    f.integer("version", &version, true);
    if (!f.ok())
        return f.error();
    if (version > kVersion) {
        if (newerSchema)
            *newerSchema = true;
        return QStringLiteral("status version %1 is newer than this program's %2").arg(version).arg(kVersion);
    }

    Status s;
    QString error = isoTime(object, "time", &s.time);
    if (!error.isEmpty())
        return error;
    f.string("state", &s.state, true);
    f.string("remote", &s.remote);
    f.boolean("internet_connected", &s.internetConnected);
    f.number("uploads_succeeded", &s.uploadsSucceeded);
    f.number("uploads_failed", &s.uploadsFailed);
    f.number("bytes_uploaded", &s.bytesUploaded);
    f.optionalNumber("success_rate", &s.successRate);
    f.number("recent_attempts", &s.recentAttempts);
    f.string("last_error", &s.lastError);
    const QJsonValue last = object.value(QLatin1String("last_upload"));
    if (last.isObject()) {
        const QJsonObject o = last.toObject();
        JsonFields l(o);
        l.string("path", &s.lastUpload.path, true);
        l.string("remote_path", &s.lastUpload.remotePath);
        l.number("bytes", &s.lastUpload.bytes);
        l.number("seconds", &s.lastUpload.seconds);
        if (!l.ok())
            return QStringLiteral("last_upload: ") + l.error();
        error = isoTime(o, "time", &s.lastUpload.time);
        if (!error.isEmpty())
            return QStringLiteral("last_upload: ") + error;
        s.hasLastUpload = true;
    } else if (!last.isNull() && !last.isUndefined()) {
        return QStringLiteral("field last_upload is not an object or null");
    }
    if (!f.ok())
        return f.error();
    *out = s;
    return {};
}

OffloadStatusReader::Result OffloadStatusReader::read(const QString &path)
{
    const TrustedOwners owners = TrustedOwners::writtenBy(ServiceAccounts::kOffload);
    Result result;
    const JsonFileReader::Result file = JsonFileReader::readDocument(
        path, [&result](const QJsonObject &object, bool *newer) { return fromJson(object, &result.document, newer); },
        &owners);
    result.status = file.status;
    result.reason = file.reason;
    return result;
}
