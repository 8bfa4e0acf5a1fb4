// SPDX-License-Identifier: MIT
// Tests StatusLeds and the LED pattern table: each state's on/off sequence, driven by a given clock.
#include "statusleds.h"

#include <QTest>

#include <limits>

namespace {

using Role = LedPattern::Role;
constexpr double kNoWarning = std::numeric_limits<double>::quiet_NaN();

// The LED's level sampled every `stepMs` from 0 to `untilMs`, as a string of 1 and 0.
QString sequence(Role role, const StatusLeds::Facts &facts, int stepMs, int untilMs)
{
    StatusLeds leds;
    bool lit = false;
    leds.addLed({role}, [&lit](bool on) { lit = on; });
    QString out;
    for (int t = 0; t < untilMs; t += stepMs) {
        leds.show(facts, t);
        out += lit ? QLatin1Char('1') : QLatin1Char('0');
    }
    return out;
}

StatusLeds::Facts facts(RecorderState state, double warningFraction = kNoWarning, bool storageLow = false)
{
    StatusLeds::Facts f;
    f.state = state;
    f.warningFraction = warningFraction;
    f.storageLow = storageLow;
    return f;
}

} // namespace

class TestStatusLeds : public QObject
{
    Q_OBJECT

private slots:
    void patterns_data()
    {
        QTest::addColumn<int>("role");
        QTest::addColumn<int>("state");
        QTest::addColumn<double>("warningFraction");
        QTest::addColumn<bool>("storageLow");
        QTest::addColumn<int>("stepMs");
        QTest::addColumn<QString>("expected");
        const int rec = int(RecorderState::Recording);
        // 8 samples each.
        QTest::newRow("recording: steady") << int(Role::Recording) << rec << kNoWarning << false << 250 << "11111111";
        QTest::newRow("recording LED dark when ready") << int(Role::Recording) << int(RecorderState::Ready) << kNoWarning
                                                       << false << 250 << "00000000";
        QTest::newRow("ready: slow pulse, 150 ms every 2 s")
            << int(Role::Ready) << int(RecorderState::Ready) << kNoWarning << false << 500 << "10001000";
        QTest::newRow("error: fast blink, 100 ms of 200 ms")
            << int(Role::Error) << int(RecorderState::Error) << kNoWarning << false << 100 << "10101010";
        QTest::newRow("storage low: blink, 500 ms of 1 s")
            << int(Role::StorageLow) << rec << kNoWarning << true << 250 << "11001100";
        QTest::newRow("storage fine: dark") << int(Role::StorageLow) << rec << kNoWarning << false << 250 << "00000000";
        QTest::newRow("warning at the first warning: 1 s period")
            << int(Role::Warning) << rec << 1.0 << false << 250 << "11001100";
        QTest::newRow("warning at the end: 200 ms period")
            << int(Role::Warning) << rec << 0.0 << false << 50 << "11001100";
        QTest::newRow("no warning yet: dark") << int(Role::Warning) << rec << kNoWarning << false << 250 << "00000000";
    }

    void patterns()
    {
        QFETCH(int, role);
        QFETCH(int, state);
        QFETCH(double, warningFraction);
        QFETCH(bool, storageLow);
        QFETCH(int, stepMs);
        QFETCH(QString, expected);
        QCOMPARE(sequence(Role(role), facts(RecorderState(state), warningFraction, storageLow), stepMs, 8 * stepMs),
                 expected);
    }

    void warningBlinksFasterAsTheEndNears()
    {
        const LedPattern &warning = LedPattern::of(Role::Warning);
        QCOMPARE(warning.periodAt(1.0), 1000);
        QCOMPARE(warning.periodAt(0.5), 600);
        QCOMPARE(warning.periodAt(0.0), LedPattern::kShortestPeriodMs);
        QVERIFY(warning.periodAt(0.25) < warning.periodAt(0.75));
    }

    void sharedLedShowsTheMostImportantState()
    {
        // One LED for everything: recording steady, but an error outshines it.
        StatusLeds leds;
        QList<bool> writes;
        leds.addLed({Role::Ready, Role::Recording, Role::Error}, [&writes](bool on) { writes.append(on); });
        leds.show(facts(RecorderState::Recording), 0);
        leds.show(facts(RecorderState::Recording), 100);
        QCOMPARE(writes, QList<bool>{true}); // written on a change only
        leds.show(facts(RecorderState::Error), 150);  // the error pattern starts lit
        leds.show(facts(RecorderState::Error), 250);  // 100 ms into it: dark
        QCOMPARE(writes, (QList<bool>{true, false}));
        leds.show(facts(RecorderState::Error), 350);
        QCOMPARE(writes, (QList<bool>{true, false, true}));
    }

    void nextChangeIsWhenThePatternFlips()
    {
        StatusLeds leds;
        leds.addLed({Role::Ready}, [](bool) {});
        QCOMPARE(leds.show(facts(RecorderState::Ready), 0), 150);   // lit until 150 ms
        QCOMPARE(leds.show(facts(RecorderState::Ready), 150), 1850); // dark until 2 s
        StatusLeds steady;
        steady.addLed({Role::Recording}, [](bool) {});
        QCOMPARE(steady.show(facts(RecorderState::Recording), 0), -1);
    }
};

QTEST_GUILESS_MAIN(TestStatusLeds)
#include "tst_statusleds.moc"
