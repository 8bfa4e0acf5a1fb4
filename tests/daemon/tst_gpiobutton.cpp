// SPDX-License-Identifier: MIT
// Tests GpioButton: debounce, press, long press, other lines, on a fake chip with short real timers.
#include "fakegpiochip.h"
#include "gpiobutton.h"

#include <QSignalSpy>
#include <QTest>

namespace {
constexpr int kDebounceMs = 30;
// Long enough that a short press never turns into a long one on a loaded 2-core CI machine;
// only the long-press test uses the short hold, and waits for it.
constexpr int kLongPressMs = 5000;
constexpr int kShortLongPressMs = 300;
constexpr int kLine = 17;
} // namespace

class TestGpioButton : public QObject
{
    Q_OBJECT

    // Waits (on the event loop) until the button's debounced level is `down`.
    static bool settles(const GpioButton &button, bool down)
    {
        return QTest::qWaitFor([&] { return button.isDown() == down; }, 2000);
    }

private slots:
    void shortPressIsAPress()
    {
        FakeGpioChip chip;
        GpioButton button(&chip, kLine, kDebounceMs, kLongPressMs);
        QSignalSpy pressed(&button, &GpioButton::pressed);
        QSignalSpy held(&button, &GpioButton::longPressed);
        chip.setInput(kLine, true);
        QVERIFY(settles(button, true));
        QCOMPARE(pressed.count(), 0); // a press counts on release: it might become a long one
        chip.setInput(kLine, false);
        QVERIFY(pressed.wait(2000));
        QCOMPARE(pressed.count(), 1);
        QCOMPARE(held.count(), 0);
    }

    void bouncingContactIsOnePress()
    {
        FakeGpioChip chip;
        GpioButton button(&chip, kLine, kDebounceMs, kLongPressMs);
        QSignalSpy pressed(&button, &GpioButton::pressed);
        // A contact bounces within the debounce time, on the way down and on the way up.
        for (bool level : {true, false, true, false, true})
            chip.setInput(kLine, level);
        QVERIFY(settles(button, true));
        for (bool level : {false, true, false, true, false})
            chip.setInput(kLine, level);
        QVERIFY(pressed.wait(2000));
        QTest::qWait(3 * kDebounceMs); // no second press may follow
        QCOMPARE(pressed.count(), 1);
    }

    void glitchShorterThanDebounceIsNothing()
    {
        FakeGpioChip chip;
        GpioButton button(&chip, kLine, kDebounceMs, kLongPressMs);
        QSignalSpy pressed(&button, &GpioButton::pressed);
        chip.setInput(kLine, true);
        chip.setInput(kLine, false); // back before the debounce time: noise on the wire
        QTest::qWait(3 * kDebounceMs);
        QVERIFY(!button.isDown());
        QCOMPARE(pressed.count(), 0);
    }

    void longPressFiresWhileHeldAndReleaseIsNoPress()
    {
        FakeGpioChip chip;
        GpioButton button(&chip, kLine, kDebounceMs, kShortLongPressMs);
        QSignalSpy pressed(&button, &GpioButton::pressed);
        QSignalSpy held(&button, &GpioButton::longPressed);
        chip.setInput(kLine, true);
        QVERIFY(held.wait(2000));
        QVERIFY(button.isDown()); // still held: the user sees Stop happen without letting go
        chip.setInput(kLine, false);
        QVERIFY(settles(button, false));
        QCOMPARE(held.count(), 1);
        QCOMPARE(pressed.count(), 0);
    }

    void otherLinesAreIgnored()
    {
        FakeGpioChip chip;
        GpioButton button(&chip, kLine, kDebounceMs, kLongPressMs);
        chip.setInput(kLine + 1, true);
        QTest::qWait(3 * kDebounceMs);
        QVERIFY(!button.isDown());
    }
};

QTEST_GUILESS_MAIN(TestGpioButton)
#include "tst_gpiobutton.moc"
