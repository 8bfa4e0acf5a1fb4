// SPDX-License-Identifier: MIT
// Drives the fault-injection shim (faultinject/): writes its control file and gives the environment that loads it.
#pragma once

#include <QProcessEnvironment>
#include <QString>

// Thread-bound (the test's main thread). One FaultInjector owns one control file; a child process
// started with environment() reads it, and re-reads it within about 100 ms of each apply().
//
//   FaultInjector faults(dir.filePath("faults"));
//   faults.setPathPrefix(harness.recordingsDir());
//   faults.setSyncDelayMs(800);
//   QCOMPARE(faults.apply(), QString());
//   harness.start(faults.environment());
//   ...
//   faults.setWriteError(FaultInjector::WriteError::NoSpace);
//   QCOMPARE(faults.apply(), QString()); // the running child now fails its writes
class FaultInjector
{
public:
    enum class WriteError { None, NoSpace, Io };

    explicit FaultInjector(const QString &controlFile);

    // The shim: RECORDER_FAULTINJECT_LIBRARY when set, else the path CMake compiled in.
    static QString libraryPath();
    // Empty when the shim exists, else why it cannot be used (for QSKIP or QFAIL).
    static QString unavailableReason();

    QString controlFile() const { return m_controlFile; }

    void setSyncDelayMs(int milliseconds) { m_syncDelayMs = milliseconds; }
    void setWriteError(WriteError error) { m_writeError = error; }
    // Only fds whose target starts with `prefix` are affected; empty: every regular file.
    void setPathPrefix(const QString &prefix) { m_pathPrefix = prefix; }
    // Back to no faults (the prefix is kept).
    void clearFaults();

    // The control file's text for the current settings.
    QByteArray controlText() const;
    // Replaces the control file atomically (temporary file + rename, so the shim never reads half
    // of it). Returns an empty string or the reason.
    QString apply() const;

    // `base` with LD_PRELOAD (the shim first, anything already preloaded kept) and RECORDER_FAULTS.
    QProcessEnvironment environment(QProcessEnvironment base = QProcessEnvironment::systemEnvironment()) const;

private:
    QString m_controlFile;
    int m_syncDelayMs = 0;
    WriteError m_writeError = WriteError::None;
    QString m_pathPrefix;
};
