// SPDX-License-Identifier: MIT
// An LED of the kernel's LED class (/sys/class/leds/NAME), switched through its brightness file.
#include "sysfsled.h"

SysfsLed::SysfsLed(const QString &directory) : m_directory(directory), m_brightness(directory + QStringLiteral("/brightness")) {}

SysfsLed::~SysfsLed()
{
    if (m_brightness.isOpen())
        set(false);
}

QString SysfsLed::open()
{
    // A trigger would switch the LED behind our back.
    QFile trigger(m_directory + QStringLiteral("/trigger"));
    if (trigger.open(QIODevice::WriteOnly))
        trigger.write("none");
    QFile max(m_directory + QStringLiteral("/max_brightness"));
    if (max.open(QIODevice::ReadOnly)) {
        const QByteArray value = max.readAll().trimmed();
        if (!value.isEmpty())
            m_onValue = value;
    }
    if (!m_brightness.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return QStringLiteral("cannot write %1: %2").arg(m_brightness.fileName(), m_brightness.errorString());
    return {};
}

void SysfsLed::set(bool on)
{
    m_brightness.seek(0); // each write is a whole new value
    m_brightness.write(on ? m_onValue : QByteArray("0"));
}
