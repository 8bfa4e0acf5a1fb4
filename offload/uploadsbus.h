// SPDX-License-Identifier: MIT
// recorderd's and recorder-offload's names on the system bus (docs/offload.md).
#pragma once

#include <QString>

// Reentrant: constants.
namespace UploadsBus {
inline QString recorderService() { return QStringLiteral("org.recorder.Recorder1"); }
inline QString recorderPath() { return QStringLiteral("/org/recorder/Recorder1"); }
inline QString uploadsInterface() { return QStringLiteral("org.recorder.Uploads1"); }
inline QString offloadService() { return QStringLiteral("org.recorder.Offload1"); }
inline QString offloadPath() { return QStringLiteral("/org/recorder/Offload1"); }
inline QString offloadInterface() { return QStringLiteral("org.recorder.Offload1"); }
} // namespace UploadsBus
