// SPDX-License-Identifier: MIT
// Counters the capture and encoding threads update and the main loop reads for the heartbeat.
#pragma once

#include <QtGlobal>

#include <atomic>

// Thread-safe: plain atomics, written by the pipeline threads, read by anyone.
struct PipelineCounters {
    std::atomic<qint64> framesCaptured{0};
    // At the source: the capture clock ticked but no frame was ready in time, or a camera's own
    // clock or sequence shows frames it lost (its buffer pool ran dry, a gap in its sequence).
    std::atomic<qint64> framesDroppedSource{0};
    std::atomic<qint64> framesDroppedQueue{0};   // the encoder fell behind: the queue was full
    std::atomic<qint64> framesDroppedEncoder{0}; // encode or write failed, or no file could be opened
    std::atomic<qint64> framesDroppedWriter{0};  // the writer fell behind its budget, or a fragment did not fit on disk
    std::atomic<qint64> framesEncoded{0};        // frames in whole fragments written to a file
    std::atomic<qint64> framesMuxed{0};          // frames the writer put into a file's current fragment: its progress
    std::atomic<qint64> bytesWritten{0};
    std::atomic<qint64> lastFrameMonotonicUs{0};

    // Sound ([audio]), written by the audio thread.
    enum class Audio { Off, Ok, Missing };
    std::atomic<Audio> audio{Audio::Off};
    std::atomic<double> audioLevelDbfs{-100}; // peak over the last second; -100 stands for silence
    // AAC frames (1024 samples) of sound lost or padded over. Two counters because two threads
    // write them: the audio thread stores its absolute count, the writer adds what it throws away
    // while video is absent; one shared counter would lose the writer's increments.
    std::atomic<qint64> audioFramesDropped{0};       // audio thread: stored, never incremented
    std::atomic<qint64> audioFramesDroppedWriter{0}; // writer thread: incremented

    qint64 audioFramesDroppedTotal() const { return audioFramesDropped + audioFramesDroppedWriter; }

    qint64 framesDropped() const
    {
        return framesDroppedSource + framesDroppedQueue + framesDroppedEncoder + framesDroppedWriter;
    }
};
