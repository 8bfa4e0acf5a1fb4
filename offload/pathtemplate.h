// SPDX-License-Identifier: MIT
// Where a recording goes under the remote: [offload] path_template expanded for one file.
#pragma once

#include <QString>

// Reentrant. The template was validated by the key table (relative, no "..", ends in {filename}).
class PathTemplate
{
public:
    // strftime fields of `startTimeMs` in local time (the recording's start, as its file name says),
    // then {hostname} and {filename}. Replacing the braces after strftime keeps a '%' in a host or
    // file name from being read as a field.
    static QString expand(const QString &pattern, const QString &hostname, const QString &fileName,
                          qint64 startTimeMs);
};
