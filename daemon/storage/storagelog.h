// SPDX-License-Identifier: MIT
// The storage module's logging category, recorder.storage (catalog, recovery, retention).
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcStorage)
