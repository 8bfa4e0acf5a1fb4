// SPDX-License-Identifier: MIT
// A recording read and decoded the way a player does: both tracks' lengths, the sound as samples.
#pragma once

#include <QList>
#include <QString>

#include <vector>

// Reentrant value type, for tests of the sound track (tst_audio, tst_audioworker).
struct DecodedRecording {
    QString error;            // empty when both tracks decode without an error
    QString audioCodec;
    int sampleRate = 0;
    double videoSeconds = 0;  // from the first frame's start to the last frame's end
    double audioSeconds = 0;  // likewise for the sound packets
    // Sound packets that do not start where the one before ended: a hole or an overlap. The
    // first packet is not counted: the muxer puts it at time 0, up to half a packet off the
    // others (docs/recorder.md, "Same files, same fragments").
    qint64 audioGaps = 0;
    double captureClock = -1; // the "capture_clock=" comment: where the first frame sits on the capture clock
    double audioStart = 0;    // file time of the first decoded sample
    std::vector<float> pcm;   // the decoded sound, first channel, back to back

    static DecodedRecording read(const QString &path);

    // Onsets of loud sound (>= `level`) after at least 0.2 s of quiet, in seconds of file time:
    // the test tone's clicks.
    QList<double> clickOnsets(float level = 0.5f) const;
    // The loudest sample between two file times (seconds).
    float peak(double fromSeconds, double toSeconds) const;
};
