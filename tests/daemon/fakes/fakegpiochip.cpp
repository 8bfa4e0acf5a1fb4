// SPDX-License-Identifier: MIT
// A GpioChip for tests: lines are plain values; a test presses the button and reads the LEDs.
#include "fakegpiochip.h"

QString FakeGpioChip::watchInput(int line, bool low)
{
    if (busyLines.contains(line))
        return QStringLiteral("line %1 of GPIO chip fake is held by another program").arg(line);
    activeLow.insert(line, low);
    return {};
}

QString FakeGpioChip::claimOutput(int line)
{
    if (busyLines.contains(line))
        return QStringLiteral("line %1 of GPIO chip fake is held by another program").arg(line);
    outputs.insert(line, {});
    return {};
}

void FakeGpioChip::setOutput(int line, bool on)
{
    if (outputs.contains(line))
        outputs[line].append(on);
}
