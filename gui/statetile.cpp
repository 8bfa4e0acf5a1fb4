// SPDX-License-Identifier: MIT
// The large state tile: the recorder's state in colour and in words, readable at arm's length.
#include "statetile.h"

#include <QEvent>
#include <QFontMetrics>
#include <QLabel>
#include <QVBoxLayout>

StateTile::StateTile(QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel(this))
    , m_detail(new QLabel(this))
    , m_timing(new QLabel(this))
    , m_warning(new QLabel(this))
    , m_reason(new QLabel(this))
{
    // State reasons come from D-Bus and the heartbeat: plain, never rich text (an <img src=file:…> would load
    // a local file).
    m_title->setTextFormat(Qt::PlainText);
    m_detail->setTextFormat(Qt::PlainText);
    m_timing->setTextFormat(Qt::PlainText);
    m_warning->setTextFormat(Qt::PlainText);
    m_reason->setTextFormat(Qt::PlainText);
    setObjectName(QStringLiteral("stateTile"));
    m_title->setObjectName(QStringLiteral("stateTitle"));
    m_detail->setObjectName(QStringLiteral("stateDetail"));
    m_timing->setObjectName(QStringLiteral("stateTiming"));
    m_warning->setObjectName(QStringLiteral("stateWarning"));
    m_reason->setObjectName(QStringLiteral("stateReason"));
    // Ignored width: a long reason is elided, it never widens the tile or pushes the preview away.
    m_reason->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    // It gets its width only once the layout shows it, after setSummary(): elide again then.
    m_reason->installEventFilter(this);
    m_detail->setWordWrap(true);
    m_warning->setWordWrap(true);
    m_timing->setWordWrap(true);
    m_detail->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_detail->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Ignored);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 10, 16, 10);
    layout->setSpacing(4);
    layout->addWidget(m_title);
    layout->addWidget(m_timing);
    layout->addWidget(m_detail, 1);
    layout->addWidget(m_reason);
    layout->addWidget(m_warning);
    m_timing->hide();
    m_warning->hide();
    m_reason->hide();
}

void StateTile::setSummary(const StatusSummary &summary)
{
    const QColor colour = StatusSummary::colour(summary.tile);
    if (colour != m_colour) // restyling is costly: the colour changes rarely, the texts every poll
        applyColour(colour);
    m_title->setText(summary.title);
    fitTitle();
    m_detail->setText(summary.detail);
    m_timing->setText(summary.timing);
    m_timing->setVisible(!summary.timing.isEmpty());
    m_warning->setText(summary.warning.isEmpty() ? QString() : QStringLiteral("⚠ ") + summary.warning);
    m_warning->setVisible(!summary.warning.isEmpty());
    m_reasonText = summary.reason;
    m_reason->setVisible(!summary.reason.isEmpty());
    elideReason();
    setAccessibleName(summary.reason.isEmpty() ? summary.title + QStringLiteral(": ") + summary.detail
                                               : summary.title + QStringLiteral(": ") + summary.detail
                                                     + QStringLiteral(" (") + summary.reason + QLatin1Char(')'));
}

bool StateTile::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_reason && event->type() == QEvent::Resize)
        elideReason();
    return QFrame::eventFilter(watched, event);
}

void StateTile::elideReason()
{
    // One line at most: the detail above is what the tile is for; the whole reason is in the
    // accessible name and in `recorderctl status`.
    m_reason->setText(m_reason->fontMetrics().elidedText(m_reasonText, Qt::ElideRight, m_reason->width()));
    m_reason->setAccessibleName(m_reasonText);
}

void StateTile::applyColour(const QColor &colour)
{
    m_colour = colour;
    // One flat colour; white text on each of them passes WCAG AA for large text.
    setStyleSheet(QStringLiteral("#stateTile { background: %1; border-radius: 12px; }"
                                 "#stateTile QLabel { color: white; background: transparent; }"
                                 "#stateTile QLabel#stateWarning { background: #FFD54F; color: #1A1A1A;"
                                 " border-radius: 6px; padding: 4px 8px; }")
                      .arg(m_colour.name()));
}

void StateTile::resizeEvent(QResizeEvent *event)
{
    QFrame::resizeEvent(event);
    fitTitle();
    elideReason();
}

void StateTile::fitTitle()
{
    // The state word is as large as the tile allows, never cut: "RECORDER AUSGEFALLEN" is longer
    // than "READY", and a larger window gets a larger word.
    const int available = contentsRect().width() - 32;
    QFont font = m_title->font();
    font.setWeight(QFont::ExtraBold);
    int size = std::clamp(height() / 4, kMinTitlePx, kMaxTitlePx);
    for (; size > kMinTitlePx; size -= 2) {
        font.setPixelSize(size);
        if (QFontMetrics(font).horizontalAdvance(m_title->text()) <= available)
            break;
    }
    // The window's style sheet sets every label's font; only a style sheet can override it.
    if (size != m_titlePx) {
        m_titlePx = size;
        m_title->setStyleSheet(QStringLiteral("font-size: %1px; font-weight: 800;").arg(size));
    }
}

QString StateTile::title() const
{
    return m_title->text();
}

QString StateTile::reason() const
{
    return !m_reason->isHidden() ? m_reason->text() : QString();
}

QString StateTile::warning() const
{
    return !m_warning->isHidden() ? m_warning->text() : QString();
}
