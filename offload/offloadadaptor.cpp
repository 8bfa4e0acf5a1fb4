// SPDX-License-Identifier: MIT
#include "offloadadaptor.h"

#include "uploader.h"

#include <QJsonArray>
#include <QJsonObject>

OffloadAdaptor::OffloadAdaptor(Uploader *uploader, QObject *parent)
    : QDBusAbstractAdaptor(parent), m_uploader(uploader)
{
}

QVariantMap OffloadAdaptor::toDBus(const QJsonObject &status)
{
    QVariantMap map;
    for (auto it = status.begin(); it != status.end(); ++it) {
        if (it->isNull())
            continue;
        if (it->isObject()) {
            map.insert(it.key(), toDBus(it->toObject()));
        } else if (it->isArray()) {
            QVariantList list;
            for (const QJsonValue &item : it->toArray())
                list.append(item.isObject() ? QVariant(toDBus(item.toObject())) : item.toVariant());
            map.insert(it.key(), list);
        } else {
            map.insert(it.key(), it->toVariant());
        }
    }
    return map;
}

QVariantMap OffloadAdaptor::Status() const
{
    return toDBus(m_uploader->status());
}

void OffloadAdaptor::Pause()
{
    m_uploader->pause();
}

void OffloadAdaptor::Resume()
{
    m_uploader->resume();
}

void OffloadAdaptor::Retry()
{
    m_uploader->retry();
}
