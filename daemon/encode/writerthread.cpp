// SPDX-License-Identifier: MIT
// The writer thread: takes encoded packets from the queue and writes them into segment files.
#include "writerthread.h"

#include "packetqueue.h"

WriterThread::WriterThread(const SegmentWriter::Settings &settings, const SegmentWriter::Hooks &hooks,
                           PacketQueue &queue, PipelineCounters &counters, QObject *parent)
    : QThread(parent), m_settings(settings), m_hooks(hooks), m_queue(queue), m_counters(counters)
{
    setObjectName(QStringLiteral("writer"));
}

void WriterThread::run()
{
    SegmentWriter::Hooks hooks = m_hooks;
    hooks.fileStarted = [this](const RecordingInfo &info) {
        if (m_hooks.fileStarted)
            m_hooks.fileStarted(info);
        emit fileStarted(info.path);
    };
    hooks.fileFinished = [this](const RecordingInfo &info, const QString &state) {
        if (m_hooks.fileFinished)
            m_hooks.fileFinished(info, state);
        emit fileFinished(info.path, state);
    };
    SegmentWriter writer(m_settings, hooks, m_counters);
    while (std::optional<WriterItem> item = m_queue.pop()) {
        switch (item->kind) {
        case WriterItem::Kind::Packet: {
            const QString error = writer.write(item->packet.get(), item->wallUs);
            if (!error.isEmpty())
                emit failed(error);
            break;
        }
        case WriterItem::Kind::Audio:
            writer.addAudio(std::move(item->packet));
            break;
        case WriterItem::Kind::Stream:
            writer.setStream(item->parameters.get(), item->text);
            break;
        case WriterItem::Kind::Finish:
            writer.finish(item->text);
            break;
        case WriterItem::Kind::Pause:
            writer.finish();
            writer.afterClosedFiles([this] { emit paused(); });
            break;
        case WriterItem::Kind::Resume:
            writer.finish();
            writer.setSessionId(item->text);
            writer.retry();
            break;
        }
    }
    writer.finish();
    writer.waitForClosedFiles();
}
