// SPDX-License-Identifier: MIT
// A strip across the top of the window telling the outcome of the last command, until dismissed.
#include "messagebanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>

namespace {
constexpr int kInfoVisibleMs = 5000;
}

MessageBanner::MessageBanner(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_hideTimer(new QTimer(this))
{
    // Messages carry reasons from D-Bus and files: plain, never rich text (an <img src=file:…> would load a
    // local file).
    m_label->setTextFormat(Qt::PlainText);
    setObjectName(QStringLiteral("messageBanner"));
    m_label->setObjectName(QStringLiteral("messageText"));
    m_label->setWordWrap(true);
    auto *dismiss = new QPushButton(tr("OK"), this);
    dismiss->setObjectName(QStringLiteral("messageDismiss"));
    dismiss->setFixedWidth(96);
    connect(dismiss, &QPushButton::clicked, this, &QWidget::hide);
    m_hideTimer->setSingleShot(true);
    connect(m_hideTimer, &QTimer::timeout, this, &QWidget::hide);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(12, 6, 6, 6);
    layout->addWidget(m_label, 1);
    layout->addWidget(dismiss);
    hide();
}

void MessageBanner::showError(const QString &message)
{
    showMessage(message, true);
}

void MessageBanner::showInfo(const QString &message)
{
    showMessage(message, false);
}

QString MessageBanner::text() const
{
    return isHidden() ? QString() : m_label->text();
}

void MessageBanner::showMessage(const QString &message, bool error)
{
    m_error = error;
    m_label->setText(message);
    setStyleSheet(error ? QStringLiteral("#messageBanner { background: #B71C1C; border-radius: 8px; }"
                                         "#messageText { color: white; }")
                        : QStringLiteral("#messageBanner { background: #1B5E20; border-radius: 8px; }"
                                         "#messageText { color: white; }"));
    if (error)
        m_hideTimer->stop();
    else
        m_hideTimer->start(kInfoVisibleMs);
    show();
}
