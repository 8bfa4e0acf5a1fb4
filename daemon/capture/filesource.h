// SPDX-License-Identifier: MIT
// Replays a video file in real time as if it were a camera, looping at its end.
#pragma once

#include "mediainput.h"
#include "source.h"
#include "y4mreader.h"

// Thread-bound to the capture thread (see Source). At each tick of the capture clock it hands
// out the file's picture for that moment (repeating or skipping pictures when the file's rate
// differs from the configured fps); the encoder scales it when its size differs. Raw YUV4MPEG2
// files are read directly (Y4mReader: a read per picture into reused buffers, and only pictures
// that are shown: the time of the next one is known without reading it); any other file goes
// through libavformat and libavcodec (MediaInput), decoding one picture ahead to learn its time.
class FileSource : public Source
{
public:
    FileSource(const Settings &settings, const QString &path);

    // Checks at start-up that `path` is a readable video file; returns an empty string or the reason.
    static QString probe(const QString &path);

    QString name() const override { return QStringLiteral("file:") + m_path; }
    QString open() override;
    void close() override;
    Grab grab(qint64 elapsedUs, Frame &out, QString &error) override;

private:
    Grab grabDecoded(double now, QString &error);
    bool advance(QString &error);
    Grab grabRaw(double now, QString &error);
    // Reads (or, when `show` is false, skips) the raw picture due at m_nextSeconds.
    bool advanceRaw(bool show, QString &error);

    const Settings m_settings;
    const QString m_path;
    MediaInput m_input;  // open unless m_raw is
    Y4mReader m_raw;
    AVFramePtr m_current;
    AVFramePtr m_next;          // decoded path only
    double m_nextSeconds = 0;   // on the replay clock, loops included
    double m_loopOffset = 0;    // replay time at which the current pass of the file started
    double m_lastSeconds = 0;   // file time of the last decoded picture in this pass
    qint64 m_picturesInPass = 0;
};
