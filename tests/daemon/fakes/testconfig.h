// SPDX-License-Identifier: MIT
// A recorder.conf for control-layer tests: every [paths] folder in one temporary directory.
#pragma once

#include "config.h"

#include <QByteArray>
#include <QString>

// Reentrant. Aborts the test program on a configuration error: the tests' own text is wrong then.
class TestConfig
{
public:
    // Writes `directory`/recorder.conf with the paths and `extra`, and loads it.
    static Config inDirectory(const QString &directory, const QByteArray &extra);
};
