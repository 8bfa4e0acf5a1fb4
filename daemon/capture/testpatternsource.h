// SPDX-License-Identifier: MIT
// The synthetic camera: colour bars, a moving box and the wall-clock time, paced by the capture clock.
#pragma once

#include "source.h"

#include <QByteArray>
#include <QVector>

#include "framepool.h"

#include <memory>

// Thread-bound to the capture thread (see Source). Everything that does not move is drawn once
// in open(); a frame costs row copies from the two background bands, one small box and the
// time text blitted from pre-rendered glyphs. Frame buffers come from a pool, so the steady
// state allocates nothing (and a burst's extra buffers are freed again).
class TestPatternSource : public Source
{
public:
    // For tests only: while the file named by this environment variable exists, the source
    // delivers no frames, like a camera whose frontend has timed out (docs/recorder.md).
    static constexpr const char *kStallFileVariable = "RECORDER_TEST_STALL_FILE";

    TestPatternSource(const Settings &settings, bool utcClock);
    ~TestPatternSource() override;

    QString name() const override { return QStringLiteral("testpattern"); }
    QString open() override;
    void close() override;
    Grab grab(qint64 elapsedUs, Frame &out, QString &error) override;

private:
    struct Glyph {
        QByteArray luma; // m_glyphWidth x m_glyphHeight, one byte per pixel
    };

    void drawBackground();
    void fillBackground(AVFrame *frame) const;
    void renderGlyphs();
    void drawBox(AVFrame *frame, qint64 elapsedUs) const;
    void drawClock(AVFrame *frame, qint64 wallUs) const;
    bool stalled() const;

    const Settings m_settings;
    const bool m_utcClock;
    const QByteArray m_stallFile;
    int m_lumaStride = 0;
    int m_chromaStride = 0;
    QByteArray m_barsRow[3]; // one row of the bars band per plane
    QByteArray m_rampRow[3]; // one row of the ramp band per plane
    int m_barsHeight = 0;
    QVector<Glyph> m_glyphs; // indexed by glyphIndex()
    int m_glyphWidth = 0;
    int m_glyphHeight = 0;
    std::unique_ptr<FramePool> m_pools[3];
};
