// SPDX-License-Identifier: MIT
// One figure on the status page: a caption above a large value.
#pragma once

#include <QFrame>

class QLabel;

// Thread-bound to the UI thread.
class StatCell : public QFrame
{
    Q_OBJECT
public:
    StatCell(const QString &objectName, const QString &caption, QWidget *parent = nullptr);

    // `alarm` paints the value in the warning colour: the figure needs attention.
    void setValue(const QString &value, bool alarm = false);
    QString value() const;

private:
    QLabel *m_caption;
    QLabel *m_value;
    bool m_alarm = false;
};
