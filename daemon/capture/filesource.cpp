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
    // A Y4M file this reader cannot parse (a deeper bit depth) is still a file libavformat reads.
    if (!Y4mReader::isY4m(m_path) || !m_raw.open(m_path).isEmpty()) {
        const QString error = m_input.open(m_path, nullptr, nullptr, false);
        if (!error.isEmpty())
            return error;
    }
    m_loopOffset = 0;
    m_lastSeconds = 0;
    m_picturesInPass = 0;
    QString readError;
    if (!advance(readError))
        return readError;
    return QString();
}

void FileSource::close()
{
    m_input.close();
    m_raw.close();
    m_current.reset();
    m_next.reset();
}

bool FileSource::advance(QString &error)
{
    for (int attempt = 0; attempt < 2; ++attempt) {
        AVFramePtr picture;
        double seconds = -1;
        switch (readPicture(picture, seconds, error)) {
        case MediaInput::Read::Frame: {
            m_lastSeconds = seconds >= 0 ? seconds : double(m_picturesInPass) * framePeriod();
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
            m_loopOffset += m_lastSeconds + framePeriod();
            m_picturesInPass = 0;
            error = rewind();
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

MediaInput::Read FileSource::readPicture(AVFramePtr &picture, double &seconds, QString &error)
{
    if (!m_raw.isOpen()) {
        const MediaInput::Read result = m_input.read(picture, error);
        if (result == MediaInput::Read::Frame)
            seconds = m_input.secondsOf(picture.get());
        return result;
    }
    switch (m_raw.read(picture, error)) {
    case Y4mReader::Read::Frame:
        seconds = m_raw.secondsOf(picture.get());
        return MediaInput::Read::Frame;
    case Y4mReader::Read::EndOfFile:
        return MediaInput::Read::EndOfFile;
    case Y4mReader::Read::Error:
        break;
    }
    return MediaInput::Read::Error;
}

QString FileSource::rewind()
{
    return m_raw.isOpen() ? m_raw.rewind() : m_input.rewind();
}

double FileSource::framePeriod() const
{
    return m_raw.isOpen() ? m_raw.framePeriod() : m_input.framePeriod();
}

Source::Grab FileSource::grab(qint64 elapsedUs, Frame &out, QString &error)
{
    const double now = double(elapsedUs) / 1e6;
    if (m_next && now - m_nextSeconds > kMaxCatchUpSeconds) {
        m_loopOffset += now - m_nextSeconds;
        m_nextSeconds = now;
    }
    while (m_next && m_nextSeconds <= now + kDueSlackSeconds) {
        m_current = std::move(m_next);
        if (!advance(error))
            return Grab::Error;
    }
    if (!m_current)
        return Grab::NotYet;
    out.picture.reset(av_frame_clone(m_current.get()));
    if (!out.picture) {
        error = QStringLiteral("out of memory for a frame");
        return Grab::Error;
    }
    return Grab::Frame;
}
