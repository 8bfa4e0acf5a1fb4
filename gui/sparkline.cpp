// SPDX-License-Identifier: MIT
// A small bar chart of recent values (frames dropped per minute), newest on the right.
#include "sparkline.h"

#include <QPainter>

#include <algorithm>

namespace {
constexpr int kBarPitch = 4; // pixels per bar: wide enough to see at arm's length
const QColor kBaseline(0x60, 0x70, 0x80);
const QColor kBar(0xFF, 0x8A, 0x65); // the warning colour of the status page
} // namespace

Sparkline::Sparkline(QWidget *parent) : QWidget(parent)
{
    setMinimumHeight(60);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void Sparkline::setValues(const QList<double> &values)
{
    m_values = values;
    update();
}

void Sparkline::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const int bottom = height() - 2;
    painter.fillRect(0, bottom, width(), 2, kBaseline);
    const int fit = std::max(1, width() / kBarPitch);
    const QList<double> shown = m_values.mid(std::max<qsizetype>(0, m_values.size() - fit));
    const double top = shown.isEmpty() ? 0 : *std::max_element(shown.cbegin(), shown.cend());
    if (top <= 0)
        return;
    int x = width() - int(shown.size()) * kBarPitch;
    for (double v : shown) {
        const int h = v > 0 ? std::max(2, int(v / top * (bottom - 2))) : 0;
        painter.fillRect(x, bottom - h, kBarPitch - 1, h, kBar);
        x += kBarPitch;
    }
}
