// SPDX-License-Identifier: MIT
// The logging category of daemon/gpio: recorder.gpio.
#include "gpiolog.h"

Q_LOGGING_CATEGORY(lcGpio, "recorder.gpio")
