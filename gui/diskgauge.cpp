// SPDX-License-Identifier: MIT
// Disk free as a bar with the time left at the current write rate.
#include "diskgauge.h"

#include "displayformat.h"

#include <QPainter>
#include <QPainterPath>

namespace {
// Below these free fractions the bar turns amber, then red.
constexpr double kLowFree = 0.20;
constexpr double kCriticalFree = 0.08;
} // namespace

DiskGauge::DiskGauge(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("diskGauge"));
    setMinimumHeight(40);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void DiskGauge::setUsage(qint64 freeBytes, qint64 totalBytes, double bitsPerSecond)
{
    if (totalBytes <= 0) {
        setUnknown(tr("Disk: size unknown"));
        return;
    }
    m_usedFraction = 1.0 - static_cast<double>(freeBytes) / static_cast<double>(totalBytes);
    m_text = tr("Disk: %1 free of %2").arg(DisplayFormat::size(freeBytes), DisplayFormat::size(totalBytes));
    if (bitsPerSecond > 0) {
        const double secondsLeft = static_cast<double>(freeBytes) * 8.0 / bitsPerSecond;
        m_text += tr(" · %1 left at %2").arg(DisplayFormat::duration(secondsLeft), DisplayFormat::bitrate(bitsPerSecond));
    }
    setAccessibleName(m_text);
    update();
}

void DiskGauge::setUnknown(const QString &why)
{
    m_usedFraction = -1;
    m_text = why;
    setAccessibleName(m_text);
    update();
}

void DiskGauge::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF bar = QRectF(rect()).adjusted(1, 1, -1, -1);
    QPainterPath outline;
    outline.addRoundedRect(bar, 8, 8);
    painter.fillPath(outline, QColor(0x2B, 0x33, 0x40));
    if (m_usedFraction >= 0) {
        const double freeFraction = 1.0 - m_usedFraction;
        const QColor fill = freeFraction < kCriticalFree ? QColor(0xC6, 0x28, 0x28)
                          : freeFraction < kLowFree      ? QColor(0xF9, 0xA8, 0x25)
                                                         : QColor(0x43, 0x87, 0x5A);
        painter.save();
        painter.setClipPath(outline);
        painter.fillRect(QRectF(bar.left(), bar.top(), bar.width() * std::clamp(m_usedFraction, 0.0, 1.0), bar.height()), fill);
        painter.restore();
    }
    painter.setPen(Qt::white);
    painter.drawText(bar.adjusted(12, 0, -12, 0), Qt::AlignVCenter | Qt::AlignLeft, m_text);
}
