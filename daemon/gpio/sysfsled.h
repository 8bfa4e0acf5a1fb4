// SPDX-License-Identifier: MIT
// An LED of the kernel's LED class (/sys/class/leds/NAME), switched through its brightness file.
#pragma once

#include <QFile>
#include <QString>

// Thread-bound to its creator's thread. Writes go to sysfs (kernel memory, never a disk), so they
// return at once and may run on the main thread.
class SysfsLed
{
public:
    // `directory` is /sys/class/leds/NAME.
    explicit SysfsLed(const QString &directory);
    ~SysfsLed();

    // Takes the LED from its kernel trigger (e.g. the SD card's activity) and opens its
    // brightness file. Returns an empty string or why not.
    QString open();
    void set(bool on);

private:
    QString m_directory;
    QFile m_brightness;
    QByteArray m_onValue = "1";
};
