// SPDX-License-Identifier: MIT
// The log category of the capture module (recorder.capture).
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcCapture)
