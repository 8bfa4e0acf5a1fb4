// SPDX-License-Identifier: MIT
// Leaves out gauge samples from an input file that cannot be right (NaN, infinite, out of range)
// and logs which, once per change.
#pragma once

#include <prometheus/registry.h>

#include <QString>
#include <QStringList>

#include <string>

// Thread-bound to the thread that runs its collector (MetricsCache's worker). A collector keeps
// one, calls setGauge() for each value it reads from its file and finish() after a collection.
//
// A bad heartbeat (a bug, a half-written file from an old version, someone's hand) must not make
// Prometheus store -5 free bytes or NaN frames per second: a left-out sample reads as "unknown",
// which is true, where a clamped 0 would fire disk-full or no-frames alerts that are false.
class SampleFilter
{
public:
    explicit SampleFilter(const QString &source);

    // Adds `value` as the one sample of gauge `name` when it is finite and within [min, max];
    // otherwise remembers the field for finish(). Returns whether it was added.
    bool setGauge(prometheus::Registry &registry, const std::string &name, const std::string &help, double value,
                  double min, double max);
    // Logs one line naming the fields left out when they differ from the last collection's.
    void finish();

private:
    QString m_source;
    QStringList m_current;      // "name = value (allowed: …)" for the log line
    QStringList m_currentNames; // the same fields, by name only
    QStringList m_lastNames;
};
