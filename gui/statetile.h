// SPDX-License-Identifier: MIT
// The large state tile: the recorder's state in colour and in words, readable at arm's length.
#pragma once

#include "statussummary.h"

#include <QFrame>

class QLabel;

// Thread-bound to the UI thread.
class StateTile : public QFrame
{
    Q_OBJECT
public:
    explicit StateTile(QWidget *parent = nullptr);

    void setSummary(const StatusSummary &summary);
    QString title() const;
    QColor colour() const { return m_colour; }
    QString warning() const;
    // The recorder's reason as shown (elided to one line), empty when hidden.
    QString reason() const;

protected:
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    static constexpr int kMinTitlePx = 24;
    static constexpr int kMaxTitlePx = 64;

    void fitTitle();
    void elideReason();
    void applyColour(const QColor &colour);

    QLabel *m_title;
    QLabel *m_detail;
    QLabel *m_timing;
    QLabel *m_warning;
    QLabel *m_reason;
    QString m_reasonText;
    QColor m_colour;
    int m_titlePx = 0;
};
