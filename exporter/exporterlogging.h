// SPDX-License-Identifier: MIT
// The exporter's logging category, recorder.exporter.
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcExporter)
