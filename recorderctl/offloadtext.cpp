// SPDX-License-Identifier: MIT
#include "offloadtext.h"

#include "statustext.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

QString OffloadText::status(const QVariantMap &s, const QVariantMap &queue, const QString &queueError)
{
    auto yesNo = [](bool on) { return on ? tr("yes") : tr("no"); };
    const QString state = s.value(QStringLiteral("state")).toString();
    // Switched off, the uploader has no remote to name or reach; rows queued before stay listed.
    QString text = state == QLatin1String("disabled")
        ? tr("Offload: disabled ([offload] enabled is false in the configuration)\n")
        : tr("Offload: %1, remote %2, reachable: %3\n")
              .arg(state, s.value(QStringLiteral("remote")).toString(),
                   yesNo(s.value(QStringLiteral("internet_connected")).toBool()));
    text += tr("Uploads since start: %1 succeeded, %2 failed, %3 verified\n")
                .arg(s.value(QStringLiteral("uploads_succeeded")).toLongLong())
                .arg(s.value(QStringLiteral("uploads_failed")).toLongLong())
                .arg(StatusText::size(s.value(QStringLiteral("bytes_uploaded")).toLongLong()));
    if (s.contains(QStringLiteral("success_rate")))
        text += tr("Success rate: %1% of the last %2 attempts\n")
                    .arg(qRound(s.value(QStringLiteral("success_rate")).toDouble() * 100))
                    .arg(s.value(QStringLiteral("recent_attempts")).toInt());
    for (const QVariant &item : s.value(QStringLiteral("current")).toList())
        text += tr("Uploading: %1 (%2)\n")
                    .arg(item.toMap().value(QStringLiteral("path")).toString(),
                         StatusText::size(item.toMap().value(QStringLiteral("size")).toLongLong()));
    const QVariantMap last = s.value(QStringLiteral("last_upload")).toMap();
    if (!last.isEmpty())
        text += tr("Last upload: %1 to %2 at %3\n")
                    .arg(last.value(QStringLiteral("path")).toString(), last.value(QStringLiteral("remote_path")).toString(),
                         last.value(QStringLiteral("time")).toString());
    if (!s.value(QStringLiteral("last_error")).toString().isEmpty())
        text += tr("Last error: %1\n").arg(s.value(QStringLiteral("last_error")).toString());
    if (s.contains(QStringLiteral("next_attempt")))
        text += tr("Next attempt: %1 (waiting %2)\n")
                    .arg(s.value(QStringLiteral("next_attempt")).toString(),
                         StatusText::duration(s.value(QStringLiteral("backoff_seconds")).toDouble()));
    if (!queueError.isEmpty())
        return text + tr("Queue: unknown (%1)\n").arg(queueError);
    text += tr("Queue: %1 pending, %2 uploading, %3 failed, %4 uploaded, %5 deleted before upload\n")
                .arg(queue.value(QStringLiteral("pending")).toUInt())
                .arg(queue.value(QStringLiteral("uploading")).toUInt())
                .arg(queue.value(QStringLiteral("failed")).toUInt())
                .arg(queue.value(QStringLiteral("uploaded")).toUInt())
                .arg(queue.value(QStringLiteral("lost")).toLongLong());
    const qint64 oldest = queue.value(QStringLiteral("oldest_pending_ms")).toLongLong();
    if (oldest > 0)
        text += tr("Oldest waiting: queued %1 ago\n")
                    .arg(StatusText::duration(double(QDateTime::currentMSecsSinceEpoch() - oldest) / 1000.0));
    return text;
}

QByteArray OffloadText::json(const QVariantMap &status, const QVariantMap &queue)
{
    QJsonObject document{{QStringLiteral("offload"), QJsonObject::fromVariantMap(status)}};
    document.insert(QStringLiteral("queue"), queue.isEmpty() ? QJsonValue() : QJsonValue(QJsonObject::fromVariantMap(queue)));
    return QJsonDocument(document).toJson(QJsonDocument::Indented);
}
