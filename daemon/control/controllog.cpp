// SPDX-License-Identifier: MIT
// The logging category of daemon/control: recorder.control.
#include "controllog.h"

Q_LOGGING_CATEGORY(lcControl, "recorder.control")
