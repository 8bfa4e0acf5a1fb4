// SPDX-License-Identifier: MIT
#include "backoff.h"

#include <algorithm>
#include <cmath>

double Backoff::fail()
{
    ++m_failures;
    return seconds();
}

double Backoff::seconds() const
{
    if (m_failures == 0)
        return 0;
    // Capped exponent: 2^30 × 30 s is far past any allowed maximum, and keeps pow() finite.
    const double wait = kFirstSeconds * std::pow(2.0, std::min(m_failures - 1, 30));
    return std::min(wait, std::max(m_maxSeconds, kFirstSeconds));
}
