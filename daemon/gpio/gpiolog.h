// SPDX-License-Identifier: MIT
// The logging category of daemon/gpio: recorder.gpio.
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcGpio)
