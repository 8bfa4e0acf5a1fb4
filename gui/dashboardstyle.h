// SPDX-License-Identifier: MIT
// The dashboard's look: a dark, high-contrast, touch-sized style sheet.
#pragma once

#include <QString>

// Reentrant: a constant.
class DashboardStyle
{
public:
    // No :hover rules on purpose: a touchscreen has no hover, so nothing may depend on it.
    static QString sheet();
};
