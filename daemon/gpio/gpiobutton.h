// SPDX-License-Identifier: MIT
// A push button on a GPIO input line: debounced, told apart into presses and long presses.
#pragma once

#include <QObject>
#include <QTimer>

class GpioChip;

// Thread-bound to the chip's thread. Listens to a line already claimed with GpioChip::watchInput().
class GpioButton : public QObject
{
    Q_OBJECT

public:
    // `chip` is borrowed and must outlive the button.
    GpioButton(GpioChip *chip, int line, int debounceMs, int longPressMs, QObject *parent = nullptr);

    bool isDown() const { return m_down; }

signals:
    // Released before the long press time.
    void pressed();
    // Held for the long press time: emitted then, while still held, so the user sees the effect
    // without guessing when to let go; the release that follows is not a press.
    void longPressed();

private:
    void onInput(int line, bool active);
    void onSettled();

    int m_line;
    bool m_level = false; // the line's last reported level, maybe still bouncing
    bool m_down = false;  // the debounced level
    bool m_longFired = false;
    QTimer m_debounce;
    QTimer m_longPress;
};
