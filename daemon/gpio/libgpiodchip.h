// SPDX-License-Identifier: MIT
// GpioChip on the kernel's GPIO character device through libgpiod 1.6 (Debian bookworm).
#pragma once

#include "gpiochip.h"

#include <QHash>

#include <memory>

class QSocketNotifier;
struct gpiod_chip;
struct gpiod_line;

// Thread-bound to the main thread. Input edges are read when the line's event file descriptor
// becomes readable (a QSocketNotifier): no thread of its own, no polling, nothing blocks.
class LibgpiodChip : public GpioChip
{
    Q_OBJECT

public:
    // `name` is what gpiod_chip_open_lookup() accepts: gpiochip0, /dev/gpiochip0, 0 or a label.
    // Null when the chip cannot be opened; `error` says why.
    static std::unique_ptr<LibgpiodChip> open(const QString &name, QString *error);
    ~LibgpiodChip() override;

    QString watchInput(int line, bool activeLow) override;
    QString claimOutput(int line) override;
    void setOutput(int line, bool on) override;

private:
    LibgpiodChip(gpiod_chip *chip, const QString &name);
    gpiod_line *line(int offset, QString *error) const;
    QString requestError(int offset) const;
    void readEvents(int offset, gpiod_line *line, QSocketNotifier *notifier);

    gpiod_chip *m_chip; // owned; closing it releases every line requested from it
    QString m_name;
    QHash<int, gpiod_line *> m_outputs; // lines belong to m_chip
};
