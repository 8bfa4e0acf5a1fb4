// SPDX-License-Identifier: MIT
// Replays a video file in real time as if it were a camera, looping at its end.
#include "filesource.h"

#include <QFileInfo>

extern "C" {
#include <libavutil/frame.h>
}

namespace {
// Catching up after a stall would decode the whole gap: beyond this lag the replay skips ahead.
constexpr double kMaxCatchUpSeconds = 2.0;
// Picture times are sums of rounded seconds: a picture due within a microsecond of the capture
// clock's tick is due at that tick, or a file at the camera's rate would lag a frame at random.
constexpr double kDueSlackSeconds = 1e-6;
}

FileSource::FileSource(const Settings &settings, const QString &path)
    : m_settings(settings)
    , m_path(path)
{
}

QString FileSource::probe(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return QStringLiteral("no such file: %1").arg(path);
    // A FIFO or device would block start-up here; a camera has its own source.
    if (!info.isFile())
        return QStringLiteral("not a regular file: %1").arg(path);
    if (!info.isReadable())
        return QStringLiteral("not readable: %1").arg(path);
    if (Y4mReader::isY4m(path)) {
        Y4mReader raw;
        if (raw.open(path).isEmpty())
            return QString();
    }
    MediaInput input;
    return input.open(path, nullptr, nullptr, false);
}

QString FileSource::open()
{
    close();
    m_loopOffset = 0;
    m_lastSeconds = 0;
    m_picturesInPass = 0;
    m_nextSeconds = 0;
    QString error;
    // A Y4M file this reader cannot parse (a deeper bit depth) is still a file libavformat reads.
    if (Y4mReader::isY4m(m_path) && m_raw.open(m_path).isEmpty()) {
        // The first picture is read now, so that a file without one fails here, not at the first tick.
        if (!advanceRaw(true, error))
            return error.isEmpty() ? QStringLiteral("%1 holds no picture").arg(m_path) : error;
        return QString();
    }
    error = m_input.open(m_path, nullptr, nullptr, false);
    if (!error.isEmpty())
        return error;
    if (!advance(error))
        return error;
    return QString();
}

void FileSource::close()
{
    m_input.close();
    m_raw.close();
    m_current.reset();
    m_next.reset();
}

Source::Grab FileSource::grab(qint64 elapsedUs, Frame &out, QString &error)
{
    const double now = double(elapsedUs) / 1e6;
    const Grab result = m_raw.isOpen() ? grabRaw(now, error) : grabDecoded(now, error);
    if (result != Grab::Frame)
        return result;
    out.picture.reset(av_frame_clone(m_current.get()));
    if (!out.picture) {
        error = QStringLiteral("out of memory for a frame");
        return Grab::Error;
    }
    return Grab::Frame;
}

Source::Grab FileSource::grabDecoded(double now, QString &error)
{
    if (m_next && now - m_nextSeconds > kMaxCatchUpSeconds) {
        m_loopOffset += now - m_nextSeconds;
        m_nextSeconds = now;
    }
    while (m_next && m_nextSeconds <= now + kDueSlackSeconds) {
        m_current = std::move(m_next);
        if (!advance(error))
            return Grab::Error;
    }
    return m_current ? Grab::Frame : Grab::NotYet;
}

bool FileSource::advance(QString &error)
{
    for (int attempt = 0; attempt < 2; ++attempt) {
        AVFramePtr picture;
        switch (m_input.read(picture, error)) {
        case MediaInput::Read::Frame: {
            const double seconds = m_input.secondsOf(picture.get());
            m_lastSeconds = seconds >= 0 ? seconds : double(m_picturesInPass) * m_input.framePeriod();
            ++m_picturesInPass;
            m_next = std::move(picture);
            m_nextSeconds = m_loopOffset + m_lastSeconds;
            return true;
        }
        case MediaInput::Read::EndOfFile:
            if (m_picturesInPass == 0) {
                error = QStringLiteral("%1 holds no picture").arg(m_path);
                return false;
            }
            m_loopOffset += m_lastSeconds + m_input.framePeriod();
            m_picturesInPass = 0;
            error = m_input.rewind();
            if (!error.isEmpty())
                return false;
            continue;
        case MediaInput::Read::NotYet:
            continue;
        case MediaInput::Read::Error:
            return false;
        }
    }
    error = QStringLiteral("%1 ended without a picture after rewinding").arg(m_path);
    return false;
}

Source::Grab FileSource::grabRaw(double now, QString &error)
{
    if (now - m_nextSeconds > kMaxCatchUpSeconds) {
        m_loopOffset += now - m_nextSeconds;
        m_nextSeconds = now;
    }
    // Of the pictures due by now only the last is shown: the others are skipped unread, so a clip
    // at twice the camera's rate costs no more to replay than one at its rate.
    while (m_nextSeconds <= now + kDueSlackSeconds) {
        const bool shown = m_nextSeconds + m_raw.framePeriod() > now + kDueSlackSeconds;
        if (!advanceRaw(shown, error))
            return Grab::Error;
    }
    return Grab::Frame;
}

bool FileSource::advanceRaw(bool show, QString &error)
{
    for (int attempt = 0; attempt < 2; ++attempt) {
        AVFramePtr picture;
        const Y4mReader::Read result = show ? m_raw.read(picture, error) : m_raw.skip(error);
        if (result == Y4mReader::Read::Error)
            return false;
        if (result == Y4mReader::Read::Frame) {
            if (show)
                m_current = std::move(picture);
            m_nextSeconds = m_loopOffset + m_raw.secondsAt(m_raw.nextIndex());
            return true;
        }
        if (m_raw.nextIndex() == 0) {
            error = QStringLiteral("%1 holds no picture").arg(m_path);
            return false;
        }
        // The next pass starts where the picture after the last one would have been.
        m_loopOffset += m_raw.secondsAt(m_raw.nextIndex());
        error = m_raw.rewind();
        if (!error.isEmpty())
            return false;
    }
    error = QStringLiteral("%1 ended without a picture after rewinding").arg(m_path);
    return false;
}
