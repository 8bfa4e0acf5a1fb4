// SPDX-License-Identifier: MIT
// Creates the AudioSource named by [audio] source, and checks the [audio] settings at start-up.
#pragma once

#include "aacencoder.h"
#include "audiosource.h"

#include <memory>

class Config;

// Reentrant: functions of the configuration only.
namespace AudioFactory {
// False for [audio] source=none: no sound track, no audio thread.
bool enabled(const Config &config);
AudioSource::Settings settings(const Config &config);
AacEncoder::Settings encoderSettings(const Config &config);
// An empty string, or one line naming the bad value and what is allowed (the caller exits 78).
QString validate(const Config &config);
// The source for [audio] source (not none).
std::unique_ptr<AudioSource> create(const Config &config);
} // namespace AudioFactory
