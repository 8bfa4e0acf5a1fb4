// SPDX-License-Identifier: MIT
// Converts a picture to the encoder's pixel format and size with libswscale, only when it differs.
#pragma once

#include "../capture/frame.h"

struct SwsContext;

// Thread-bound: used by the encoding thread.
class FrameConverter
{
public:
    FrameConverter() = default;
    ~FrameConverter();
    FrameConverter(const FrameConverter &) = delete;
    FrameConverter &operator=(const FrameConverter &) = delete;

    // Returns `input` itself when it already has `format` and the size; otherwise a converted
    // picture owned by the converter (valid until the next call). Null on failure.
    const AVFrame *convert(const AVFrame *input, int format, int width, int height);

    // Scaler set-ups so far (for tests and bench/framecopies): one per change of sizes or formats.
    int setups() const { return m_setups; }

private:
    struct Key {
        int inputFormat = -1;
        int inputWidth = 0;
        int inputHeight = 0;
        int format = -1;
        int width = 0;
        int height = 0;
        bool operator==(const Key &other) const
        {
            return inputFormat == other.inputFormat && inputWidth == other.inputWidth
                && inputHeight == other.inputHeight && format == other.format && width == other.width
                && height == other.height;
        }
    };

    SwsContext *m_scaler = nullptr;
    Key m_key;  // what m_scaler was set up for
    Key m_failedKey; // the last conversion libswscale refused, already logged
    int m_setups = 0;
    AVFramePtr m_output;
};
