// SPDX-License-Identifier: MIT
// A push button on a GPIO input line: debounced, told apart into presses and long presses.
#include "gpiobutton.h"

#include "gpiochip.h"

GpioButton::GpioButton(GpioChip *chip, int line, int debounceMs, int longPressMs, QObject *parent)
    : QObject(parent), m_line(line)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(debounceMs);
    m_debounce.setTimerType(Qt::PreciseTimer);
    m_longPress.setSingleShot(true);
    m_longPress.setInterval(longPressMs);
    connect(chip, &GpioChip::inputChanged, this, &GpioButton::onInput);
    connect(&m_debounce, &QTimer::timeout, this, &GpioButton::onSettled);
    connect(&m_longPress, &QTimer::timeout, this, [this] {
        m_longFired = true;
        emit longPressed();
    });
}

void GpioButton::onInput(int line, bool active)
{
    if (line != m_line)
        return;
    // Every change restarts the wait: the level counts once it has held for the debounce time.
    m_level = active;
    m_debounce.start();
}

void GpioButton::onSettled()
{
    if (m_level == m_down)
        return; // bounced back: nothing happened
    m_down = m_level;
    if (m_down) {
        m_longFired = false;
        m_longPress.start();
        return;
    }
    m_longPress.stop();
    if (!m_longFired)
        emit pressed();
}
