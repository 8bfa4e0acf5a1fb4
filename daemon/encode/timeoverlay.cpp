// SPDX-License-Identifier: MIT
// The date and time (and an optional camera name) burned into each picture before it is encoded.
#include "timeoverlay.h"
#include "encodelog.h"
#include "config.h"
#include "../capture/bitmapfont.h"

#include <QDateTime>

extern "C" {
#include <libavutil/pixdesc.h>
}

#include <cstring>
#include <ctime>

namespace {

constexpr unsigned char kNeutralChroma = 128;

// Only 8-bit YUV (planar, semi-planar like NV12, or grey) is drawn into: the luma plane is
// plane 0 with one byte per pixel, and the chroma planes are filled with one value.
bool drawable(const AVPixFmtDescriptor *desc)
{
    if (!desc || (desc->flags & (AV_PIX_FMT_FLAG_RGB | AV_PIX_FMT_FLAG_PAL | AV_PIX_FMT_FLAG_BITSTREAM
                                 | AV_PIX_FMT_FLAG_HWACCEL | AV_PIX_FMT_FLAG_FLOAT | AV_PIX_FMT_FLAG_BE)))
        return false;
    if (desc->nb_components < 1 || desc->comp[0].plane != 0 || desc->comp[0].step != 1 || desc->comp[0].depth != 8)
        return false;
    return desc->nb_components < 3 || (desc->comp[1].depth == 8 && desc->comp[2].depth == 8);
}

qint64 floorSeconds(qint64 wallUs)
{
    return wallUs >= 0 ? wallUs / 1'000'000 : -((-wallUs + 999'999) / 1'000'000);
}

// strftime() on a broken-down time from gmtime_r() would print GMT for %Z and +0000 for %z:
// those two are replaced by the configured zone's abbreviation and offset first.
QByteArray withZone(const QByteArray &format, int offsetSeconds, const QByteArray &abbreviation)
{
    QByteArray out;
    for (int i = 0; i < format.size(); ++i) {
        if (format[i] != '%' || i + 1 == format.size()) {
            out += format[i];
            continue;
        }
        const char directive = format[++i];
        if (directive == 'z') {
            const int minutes = qAbs(offsetSeconds) / 60;
            out += QByteArray(offsetSeconds < 0 ? "-" : "+")
                + QByteArray::number(minutes / 60).rightJustified(2, '0')
                + QByteArray::number(minutes % 60).rightJustified(2, '0');
        } else if (directive == 'Z') {
            out += QByteArray(abbreviation).replace('%', "%%");
        } else {
            out += '%';
            out += directive;
        }
    }
    return out;
}

} // namespace

std::optional<TimeOverlay::Position> TimeOverlay::parsePosition(const QString &text)
{
    if (text == QLatin1String("top-left"))
        return Position::TopLeft;
    if (text == QLatin1String("top-right"))
        return Position::TopRight;
    if (text == QLatin1String("bottom-left"))
        return Position::BottomLeft;
    if (text == QLatin1String("bottom-right"))
        return Position::BottomRight;
    return std::nullopt;
}

TimeOverlay::TimeOverlay(const Settings &settings)
    : m_settings(settings)
    , m_zone(settings.timeZone.isEmpty() ? QTimeZone() : QTimeZone(settings.timeZone.toUtf8()))
    , m_prefix(settings.text.isEmpty() ? QByteArray() : settings.text.toUtf8() + "  ")
    , m_scale(qMax(1, settings.size / BitmapFont::cellHeight(1)))
{
    // Every character code gets a cell, so composing a line is a lookup per character.
    for (int c = 0; c < 128; ++c)
        m_cells.append(BitmapFont::renderCell(char(c), m_scale, kInk, kPaper));
}

QByteArray TimeOverlay::formatTime(qint64 seconds) const
{
    const QByteArray format = m_settings.format.toUtf8();
    if (format.isEmpty())
        return QByteArray();
    time_t clock = time_t(seconds);
    struct tm parts = {};
    QByteArray effective = format;
    if (!m_zone.isValid()) {
        localtime_r(&clock, &parts);
    } else {
        const QDateTime at = QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC);
        const int offset = m_zone.offsetFromUtc(at);
        clock += offset;
        gmtime_r(&clock, &parts);
        effective = withZone(format, offset, m_zone.abbreviation(at).toUtf8());
    }
    // Config refuses formats printing more than kOverlayTimeMaxBytes on a sample time; the rest
    // is room for zone names and locales that print longer than the sample.
    char text[Config::kOverlayTimeMaxBytes + 56];
    const size_t length = std::strftime(text, sizeof text, effective.constData(), &parts);
    return QByteArray(text, int(length));
}

QByteArray TimeOverlay::textAt(qint64 wallUs) const
{
    const QByteArray time = formatTime(floorSeconds(wallUs));
    return time.isEmpty() ? m_prefix.trimmed() : m_prefix + time;
}

QByteArray TimeOverlay::render(const QByteArray &text, int *width) const
{
    const int cellWidth = BitmapFont::cellWidth(m_scale);
    const int cellHeight = BitmapFont::cellHeight(m_scale);
    // Half a cell of dark box on either side; even sizes, so the box covers whole chroma samples.
    const int padding = cellWidth / 2;
    const int w = (text.size() * cellWidth + 2 * padding + 1) & ~1;
    const int h = (cellHeight + 1) & ~1;
    QByteArray luma(w * h, char(kPaper));
    for (int i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        const QByteArray &cell = m_cells.at(c < 128 ? c : '?');
        for (int y = 0; y < cellHeight; ++y)
            std::memcpy(luma.data() + y * w + padding + i * cellWidth, cell.constData() + y * cellWidth,
                        size_t(cellWidth));
    }
    *width = w;
    return luma;
}

void TimeOverlay::compose(const QByteArray &text)
{
    m_text = text;
    if (text.isEmpty()) {
        m_luma.clear();
        m_width = m_height = 0;
        return;
    }
    m_luma = render(text, &m_width);
    m_height = m_luma.size() / m_width;
}

QRect TimeOverlay::box(int width, int height) const
{
    const int margin = (m_height / 2) & ~1;
    const bool right = m_settings.position == Position::TopRight || m_settings.position == Position::BottomRight;
    const bool bottom = m_settings.position == Position::BottomLeft || m_settings.position == Position::BottomRight;
    const int x = right ? qMax(0, width - margin - m_width) & ~1 : margin;
    const int y = bottom ? qMax(0, height - margin - m_height) & ~1 : margin;
    return QRect(x, y, m_width, m_height);
}

const AVFrame *TimeOverlay::draw(const AVFrame *picture, qint64 wallUs)
{
    const AVPixFmtDescriptor *desc = av_pix_fmt_desc_get(AVPixelFormat(picture->format));
    if (!drawable(desc)) {
        if (!m_warnedFormat)
            qCWarning(lcEncode, "time overlay: cannot draw into %s pictures; they are encoded without it",
                      desc ? desc->name : "unknown");
        m_warnedFormat = true;
        return picture;
    }
    const qint64 second = floorSeconds(wallUs);
    if (second != m_second) {
        m_second = second;
        const QByteArray text = textAt(wallUs);
        if (text != m_text)
            compose(text);
    }
    const QRect placed = box(picture->width, picture->height);
    const QRect clipped = placed.intersected(QRect(0, 0, picture->width, picture->height));
    if (m_luma.isEmpty() || clipped.isEmpty())
        return picture;

    AVFrame *target = const_cast<AVFrame *>(picture);
    if (!av_frame_is_writable(target)) {
        // A camera's buffer (mapped read-only) or a picture another frame shares: draw into a copy.
        if (!m_copy || m_copy->format != picture->format || m_copy->width != picture->width
            || m_copy->height != picture->height) {
            m_copy.reset(av_frame_alloc());
            if (!m_copy)
                return picture;
            m_copy->format = picture->format;
            m_copy->width = picture->width;
            m_copy->height = picture->height;
            if (av_frame_get_buffer(m_copy.get(), 0) < 0) {
                m_copy.reset();
                return picture;
            }
        } else if (av_frame_make_writable(m_copy.get()) < 0) {
            return picture;
        }
        if (av_frame_copy(m_copy.get(), picture) < 0)
            return picture;
        av_frame_copy_props(m_copy.get(), picture);
        target = m_copy.get();
    }

    const int columns = clipped.width();
    const int skipX = clipped.x() - placed.x();
    for (int y = clipped.top(); y <= clipped.bottom(); ++y)
        std::memcpy(target->data[0] + y * target->linesize[0] + clipped.x(),
                    m_luma.constData() + (y - placed.y()) * m_width + skipX, size_t(columns));
    if (desc->nb_components >= 3) {
        // Grey behind the text: whatever colour was there would tint the dark box and the white
        // letters. U and V are both 128, so one fill serves planar and interleaved (NV12) chroma.
        const int shiftX = desc->log2_chroma_w;
        const int shiftY = desc->log2_chroma_h;
        const int left = clipped.left() >> shiftX;
        const int right = (clipped.right() + (1 << shiftX)) >> shiftX;
        const int top = clipped.top() >> shiftY;
        const int bottom = (clipped.bottom() + (1 << shiftY)) >> shiftY;
        for (int component = 1; component <= 2; ++component) {
            const AVComponentDescriptor &comp = desc->comp[component];
            if (component == 2 && comp.plane == desc->comp[1].plane)
                continue; // interleaved: filled with the first
            const int step = comp.step;
            for (int y = top; y < bottom; ++y)
                std::memset(target->data[comp.plane] + y * target->linesize[comp.plane] + left * step,
                            kNeutralChroma, size_t((right - left) * step));
        }
    }
    return target;
}
