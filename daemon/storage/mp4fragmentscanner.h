// SPDX-License-Identifier: MIT
// Walks the top-level boxes of an MP4 file to find where its last complete fragment ends.
#pragma once

#include <QString>

// Reentrant; scan() only reads the file.
class Mp4FragmentScanner
{
public:
    struct Result {
        qint64 fileSize = 0;
        bool hasMoov = false;
        int fragments = 0;          // complete moof+mdat pairs
        qint64 playableEnd = 0;     // offset just past the last complete box that is not a lone moof
        bool intact = false;        // every box is complete up to the end of the file
        // The last box is the fragment index (mfra) the muxer writes when it finishes a fragmented
        // file: a file without one (and with fragments) was never closed cleanly.
        bool finished = false;
        QString problem;            // why the walk stopped early (empty when intact)
    };

    static Result scan(const QString &path);
};
