// SPDX-License-Identifier: MIT
// Walks the top-level boxes of an MP4 file to find where its last complete fragment ends.
#include "mp4fragmentscanner.h"

#include <QFile>
#include <QtEndian>

namespace {

constexpr qint64 kHeaderSize = 8;
constexpr qint64 kLargeHeaderSize = 16;

// A box type is four printable ASCII characters; anything else means the walk has left the boxes
// (garbage, or a size field that was never written).
bool isBoxType(const uchar *type)
{
    for (int i = 0; i < 4; ++i)
        if (type[i] < 0x20 || type[i] > 0x7e)
            return false;
    return true;
}

} // namespace

Mp4FragmentScanner::Result Mp4FragmentScanner::scan(const QString &path)
{
    Result result;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        result.problem = QStringLiteral("cannot open: ") + file.errorString();
        return result;
    }
    result.fileSize = file.size();

    qint64 offset = 0;
    bool moofWaitsForMdat = false;
    QByteArray lastBox;
    while (offset < result.fileSize) {
        uchar header[kLargeHeaderSize];
        if (!file.seek(offset) || file.read(reinterpret_cast<char *>(header), kHeaderSize) != kHeaderSize) {
            result.problem = QStringLiteral("box header cut at offset %1").arg(offset);
            break;
        }
        const uchar *type = header + 4;
        if (!isBoxType(type)) {
            result.problem = QStringLiteral("no box at offset %1").arg(offset);
            break;
        }
        qint64 size = qFromBigEndian<quint32>(header);
        if (size == 1) {
            if (file.read(reinterpret_cast<char *>(header + kHeaderSize), 8) != 8) {
                result.problem = QStringLiteral("box header cut at offset %1").arg(offset);
                break;
            }
            size = qint64(qFromBigEndian<quint64>(header + kHeaderSize));
        }
        // Size 0 ("to the end of the file") is how an interrupted writer can leave a box, so it is
        // never taken as complete.
        if (size < kHeaderSize || size > result.fileSize - offset) {
            result.problem = QStringLiteral("%1 box at offset %2 is incomplete")
                                 .arg(QString::fromLatin1(reinterpret_cast<const char *>(type), 4))
                                 .arg(offset);
            break;
        }
        const QByteArray name = QByteArray(reinterpret_cast<const char *>(type), 4);
        offset += size;
        lastBox = name;
        if (name == "moov") {
            result.hasMoov = true;
        } else if (name == "moof") {
            moofWaitsForMdat = true;
            continue;
        } else if (name == "mdat" && moofWaitsForMdat) {
            ++result.fragments;
        }
        moofWaitsForMdat = false;
        result.playableEnd = offset;
    }
    result.intact = result.problem.isEmpty() && !moofWaitsForMdat;
    result.finished = result.intact && lastBox == "mfra";
    if (result.problem.isEmpty() && moofWaitsForMdat)
        result.problem = QStringLiteral("the last moof has no mdat");
    return result;
}
