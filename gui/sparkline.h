// SPDX-License-Identifier: MIT
// A small bar chart of recent values (frames dropped per minute), newest on the right.
#pragma once

#include <QList>
#include <QWidget>

// Thread-bound to the UI thread. Draws the values it is given; bars scale to the largest one, and a
// run of zeros stays a flat baseline so "nothing dropped" reads as calm at a glance.
class Sparkline : public QWidget
{
    Q_OBJECT
public:
    explicit Sparkline(QWidget *parent = nullptr);

    // Only the newest values that fit the width (one bar per few pixels) are drawn.
    void setValues(const QList<double> &values);
    QList<double> values() const { return m_values; }

    QSize sizeHint() const override { return {400, 90}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<double> m_values;
};
