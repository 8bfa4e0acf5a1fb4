// SPDX-License-Identifier: MIT
// The success rate over the last attempts, as the Python recorder reported it.
#pragma once

#include <QList>
#include <optional>

// Reentrant value type. Keeps the outcome of the last kWindow attempts (copy and verification).
class AttemptHistory
{
public:
    static constexpr int kWindow = 20;

    void record(bool succeeded);
    // Successes / attempts in the window; nothing while no attempt was made.
    std::optional<double> successRate() const;
    int attempts() const { return static_cast<int>(m_outcomes.size()); }

private:
    QList<bool> m_outcomes;
};
