// SPDX-License-Identifier: MIT
// GpioChip on the kernel's GPIO character device through libgpiod 1.6 (Debian bookworm).
#include "libgpiodchip.h"

#include "gpiolog.h"

#include <QSocketNotifier>

#include <gpiod.h>

#include <cerrno>
#include <cstring>

namespace {

constexpr const char *kConsumer = "recorderd"; // shown by gpioinfo as the line's user

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

} // namespace

std::unique_ptr<LibgpiodChip> LibgpiodChip::open(const QString &name, QString *error)
{
    gpiod_chip *chip = gpiod_chip_open_lookup(name.toLocal8Bit().constData());
    if (!chip) {
        *error = QStringLiteral("cannot open GPIO chip %1: %2").arg(name, systemError(errno));
        return nullptr;
    }
    return std::unique_ptr<LibgpiodChip>(new LibgpiodChip(chip, name));
}

LibgpiodChip::LibgpiodChip(gpiod_chip *chip, const QString &name) : m_chip(chip), m_name(name) {}

LibgpiodChip::~LibgpiodChip()
{
    // LEDs go dark when the recorder stops, rather than staying in whatever state they were.
    for (gpiod_line *l : std::as_const(m_outputs))
        gpiod_line_set_value(l, 0);
    // The notifiers watch descriptors that closing the chip closes: they go first.
    qDeleteAll(findChildren<QSocketNotifier *>());
    gpiod_chip_close(m_chip);
}

gpiod_line *LibgpiodChip::line(int offset, QString *error) const
{
    const unsigned int count = gpiod_chip_num_lines(m_chip);
    if (offset < 0 || static_cast<unsigned int>(offset) >= count) {
        *error = QStringLiteral("GPIO chip %1 has no line %2 (it has lines 0 to %3)").arg(m_name).arg(offset).arg(count - 1);
        return nullptr;
    }
    gpiod_line *l = gpiod_chip_get_line(m_chip, static_cast<unsigned int>(offset));
    if (!l)
        *error = QStringLiteral("cannot get line %1 of GPIO chip %2: %3").arg(offset).arg(m_name, systemError(errno));
    return l;
}

QString LibgpiodChip::requestError(int offset) const
{
    const int error = errno;
    if (error == EBUSY)
        return QStringLiteral("line %1 of GPIO chip %2 is held by another program").arg(offset).arg(m_name);
    return QStringLiteral("cannot claim line %1 of GPIO chip %2: %3").arg(offset).arg(m_name, systemError(error));
}

QString LibgpiodChip::watchInput(int offset, bool activeLow)
{
    QString error;
    gpiod_line *l = line(offset, &error);
    if (!l)
        return error;
    // The pull-up or pull-down is the wiring's business (or the device tree's): only the
    // active level is ours to know.
    if (gpiod_line_request_both_edges_events_flags(l, kConsumer, activeLow ? GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW : 0) < 0)
        return requestError(offset);
    auto *notifier = new QSocketNotifier(gpiod_line_event_get_fd(l), QSocketNotifier::Read, this);
    connect(notifier, &QSocketNotifier::activated, this,
            [this, offset, l, notifier] { readEvents(offset, l, notifier); });
    return {};
}

void LibgpiodChip::readEvents(int offset, gpiod_line *l, QSocketNotifier *notifier)
{
    // Drain what is queued (a bouncing contact queues several edges), then report the level as
    // it is now: the debouncer wants levels, and the edges' own order no longer matters.
    gpiod_line_event events[16];
    if (gpiod_line_event_read_multiple(l, events, 16) < 0) {
        // A chip that is gone leaves the descriptor readable (or in error) for good: watching it
        // any longer would bring the event loop back here on every pass. Stop, and say so once
        // through failed() (the owner logs it and reports GPIO unavailable).
        const QString why = QStringLiteral("reading events of line %1 of GPIO chip %2: %3")
                                .arg(offset)
                                .arg(m_name, systemError(errno));
        notifier->setEnabled(false);
        notifier->deleteLater();
        emit failed(why);
        return;
    }
    const int value = gpiod_line_get_value(l);
    if (value >= 0)
        emit inputChanged(offset, value == 1);
}

QString LibgpiodChip::claimOutput(int offset)
{
    QString error;
    gpiod_line *l = line(offset, &error);
    if (!l)
        return error;
    if (gpiod_line_request_output(l, kConsumer, 0) < 0)
        return requestError(offset);
    m_outputs.insert(offset, l);
    return {};
}

void LibgpiodChip::setOutput(int offset, bool on)
{
    if (gpiod_line *l = m_outputs.value(offset))
        gpiod_line_set_value(l, on ? 1 : 0);
}
