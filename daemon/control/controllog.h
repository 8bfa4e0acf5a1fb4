// SPDX-License-Identifier: MIT
// The logging category of daemon/control: recorder.control.
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcControl)
