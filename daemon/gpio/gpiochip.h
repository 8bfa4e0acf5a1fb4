// SPDX-License-Identifier: MIT
// A GPIO chip as the recorder uses one: input lines that report changes, output lines it sets.
#pragma once

#include <QObject>
#include <QString>

// Thread-bound to the thread that created it (the main thread); inputChanged() is emitted there.
// Implementations: LibgpiodChip (the kernel's character device) and, for tests, FakeGpioChip.
class GpioChip : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;
    ~GpioChip() override = default;

    // Claims `line` as an input and reports its logical level (after active-low) through
    // inputChanged() whenever it may have changed. Returns an empty string, or why the line
    // cannot be had (e.g. held by another program).
    virtual QString watchInput(int line, bool activeLow) = 0;
    // Claims `line` as an output, initially off. Returns an empty string or why not.
    virtual QString claimOutput(int line) = 0;
    // Sets a line claimed with claimOutput(); other lines are ignored.
    virtual void setOutput(int line, bool on) = 0;

signals:
    // `active` is the line's logical level now: true while the button is held.
    void inputChanged(int line, bool active);
    // The chip stopped working (e.g. unplugged or its driver unbound): its inputs report nothing
    // more. Emitted once; `reason` is one line.
    void failed(const QString &reason);
};
