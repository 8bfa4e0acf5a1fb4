// SPDX-License-Identifier: MIT
// A recorder.conf for control-layer tests: every [paths] folder in one temporary directory.
#include "testconfig.h"

#include <QDir>
#include <QFile>

Config TestConfig::inDirectory(const QString &directory, const QByteArray &extra)
{
    const QString path = QDir(directory).filePath(QStringLiteral("recorder.conf"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    f.write(QStringLiteral("[paths]\nruntime_dir=%1\nstate_dir=%1\nrecordings_dir=%1\nlog_dir=%1\n").arg(directory).toUtf8() +
            extra);
    f.close();
    const Config::Result r = Config::load(path, true);
    if (!r.ok())
        qFatal("%s", qPrintable(r.error));
    return r.config;
}
