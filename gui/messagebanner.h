// SPDX-License-Identifier: MIT
// A strip across the top of the window telling the outcome of the last command, until dismissed.
#pragma once

#include <QFrame>

class QLabel;
class QTimer;

// Thread-bound to the UI thread. Errors stay until dismissed; successes fade after a few seconds.
class MessageBanner : public QFrame
{
    Q_OBJECT
public:
    explicit MessageBanner(QWidget *parent = nullptr);

    void showError(const QString &message);
    void showInfo(const QString &message);
    QString text() const;
    bool isError() const { return m_error; }

private:
    void showMessage(const QString &message, bool error);

    QLabel *m_label;
    QTimer *m_hideTimer;
    bool m_error = false;
};
