// SPDX-License-Identifier: MIT
#include "rclonejob.h"

#include <algorithm>

namespace {
// An rc call that is only started or looked at answers in milliseconds; more means the rcd hangs.
constexpr int kCallTimeoutMs = 30'000;
} // namespace

RcloneJob::RcloneJob(RcloneClient *client, const QString &method, const QJsonObject &params, const QString &group,
                     bool trackBytes, QObject *parent)
    : QObject(parent), m_client(client), m_method(method), m_params(params), m_group(group), m_trackBytes(trackBytes)
{
    m_poll.setSingleShot(true);
    connect(&m_poll, &QTimer::timeout, this, &RcloneJob::poll);
}

RcloneJob::~RcloneJob()
{
    stop();
}

void RcloneJob::start()
{
    QJsonObject params = m_params;
    params.insert(QStringLiteral("_async"), true);
    params.insert(QStringLiteral("_group"), m_group);
    m_client->call(m_method, params, kCallTimeoutMs, this, [this](const RcloneClient::Reply &reply) {
        if (m_done)
            return;
        if (!reply.ok) {
            done(reply);
            return;
        }
        m_jobId = reply.body.value(QStringLiteral("jobid")).toInteger(-1);
        m_poll.start(2);
    });
}

void RcloneJob::stop()
{
    if (m_done)
        return;
    m_poll.stop();
    m_done = true;
    if (m_jobId >= 0 && m_client->ready())
        // Fire and forget: the client outlives this job; the answer changes nothing here.
        m_client->call(QStringLiteral("job/stop"), {{QStringLiteral("jobid"), m_jobId}}, kCallTimeoutMs, m_client,
                       [](const RcloneClient::Reply &) {});
    forgetGroup();
}

void RcloneJob::forgetGroup()
{
    // The rcd keeps a group's stats until told: one per upload would grow it forever.
    if (m_client->ready())
        m_client->call(QStringLiteral("core/stats-delete"), {{QStringLiteral("group"), m_group}}, kCallTimeoutMs,
                       m_client, [](const RcloneClient::Reply &) {});
}

void RcloneJob::poll()
{
    ++m_polls;
    if (m_trackBytes)
        m_client->call(QStringLiteral("core/stats"), {{QStringLiteral("group"), m_group}}, kCallTimeoutMs, this,
                       [this](const RcloneClient::Reply &reply) {
                           if (reply.ok)
                               m_bytes = std::max(m_bytes, reply.body.value(QStringLiteral("bytes")).toInteger());
                       });
    m_client->call(QStringLiteral("job/status"), {{QStringLiteral("jobid"), m_jobId}}, kCallTimeoutMs, this,
                   [this](const RcloneClient::Reply &reply) {
                       if (m_done)
                           return;
                       if (!reply.ok) {
                           // The rcd lost the job (it restarted) or does not answer: not the remote's doing.
                           done({false, false, {}, reply.error});
                           return;
                       }
                       if (!reply.body.value(QStringLiteral("finished")).toBool()) {
                           // 2, 4, 8 ... 50 ms: short calls end soon, long ones cost 20 polls a second.
                           m_poll.start(std::min(50, 2 << std::min(m_polls, 5)));
                           return;
                       }
                       RcloneClient::Reply result;
                       result.answered = true;
                       result.ok = reply.body.value(QStringLiteral("success")).toBool();
                       result.body = reply.body.value(QStringLiteral("output")).toObject();
                       if (!result.ok)
                           result.error = RcloneClient::errorOf(nullptr, reply.body);
                       done(result);
                   });
}

void RcloneJob::done(const RcloneClient::Reply &reply)
{
    m_poll.stop();
    m_done = true;
    forgetGroup();
    emit finished(reply);
}
