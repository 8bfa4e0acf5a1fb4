// SPDX-License-Identifier: MIT
// One frame handed from the capture thread to PreviewWriter: already downscaled, owning its bytes.
#include "previewframe.h"

#include <algorithm>

namespace {

QByteArray subsample(const uchar *plane, int stride, int outWidth, int outHeight, int step)
{
    QByteArray out(qsizetype(outWidth) * outHeight, Qt::Uninitialized);
    char *dst = out.data();
    for (int row = 0; row < outHeight; ++row) {
        const uchar *src = plane + qsizetype(row) * step * stride;
        for (int col = 0; col < outWidth; ++col)
            *dst++ = static_cast<char>(src[col * step]);
    }
    return out;
}

uchar clamp255(int value)
{
    return static_cast<uchar>(std::clamp(value, 0, 255));
}

} // namespace

PreviewFrame PreviewFrame::fromYuv420p(int width, int height, const uchar *y, int strideY, const uchar *u, int strideU,
                                       const uchar *v, int strideV, int targetWidth)
{
    PreviewFrame f;
    if (width < 2 || height < 2 || !y || !u || !v)
        return f;
    // Nearest-neighbour: output pixel (r, c) is source pixel (r·step, c·step); the chroma of output
    // block (r, c) is then source chroma (r·step, c·step), so one step serves all three planes.
    const int step = std::max(1, width / std::max(1, targetWidth));
    f.width = (width / step) & ~1;
    f.height = (height / step) & ~1;
    f.y = subsample(y, strideY, f.width, f.height, step);
    f.u = subsample(u, strideU, f.width / 2, f.height / 2, step);
    f.v = subsample(v, strideV, f.width / 2, f.height / 2, step);
    return f;
}

PreviewFrame PreviewFrame::fromImage(const QImage &image)
{
    PreviewFrame f;
    f.image = image;
    return f;
}

QImage PreviewFrame::toImage() const
{
    if (!image.isNull())
        return image;
    QImage out(width, height, QImage::Format_RGB888);
    const auto *yp = reinterpret_cast<const uchar *>(y.constData());
    const auto *up = reinterpret_cast<const uchar *>(u.constData());
    const auto *vp = reinterpret_cast<const uchar *>(v.constData());
    const int chromaWidth = width / 2;
    for (int row = 0; row < height; ++row) {
        uchar *dst = out.scanLine(row);
        for (int col = 0; col < width; ++col) {
            // BT.601 limited range, integer arithmetic (×256).
            const int c = yp[row * width + col] - 16;
            const int d = up[(row / 2) * chromaWidth + col / 2] - 128;
            const int e = vp[(row / 2) * chromaWidth + col / 2] - 128;
            *dst++ = clamp255((298 * c + 409 * e + 128) >> 8);
            *dst++ = clamp255((298 * c - 100 * d - 208 * e + 128) >> 8);
            *dst++ = clamp255((298 * c + 516 * d + 128) >> 8);
        }
    }
    return out;
}
