// SPDX-License-Identifier: MIT
// One figure on the status page: a caption above a large value.
#include "statcell.h"

#include <QLabel>
#include <QVBoxLayout>

StatCell::StatCell(const QString &objectName, const QString &caption, QWidget *parent)
    : QFrame(parent)
    , m_caption(new QLabel(caption, this))
    , m_value(new QLabel(this))
{
    // Values from the heartbeat (the camera name among them): plain, never rich text.
    m_caption->setTextFormat(Qt::PlainText);
    m_value->setTextFormat(Qt::PlainText);
    setObjectName(objectName);
    setProperty("statCell", true);
    m_caption->setProperty("caption", true);
    m_value->setProperty("statValue", true);
    // Cells share the row equally whatever their text: the layout decides the width, not the value.
    m_caption->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_value->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 4, 10, 4);
    layout->setSpacing(0);
    layout->addWidget(m_caption);
    layout->addWidget(m_value);
}

void StatCell::setValue(const QString &value, bool alarm)
{
    m_value->setText(value);
    if (alarm != m_alarm) { // restyle only on change: it costs more than the text
        m_alarm = alarm;
        // :enabled so a disabled (out of date) cell greys whatever it says.
        m_value->setStyleSheet(alarm ? QStringLiteral("QLabel:enabled { color: #FF8A65; }") : QString());
    }
    setAccessibleName(m_caption->text() + QStringLiteral(": ") + value);
}

QString StatCell::value() const
{
    return m_value->text();
}
