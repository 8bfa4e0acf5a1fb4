// SPDX-License-Identifier: MIT
// The dashboard's logging category, recorder.dashboard.
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcDashboard)
