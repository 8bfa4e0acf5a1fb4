// SPDX-License-Identifier: MIT
// Reads a small JSON state file written by another process, refusing anything suspicious.
#include "jsonfilereader.h"

#include "trustedowners.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

JsonFileReader::Result fail(JsonFileReader::Status status, const QString &reason)
{
    JsonFileReader::Result r;
    r.status = status;
    r.reason = reason;
    return r;
}

} // namespace

JsonFileReader::Result JsonFileReader::read(const QString &path, qint64 maxBytes, const TrustedOwners *owners)
{
    const QByteArray name = QFile::encodeName(path);
    // O_NOFOLLOW refuses a symlink at the last component; O_NONBLOCK keeps a FIFO from
    // blocking the caller's event loop. fstat on the open descriptor avoids a check/use race.
    const int fd = ::open(name.constData(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            return fail(Status::Missing, QStringLiteral("%1 does not exist").arg(path));
        if (errno == ELOOP)
            return fail(Status::Symlink, QStringLiteral("%1 is a symbolic link").arg(path));
        return fail(Status::Unreadable,
                    QStringLiteral("cannot open %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
    }
    struct FdCloser {
        int fd;
        ~FdCloser() { ::close(fd); }
    } closer{fd};

    struct stat st{};
    if (::fstat(fd, &st) != 0)
        return fail(Status::Unreadable, QStringLiteral("cannot stat %1").arg(path));
    if (!S_ISREG(st.st_mode))
        return fail(Status::NotRegular, QStringLiteral("%1 is not a regular file").arg(path));
    // Checked on the open descriptor: the file read is the file whose owner was checked.
    if (owners && !owners->accepts(st.st_uid))
        return fail(Status::UntrustedOwner, owners->refusal(path, st.st_uid));
    if (st.st_mode & (S_IWGRP | S_IWOTH))
        return fail(Status::InsecurePermissions,
                    QStringLiteral("%1 is writable by group or others (mode %2); allowed: not group/world-writable")
                        .arg(path, QString::number(st.st_mode & 07777, 8)));
    if (st.st_size > maxBytes)
        return fail(Status::TooLarge, QStringLiteral("%1 is %2 bytes; allowed: at most %3").arg(path).arg(st.st_size).arg(maxBytes));

    // Read at most one byte past the limit: a file growing under us is still caught.
    QByteArray data(static_cast<qsizetype>(maxBytes + 1), Qt::Uninitialized);
    qsizetype got = 0;
    while (got < data.size()) {
        const ssize_t n = ::read(fd, data.data() + got, static_cast<size_t>(data.size() - got));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return fail(Status::Unreadable,
                        QStringLiteral("cannot read %1: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno))));
        }
        if (n == 0)
            break;
        got += n;
    }
    if (got > maxBytes)
        return fail(Status::TooLarge, QStringLiteral("%1 is larger than %2 bytes").arg(path).arg(maxBytes));
    data.truncate(got);

    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError)
        return fail(Status::InvalidJson,
                    QStringLiteral("%1 is not valid JSON: %2 at offset %3").arg(path, error.errorString()).arg(error.offset));
    if (!doc.isObject())
        return fail(Status::InvalidJson, QStringLiteral("%1 does not hold a JSON object").arg(path));

    Result r;
    r.status = Status::Ok;
    r.object = doc.object();
    return r;
}

JsonFileReader::Result JsonFileReader::readDocument(const QString &path, const Parser &parse, const TrustedOwners *owners)
{
    Result result = read(path, kDefaultMaxBytes, owners);
    if (!result.ok())
        return result;
    bool newer = false;
    const QString error = parse(result.object, &newer);
    if (!error.isEmpty()) {
        result.status = newer ? Status::NewerSchema : Status::WrongType;
        result.reason = path + QStringLiteral(": ") + error;
    }
    return result;
}

QString JsonFileReader::statusName(Status status)
{
    switch (status) {
    case Status::Ok: return QStringLiteral("ok");
    case Status::Missing: return QStringLiteral("missing");
    case Status::TooLarge: return QStringLiteral("too_large");
    case Status::Symlink: return QStringLiteral("symlink");
    case Status::NotRegular: return QStringLiteral("not_regular");
    case Status::InsecurePermissions: return QStringLiteral("insecure_permissions");
    case Status::Unreadable: return QStringLiteral("unreadable");
    case Status::InvalidJson: return QStringLiteral("invalid_json");
    case Status::WrongType: return QStringLiteral("wrong_type");
    case Status::NewerSchema: return QStringLiteral("newer_schema");
    case Status::UntrustedOwner: return QStringLiteral("untrusted_owner");
    }
    return QStringLiteral("unknown");
}
