// SPDX-License-Identifier: MIT
// A poll that runs only while someone looks: at once when activated, then every interval.
#include "activepoll.h"

#include <utility>

ActivePoll::ActivePoll(int intervalMs, std::function<void()> poll, QObject *parent)
    : QObject(parent)
    , m_poll(std::move(poll))
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this] { m_poll(); });
}

void ActivePoll::setActive(bool active)
{
    if (!active) {
        m_timer.stop();
        return;
    }
    if (!m_timer.isActive()) {
        m_timer.start();
        m_poll();
    }
}
