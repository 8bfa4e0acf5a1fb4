// SPDX-License-Identifier: MIT
// The date and time (and an optional camera name) burned into each picture before it is encoded.
#pragma once

#include "../capture/frame.h"

#include <QByteArray>
#include <QRect>
#include <QString>
#include <QTimeZone>
#include <QVector>

#include <optional>

// Thread-bound: used by the encoding thread. The text is drawn with BitmapFont's glyphs,
// rendered once at construction; the line of text is composed again only when it changes (once a
// second), and a picture costs a copy of that line's rows into the luma plane and a fill of the
// same rectangle in the chroma planes (neutral grey), nothing outside it. Every pixel written
// depends only on the text, not on what was there: a picture drawn twice (a file source repeating
// a picture) looks the same.
class TimeOverlay
{
public:
    enum class Position { TopLeft, TopRight, BottomLeft, BottomRight };
    struct Settings {
        bool enabled = false;
        QString format = QStringLiteral("%Y-%m-%d %H:%M:%S"); // strftime
        Position position = Position::TopLeft;
        int size = 45;        // height of the dark box in pixels; the font scales by size / 9
        QString text;         // a fixed text before the time (a camera name); may be empty
        QString timeZone;     // an IANA ID; empty: the system's local time
    };
    static std::optional<Position> parsePosition(const QString &text);

    static constexpr unsigned char kInk = 235;  // video-range white
    static constexpr unsigned char kPaper = 16; // video-range black

    explicit TimeOverlay(const Settings &settings);
    TimeOverlay(const TimeOverlay &) = delete;
    TimeOverlay &operator=(const TimeOverlay &) = delete;

    // The line drawn for a picture captured at `wallUs` (µs since the epoch): the fixed text,
    // two spaces and the formatted time.
    QByteArray textAt(qint64 wallUs) const;

    // Draws the line for `wallUs` into `picture` when it may be written, else into a copy the
    // overlay owns (valid until the next call; a camera's read-only buffer). Returns the picture
    // drawn into, or `picture` unchanged for a pixel format it cannot draw into (not 8-bit YUV).
    const AVFrame *draw(const AVFrame *picture, qint64 wallUs);

    // Where the line goes in a `width` x `height` picture (clipped to it), and its luma rows,
    // box.width() bytes each: what a reader of the file compares against.
    QRect box(int width, int height) const;
    QByteArray luma() const { return m_luma; }

    // The rendering of `text` at the overlay's scale: width x height bytes of luma.
    QByteArray render(const QByteArray &text, int *width) const;

private:
    void compose(const QByteArray &text);
    QByteArray formatTime(qint64 seconds) const;

    const Settings m_settings;
    const QTimeZone m_zone;     // invalid: the system's local time
    const QByteArray m_prefix;  // the fixed text and its two spaces, or nothing
    const int m_scale;
    QVector<QByteArray> m_cells; // indexed by character code, 0..127
    qint64 m_second = -1;        // of the text composed, in seconds since the epoch
    QByteArray m_text;
    QByteArray m_luma;           // m_width x m_height
    int m_width = 0;
    int m_height = 0;
    AVFramePtr m_copy;
    bool m_warnedFormat = false; // a pixel format without the overlay is logged once
};
