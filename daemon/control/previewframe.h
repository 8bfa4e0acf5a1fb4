// SPDX-License-Identifier: MIT
// One frame handed from the capture thread to PreviewWriter: already downscaled, owning its bytes.
#pragma once

#include <QByteArray>
#include <QImage>

// Reentrant value type. Built on the capture thread, consumed on the preview worker.
struct PreviewFrame {
    // YUV 4:2:0 planar (BT.601 limited range), `width`×`height`, planes tightly packed.
    int width = 0;
    int height = 0;
    QByteArray y;
    QByteArray u;
    QByteArray v;
    // Or any image (MJPEG sources decode to one); used when not null.
    QImage image;

    bool isValid() const { return !image.isNull() || (width > 0 && height > 0 && !y.isEmpty()); }

    // Copies a YUV420P frame, keeping only every n-th sample so the copy is just `targetWidth` wide
    // or a little more: a 1080p frame for a 640 px preview copies 0.35 MB, not 3 MB, which keeps
    // the capture thread's cost tiny. The pointers are only read during this call.
    static PreviewFrame fromYuv420p(int width, int height, const uchar *y, int strideY, const uchar *u, int strideU,
                                    const uchar *v, int strideV, int targetWidth);
    static PreviewFrame fromImage(const QImage &image);

    // RGB image of the frame (worker side).
    QImage toImage() const;
};
