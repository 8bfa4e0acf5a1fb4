// SPDX-License-Identifier: MIT
// The recorder's physical controls: the push button and the status LEDs of [gpio] and [leds].
#pragma once

#include "gpiochip.h"
#include "statusleds.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

class Config;
class GpioButton;
class RecorderService;
class SessionController;
class SysfsLed;

// Thread-bound to the main thread. The button gives its commands to the RecorderService, the
// object D-Bus calls, so a press is refused and logged exactly as a D-Bus call would be. The LEDs
// follow the SessionController's state. A chip that is missing or a line another program holds
// is logged once and left out: recording never depends on GPIO.
class GpioPanel : public QObject
{
    Q_OBJECT

public:
    struct Settings {
        QString chip = QStringLiteral("gpiochip0");
        int buttonLine = -1; // -1: no button
        bool buttonActiveLow = true;
        int debounceMs = 50;
        int longPressMs = 3000;
        // [leds] key -> a line number or /sys/class/leds/NAME; missing or empty: no LED.
        QHash<QString, QString> leds;

        static Settings fromConfig(const Config &config);
        bool usesChip() const;
    };
    // Opens a chip by name; null and `error` set when it cannot.
    using ChipOpener = std::function<std::unique_ptr<GpioChip>(const QString &name, QString *error)>;

    // `service` and `controller` are borrowed and must outlive the panel. `opener` defaults to
    // LibgpiodChip::open.
    GpioPanel(const Settings &settings, RecorderService *service, SessionController *controller,
              ChipOpener opener = {}, QObject *parent = nullptr);
    ~GpioPanel() override;

    // Claims the lines and lights the LEDs. Problems are logged and shown by state() and error().
    void start();
    // Whether free space is low, from values measured elsewhere (must return at once).
    void setStorageLowProbe(std::function<bool()> probe) { m_storageLow = std::move(probe); }

    // The heartbeat's `gpio`: off (nothing configured), ok, or unavailable (see error()).
    QString state() const { return m_state; }
    QString error() const { return m_error; }
    GpioButton *button() const { return m_button.get(); }
    // Re-reads the facts and sets the LEDs now.
    void refreshLeds();

signals:
    // state() or error() changed: at start() and when the chip fails later (unplugged, say).
    void stateChanged();

private:
    void fail(const QString &error);
    void onChipFailed(const QString &reason);
    void onPressed();
    void onLongPressed();
    StatusLeds::Facts facts() const;

    Settings m_settings;
    RecorderService *m_service;
    SessionController *m_controller;
    ChipOpener m_opener;
    std::unique_ptr<GpioChip> m_chip;
    std::unique_ptr<GpioButton> m_button;
    std::vector<std::unique_ptr<SysfsLed>> m_sysfsLeds;
    StatusLeds m_leds;
    QTimer m_ledTimer;
    QElapsedTimer m_clock;
    std::function<bool()> m_storageLow;
    QString m_state = QStringLiteral("off");
    QString m_error;
};
