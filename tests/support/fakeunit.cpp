// SPDX-License-Identifier: MIT
// A systemd service unit stand-in for tests: runs one process and reports ActiveState and MainPID.
#include "fakeunit.h"

namespace {
constexpr int kWaitMs = 5000;
}

FakeUnit::FakeUnit(const QString &name, const QString &program, const QStringList &arguments, QObject *parent)
    : QObject(parent), m_name(name), m_program(program), m_arguments(arguments)
{
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    connect(&m_process, &QProcess::finished, this, [this] {
        if (!m_stopping)
            setState(QStringLiteral("failed"), 0);
    });
}

FakeUnit::~FakeUnit()
{
    stop();
}

QString FakeUnit::objectPath() const
{
    return QStringLiteral("/org/freedesktop/systemd1/unit/") + escapePathElement(m_name);
}

void FakeUnit::setCommand(const QString &program, const QStringList &arguments)
{
    m_program = program;
    m_arguments = arguments;
}

QString FakeUnit::start()
{
    if (m_process.state() != QProcess::NotRunning)
        return {};
    m_process.start(m_program, m_arguments);
    if (!m_process.waitForStarted(kWaitMs)) {
        setState(QStringLiteral("failed"), 0);
        return QStringLiteral("cannot start %1: %2").arg(m_program, m_process.errorString());
    }
    setState(QStringLiteral("active"), static_cast<uint>(m_process.processId()));
    return {};
}

void FakeUnit::stop()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_stopping = true;
        // SIGKILL also ends a process frozen with SIGSTOP, which SIGTERM would not.
        m_process.kill();
        m_process.waitForFinished(kWaitMs);
        m_stopping = false;
    }
    setState(QStringLiteral("inactive"), 0);
}

QString FakeUnit::restart()
{
    stop();
    return start();
}

QString FakeUnit::escapePathElement(const QString &name)
{
    QString out;
    const QByteArray bytes = name.toUtf8();
    for (const char c : bytes) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (plain)
            out += QLatin1Char(c);
        else
            out += QStringLiteral("_%1").arg(static_cast<uchar>(c), 2, 16, QLatin1Char('0'));
    }
    return out;
}

void FakeUnit::setState(const QString &state, uint pid)
{
    const bool changed = state != m_activeState;
    m_activeState = state;
    m_mainPid = pid;
    if (changed)
        emit stateChanged(state);
}
