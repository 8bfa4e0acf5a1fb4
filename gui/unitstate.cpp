// SPDX-License-Identifier: MIT
// One systemd unit's state as the Service page shows it: read over D-Bus, said in plain words.
#include "unitstate.h"

#include "displayformat.h"

#include <ctime>

namespace {
constexpr int kExited = 1; // CLD_EXITED: ExecMainStatus is an exit status
constexpr int kConfigErrorStatus = 78; // EX_CONFIG: every program's "bad configuration"
} // namespace

bool UnitState::restarting() const
{
    return reach == Reach::Read && activeState == QLatin1String("activating")
        && subState == QLatin1String("auto-restart");
}

QString UnitState::text() const
{
    switch (reach) {
    case Reach::NotRead:
        return tr("not read yet");
    case Reach::NotInstalled:
        return tr("not installed");
    case Reach::Unreachable:
        return tr("systemd not reachable");
    case Reach::Error:
        return tr("state unknown: %1").arg(error);
    case Reach::Read:
        break;
    }
    if (restarting())
        return tr("restarting (after a failure)");
    if (activeState == QLatin1String("active")) {
        // The sub-states an active service has, in words; one systemd adds later shows as it is.
        const QString sub = subState.isEmpty()          ? tr("active")
            : subState == QLatin1String("running")      ? tr("active (running)")
            : subState == QLatin1String("exited")       ? tr("active (exited)")
            : subState == QLatin1String("reload")       ? tr("active (reloading)")
                                                        : tr("active (%1)").arg(subState);
        if (activeForSeconds < 0)
            return sub;
        return tr("%1 for %2").arg(sub, DisplayFormat::duration(activeForSeconds));
    }
    if (activeState == QLatin1String("failed"))
        return tr("failed (%1)").arg(failure());
    if (activeState == QLatin1String("inactive"))
        return tr("inactive");
    if (activeState == QLatin1String("activating"))
        return tr("starting");
    if (activeState == QLatin1String("deactivating"))
        return tr("stopping");
    if (activeState == QLatin1String("reloading"))
        return tr("reloading");
    return activeState; // a state systemd added later: its own word beats none
}

QString UnitState::failure() const
{
    if (result == QLatin1String("exit-code") || (execMainCode == kExited && execMainStatus != 0)) {
        if (execMainStatus == kConfigErrorStatus)
            return tr("exit %1: configuration error").arg(execMainStatus);
        return tr("exit %1").arg(execMainStatus);
    }
    if (result == QLatin1String("signal") || result == QLatin1String("core-dump"))
        return tr("killed by signal %1").arg(execMainStatus);
    if (result == QLatin1String("timeout"))
        return tr("timed out");
    if (result == QLatin1String("watchdog"))
        return tr("systemd's watchdog fired");
    if (result == QLatin1String("start-limit-hit"))
        return tr("restarted too often");
    return result.isEmpty() ? tr("no reason given") : result;
}

UnitState::Tone UnitState::tone() const
{
    switch (reach) {
    case Reach::NotRead:
        return Tone::Neutral;
    case Reach::NotInstalled:
    case Reach::Unreachable:
    case Reach::Error:
        return Tone::Bad;
    case Reach::Read:
        break;
    }
    if (activeState == QLatin1String("active"))
        return Tone::Good;
    if (activeState == QLatin1String("failed") || activeState == QLatin1String("inactive"))
        return Tone::Bad;
    return Tone::Busy;
}

quint64 UnitState::nowMonotonicUSec()
{
    timespec ts{};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<quint64>(ts.tv_sec) * 1000000u + static_cast<quint64>(ts.tv_nsec) / 1000u;
}
