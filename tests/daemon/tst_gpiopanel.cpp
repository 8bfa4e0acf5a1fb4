// SPDX-License-Identifier: MIT
// Tests GpioPanel: the button drives the recorder through the same control layer as D-Bus, the
// LEDs follow its state, and a missing chip or a busy line leaves the recorder recording.
#include "config.h"
#include "controllayer.h"
#include "fakegpiochip.h"
#include "fakerecordingengine.h"
#include "testconfig.h"
#include "gpiobutton.h"
#include "gpiopanel.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr int kButton = 17;
constexpr int kRecordingLed = 22;
constexpr int kReadyLed = 23;

// Log lines of the control layer and of GPIO, as the recorder's log file would get them.
QStringList g_log;
QtMessageHandler g_previous = nullptr;

void capture(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QLatin1String category(context.category ? context.category : "");
    if (category == QLatin1String("recorder.control") || category == QLatin1String("recorder.gpio"))
        g_log.append(message);
    g_previous(type, context, message);
}

QStringList refusals()
{
    return g_log.filter(QStringLiteral("command refused"));
}

} // namespace

class TestGpioPanel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    Config config(const QByteArray &extra) { return TestConfig::inDirectory(m_dir.path(), extra); }

    // A recorder (control layer on a fake engine, no bus) with a panel on a fake chip.
    struct Rig {
        FakeRecordingEngine engine;
        ControlLayer control;
        FakeGpioChip *chip = nullptr; // owned by the panel once opened
        GpioPanel panel;

        Rig(const Config &config, const GpioPanel::Settings &settings, const QSet<int> &busy = {},
            const QString &openError = {})
            : control(config, &engine, nullptr),
              panel(settings, control.service(), control.controller(),
                    [this, busy, openError](const QString &, QString *error) -> std::unique_ptr<GpioChip> {
                        if (!openError.isEmpty()) {
                            *error = openError;
                            return nullptr;
                        }
                        auto fake = std::make_unique<FakeGpioChip>();
                        fake->busyLines = busy;
                        chip = fake.get();
                        return fake;
                    })
        {
            control.start(QDBusConnection(QStringLiteral("not-connected")));
            panel.start();
        }

        // A press as a person makes one: down, held briefly, up; waits for the debounced release.
        bool press(int holdMs = 0)
        {
            chip->setInput(kButton, true);
            if (!QTest::qWaitFor([&] { return panel.button()->isDown(); }, 2000))
                return false;
            if (holdMs > 0)
                QTest::qWait(holdMs);
            chip->setInput(kButton, false);
            return QTest::qWaitFor([&] { return !panel.button()->isDown(); }, 2000);
        }
    };

    static GpioPanel::Settings settings()
    {
        GpioPanel::Settings s;
        s.chip = QStringLiteral("gpiochip0");
        s.buttonLine = kButton;
        s.debounceMs = 20;
        // Far beyond any press the tests make, so a slow CI machine never turns a press into a
        // Stop; longPressStops() shortens it.
        s.longPressMs = 5000;
        s.leds.insert(QStringLiteral("recording"), QString::number(kRecordingLed));
        s.leds.insert(QStringLiteral("ready"), QString::number(kReadyLed));
        return s;
    }

    static QByteArray session()
    {
        return "[recording]\nmode=session\nsession_duration=1min\nextension=1min\nmax_duration=3min\n";
    }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<RecorderState>();
        g_previous = qInstallMessageHandler(capture);
    }
    void cleanupTestCase() { qInstallMessageHandler(g_previous); }
    void init() { g_log.clear(); }

    void settingsFromConfig()
    {
        const GpioPanel::Settings s = GpioPanel::Settings::fromConfig(
            config("[gpio]\nbutton_line=27\nbutton_active_low=false\ndebounce=80ms\nlong_press=2s\n"
                   "[leds]\nrecording=5\nerror=/sys/class/leds/ACT\n"));
        QCOMPARE(s.buttonLine, 27);
        QCOMPARE(s.buttonActiveLow, false);
        QCOMPARE(s.debounceMs, 80);
        QCOMPARE(s.longPressMs, 2000);
        QCOMPARE(s.leds.value(QStringLiteral("recording")), QStringLiteral("5"));
        QCOMPARE(s.leds.value(QStringLiteral("error")), QStringLiteral("/sys/class/leds/ACT"));
        QVERIFY(!s.leds.contains(QStringLiteral("ready")));
        // Off by default: no chip is even opened.
        const GpioPanel::Settings off = GpioPanel::Settings::fromConfig(config(""));
        QCOMPARE(off.buttonLine, -1);
        QVERIFY(off.leds.isEmpty());
        QVERIFY(!off.usesChip());
    }

    void badValuesAreConfigErrors_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("named");
        QTest::newRow("line out of range") << QByteArray("[gpio]\nbutton_line=5000\n") << "button_line";
        QTest::newRow("chip not a gpiochip") << QByteArray("[gpio]\nchip=/dev/sda\n") << "chip";
        QTest::newRow("led neither line nor sysfs") << QByteArray("[leds]\nerror=/etc/passwd\n") << "error";
        QTest::newRow("long press too short") << QByteArray("[gpio]\nlong_press=100ms\n") << "long_press";
    }
    void badValuesAreConfigErrors()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, named);
        const QString path = m_dir.filePath(QStringLiteral("bad.conf"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
        f.close();
        const Config::Result r = Config::load(path, true);
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(named) && !r.error.contains(QLatin1Char('\n')), qPrintable(r.error));
    }

    void pressWhenReadyStartsASession()
    {
        Rig rig(config(session()), settings());
        QCOMPARE(rig.panel.state(), QStringLiteral("ok"));
        QCOMPARE(rig.chip->activeLow.value(kButton), true);
        QTRY_COMPARE(rig.control.controller()->state(), RecorderState::Ready);
        QTRY_VERIFY(rig.chip->output(kReadyLed)); // ready pulses: lit at its start
        QVERIFY(rig.press());
        QTRY_COMPARE(rig.control.controller()->state(), RecorderState::Recording);
        QVERIFY(rig.control.controller()->inSession());
        QCOMPARE(rig.engine.starts, 1);
        QTRY_VERIFY(rig.chip->output(kRecordingLed));
        QVERIFY(!rig.chip->output(kReadyLed));
    }

    void pressWhileRecordingExtendsUpToTheCap()
    {
        Rig rig(config(session()), settings());
        QTRY_COMPARE(rig.control.controller()->state(), RecorderState::Ready);
        QVERIFY(rig.press());
        QTRY_COMPARE(rig.control.controller()->state(), RecorderState::Recording);
        QCOMPARE(rig.control.controller()->sessionTotalSeconds(), 60.0);
        QVERIFY(rig.press());
        QTRY_COMPARE(rig.control.controller()->sessionTotalSeconds(), 120.0);
        QCOMPARE(rig.engine.starts, 1); // extended, not restarted
        QVERIFY(rig.press());
        QTRY_COMPARE(rig.control.controller()->sessionTotalSeconds(), 180.0);
        // At max_duration: refused, and logged as the control layer logs any refusal.
        QVERIFY(rig.press());
        QTRY_COMPARE(refusals().size(), 1);
        QVERIFY2(refusals().first().contains(QStringLiteral("(MaximumReached)")), qPrintable(refusals().first()));
        QCOMPARE(rig.control.controller()->sessionTotalSeconds(), 180.0);
    }

    void longPressStops()
    {
        GpioPanel::Settings s = settings();
        s.longPressMs = 400;
        Rig rig(config(session()), s);
        QTRY_COMPARE(rig.control.controller()->state(), RecorderState::Ready);
        QVERIFY(rig.press());
        QTRY_COMPARE(rig.control.controller()->state(), RecorderState::Recording);
        QSignalSpy held(rig.panel.button(), &GpioButton::longPressed);
        rig.chip->setInput(kButton, true);
        QVERIFY(held.wait(3000));
        QTRY_COMPARE(rig.engine.stops, 1);
        rig.chip->setInput(kButton, false);
        QTRY_COMPARE(rig.control.controller()->state(), RecorderState::Ready);
        QCOMPARE(rig.engine.starts, 1); // the release after a long press is not a Start
    }

    void refusalIsLoggedLikeDBus()
    {
        // Continuous mode records from start-up: Start is refused. The D-Bus object's Start()
        // (what a D-Bus call runs) and the button log the same line.
        Rig rig(config("[recording]\nmode=continuous\n"), settings());
        QTRY_COMPARE(rig.control.controller()->state(), RecorderState::Recording);
        rig.control.service()->Start();
        QCOMPARE(refusals().size(), 1);
        QVERIFY(rig.press());
        QTRY_COMPARE(refusals().size(), 2);
        QCOMPARE(refusals().at(1), refusals().at(0));
        QVERIFY2(refusals().at(0).contains(QStringLiteral("(AlreadyRecording)")), qPrintable(refusals().at(0)));
    }

    void busyButtonLineLeavesLedsAndRecording()
    {
        Rig rig(config("[recording]\nmode=continuous\n"), settings(), {kButton});
        QCOMPARE(rig.panel.state(), QStringLiteral("unavailable"));
        QVERIFY2(rig.panel.error().contains(QStringLiteral("held by another program")), qPrintable(rig.panel.error()));
        QCOMPARE(g_log.filter(QStringLiteral("held by another program")).size(), 1); // one line
        QVERIFY(!rig.panel.button());
        QTRY_COMPARE(rig.control.controller()->state(), RecorderState::Recording);
        QTRY_VERIFY(rig.chip->output(kRecordingLed)); // the LEDs still work
    }

    void missingChipLeavesRecording()
    {
        const QString why = QStringLiteral("cannot open GPIO chip gpiochip0: No such file or directory");
        Rig rig(config("[recording]\nmode=continuous\n"), settings(), {}, why);
        QCOMPARE(rig.panel.state(), QStringLiteral("unavailable"));
        QCOMPARE(rig.panel.error(), why);
        QCOMPARE(g_log.filter(why).size(), 1);
        QTRY_COMPARE(rig.control.controller()->state(), RecorderState::Recording);
        // The heartbeat says so once the recorder has been told (recorderd's main() does).
        rig.control.heartbeat()->setGpio(rig.panel.state(), rig.panel.error());
        const Heartbeat h = rig.control.heartbeat()->build();
        QCOMPARE(h.gpio, QStringLiteral("unavailable"));
        QCOMPARE(h.gpioError, why);
    }

    void chipFailingAfterStartReachesTheHeartbeat()
    {
        // The same wiring as recorderd's main(): the heartbeat follows every change of GPIO.
        Rig rig(config("[recording]\nmode=continuous\n"), settings());
        QObject::connect(&rig.panel, &GpioPanel::stateChanged, &rig.panel, [&rig] {
            rig.control.heartbeat()->setGpio(rig.panel.state(), rig.panel.error());
        });
        rig.control.heartbeat()->setGpio(rig.panel.state(), rig.panel.error());
        QCOMPARE(rig.control.heartbeat()->build().gpio, QStringLiteral("ok"));
        QSignalSpy changed(&rig.panel, &GpioPanel::stateChanged);
        const QString why = QStringLiteral("reading events of line 17 of GPIO chip gpiochip0: No such device");
        rig.chip->breakChip(why);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(rig.panel.state(), QStringLiteral("unavailable"));
        QCOMPARE(rig.panel.error(), why);
        QCOMPARE(g_log.filter(why).size(), 1); // logged once
        QVERIFY(!rig.panel.button()); // a dead chip's button commands nothing
        const Heartbeat h = rig.control.heartbeat()->build();
        QCOMPARE(h.gpio, QStringLiteral("unavailable"));
        QCOMPARE(h.gpioError, why);
        QTRY_COMPARE(rig.control.controller()->state(), RecorderState::Recording); // recording goes on
    }

    void nothingConfiguredIsOff()
    {
        Rig rig(config(""), GpioPanel::Settings{});
        QCOMPARE(rig.panel.state(), QStringLiteral("off"));
        QVERIFY(!rig.chip); // no chip opened
        QCOMPARE(rig.control.heartbeat()->build().gpio, QStringLiteral("off"));
    }
};

QTEST_GUILESS_MAIN(TestGpioPanel)
#include "tst_gpiopanel.moc"
