// SPDX-License-Identifier: MIT
// The log category of the encoding and file-writing module (recorder.encode).
#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcEncode)
