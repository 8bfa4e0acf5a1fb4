// SPDX-License-Identifier: MIT
// The log category of recorderd's orchestration (recorder.daemon).
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcDaemon)
