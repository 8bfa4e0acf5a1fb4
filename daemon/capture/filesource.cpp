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
    MediaInput input;
    return input.open(path, nullptr, nullptr, false);
}

QString FileSource::open()
{
    close();
    const QString error = m_input.open(m_path, nullptr, nullptr, false);
    if (!error.isEmpty())
        return error;
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
    m_current.reset();
    m_next.reset();
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

Source::Grab FileSource::grab(qint64 elapsedUs, Frame &out, QString &error)
{
    const double now = double(elapsedUs) / 1e6;
    if (m_next && now - m_nextSeconds > kMaxCatchUpSeconds) {
        m_loopOffset += now - m_nextSeconds;
        m_nextSeconds = now;
    }
    while (m_next && m_nextSeconds <= now) {
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
