// SPDX-License-Identifier: MIT
// Writes the files the dashboard reads (heartbeat, watchdog status, offload status, preview, catalog) from fixtures.
#include "fixturefiles.h"

#include "atomicfile.h"
#include "catalogschema.h"
#include "clockreading.h"
#include "watchdogstatus.h"

#include <QDateTime>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLinearGradient>
#include <QPainter>
#include <QSqlError>
#include <QSqlQuery>

namespace {
// Reads fixture `jsonFile` into `object`: an empty string or the reason.
QString readFixture(const QString &jsonFile, QJsonObject *object)
{
    QFile file(jsonFile);
    if (!file.open(QIODevice::ReadOnly))
        return QStringLiteral("%1: %2").arg(jsonFile, file.errorString());
    *object = QJsonDocument::fromJson(file.readAll()).object();
    return object->isEmpty() ? QStringLiteral("%1: not a JSON object").arg(jsonFile) : QString();
}
} // namespace

QString FixtureFiles::installHeartbeat(const QString &jsonFile, const QString &heartbeatFile, double ageSeconds)
{
    QJsonObject object;
    if (const QString error = readFixture(jsonFile, &object); !error.isEmpty())
        return error;
    const ClockReading now = ClockReading::now();
    object.insert(QStringLiteral("boot_id"), now.bootId);
    object.insert(QStringLiteral("boottime_seconds"), now.boottimeSeconds - ageSeconds);
    object.insert(QStringLiteral("timestamp"),
                  now.wall.addMSecs(-static_cast<qint64>(ageSeconds * 1000)).toString(Qt::ISODateWithMs));
    return AtomicFile::write(heartbeatFile, QJsonDocument(object).toJson(), 0644);
}

QString FixtureFiles::installWatchdog(const QString &statusFile, const QString &verdict, const QString &reason,
                                      int restartsInWindow, bool degraded, double ageSeconds)
{
    WatchdogStatus status;
    status.checkIntervalSeconds = 10;
    status.verdict = verdict;
    status.reason = reason;
    status.unit = QStringLiteral("recorder.service");
    status.restartsInWindow = restartsInWindow;
    status.restartsTotal = restartsInWindow + 2;
    status.degraded = degraded;
    if (ageSeconds == 0)
        return status.write(statusFile);
    // write() stamps the time of now; an older status is stamped here instead.
    status.schemaVersion = QStringLiteral("%1.%2").arg(WatchdogStatus::kSchemaMajor).arg(WatchdogStatus::kSchemaMinor);
    status.written = ClockReading::now();
    status.written.boottimeSeconds -= ageSeconds;
    status.written.wall = status.written.wall.addMSecs(-static_cast<qint64>(ageSeconds * 1000));
    status.pid = 4242;
    return AtomicFile::write(statusFile, QJsonDocument(status.toJson()).toJson(), 0644);
}

QString FixtureFiles::installOffloadStatus(const QString &jsonFile, const QString &statusFile,
                                          double lastUploadAgeSeconds)
{
    QJsonObject object;
    if (const QString error = readFixture(jsonFile, &object); !error.isEmpty())
        return error;
    // Fresh (readers call a status older than 30 s stale), in UTC as recorder-offload writes it.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    object.insert(QStringLiteral("time"), now.toString(Qt::ISODateWithMs));
    QJsonObject last = object.value(QStringLiteral("last_upload")).toObject();
    if (!last.isEmpty()) {
        last.insert(QStringLiteral("time"),
                    now.addMSecs(-static_cast<qint64>(lastUploadAgeSeconds * 1000)).toString(Qt::ISODateWithMs));
        object.insert(QStringLiteral("last_upload"), last);
    }
    return AtomicFile::write(statusFile, QJsonDocument(object).toJson(), 0644);
}

QString FixtureFiles::installPreview(const QString &previewFile)
{
    QImage image(640, 360, QImage::Format_RGB32);
    QPainter painter(&image);
    static const QColor bars[] = {Qt::white, Qt::yellow, Qt::cyan, Qt::green, Qt::magenta, Qt::red, Qt::blue};
    const int barWidth = image.width() / 7 + 1;
    for (int i = 0; i < 7; ++i)
        painter.fillRect(i * barWidth, 0, barWidth, image.height() * 2 / 3, bars[i].darker(115));
    QLinearGradient ramp(0, 0, image.width(), 0);
    ramp.setColorAt(0, Qt::black);
    ramp.setColorAt(1, Qt::white);
    painter.fillRect(0, image.height() * 2 / 3, image.width(), image.height() / 3, ramp);
    painter.fillRect(QRect(8, 8, 250, 30), QColor(0, 0, 0, 180));
    painter.setPen(Qt::white);
    QFont font = painter.font();
    font.setPixelSize(18);
    painter.setFont(font);
    painter.drawText(QRect(16, 8, 240, 30), Qt::AlignVCenter, QStringLiteral("2026-11-26 10:34:12"));
    painter.end();
    if (!image.save(previewFile, "JPEG", 85))
        return QStringLiteral("%1: cannot write JPEG").arg(previewFile);
    return {};
}

QString FixtureFiles::installCatalog(const QString &catalogFile, qint64 newestMs)
{
    const QString connection = QStringLiteral("fixture-catalog");
    QString error;
    {
        QSqlDatabase db;
        error = CatalogSchema::open(catalogFile, connection, /*readOnly=*/false, &db);
        struct Row { const char *state; double seconds; qint64 bytes; bool isProtected; };
        static const Row rows[] = {
            {"recording", 95, 118'000'000, false}, {"complete", 300, 372'000'000, true},
            {"complete", 300, 371'000'000, false}, {"recovered", 212, 262'000'000, false},
            {"complete", 300, 373'000'000, false}, {"corrupted", 0, 4'096, false},
            {"complete", 300, 370'000'000, true},
        };
        qint64 start = newestMs;
        int index = 0;
        for (const Row &row : rows) {
            if (!error.isEmpty())
                break;
            QSqlQuery q(db);
            q.prepare(QStringLiteral("INSERT INTO recordings (path, start_time_ms, duration_seconds, size_bytes, "
                                     "state, protected) VALUES (?, ?, ?, ?, ?, ?)"));
            q.addBindValue(QStringLiteral("%1/recording_%2.mp4").arg(catalogFile.section(QLatin1Char('/'), 0, -2)).arg(index++));
            q.addBindValue(start);
            q.addBindValue(row.seconds);
            q.addBindValue(row.bytes);
            q.addBindValue(QLatin1String(row.state));
            q.addBindValue(row.isProtected ? 1 : 0);
            if (!q.exec())
                error = q.lastError().text();
            start -= 300'000;
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return error;
}
