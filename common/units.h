// SPDX-License-Identifier: MIT
// Parsing and formatting of the units the configuration accepts: durations, sizes, bit rates.
#pragma once

#include <QString>
#include <optional>

// Reentrant: pure functions.
namespace Units {

// "30s", "10min", "1.5h", "250ms", "2d"; a bare number is seconds. Returns seconds.
std::optional<double> parseDuration(const QString &text);
// "1GB" (10^9), "512MiB" (2^29), "10kB"; a bare number is bytes.
std::optional<qint64> parseSize(const QString &text);
// "8Mbps", "500kbps", "2000000"; a bare number is bits per second.
std::optional<qint64> parseBitrate(const QString &text);

// Human forms used in messages and generated docs.
QString formatDuration(double seconds);
QString formatSize(qint64 bytes);

} // namespace Units
