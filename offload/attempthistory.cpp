// SPDX-License-Identifier: MIT
#include "attempthistory.h"

#include <algorithm>

void AttemptHistory::record(bool succeeded)
{
    m_outcomes.append(succeeded);
    while (m_outcomes.size() > kWindow)
        m_outcomes.removeFirst();
}

std::optional<double> AttemptHistory::successRate() const
{
    if (m_outcomes.isEmpty())
        return std::nullopt;
    return double(std::count(m_outcomes.cbegin(), m_outcomes.cend(), true)) / double(m_outcomes.size());
}
