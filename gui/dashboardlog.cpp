// SPDX-License-Identifier: MIT
// The dashboard's logging category, recorder.dashboard.
#include "dashboardlog.h"

Q_LOGGING_CATEGORY(lcDashboard, "recorder.dashboard")
