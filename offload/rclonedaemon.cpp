// SPDX-License-Identifier: MIT
#include "rclonedaemon.h"

#include "rclonearguments.h"

#include <QLoggingCategory>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <algorithm>
#include <csignal>
#include <sys/prctl.h>

Q_LOGGING_CATEGORY(lcRclone, "recorder.offload.rclone")

namespace {
constexpr int kReadyTimeoutMs = 30'000;
constexpr int kMaxRestartSeconds = 60;
constexpr qint64 kHealthyMs = 60'000;
} // namespace

RcloneDaemon::RcloneDaemon(const QString &rclone, const QStringList &arguments, QObject *parent)
    : QObject(parent), m_rclone(rclone), m_arguments(arguments)
{
    // rclone reads no input; an open pipe would let a prompt (a config password) wait forever.
    m_process.setStandardInputFile(QProcess::nullDevice());
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setChildProcessModifier([] {
        // Runs in the child between fork and exec: only async-signal-safe calls.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    });
    connect(&m_process, &QProcess::readyRead, this, &RcloneDaemon::readLog);
    connect(&m_process, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
        readLog();
        exited(status == QProcess::CrashExit ? QStringLiteral("killed or crashed")
                                             : QStringLiteral("exit status %1").arg(code));
    });
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            exited(QStringLiteral("cannot run %1: %2").arg(m_rclone, m_process.errorString()));
    });
    m_restart.setSingleShot(true);
    connect(&m_restart, &QTimer::timeout, this, &RcloneDaemon::start);
    m_readyTimeout.setSingleShot(true);
    connect(&m_readyTimeout, &QTimer::timeout, this, [this] {
        m_lastLine = QStringLiteral("no \"Serving remote control\" line within %1 s").arg(kReadyTimeoutMs / 1000);
        m_process.kill(); // finished() restarts it
    });
}

RcloneDaemon::~RcloneDaemon()
{
    stop();
}

void RcloneDaemon::start()
{
    if (m_process.state() != QProcess::NotRunning)
        return;
    m_stopping = false;
    m_lastLine.clear();
    m_pending.clear();
    m_user = QStringLiteral("recorder-offload");
    // 128 random bits, new at each start: only this process and the rcd know it.
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    m_password = QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(words), sizeof words).toHex());
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("RCLONE_RC_USER"), m_user);
    environment.insert(QStringLiteral("RCLONE_RC_PASS"), m_password);
    m_process.setProcessEnvironment(environment);
    m_running.start();
    m_readyTimeout.start(kReadyTimeoutMs);
    m_process.start(m_rclone, m_arguments);
}

void RcloneDaemon::stop()
{
    m_stopping = true;
    m_restart.stop();
    m_readyTimeout.stop();
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(3000)) {
        m_process.kill();
        m_process.waitForFinished(3000);
    }
}

void RcloneDaemon::readLog()
{
    static const QRegularExpression serving(QStringLiteral("Serving remote control on (http://127\\.0\\.0\\.1:[0-9]+/)"));
    m_pending += m_process.readAll();
    qsizetype end;
    while ((end = m_pending.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_pending.left(end)).trimmed();
        m_pending.remove(0, end + 1);
        if (line.isEmpty())
            continue;
        const QString redacted = RcloneArguments::redacted(line).left(500);
        qCInfo(lcRclone).noquote() << QStringLiteral("rclone: %1").arg(redacted);
        const QRegularExpressionMatch match = serving.match(line);
        if (!match.hasMatch())
            m_lastLine = redacted; // a reason when it exits; "Serving ..." would not be one
        if (match.hasMatch() && m_url.isEmpty()) {
            m_url = QUrl(match.captured(1));
            m_readyTimeout.stop();
            ++m_generation;
            emit started();
        }
    }
}

void RcloneDaemon::exited(const QString &reason)
{
    m_readyTimeout.stop();
    m_url.clear();
    const QString why = m_lastLine.isEmpty() ? reason : QStringLiteral("%1; its last line: %2").arg(reason, m_lastLine);
    if (m_stopping)
        return;
    if (m_running.isValid() && m_running.elapsed() >= kHealthyMs)
        m_restartSeconds = 1;
    qCWarning(lcRclone).noquote() << QStringLiteral("rclone rcd stopped (%1); starting it again in %2 s").arg(why).arg(m_restartSeconds);
    m_restart.start(m_restartSeconds * 1000);
    m_restartSeconds = std::min(m_restartSeconds * 2, kMaxRestartSeconds);
    emit stopped(why);
}
