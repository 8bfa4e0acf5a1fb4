// SPDX-License-Identifier: MIT
// Tests LibgpiodChip where no GPIO hardware is needed: a chip that does not exist is one clear error.
#include "libgpiodchip.h"

#include <QTest>

class TestLibgpiodChip : public QObject
{
    Q_OBJECT

private slots:
    void missingChipSaysSo()
    {
        QString error;
        QVERIFY(!LibgpiodChip::open(QStringLiteral("/dev/gpiochip999"), &error));
        QVERIFY2(error.startsWith(QStringLiteral("cannot open GPIO chip /dev/gpiochip999: ")), qPrintable(error));
        QVERIFY(!error.contains(QLatin1Char('\n')));
    }
};

QTEST_GUILESS_MAIN(TestLibgpiodChip)
#include "tst_libgpiodchip.moc"
