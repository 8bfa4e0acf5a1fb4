// SPDX-License-Identifier: MIT
// Creates the capture Source named by [camera] source, and checks that setting at start-up.
#pragma once

#include "source.h"

#include <memory>

class Config;

// Reentrant; call on the main thread at start-up.
class SourceFactory
{
public:
    // Checks [camera] against the chosen source: an empty string, or one line naming what is
    // wrong and what is allowed (the caller exits 78).
    static QString validate(const Config &config);

    // Creates the source without touching any device. `auto` becomes an AutoSource, which
    // chooses (libcamera, else the first V4L2 capture device, else the test pattern with a
    // warning) when the capture thread opens it.
    static std::unique_ptr<Source> create(const Config &config);

    static Source::Settings settings(const Config &config);

    // Whether this build has the libcamera source.
    static bool haveLibcamera();
};
