// SPDX-License-Identifier: MIT
// Collects the CPU temperature and the Raspberry Pi firmware's throttling flags from sysfs (docs/metrics.md).
#include "thermalcollector.h"

#include "metricfamilies.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>

using namespace MetricFamilies;

namespace {

// sysfs attributes are one short line; anything longer is not what we expect.
constexpr qint64 kMaxAttributeBytes = 64;
// Millidegrees outside this range are a broken sensor, not a temperature.
constexpr double kMinCelsius = -60;
constexpr double kMaxCelsius = 150;

struct Attribute {
    bool exists = false;
    QString error;
    QByteArray text; // trimmed
};

Attribute readAttribute(const QString &path)
{
    Attribute a;
    QFile file(path);
    if (!file.exists())
        return a;
    a.exists = true;
    if (!file.open(QIODevice::ReadOnly)) {
        a.error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return a;
    }
    a.text = file.read(kMaxAttributeBytes + 1).trimmed();
    if (a.text.size() > kMaxAttributeBytes)
        a.error = QStringLiteral("%1: longer than %2 bytes").arg(path).arg(kMaxAttributeBytes);
    return a;
}

} // namespace

ThermalCollector::ThermalCollector(const QString &sysfsRoot) : m_root(sysfsRoot) {}

QString ThermalCollector::cpuZone() const
{
    const QDir thermal(m_root + QStringLiteral("/class/thermal"));
    QList<QPair<int, QString>> zones;
    static const QRegularExpression zoneName(QStringLiteral("^thermal_zone(\\d+)$"));
    for (const QString &entry : thermal.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QRegularExpressionMatch m = zoneName.match(entry);
        if (m.hasMatch())
            zones.append({m.captured(1).toInt(), thermal.filePath(entry)});
    }
    std::sort(zones.begin(), zones.end()); // thermal_zone10 after thermal_zone2
    QString fallback;
    for (const auto &zone : zones) {
        const QString type = QString::fromUtf8(readAttribute(zone.second + QStringLiteral("/type")).text);
        if (type == QLatin1String("cpu-thermal"))
            return zone.second;
        if (fallback.isEmpty() && (type.contains(QLatin1String("cpu"), Qt::CaseInsensitive) || type == QLatin1String("x86_pkg_temp")))
            fallback = zone.second;
    }
    return fallback;
}

QString ThermalCollector::throttledFile() const
{
    const QString usual = m_root + QStringLiteral("/devices/platform/soc/soc:firmware/get_throttled");
    if (QFileInfo::exists(usual))
        return usual;
    // Where the device tree puts the firmware node elsewhere (a bus of another name), the file
    // keeps its name under it.
    const QDir platform(m_root + QStringLiteral("/devices/platform"));
    for (const QString &bus : platform.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QDir busDir(platform.filePath(bus));
        for (const QString &node : busDir.entryList({QStringLiteral("*:firmware")}, QDir::Dirs, QDir::Name)) {
            const QString candidate = busDir.filePath(node + QStringLiteral("/get_throttled"));
            if (QFileInfo::exists(candidate))
                return candidate;
        }
    }
    return {};
}

QString ThermalCollector::collect(prometheus::Registry &registry)
{
    QStringList errors;
    for (const QString &error : {collectTemperature(registry), collectThrottling(registry)}) {
        if (!error.isEmpty())
            errors.append(error);
    }
    return errors.join(QStringLiteral("; "));
}

QString ThermalCollector::collectTemperature(prometheus::Registry &registry) const
{
    const QString zone = cpuZone();
    if (zone.isEmpty())
        return {};
    const Attribute temp = readAttribute(zone + QStringLiteral("/temp"));
    if (!temp.exists || !temp.error.isEmpty())
        return temp.error;
    bool ok = false;
    const double celsius = temp.text.toLongLong(&ok) / 1000.0;
    if (!ok || celsius < kMinCelsius || celsius > kMaxCelsius) {
        return QStringLiteral("%1/temp: '%2' is not a temperature in millidegrees Celsius (%3 to %4 °C)")
            .arg(zone, QString::fromUtf8(temp.text.left(kMaxAttributeBytes)))
            .arg(kMinCelsius)
            .arg(kMaxCelsius);
    }
    setGauge(registry, "recorder_cpu_temperature_celsius",
             "CPU temperature in degrees Celsius (the cpu-thermal zone); absent when the kernel has none.", celsius);
    return {};
}

QString ThermalCollector::collectThrottling(prometheus::Registry &registry) const
{
    const QString path = throttledFile();
    if (path.isEmpty())
        return {};
    const Attribute flags = readAttribute(path);
    if (!flags.exists || !flags.error.isEmpty())
        return flags.error;
    QByteArray hex = flags.text;
    if (hex.startsWith("0x") || hex.startsWith("0X"))
        hex = hex.mid(2);
    bool ok = !hex.isEmpty() && hex.size() <= 8;
    const quint32 word = ok ? hex.toUInt(&ok, 16) : 0;
    if (!ok) {
        return QStringLiteral("%1: '%2' is not a hexadecimal 32-bit bitmask")
            .arg(path, QString::fromUtf8(flags.text.left(kMaxAttributeBytes)));
    }
    auto &now = gauge(registry, "recorder_cpu_throttle_condition",
                      "1 while the Raspberry Pi firmware reports the condition (under_voltage, frequency_capped, "
                      "throttled, soft_temp_limit), else 0.");
    auto &sinceBoot = gauge(registry, "recorder_cpu_throttle_occurred",
                            "1 when the Raspberry Pi firmware has reported the condition since boot, else 0.");
    bool any = false;
    for (const Condition &c : kConditions) {
        const bool active = word & (1u << c.bit);
        any = any || active;
        now.Add({{"condition", c.label}}).Set(active ? 1 : 0);
        sinceBoot.Add({{"condition", c.label}}).Set(word & (1u << (c.bit + kSinceBootShift)) ? 1 : 0);
    }
    setGauge(registry, "recorder_cpu_throttled",
             "1 while the Raspberry Pi firmware slows the CPU or reports under-voltage (any condition now), else 0.",
             any ? 1 : 0);
    return {};
}
