// SPDX-License-Identifier: MIT
// Reads the pictures of a raw YUV4MPEG2 (.y4m) file into reused buffers: one read() per picture.
#include "y4mreader.h"

extern "C" {
#include <libavutil/buffer.h>
#include <libavutil/imgutils.h>
#include <libavutil/pixfmt.h>
}

#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

constexpr char kSignature[] = "YUV4MPEG2 ";
constexpr int kSignatureLength = sizeof kSignature - 1;
constexpr char kFrameHeader[] = "FRAME";
constexpr int kFrameHeaderLength = sizeof kFrameHeader - 1;
// Header lines are a few dozen bytes; anything longer is not a Y4M file we want to parse.
constexpr int kMaxLineLength = 4096;
// SIMD code in libswscale and x264 may read a little past a plane's end.
constexpr size_t kReadPadding = 64;
// Spares for the picture being read, one queued and one being encoded.
constexpr int kSpares = 3;

// Reads up to `size` bytes, through short reads and signals; returns the bytes read or -1.
ssize_t readFully(int fd, void *data, size_t size)
{
    size_t done = 0;
    while (done < size) {
        const ssize_t got = ::read(fd, static_cast<char *>(data) + done, size - done);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return -1;
        if (got == 0)
            break;
        done += size_t(got);
    }
    return ssize_t(done);
}

QString errnoText()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

} // namespace

Y4mReader::~Y4mReader()
{
    close();
}

bool Y4mReader::isY4m(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    return file.read(kSignatureLength) == QByteArray(kSignature, kSignatureLength);
}

QString Y4mReader::open(const QString &path)
{
    close();
    m_path = path;
    m_fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0)
        return QStringLiteral("cannot open %1: %2").arg(path, errnoText());
    // The header is one line; read it a block at a time and seek back to its end.
    QByteArray head;
    char block[256];
    qsizetype end = -1;
    while (end < 0 && head.size() < kMaxLineLength) {
        const ssize_t got = readFully(m_fd, block, sizeof block);
        if (got <= 0)
            break;
        head.append(block, got);
        end = head.indexOf('\n');
    }
    if (end < 0) {
        close();
        return QStringLiteral("%1: no YUV4MPEG2 header").arg(path);
    }
    const QString error = parseHeader(head.left(end));
    if (!error.isEmpty()) {
        close();
        return QStringLiteral("%1: %2").arg(path, error);
    }
    m_dataOffset = end + 1;
    m_pool = std::make_unique<FramePool>(size_t(m_pictureBytes) + kReadPadding, kSpares);
    // The file is read front to back, again and again: let the kernel read ahead.
    posix_fadvise(m_fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    return rewind();
}

QString Y4mReader::parseHeader(const QByteArray &line)
{
    if (!line.startsWith(kSignature))
        return QStringLiteral("no YUV4MPEG2 signature");
    QByteArray colour = "420jpeg"; // the format's default
    int rateNum = 0;
    int rateDen = 0;
    for (const QByteArray &token : line.mid(kSignatureLength).split(' ')) {
        if (token.isEmpty())
            continue;
        const QByteArray value = token.mid(1);
        switch (token.at(0)) {
        case 'W':
            m_width = value.toInt();
            break;
        case 'H':
            m_height = value.toInt();
            break;
        case 'F': {
            const QList<QByteArray> parts = value.split(':');
            if (parts.size() == 2) {
                rateNum = parts[0].toInt();
                rateDen = parts[1].toInt();
            }
            break;
        }
        case 'C':
            colour = value;
            break;
        default: // interlacing, aspect ratio, X extensions: not needed to hand out pictures
            break;
        }
    }
    if (m_width <= 0 || m_height <= 0 || m_width > 16384 || m_height > 16384)
        return QStringLiteral("bad picture size %1x%2").arg(m_width).arg(m_height);
    // 8-bit layouts only; deeper ones (420p10, ...) go through libavformat.
    if (colour == "420jpeg" || colour == "420mpeg2" || colour == "420paldv" || colour == "420")
        m_format = AV_PIX_FMT_YUV420P;
    else if (colour == "422")
        m_format = AV_PIX_FMT_YUV422P;
    else if (colour == "444")
        m_format = AV_PIX_FMT_YUV444P;
    else if (colour == "mono")
        m_format = AV_PIX_FMT_GRAY8;
    else
        return QStringLiteral("colour space C%1 is not read directly").arg(QString::fromLatin1(colour));
    m_rateNum = rateNum > 0 && rateDen > 0 ? rateNum : 25;
    m_rateDen = rateNum > 0 && rateDen > 0 ? rateDen : 1;
    m_pictureBytes = av_image_get_buffer_size(AVPixelFormat(m_format), m_width, m_height, 1);
    if (m_pictureBytes <= 0)
        return QStringLiteral("bad picture size %1x%2").arg(m_width).arg(m_height);
    return QString();
}

void Y4mReader::close()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    // Pictures still queued or in the encoder keep their buffers; the pool frees them later.
    m_pool.reset();
    m_index = 0;
}

QString Y4mReader::rewind()
{
    if (::lseek(m_fd, m_dataOffset, SEEK_SET) < 0)
        return QStringLiteral("cannot seek to the start of %1: %2").arg(m_path, errnoText());
    // The file may have been rewritten in place since the last pass: skip() trusts this size.
    struct stat status = {};
    if (::fstat(m_fd, &status) < 0)
        return QStringLiteral("cannot read the size of %1: %2").arg(m_path, errnoText());
    m_fileBytes = status.st_size;
    m_position = m_dataOffset;
    m_index = 0;
    return QString();
}

bool Y4mReader::readFrameHeader(QString &error)
{
    // Nearly every frame header is "FRAME\n"; parameters after "FRAME " are read and ignored.
    char header[kFrameHeaderLength + 1];
    const ssize_t got = readFully(m_fd, header, sizeof header);
    if (got < 0) {
        error = QStringLiteral("reading %1 failed: %2").arg(m_path, errnoText());
        return false;
    }
    if (got < ssize_t(sizeof header))
        return false;
    if (std::memcmp(header, kFrameHeader, kFrameHeaderLength) != 0) {
        error = QStringLiteral("%1: no FRAME header at picture %2").arg(m_path).arg(m_index);
        return false;
    }
    m_position += got;
    for (int length = 0; header[kFrameHeaderLength] != '\n'; ++length) {
        if (length > kMaxLineLength || readFully(m_fd, &header[kFrameHeaderLength], 1) != 1)
            return false;
        ++m_position;
    }
    return true;
}

Y4mReader::Read Y4mReader::read(AVFramePtr &out, QString &error)
{
    if (!readFrameHeader(error))
        return error.isEmpty() ? Read::EndOfFile : Read::Error;
    AVFramePtr frame(av_frame_alloc());
    AVBufferRef *buffer = m_pool->get();
    if (!frame || !buffer) {
        av_buffer_unref(&buffer);
        error = QStringLiteral("out of memory for a picture");
        return Read::Error;
    }
    frame->buf[0] = buffer;
    const ssize_t pictureBytes = readFully(m_fd, buffer->data, size_t(m_pictureBytes));
    if (pictureBytes < 0) {
        error = QStringLiteral("reading %1 failed: %2").arg(m_path, errnoText());
        return Read::Error;
    }
    m_position += pictureBytes;
    if (pictureBytes < m_pictureBytes)
        return Read::EndOfFile; // a truncated last picture: replay from the start
    frame->format = m_format;
    frame->width = m_width;
    frame->height = m_height;
    av_image_fill_arrays(frame->data, frame->linesize, buffer->data, AVPixelFormat(m_format), m_width, m_height, 1);
    frame->pts = m_index;
    frame->best_effort_timestamp = m_index;
    ++m_index;
    out = std::move(frame);
    return Read::Frame;
}

Y4mReader::Read Y4mReader::skip(QString &error)
{
    if (!readFrameHeader(error))
        return error.isEmpty() ? Read::EndOfFile : Read::Error;
    if (m_position + m_pictureBytes > m_fileBytes)
        return Read::EndOfFile; // as read() treats a truncated last picture
    if (::lseek(m_fd, m_pictureBytes, SEEK_CUR) < 0) {
        error = QStringLiteral("cannot seek in %1: %2").arg(m_path, errnoText());
        return Read::Error;
    }
    m_position += m_pictureBytes;
    ++m_index;
    return Read::Frame;
}

double Y4mReader::secondsAt(qint64 index) const
{
    // One rounding, not two: picture 3 at 10 fps is at 0.3 s exactly, as the capture clock has it.
    return double(index * m_rateDen) / m_rateNum;
}
