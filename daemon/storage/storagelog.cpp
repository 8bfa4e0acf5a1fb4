// SPDX-License-Identifier: MIT
// The storage module's logging category, recorder.storage (catalog, recovery, retention).
#include "storagelog.h"

Q_LOGGING_CATEGORY(lcStorage, "recorder.storage")
