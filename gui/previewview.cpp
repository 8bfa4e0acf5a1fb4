// SPDX-License-Identifier: MIT
// The last preview frame the recorder wrote, scaled to fit, or the reason there is none.
#include "previewview.h"

#include <QPainter>

PreviewView::PreviewView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("preview"));
    setMinimumSize(200, 112);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
}

void PreviewView::setImage(const QImage &image, const QString &caption)
{
    m_image = image;
    m_caption = caption;
    m_why.clear();
    update();
}

void PreviewView::setUnavailable(const QString &why)
{
    m_image = QImage();
    m_why = why;
    update();
}

void PreviewView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.fillRect(rect(), QColor(0x0B, 0x0E, 0x12));
    if (!m_image.isNull()) {
        // The frame at the top, its time under it: an old frame must not pass for a live one.
        const int captionHeight = fontMetrics().height() + 8;
        const QSize fitted = m_image.size().scaled(size() - QSize(0, captionHeight), Qt::KeepAspectRatio);
        const QRect target(QPoint((width() - fitted.width()) / 2, 0), fitted);
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        painter.drawImage(target, m_image);
        painter.setPen(QColor(0xB0, 0xBE, 0xC5));
        painter.drawText(QRect(0, target.bottom() + 4, width(), captionHeight), Qt::AlignHCenter | Qt::AlignTop,
                         m_caption);
        return;
    }
    painter.setPen(QColor(0xB0, 0xBE, 0xC5));
    painter.drawRect(rect().adjusted(0, 0, -1, -1));
    painter.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, m_why);
}
