// SPDX-License-Identifier: MIT
// Disk free as a bar with the time left at the current write rate.
#pragma once

#include <QWidget>

// Thread-bound to the UI thread.
class DiskGauge : public QWidget
{
    Q_OBJECT
public:
    explicit DiskGauge(QWidget *parent = nullptr);

    // `bitsPerSecond` 0 means not writing: no time left is shown. `total` 0 means unknown.
    void setUsage(qint64 freeBytes, qint64 totalBytes, double bitsPerSecond);
    void setUnknown(const QString &why);
    QString text() const { return m_text; }

    QSize sizeHint() const override { return {400, 40}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    double m_usedFraction = -1; // < 0: unknown
    QString m_text;
};
