// SPDX-License-Identifier: MIT
// Tests LibgpiodChip against the kernel's gpio-sim (configfs): a real chip, real edge events.
// Skipped where gpio-sim is not available (no /sys/kernel/config/gpio-sim, or not root).
#include "gpiobutton.h"
#include "libgpiodchip.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

namespace {

const QString kConfigfs = QStringLiteral("/sys/kernel/config/gpio-sim");

bool writeFile(const QString &path, const QByteArray &value)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(value) == value.size();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed() : QByteArray();
}

} // namespace

class TestGpioSim : public QObject
{
    Q_OBJECT

    QString m_device; // configfs directory of our simulated chip
    QString m_chipName; // gpiochipN
    QString m_sysfs;  // /sys/devices/platform/<dev_name>/<chip>

private slots:
    void initTestCase()
    {
        if (!QDir(kConfigfs).exists())
            QSKIP("gpio-sim is not available (no /sys/kernel/config/gpio-sim: configfs or the gpio-sim module missing)");
        m_device = kConfigfs + QStringLiteral("/recorder-test-%1").arg(QCoreApplication::applicationPid());
        if (!QDir().mkpath(m_device + QStringLiteral("/bank0")))
            QSKIP("cannot create a gpio-sim chip (needs root)");
        QVERIFY(writeFile(m_device + QStringLiteral("/bank0/num_lines"), "8"));
        QVERIFY(writeFile(m_device + QStringLiteral("/live"), "1"));
        m_chipName = QString::fromLatin1(readFile(m_device + QStringLiteral("/bank0/chip_name")));
        m_sysfs = QStringLiteral("/sys/devices/platform/%1/%2")
                      .arg(QString::fromLatin1(readFile(m_device + QStringLiteral("/dev_name"))), m_chipName);
        QVERIFY(!m_chipName.isEmpty());
    }

    void cleanupTestCase()
    {
        if (m_device.isEmpty() || !QDir(m_device).exists())
            return;
        writeFile(m_device + QStringLiteral("/live"), "0");
        QDir().rmdir(m_device + QStringLiteral("/bank0"));
        QDir().rmdir(m_device);
    }

    void buttonEdgesArriveAsAPress()
    {
        QString error;
        std::unique_ptr<LibgpiodChip> chip = LibgpiodChip::open(m_chipName, &error);
        QVERIFY2(chip, qPrintable(error));
        QCOMPARE(chip->watchInput(3, true), QString());
        GpioButton button(chip.get(), 3, 10, 5000);
        QSignalSpy pressed(&button, &GpioButton::pressed);
        // Active low: pulling the simulated line down is pressing the button.
        QVERIFY(writeFile(m_sysfs + QStringLiteral("/sim_gpio3/pull"), "pull-down"));
        QTRY_VERIFY(button.isDown());
        QVERIFY(writeFile(m_sysfs + QStringLiteral("/sim_gpio3/pull"), "pull-up"));
        QVERIFY(pressed.wait(2000));
    }

    void outputsAndBusyLines()
    {
        QString error;
        std::unique_ptr<LibgpiodChip> chip = LibgpiodChip::open(m_chipName, &error);
        QVERIFY2(chip, qPrintable(error));
        QCOMPARE(chip->claimOutput(5), QString());
        chip->setOutput(5, true);
        QCOMPARE(readFile(m_sysfs + QStringLiteral("/sim_gpio5/value")), QByteArray("1"));
        std::unique_ptr<LibgpiodChip> other = LibgpiodChip::open(m_chipName, &error);
        QVERIFY2(other->claimOutput(5).contains(QStringLiteral("held by another program")), "busy line not reported");
    }

    void missingChipSaysSo()
    {
        QString error;
        QVERIFY(!LibgpiodChip::open(QStringLiteral("gpiochip999"), &error));
        QVERIFY2(error.startsWith(QStringLiteral("cannot open GPIO chip gpiochip999: ")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestGpioSim)
#include "tst_gpiosim.moc"
