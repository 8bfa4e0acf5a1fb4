// SPDX-License-Identifier: MIT
// The recorder's states and modes, and their public names (docs/heartbeat.md, docs/dbus-api.md).
#pragma once

#include <QString>

// The heartbeat's `state` values; Heartbeat::states() lists the same names.
enum class RecorderState { Booting, Ready, Recording, Processing, Error, Stopping };

// `[recording] mode`.
enum class RecordingMode { Continuous, Session };

inline QString recorderStateName(RecorderState state)
{
    switch (state) {
    case RecorderState::Booting: return QStringLiteral("booting");
    case RecorderState::Ready: return QStringLiteral("ready");
    case RecorderState::Recording: return QStringLiteral("recording");
    case RecorderState::Processing: return QStringLiteral("processing");
    case RecorderState::Error: return QStringLiteral("error");
    case RecorderState::Stopping: return QStringLiteral("stopping");
    }
    return QStringLiteral("error");
}
