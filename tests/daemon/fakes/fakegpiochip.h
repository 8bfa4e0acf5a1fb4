// SPDX-License-Identifier: MIT
// A GpioChip for tests: lines are plain values; a test presses the button and reads the LEDs.
#pragma once

#include "gpiochip.h"

#include <QHash>
#include <QList>
#include <QSet>

// Thread-bound to the main thread. inputChanged() is emitted at once, as LibgpiodChip does when
// its event descriptor becomes readable.
class FakeGpioChip : public GpioChip
{
    Q_OBJECT

public:
    using GpioChip::GpioChip;

    QString watchInput(int line, bool activeLow) override;
    QString claimOutput(int line) override;
    void setOutput(int line, bool on) override;

    // Script: lines another program holds.
    QSet<int> busyLines;
    // Drives an input line (the logical level: true while pressed).
    void setInput(int line, bool active) { emit inputChanged(line, active); }
    // Breaks the chip as LibgpiodChip reports a read error (chip gone).
    void breakChip(const QString &reason) { emit failed(reason); }

    // Observations.
    QHash<int, bool> activeLow;          // per watched input
    QHash<int, QList<bool>> outputs;     // every value written per output line, in order
    bool output(int line) const { return !outputs.value(line).isEmpty() && outputs.value(line).last(); }
};
