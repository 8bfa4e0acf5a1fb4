// SPDX-License-Identifier: MIT
#include "rclonejob.h"

#include <QNetworkReply>

#include <algorithm>

namespace {
// A call that only looks at the rcd answers in milliseconds; more means the rcd hangs.
constexpr int kCallTimeoutMs = 30'000;
// How often a copy's bytes are asked for: the status file's progress, nothing waits on it.
constexpr int kBytesIntervalMs = 500;
} // namespace

RcloneJob::RcloneJob(RcloneClient *client, const QString &method, const QJsonObject &params, const QString &group,
                     bool trackBytes, QObject *parent)
    : QObject(parent), m_client(client), m_method(method), m_params(params), m_group(group), m_trackBytes(trackBytes)
{
    m_bytesTimer.setInterval(kBytesIntervalMs);
    connect(&m_bytesTimer, &QTimer::timeout, this, &RcloneJob::pollBytes);
}

RcloneJob::~RcloneJob()
{
    stop();
}

void RcloneJob::start()
{
    QJsonObject params = m_params;
    params.insert(QStringLiteral("_group"), m_group);
    m_reply = m_client->postLong(m_method, params);
    if (!m_reply) {
        // Not synchronously: the caller's state must be consistent before its slot runs.
        QTimer::singleShot(0, this, [this] {
            if (!m_done)
                done({false, false, {}, QStringLiteral("rclone rcd is not running")});
        });
        return;
    }
    connect(m_reply, &QNetworkReply::finished, this, [this, reply = m_reply.data()] {
        reply->deleteLater();
        if (!m_done)
            done(RcloneClient::replyOf(reply));
    });
    if (m_trackBytes)
        m_bytesTimer.start();
}

void RcloneJob::stop()
{
    if (m_done)
        return;
    m_done = true;
    m_bytesTimer.stop();
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    if (m_client->ready())
        // Fire and forget: the client outlives this job; the answer changes nothing here.
        m_client->call(QStringLiteral("job/stopgroup"), {{QStringLiteral("group"), m_group}}, kCallTimeoutMs,
                       m_client, [](const RcloneClient::Reply &) {});
    forgetGroup();
}

void RcloneJob::forgetGroup()
{
    // A core/stats call still under way would make the group again (core/stats of an unknown group
    // creates it): the group is deleted once that call has answered.
    if (m_poll->inFlight)
        m_poll->forgetWhenAnswered = true;
    else
        deleteGroup(m_client, m_group);
}

void RcloneJob::deleteGroup(RcloneClient *client, const QString &group)
{
    // The rcd keeps a group's stats until told: one per upload would grow it forever.
    if (client->ready())
        client->call(QStringLiteral("core/stats-delete"), {{QStringLiteral("group"), group}}, kCallTimeoutMs, client,
                     [](const RcloneClient::Reply &) {});
}

void RcloneJob::pollBytes()
{
    if (m_poll->inFlight)
        return;
    m_poll->inFlight = true;
    // In the client's context: the answer is awaited even after this job is gone (forgetGroup).
    m_client->call(QStringLiteral("core/stats"), {{QStringLiteral("group"), m_group}}, kCallTimeoutMs, m_client,
                   [self = QPointer<RcloneJob>(this), poll = m_poll, client = m_client,
                    group = m_group](const RcloneClient::Reply &reply) {
                       poll->inFlight = false;
                       if (poll->forgetWhenAnswered) {
                           deleteGroup(client, group);
                           return;
                       }
                       if (self && reply.ok)
                           self->m_bytes = std::max(self->m_bytes, reply.body.value(QStringLiteral("bytes")).toInteger());
                   });
}

void RcloneJob::done(const RcloneClient::Reply &reply)
{
    m_bytesTimer.stop();
    m_done = true;
    forgetGroup();
    emit finished(reply);
}
