// SPDX-License-Identifier: MIT
// The protect marker beside a recording (<file>.mp4.protected): the durable truth of its protect flag.
#pragma once

#include <QString>

// Reentrant. A marker outlives the catalog (a lost, corrupt or rebuilt catalog takes its protect flags
// from the markers) and is durable when create()/remove() return: the directory is fsynced, so a
// power cut right after a Protect cannot lose it. Markers are not *.mp4, so nothing that lists
// recordings sees them.
class ProtectMarker
{
public:
    static QString pathFor(const QString &recordingPath);   // recordingPath + ".protected"
    static bool exists(const QString &recordingPath);

    // Create or remove the marker of `recordingPath` and fsync its directory. Return "" or the reason.
    // remove() of a marker that is not there is no error.
    static QString create(const QString &recordingPath);
    static QString remove(const QString &recordingPath);
};
