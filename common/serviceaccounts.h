// SPDX-License-Identifier: MIT
// The system users the services run as: who may write the files the other programs trust.
#pragma once

// Reentrant constants. systemd's units (User=) and sysusers.d create these users; readers look
// them up by name (TrustedOwners) so a file another user wrote is never taken for theirs.
namespace ServiceAccounts {
// recorderd: the heartbeat, the preview, the catalog, the recordings.
inline constexpr char kRecorder[] = "recorder";
// recorder-watchdog: its status file, restart history and reboot_trigger.log.
inline constexpr char kWatchdog[] = "recorder-watchdog";
// recorder-exporter: exporter.log.
inline constexpr char kExporter[] = "recorder-metrics";
// recorder-offload: its status file, status.json.
inline constexpr char kOffload[] = "recorder-offload";
} // namespace ServiceAccounts
