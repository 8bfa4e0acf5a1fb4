// SPDX-License-Identifier: MIT
// A recording read and decoded the way a player does: both tracks' lengths, the sound as samples.
#include "decodedrecording.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/dict.h>
}

#include <cmath>
#include <memory>

namespace {

struct InputCloser {
    void operator()(AVFormatContext *context) const { avformat_close_input(&context); }
};
struct CodecFreer {
    void operator()(AVCodecContext *context) const { avcodec_free_context(&context); }
};

} // namespace

DecodedRecording DecodedRecording::read(const QString &path)
{
    DecodedRecording d;
    AVFormatContext *raw = nullptr;
    if (avformat_open_input(&raw, path.toUtf8().constData(), nullptr, nullptr) < 0) {
        d.error = QStringLiteral("cannot open");
        return d;
    }
    std::unique_ptr<AVFormatContext, InputCloser> input(raw);
    avformat_find_stream_info(input.get(), nullptr);
    if (const AVDictionaryEntry *comment = av_dict_get(input->metadata, "comment", nullptr, 0)) {
        const QString text = QString::fromUtf8(comment->value);
        if (text.startsWith(QLatin1String("capture_clock=")))
            d.captureClock = text.mid(14).toDouble();
    }
    const int video = av_find_best_stream(input.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    const int audio = av_find_best_stream(input.get(), AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
    if (video < 0 || audio < 0) {
        d.error = QStringLiteral("video stream %1, audio stream %2").arg(video).arg(audio);
        return d;
    }
    const AVCodecParameters *parameters = input->streams[audio]->codecpar;
    d.audioCodec = QString::fromLatin1(avcodec_get_name(parameters->codec_id));
    d.sampleRate = parameters->sample_rate;
    const AVCodec *codec = avcodec_find_decoder(parameters->codec_id);
    std::unique_ptr<AVCodecContext, CodecFreer> decoder(avcodec_alloc_context3(codec));
    avcodec_parameters_to_context(decoder.get(), parameters);
    if (avcodec_open2(decoder.get(), codec, nullptr) < 0) {
        d.error = QStringLiteral("cannot open the %1 decoder").arg(d.audioCodec);
        return d;
    }
    const AVRational videoBase = input->streams[video]->time_base;
    const AVRational audioBase = input->streams[audio]->time_base;
    qint64 videoFirst = -1, videoEnd = 0, audioFirst = -1, audioEnd = 0, audioPackets = 0;
    AVPacket *packet = av_packet_alloc();
    AVFrame *frame = av_frame_alloc();
    auto receive = [&] {
        while (avcodec_receive_frame(decoder.get(), frame) == 0) {
            if (d.pcm.empty())
                d.audioStart = double(frame->pts) * av_q2d(audioBase);
            const auto *samples = reinterpret_cast<const float *>(frame->extended_data[0]);
            d.pcm.insert(d.pcm.end(), samples, samples + frame->nb_samples);
        }
    };
    while (av_read_frame(input.get(), packet) >= 0) {
        if (packet->stream_index == video) {
            if (videoFirst < 0)
                videoFirst = packet->pts;
            videoEnd = qMax<qint64>(videoEnd, packet->pts + packet->duration);
        } else if (packet->stream_index == audio) {
            if (audioFirst < 0)
                audioFirst = packet->pts;
            else if (audioPackets > 1 && packet->pts != audioEnd)
                ++d.audioGaps;
            ++audioPackets;
            audioEnd = qMax<qint64>(audioEnd, packet->pts + packet->duration);
            if (avcodec_send_packet(decoder.get(), packet) < 0 && d.error.isEmpty())
                d.error = QStringLiteral("a sound packet at %1 does not decode").arg(packet->pts);
            receive();
        }
        av_packet_unref(packet);
    }
    avcodec_send_packet(decoder.get(), nullptr);
    receive();
    av_frame_free(&frame);
    av_packet_free(&packet);
    d.videoSeconds = double(videoEnd - videoFirst) * av_q2d(videoBase);
    d.audioSeconds = double(audioEnd - audioFirst) * av_q2d(audioBase);
    return d;
}

QList<double> DecodedRecording::clickOnsets(float level) const
{
    const size_t quietNeeded = size_t(sampleRate / 5);
    QList<double> onsets;
    size_t quiet = quietNeeded;
    for (size_t i = 0; i < pcm.size(); ++i) {
        if (std::fabs(pcm[i]) >= level) {
            if (quiet >= quietNeeded)
                onsets.append(audioStart + double(i) / sampleRate);
            quiet = 0;
        } else {
            ++quiet;
        }
    }
    return onsets;
}

float DecodedRecording::peak(double fromSeconds, double toSeconds) const
{
    float loudest = 0;
    const auto first = qint64(std::ceil((fromSeconds - audioStart) * sampleRate));
    const auto last = qint64(std::floor((toSeconds - audioStart) * sampleRate));
    for (qint64 i = qMax<qint64>(0, first); i <= last && i < qint64(pcm.size()); ++i)
        loudest = qMax(loudest, std::fabs(pcm[size_t(i)]));
    return loudest;
}
