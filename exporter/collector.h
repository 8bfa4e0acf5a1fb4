// SPDX-License-Identifier: MIT
// One input of the exporter (heartbeat, watchdog status, catalog) turned into metric families.
#pragma once

#include <QString>

namespace prometheus {
class Registry;
}

// Implementations are reentrant and only read their input; MetricsCache runs them on its worker
// thread once per [metrics] cache period, so each collect() must stay cheap (no row scans).
class Collector
{
public:
    virtual ~Collector() = default;

    // The `source` label of recorder_exporter_scrape_errors_total for this input.
    virtual QString source() const = 0;

    // Adds this input's families to `registry`. Returns an empty string, or one line saying why the
    // input could not be read; the families documented as always present are added even then.
    virtual QString collect(prometheus::Registry &registry) = 0;
};
