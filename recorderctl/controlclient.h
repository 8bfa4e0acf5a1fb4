// SPDX-License-Identifier: MIT
// recorderctl's side of org.recorder.Recorder1: calls the recorder and turns D-Bus errors into exit statuses.
#pragma once

#include "recorder1interface.h"

#include <QCoreApplication>
#include <QDBusError>
#include <QList>
#include <QVariantMap>

#include <memory>

// Thread-bound (the main thread). Every call blocks until the recorder answers or the timeout.
class ControlClient
{
    Q_DECLARE_TR_FUNCTIONS(ControlClient)

public:
    // Exit statuses of recorderctl (docs/recorderctl.md). sysexits.h values where one fits.
    enum ExitStatus {
        kOk = 0,
        kRefused = 1,         // the recorder said no: org.recorder.Recorder1.Error.<Reason>
        kUsage = 64,          // EX_USAGE: bad command line (CommandLine::kExitUsage)
        kNotRunning = 69,     // EX_UNAVAILABLE: no recorder on the bus, or no bus
        kFailed = 70,         // EX_SOFTWARE: any other D-Bus failure
        kCannotWrite = 73,    // EX_CANTCREAT: snapshot FILE cannot be written
        kNotResponding = 75,  // EX_TEMPFAIL: the recorder did not answer in time
        kNotAllowed = 77,     // EX_NOPERM: the D-Bus policy refused the caller
        kConfig = 78,         // EX_CONFIG: configuration error (CommandLine)
    };

    struct Outcome {
        int exitStatus = kOk;
        QString message; // one line when exitStatus != kOk
        bool ok() const { return exitStatus == kOk; }
    };

    static constexpr int kTimeoutMs = 10000;

    ControlClient();

    Outcome start();
    Outcome stop();
    Outcome extend(double *remainingSeconds);
    Outcome status(QVariantMap *status);
    Outcome list(uint limit, uint offset, QList<QVariantMap> *rows);
    Outcome protect(const QString &path, bool on);
    Outcome snapshot(QByteArray *jpeg);

    // Maps a D-Bus error to recorderctl's exit status and message; public for tests.
    static Outcome fromError(const QDBusError &error);

private:
    Outcome connected() const;

    QString m_busError;
    std::unique_ptr<OrgRecorderRecorder1Interface> m_proxy;
};
