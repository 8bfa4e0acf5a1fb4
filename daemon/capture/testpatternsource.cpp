// SPDX-License-Identifier: MIT
// The synthetic camera: colour bars, a moving box and the wall-clock time, paced by the capture clock.
#include "testpatternsource.h"
#include "bitmapfont.h"

extern "C" {
#include <libavutil/buffer.h>
#include <libavutil/pixfmt.h>
}

#include <cstring>
#include <ctime>
#include <unistd.h>

namespace {

// The characters of a time stamp, pre-rendered in open().
constexpr char kClockCharacters[] = "0123456789-:. ";

// SIMD readers (swscale, encoders) may read a little past the last row.
constexpr size_t kReadPadding = 64;

constexpr unsigned char kInk = 235;   // video-range white
constexpr unsigned char kPaper = 16;  // video-range black

// 75% colour bars in BT.601 video range: white, yellow, cyan, green, magenta, red, blue, black.
constexpr unsigned char kBars[8][3] = {
    {180, 128, 128}, {162, 44, 142}, {131, 156, 44}, {112, 72, 58},
    {84, 184, 198},  {65, 100, 212}, {35, 212, 114}, {16, 128, 128},
};

int glyphIndex(char c)
{
    const char *found = std::strchr(kClockCharacters, c);
    return found && c ? int(found - kClockCharacters) : int(sizeof(kClockCharacters) - 2);
}

int alignUp(int value, int alignment)
{
    return (value + alignment - 1) / alignment * alignment;
}

} // namespace

TestPatternSource::TestPatternSource(const Settings &settings, bool utcClock)
    : m_settings(settings)
    , m_utcClock(utcClock)
    , m_stallFile(qgetenv(kStallFileVariable))
{
}

TestPatternSource::~TestPatternSource()
{
    close();
}

QString TestPatternSource::open()
{
    close();
    m_lumaStride = alignUp(m_settings.width, 64);
    m_chromaStride = alignUp(m_settings.width / 2, 64);
    drawBackground();
    renderGlyphs();
    const int sizes[3] = {m_lumaStride * m_settings.height, m_chromaStride * m_settings.height / 2,
                          m_chromaStride * m_settings.height / 2};
    // Spares for the frame being drawn, one queued and one being encoded.
    constexpr int kSpares = 3;
    for (int plane = 0; plane < 3; ++plane)
        m_pools[plane] = std::make_unique<FramePool>(size_t(sizes[plane]) + kReadPadding, kSpares);
    return QString();
}

void TestPatternSource::close()
{
    // Frames still referenced by the encoder keep their buffers alive; they free them later.
    for (auto &pool : m_pools)
        pool.reset();
}

void TestPatternSource::drawBackground()
{
    // Bars on the upper two thirds, a grey ramp below: every row of a band is the same, so one
    // row per band and plane is all the memory the background needs.
    const int width = m_settings.width;
    for (auto &row : m_barsRow)
        row = QByteArray(width, char(128));
    for (auto &row : m_rampRow)
        row = QByteArray(width, char(128));
    for (int x = 0; x < width; ++x) {
        m_barsRow[0][x] = char(kBars[x * 8 / width][0]);
        m_rampRow[0][x] = char(16 + 219 * x / width);
    }
    for (int x = 0; x < width / 2; ++x) {
        m_barsRow[1][x] = char(kBars[x * 2 * 8 / width][1]);
        m_barsRow[2][x] = char(kBars[x * 2 * 8 / width][2]);
    }
    m_barsHeight = m_settings.height * 2 / 3;
}

void TestPatternSource::fillBackground(AVFrame *frame) const
{
    for (int plane = 0; plane < 3; ++plane) {
        const int shift = plane == 0 ? 0 : 1;
        const int rows = m_settings.height >> shift;
        const size_t bytes = size_t(m_settings.width >> shift);
        for (int y = 0; y < rows; ++y) {
            const QByteArray &source = (y << shift) < m_barsHeight ? m_barsRow[plane] : m_rampRow[plane];
            std::memcpy(frame->data[plane] + y * frame->linesize[plane], source.constData(), bytes);
        }
    }
}

void TestPatternSource::renderGlyphs()
{
    const int scale = qMax(1, m_settings.height / 180);
    m_glyphWidth = BitmapFont::cellWidth(scale);
    m_glyphHeight = BitmapFont::cellHeight(scale);
    m_glyphs.clear();
    for (const char *c = kClockCharacters; *c; ++c)
        m_glyphs.append(Glyph{BitmapFont::renderCell(*c, scale, kInk, kPaper)});
}

bool TestPatternSource::stalled() const
{
    return !m_stallFile.isEmpty() && ::access(m_stallFile.constData(), F_OK) == 0;
}

Source::Grab TestPatternSource::grab(qint64 elapsedUs, Frame &out, QString &error)
{
    if (stalled())
        return Grab::NotYet;
    AVFramePtr frame(av_frame_alloc());
    if (!frame) {
        error = QStringLiteral("out of memory for a test pattern frame");
        return Grab::Error;
    }
    frame->format = AV_PIX_FMT_YUV420P;
    frame->width = m_settings.width;
    frame->height = m_settings.height;
    const int strides[3] = {m_lumaStride, m_chromaStride, m_chromaStride};
    for (int plane = 0; plane < 3; ++plane) {
        frame->buf[plane] = m_pools[plane]->get();
        if (!frame->buf[plane]) {
            error = QStringLiteral("out of memory for a test pattern frame");
            return Grab::Error;
        }
        frame->data[plane] = frame->buf[plane]->data;
        frame->linesize[plane] = strides[plane];
    }
    fillBackground(frame.get());
    drawBox(frame.get(), elapsedUs);
    drawClock(frame.get(), out.wallUs);
    out.picture = std::move(frame);
    return Grab::Frame;
}

void TestPatternSource::drawBox(AVFrame *frame, qint64 elapsedUs) const
{
    // A box crossing the bars once every four seconds shows motion and dropped frames.
    const int side = qMax(8, m_settings.height / 8) & ~1;
    const int travel = qMax(1, m_settings.width - side);
    const qint64 periodUs = 4'000'000;
    const qint64 phase = elapsedUs % (2 * periodUs);
    const qint64 along = phase < periodUs ? phase : 2 * periodUs - phase;
    const int x0 = int(along * travel / periodUs) & ~1;
    const int y0 = (m_settings.height * 2 / 3 - side) / 2 & ~1;
    for (int y = y0; y < y0 + side; ++y)
        std::memset(frame->data[0] + y * frame->linesize[0] + x0, kInk, size_t(side));
    for (int y = y0 / 2; y < (y0 + side) / 2; ++y) {
        std::memset(frame->data[1] + y * frame->linesize[1] + x0 / 2, 128, size_t(side / 2));
        std::memset(frame->data[2] + y * frame->linesize[2] + x0 / 2, 128, size_t(side / 2));
    }
}

void TestPatternSource::drawClock(AVFrame *frame, qint64 wallUs) const
{
    const time_t seconds = time_t(wallUs / 1'000'000);
    struct tm parts = {};
    if (m_utcClock)
        gmtime_r(&seconds, &parts);
    else
        localtime_r(&seconds, &parts);
    char text[40];
    const int length = std::snprintf(text, sizeof text, "%04d-%02d-%02d %02d:%02d:%02d.%03d",
                                     parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday, parts.tm_hour,
                                     parts.tm_min, parts.tm_sec, int(wallUs / 1000 % 1000));
    const int top = qMax(0, m_settings.height - m_glyphHeight * 2);
    int left = m_glyphWidth;
    for (int i = 0; i < length && left + m_glyphWidth <= m_settings.width && top + m_glyphHeight <= m_settings.height;
         ++i, left += m_glyphWidth) {
        const Glyph &glyph = m_glyphs.at(glyphIndex(text[i]));
        for (int y = 0; y < m_glyphHeight; ++y) {
            std::memcpy(frame->data[0] + (top + y) * frame->linesize[0] + left,
                        glyph.luma.constData() + y * m_glyphWidth, size_t(m_glyphWidth));
        }
    }
}
