// SPDX-License-Identifier: MIT
// Writes encoded packets into crash-safe fragmented MP4 files that roll over at keyframes.
#include "segmentwriter.h"
#include "../averror.h"

#include "paths.h"
#include "encodelog.h"
#include "inbandheaders.h"
#include "../pipelinecounters.h"

#include <QDir>
#include <QFileInfo>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/mem.h>
#include <libavutil/opt.h>
}

#include <cerrno>
#include <cmath>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <unistd.h>

namespace {

constexpr int kIoBufferBytes = 256 * 1024;
// A difference between the capture time line and the wall clock beyond this is a clock step.
constexpr qint64 kClockStepUs = 1'000'000;
// Sound waiting for video: about 20 s of AAC at 48 kHz (the encoder's latency is far less).
constexpr size_t kMaxWaitingAudio = 1000;

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

} // namespace

SegmentWriter::SegmentWriter(const Settings &settings, const Hooks &hooks, PipelineCounters &counters)
    : m_settings(settings)
    , m_hooks(hooks)
    , m_counters(counters)
{
}

SegmentWriter::~SegmentWriter()
{
    finish();
    m_syncer.waitIdle();
    avcodec_parameters_free(&m_parameters);
}

void SegmentWriter::setStream(const AVCodecParameters *parameters, const QString &encoderName)
{
    if (!m_parameters)
        m_parameters = avcodec_parameters_alloc();
    if (m_parameters && avcodec_parameters_copy(m_parameters, parameters) < 0)
        avcodec_parameters_free(&m_parameters);
    m_encoderName = encoderName;
}

QString SegmentWriter::fileNameFor(const QString &recordingsDir, qint64 wallUs, bool utc)
{
    const time_t seconds = time_t(wallUs / 1'000'000);
    struct tm parts = {};
    if (utc)
        gmtime_r(&seconds, &parts);
    else
        localtime_r(&seconds, &parts);
    char relative[80];
    std::snprintf(relative, sizeof relative, "%04d/%02d/%02d/recording_%04d-%02d-%02d_%02d%02d%02d.mp4",
                  parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday, parts.tm_year + 1900, parts.tm_mon + 1,
                  parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec);
    return recordingsDir + QLatin1Char('/') + QString::fromLatin1(relative);
}

QDateTime SegmentWriter::timeOfPts(qint64 pts) const
{
    const qint64 us = m_anchorWallUs + pts * 1'000'000 / m_settings.fps;
    return QDateTime::fromMSecsSinceEpoch(us / 1000, Qt::UTC);
}

QString SegmentWriter::write(AVPacket *packet, qint64 wallUs)
{
    const bool keyframe = packet->flags & AV_PKT_FLAG_KEY;
    // An encoder that puts SPS/PPS in-band only (h264_v4l2m2m) leaves extradata empty, and an MP4
    // whose avcC is empty plays nowhere: they are taken from the first keyframe that has them,
    // before any header is written, and kept for every later file of this encoder.
    if (keyframe && m_parameters && InbandHeaders::missing(m_parameters)) {
        const QString error = InbandHeaders::take(packet, m_parameters);
        if (error.isEmpty())
            qCInfo(lcEncode, "%s leaves SPS/PPS in-band: taken from its first keyframe", qPrintable(m_encoderName));
        else
            qCWarning(lcEncode, "no SPS/PPS from %s yet (%s): no file starts without them", qPrintable(m_encoderName),
                      qPrintable(error));
    }
    if (!m_timelineAnchored) {
        // The wall time of pts 0: file start and end times follow the pts, so back-to-back
        // files have exactly matching end and start times.
        m_anchorWallUs = wallUs - packet->pts * 1'000'000 / m_settings.fps;
        m_timelineAnchored = true;
    }
    // The sound before this frame belongs to the file that is open now, if any.
    const QString audioError = writeAudioBefore(packet->pts);
    if (!audioError.isEmpty()) {
        ++m_counters.framesDroppedEncoder;
        finish(audioError);
        m_refused = true;
        return audioError;
    }
    if (m_format && keyframe
        && double(packet->pts - m_firstPts) / m_settings.fps >= m_settings.segmentSeconds - 0.5 / m_settings.fps) {
        closeFile();
    }
    if (!m_format && keyframe)
        followWallClock(packet->pts, wallUs);
    if (!m_format) {
        if (!keyframe || m_refused || (m_parameters && InbandHeaders::missing(m_parameters))) {
            ++m_counters.framesDroppedEncoder;
            return QString();
        }
        const QString error = startFile(packet);
        if (!error.isEmpty()) {
            m_refused = true;
            ++m_counters.framesDroppedEncoder;
            return QStringLiteral("no new file: %1").arg(error);
        }
    }
    const bool fragmentDue = keyframe
        || double(packet->pts - m_fragmentStartPts) / m_settings.fps >= m_settings.fragmentSeconds - 0.5 / m_settings.fps;
    if (fragmentDue && m_fragmentHasData) {
        const QString error = cutFragment();
        if (!error.isEmpty()) {
            finish(error);
            m_refused = true;
            return error;
        }
    }
    if (fragmentDue)
        m_fragmentStartPts = packet->pts;

    const qint64 pts = packet->pts;
    const qint64 duration = packet->duration > 0 ? packet->duration : 1;
    packet->pts -= m_firstPts;
    packet->dts -= m_firstPts;
    packet->stream_index = 0;
    av_packet_rescale_ts(packet, AVRational{1, m_settings.fps}, m_stream->time_base);
    const int result = av_write_frame(m_format, packet);
    if (result < 0 || !m_writeError.isEmpty()) {
        const QString error = !m_writeError.isEmpty() ? m_writeError
                                                      : QStringLiteral("writing %1 failed: %2").arg(m_info.path, AvError::text(result));
        ++m_counters.framesDroppedEncoder;
        finish(error);
        m_refused = true;
        return error;
    }
    m_fragmentHasData = true;
    m_nextPts = pts + duration;
    ++m_fragmentFrames;
    ++m_counters.framesMuxed;
    return QString();
}

void SegmentWriter::addAudio(AVPacketPtr packet)
{
    m_audio.push_back(std::move(packet));
    // Video stopped coming (camera lost, encoder failed, recording off): sound cannot wait forever.
    while (m_audio.size() > kMaxWaitingAudio) {
        if (m_format)
            ++m_counters.audioFramesDroppedWriter;
        m_audio.pop_front();
    }
}

QString SegmentWriter::writeAudioBefore(qint64 videoPts)
{
    if (!m_settings.audio)
        return QString();
    const qint64 rate = m_settings.audio->sample_rate;
    // A packet goes with the video around its middle. Compared in samples*fps, exactly: sample s
    // is at s / rate seconds, frame f at f / fps.
    auto middle = [](const AVPacket *packet) { return packet->pts + packet->duration / 2; };
    while (!m_audio.empty() && middle(m_audio.front().get()) * m_settings.fps < videoPts * rate) {
        AVPacketPtr packet = std::move(m_audio.front());
        m_audio.pop_front();
        // Sound from before the file's first frame (or with no file open) is not part of any file.
        if (!m_format || !m_audioStream || middle(packet.get()) * m_settings.fps < m_firstPts * rate)
            continue;
        // A fragmented MP4 has no edit list: the muxer starts each track at 0, so the file's first
        // packet is put there (its middle is within half a packet of the first frame) and the others
        // keep their times; players play samples back to back, so the file's sound plays up to
        // half an AAC frame (10.7 ms at 48 kHz) late.
        const qint64 offset = av_rescale(m_firstPts, rate, m_settings.fps);
        packet->pts = qMax<qint64>(0, packet->pts - offset);
        packet->dts = qMax<qint64>(0, packet->dts - offset);
        packet->stream_index = m_audioStream->index;
        av_packet_rescale_ts(packet.get(), AVRational{1, int(rate)}, m_audioStream->time_base);
        const int result = av_write_frame(m_format, packet.get());
        if (result < 0 || !m_writeError.isEmpty()) {
            return !m_writeError.isEmpty() ? m_writeError
                                           : QStringLiteral("writing sound to %1 failed: %2").arg(m_info.path, AvError::text(result));
        }
        m_fragmentHasData = true;
    }
    return QString();
}

void SegmentWriter::commitFragment()
{
    // Everything written so far is in the file: these frames count as recorded.
    m_committedBytes = m_info.sizeBytes;
    m_committedEndPts = m_nextPts;
    m_info.frames += m_fragmentFrames;
    m_counters.framesEncoded += m_fragmentFrames;
    m_fragmentFrames = 0;
}

void SegmentWriter::followWallClock(qint64 pts, qint64 wallUs)
{
    // A Pi without RTC steps its clock when NTP syncs: the next file's name and times follow the
    // new clock rather than carrying the boot-time guess for the rest of the run.
    const qint64 driftUs = wallUs - (m_anchorWallUs + pts * 1'000'000 / m_settings.fps);
    if (qAbs(driftUs) < kClockStepUs)
        return;
    qCInfo(lcEncode, "wall clock stepped by %.1f s; file times follow it from the next file", double(driftUs) / 1e6);
    m_anchorWallUs += driftUs;
}

QString SegmentWriter::startFile(AVPacket *packet)
{
    if (!m_parameters)
        return QStringLiteral("no encoder");
    const QDateTime start = timeOfPts(packet->pts);
    QString path = fileNameFor(m_settings.recordingsDir, start.toMSecsSinceEpoch() * 1000, m_settings.utcNames);
    if (m_hooks.mayStartFile) {
        const QString refusal = m_hooks.mayStartFile(path);
        if (!refusal.isEmpty())
            return refusal;
    }
    const QString directory = QFileInfo(path).absolutePath();
    // Day folders get the same 0750 as every other directory of ours (Paths), not the umask's.
    const QString dirError = Paths::ensureDirectory(directory);
    if (!dirError.isEmpty())
        return dirError;
    // Two files may start within one second (a restart, a source error): never overwrite.
    const QString base = path.chopped(4);
    for (int suffix = 1; (m_fd = ::open(QFile::encodeName(path).constData(),
                                        O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640)) < 0;
         ++suffix) {
        if (errno != EEXIST || suffix > 99)
            return QStringLiteral("cannot create %1: %2").arg(path, errnoText());
        path = QStringLiteral("%1_%2.mp4").arg(base).arg(suffix);
    }
    // The new name must survive a power cut, or recovery could not find the file: synced on the
    // syncer's thread, before the file's first fragment is.
    m_syncer.syncDirectory(directory);

    m_info = RecordingInfo();
    m_info.path = path;
    m_info.sessionId = m_sessionId;
    m_info.start = start;
    m_info.codec = QStringLiteral("h264");
    m_info.width = m_parameters->width;
    m_info.height = m_parameters->height;
    m_info.fps = m_settings.fps;
    m_framesDroppedAtStart = m_counters.framesDropped();
    m_writeError.clear();

    // Until the catalog hears of it, a failed file is removed: disk and catalog must agree.
    auto fail = [this](const QString &reason) {
        const QString unannounced = m_info.path;
        m_info = RecordingInfo();
        closeFile();
        ::unlink(QFile::encodeName(unannounced).constData());
        return reason;
    };
    m_committedBytes = 0;
    m_committedEndPts = packet->pts;
    m_fragmentFrames = 0;
    int result = avformat_alloc_output_context2(&m_format, nullptr, "mp4", nullptr);
    if (result < 0 || !m_format) {
        m_format = nullptr;
        return fail(QStringLiteral("cannot create an MP4 muxer: ") + AvError::text(result));
    }
    auto *buffer = static_cast<unsigned char *>(av_malloc(kIoBufferBytes));
    m_io = avio_alloc_context(buffer, kIoBufferBytes, 1, this, nullptr, &SegmentWriter::writeCallback, nullptr);
    if (!m_io) {
        av_free(buffer);
        return fail(QStringLiteral("out of memory"));
    }
    m_format->pb = m_io;
    m_format->flags |= AVFMT_FLAG_CUSTOM_IO | AVFMT_FLAG_FLUSH_PACKETS;
    m_stream = avformat_new_stream(m_format, nullptr);
    if (!m_stream)
        return fail(QStringLiteral("out of memory"));
    avcodec_parameters_copy(m_stream->codecpar, m_parameters);
    m_stream->time_base = AVRational{1, m_settings.fps * 1000};
    m_stream->avg_frame_rate = AVRational{m_settings.fps, 1};
    m_stream->r_frame_rate = AVRational{m_settings.fps, 1};
    if (m_settings.audio) {
        m_audioStream = avformat_new_stream(m_format, nullptr);
        if (!m_audioStream)
            return fail(QStringLiteral("out of memory"));
        avcodec_parameters_copy(m_audioStream->codecpar, m_settings.audio.get());
        m_audioStream->time_base = AVRational{1, m_settings.audio->sample_rate};
    }
    av_dict_set(&m_format->metadata, "encoder", m_encoderName.toUtf8().constData(), 0);
    // Where the file sits on the capture clock (the time line of video frames and sound samples
    // of this run): lets a reader check A/V sync against the test tone's clicks (docs/recorder.md).
    av_dict_set(&m_format->metadata, "comment",
                QStringLiteral("capture_clock=%1").arg(double(packet->pts) / m_settings.fps, 0, 'f', 6).toUtf8().constData(),
                0);

    AVDictionary *options = nullptr;
    av_dict_set(&options, "movflags", "frag_keyframe+empty_moov+default_base_moof", 0);
    result = avformat_write_header(m_format, &options);
    av_dict_free(&options);
    if (result < 0)
        return fail(QStringLiteral("cannot write the MP4 header of %1: %2").arg(path, AvError::text(result)));
    avio_flush(m_io);
    if (!m_writeError.isEmpty())
        return fail(m_writeError);
    m_syncer.request(m_fd, path);

    m_firstPts = packet->pts;
    m_nextPts = packet->pts;
    m_fragmentStartPts = packet->pts;
    m_fragmentHasData = false;
    m_committedBytes = m_info.sizeBytes;
    qCInfo(lcEncode, "recording to %s", qPrintable(path));
    if (m_hooks.fileStarted)
        m_hooks.fileStarted(m_info);
    return QString();
}

QString SegmentWriter::cutFragment()
{
    // A null packet makes the MP4 muxer write the pending fragment (moof + mdat) now.
    const int result = av_write_frame(m_format, nullptr);
    if (result < 0)
        return QStringLiteral("writing a fragment of %1 failed: %2").arg(m_info.path, AvError::text(result));
    avio_flush(m_io);
    m_fragmentHasData = false;
    if (!m_writeError.isEmpty())
        return m_writeError;
    commitFragment();
    // The fragment is on its way to the card; a slow fdatasync must not hold up the writer.
    m_syncer.request(m_fd, m_info.path);
    return m_syncer.takeError();
}

int SegmentWriter::writeCallback(void *opaque, uint8_t *data, int size)
{
    auto *self = static_cast<SegmentWriter *>(opaque);
    int done = 0;
    while (done < size) {
        const ssize_t written = ::write(self->m_fd, data + done, size_t(size - done));
        if (written < 0) {
            if (errno == EINTR)
                continue;
            self->m_writeError = QStringLiteral("writing %1 failed: %2").arg(self->m_info.path, errnoText());
            return AVERROR(errno);
        }
        done += int(written);
    }
    self->m_info.sizeBytes += size;
    self->m_counters.bytesWritten += size;
    return size;
}

void SegmentWriter::finish(const QString &lastError)
{
    if (!lastError.isEmpty())
        m_info.lastError = lastError;
    if (m_format)
        closeFile();
    m_timelineAnchored = false;
}

void SegmentWriter::closeFile()
{
    const bool open = m_format && m_io && m_fd >= 0 && m_stream;
    // A write that failed (disk full, I/O error) may have left part of a fragment behind.
    bool failed = !m_writeError.isEmpty();
    if (open && !failed && (m_info.frames > 0 || m_fragmentFrames > 0)) {
        // The file's sound ends where its video ends.
        const QString audioError = writeAudioBefore(m_nextPts);
        // The trailer writes the last fragment; only if that succeeds do its frames count.
        const int result = audioError.isEmpty() ? av_write_trailer(m_format) : AVERROR(EIO);
        avio_flush(m_io);
        if (result >= 0 && m_writeError.isEmpty()) {
            commitFragment();
        } else {
            failed = true;
            if (m_info.lastError.isEmpty())
                m_info.lastError = !m_writeError.isEmpty() ? m_writeError
                    : !audioError.isEmpty()                ? audioError
                                                           : QStringLiteral("finishing %1 failed: %2").arg(m_info.path, AvError::text(result));
        }
    }
    if (failed && m_info.lastError.isEmpty())
        m_info.lastError = m_writeError;
    if (m_io) {
        av_freep(&m_io->buffer);
        avio_context_free(&m_io);
    }
    if (m_format) {
        m_format->pb = nullptr;
        avformat_free_context(m_format);
        m_format = nullptr;
    }
    m_stream = nullptr;
    m_audioStream = nullptr;
    const qint64 lost = m_fragmentFrames;
    m_fragmentFrames = 0;
    m_writeError.clear();
    if (m_info.path.isEmpty()) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
        m_info = RecordingInfo();
        return;
    }
    m_counters.framesDroppedWriter += lost;
    m_info.sizeBytes = m_committedBytes;
    m_info.durationSeconds = double(m_committedEndPts - m_firstPts) / m_settings.fps;
    m_info.end = timeOfPts(m_committedEndPts);
    m_info.framesDropped = m_counters.framesDropped() - m_framesDroppedAtStart;
    QString state = QStringLiteral("complete");
    if (failed)
        state = m_info.frames > 0 ? QStringLiteral("recovered") : QStringLiteral("deleted");
    if (state == QLatin1String("complete"))
        qCInfo(lcEncode, "finished %s: %.1f s, %lld frames, %lld bytes", qPrintable(m_info.path),
               m_info.durationSeconds, m_info.frames, m_info.sizeBytes);
    else
        qCWarning(lcEncode, "finished %s as %s after an error: %.1f s, %lld frames kept, %lld lost: %s",
                  qPrintable(m_info.path), qPrintable(state), m_info.durationSeconds, m_info.frames, lost,
                  qPrintable(m_info.lastError));
    // A failed write may have left part of a fragment: the file is cut back to its last whole one.
    const qint64 keep = failed ? m_committedBytes : FileSyncer::kKeepAll;
    m_syncer.closeFile(m_fd, m_info.path, keep,
                       [info = m_info, state, hook = m_hooks.fileFinished](const QString &syncError) mutable {
                           QString finalState = state;
                           if (!syncError.isEmpty()) {
                               qCWarning(lcEncode, "%s", qPrintable(syncError));
                               if (info.lastError.isEmpty())
                                   info.lastError = syncError;
                               if (finalState == QLatin1String("complete"))
                                   finalState = QStringLiteral("recovered");
                           }
                           if (finalState == QLatin1String("deleted"))
                               ::unlink(QFile::encodeName(info.path).constData());
                           if (hook)
                               hook(info, finalState);
                       });
    m_fd = -1;
    m_info = RecordingInfo();
}
