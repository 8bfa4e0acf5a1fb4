// SPDX-License-Identifier: MIT
// The exporter's logging category, recorder.exporter.
#include "exporterlogging.h"

Q_LOGGING_CATEGORY(lcExporter, "recorder.exporter")
