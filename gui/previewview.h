// SPDX-License-Identifier: MIT
// The last preview frame the recorder wrote, scaled to fit, or the reason there is none.
#pragma once

#include <QImage>
#include <QWidget>

// Thread-bound to the UI thread.
class PreviewView : public QWidget
{
    Q_OBJECT
public:
    explicit PreviewView(QWidget *parent = nullptr);

    // `caption` says how old the frame is; drawn under it.
    void setImage(const QImage &image, const QString &caption);
    void setUnavailable(const QString &why);
    bool hasImage() const { return !m_image.isNull(); }

    QSize sizeHint() const override { return {320, 180}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override { return width * 9 / 16; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QImage m_image;
    QString m_why;
    QString m_caption;
};
