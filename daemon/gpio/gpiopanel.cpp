// SPDX-License-Identifier: MIT
// The recorder's physical controls: the push button and the status LEDs of [gpio] and [leds].
#include "gpiopanel.h"

#include "config.h"
#include "gpiobutton.h"
#include "gpiolog.h"
#include "libgpiodchip.h"
#include "recorderservice.h"
#include "sessioncontroller.h"
#include "sysfsled.h"

#include <QMap>

#include <algorithm>

namespace {

// The LEDs are looked at again at least this often: free space changes without a signal.
constexpr int kLedRecheckMs = 1000;

bool isSysfs(const QString &led)
{
    return led.startsWith(QLatin1Char('/'));
}

} // namespace

GpioPanel::Settings GpioPanel::Settings::fromConfig(const Config &config)
{
    Settings s;
    s.chip = config.string(QStringLiteral("gpio/chip"));
    s.buttonLine = config.integer(QStringLiteral("gpio/button_line"));
    s.buttonActiveLow = config.boolean(QStringLiteral("gpio/button_active_low"));
    s.debounceMs = qRound(config.seconds(QStringLiteral("gpio/debounce")) * 1000);
    s.longPressMs = qRound(config.seconds(QStringLiteral("gpio/long_press")) * 1000);
    for (const LedPattern &p : LedPattern::table()) {
        const QString value = config.string(QStringLiteral("leds/") + QLatin1String(p.key));
        if (!value.isEmpty())
            s.leds.insert(QLatin1String(p.key), value);
    }
    return s;
}

bool GpioPanel::Settings::usesChip() const
{
    return buttonLine >= 0 || std::any_of(leds.cbegin(), leds.cend(), [](const QString &led) { return !isSysfs(led); });
}

GpioPanel::GpioPanel(const Settings &settings, RecorderService *service, SessionController *controller,
                     ChipOpener opener, QObject *parent)
    : QObject(parent), m_settings(settings), m_service(service), m_controller(controller), m_opener(std::move(opener))
{
    if (!m_opener)
        m_opener = [](const QString &name, QString *error) -> std::unique_ptr<GpioChip> { return LibgpiodChip::open(name, error); };
    m_ledTimer.setSingleShot(true);
    connect(&m_ledTimer, &QTimer::timeout, this, &GpioPanel::refreshLeds);
}

GpioPanel::~GpioPanel() = default;

void GpioPanel::fail(const QString &error)
{
    // One line per problem; the rest of GPIO (and recording) goes on.
    qCWarning(lcGpio, "%s; going on without it", qPrintable(error));
    m_state = QStringLiteral("unavailable");
    if (m_error.isEmpty())
        m_error = error;
    emit stateChanged();
}

void GpioPanel::onChipFailed(const QString &reason)
{
    // The button is dead with its chip: drop it, so a half-read level cannot fire a command later.
    m_button.reset();
    fail(reason);
}

void GpioPanel::start()
{
    if (m_settings.buttonLine < 0 && m_settings.leds.isEmpty())
        return; // off
    m_state = QStringLiteral("ok");
    if (m_settings.usesChip()) {
        QString error;
        m_chip = m_opener(m_settings.chip, &error);
        if (!m_chip)
            fail(error);
        else
            connect(m_chip.get(), &GpioChip::failed, this, &GpioPanel::onChipFailed);
    }
    if (m_chip && m_settings.buttonLine >= 0) {
        const QString error = m_chip->watchInput(m_settings.buttonLine, m_settings.buttonActiveLow);
        if (error.isEmpty()) {
            m_button = std::make_unique<GpioButton>(m_chip.get(), m_settings.buttonLine, m_settings.debounceMs,
                                                    m_settings.longPressMs);
            connect(m_button.get(), &GpioButton::pressed, this, &GpioPanel::onPressed);
            connect(m_button.get(), &GpioButton::longPressed, this, &GpioPanel::onLongPressed);
            qCInfo(lcGpio, "button on line %d of %s", m_settings.buttonLine, qPrintable(m_settings.chip));
        } else {
            fail(QStringLiteral("button: ") + error);
        }
    }

    // One LED per distinct line or sysfs name, showing every state that names it.
    QMap<QString, QList<LedPattern::Role>> roles;
    for (const LedPattern &p : LedPattern::table()) {
        const QString led = m_settings.leds.value(QLatin1String(p.key));
        if (!led.isEmpty())
            roles[led].append(p.role);
    }
    for (auto it = roles.cbegin(); it != roles.cend(); ++it) {
        const QString &led = it.key();
        if (isSysfs(led)) {
            auto sysfs = std::make_unique<SysfsLed>(led);
            const QString error = sysfs->open();
            if (!error.isEmpty()) {
                fail(QStringLiteral("LED %1: %2").arg(led, error));
                continue;
            }
            m_leds.addLed(it.value(), [l = sysfs.get()](bool on) { l->set(on); });
            m_sysfsLeds.push_back(std::move(sysfs));
        } else if (m_chip) {
            const int line = led.toInt();
            const QString error = m_chip->claimOutput(line);
            if (!error.isEmpty()) {
                fail(QStringLiteral("LED: ") + error);
                continue;
            }
            m_leds.addLed(it.value(), [chip = m_chip.get(), line](bool on) { chip->setOutput(line, on); });
        }
    }
    if (!m_leds.isEmpty()) {
        m_clock.start();
        connect(m_controller, &SessionController::stateChanged, this, &GpioPanel::refreshLeds);
        connect(m_controller, &SessionController::warning, this, &GpioPanel::refreshLeds);
        refreshLeds();
    }
}

StatusLeds::Facts GpioPanel::facts() const
{
    StatusLeds::Facts f;
    f.state = m_controller->state();
    const QList<double> &warnings = m_controller->settings().warningSeconds;
    const double first = warnings.isEmpty() ? 0 : *std::max_element(warnings.cbegin(), warnings.cend());
    const double remaining = m_controller->sessionRemainingSeconds(); // NaN outside a session
    if (first > 0 && remaining <= first)
        f.warningFraction = remaining / first;
    f.storageLow = m_storageLow && m_storageLow();
    return f;
}

void GpioPanel::refreshLeds()
{
    if (m_leds.isEmpty())
        return;
    const StatusLeds::Facts now = facts();
    qint64 next = m_leds.show(now, m_clock.elapsed());
    // A session nears its warnings, and free space changes, without telling: look again soon.
    if (next < 0 || next > kLedRecheckMs)
        next = kLedRecheckMs;
    m_ledTimer.start(static_cast<int>(next));
}

void GpioPanel::onPressed()
{
    // Extend only makes sense in a recording session; anything else is a Start, whose refusal
    // (already recording, still starting, ...) is logged by the controller like a D-Bus one.
    const bool extend = m_controller->state() == RecorderState::Recording && m_controller->inSession();
    qCInfo(lcGpio, "button pressed: %s", extend ? "Extend" : "Start");
    if (extend)
        m_service->Extend();
    else
        m_service->Start();
    refreshLeds();
}

void GpioPanel::onLongPressed()
{
    qCInfo(lcGpio, "button held: Stop");
    m_service->Stop();
    refreshLeds();
}
