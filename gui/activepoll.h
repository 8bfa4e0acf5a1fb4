// SPDX-License-Identifier: MIT
// A poll that runs only while someone looks: at once when activated, then every interval.
#pragma once

#include <QObject>
#include <QTimer>

#include <functional>

// Thread-bound to the thread that owns it (the UI thread). The Service page's readers use it so
// that nothing is read for a page that is not on screen.
class ActivePoll : public QObject
{
    Q_OBJECT
public:
    ActivePoll(int intervalMs, std::function<void()> poll, QObject *parent = nullptr);

    // Polls at once and then every interval while active; an already active poll is left as it is.
    void setActive(bool active);

private:
    QTimer m_timer;
    std::function<void()> m_poll;
};
