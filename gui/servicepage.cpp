// SPDX-License-Identifier: MIT
// The service page: the units' systemd state, restart buttons, their last log lines, watchdog details.
#include "servicepage.h"

#include "displayformat.h"
#include "logging.h"
#include "unitlogreader.h"

#include <QButtonGroup>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QList>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QScroller>
#include <QStyle>
#include <QVBoxLayout>

const QString ServicePage::kRecorderUnit = QStringLiteral("recorder.service");
const QString ServicePage::kWatchdogUnit = QStringLiteral("recorder-watchdog.service");
const QString ServicePage::kExporterUnit = QStringLiteral("recorder-metrics.service");
const QString ServicePage::kOffloadUnit = QStringLiteral("recorder-offload.service");

namespace {
QLabel *infoLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    // Shows texts from files, JSON, logs and D-Bus (an rclone error can be an HTML page): never
    // rich text, whose <img src=file:…> would load a local file.
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    return label;
}

const char *toneName(UnitState::Tone tone)
{
    switch (tone) {
    case UnitState::Tone::Good:
        return "good";
    case UnitState::Tone::Busy:
        return "busy";
    case UnitState::Tone::Bad:
        return "bad";
    case UnitState::Tone::Neutral:
        break;
    }
    return "neutral";
}

// The mark repeats the colour in a shape, for those who cannot tell the colours apart.
QString toneMark(UnitState::Tone tone)
{
    switch (tone) {
    case UnitState::Tone::Good:
        return QStringLiteral("✔ ");
    case UnitState::Tone::Busy:
        return QStringLiteral("⟳ ");
    case UnitState::Tone::Bad:
        return QStringLiteral("✘ ");
    case UnitState::Tone::Neutral:
        break;
    }
    return QString();
}
} // namespace

ServicePage::ServicePage(const Sources &sources, QWidget *parent)
    : QWidget(parent)
    , m_logSelector(new QButtonGroup(this))
    , m_log(new QPlainTextEdit(this))
    , m_logCaption(infoLabel(QStringLiteral("logCaption"), this))
    , m_watchdog(infoLabel(QStringLiteral("watchdogDetail"), this))
    , m_recorder(infoLabel(QStringLiteral("recorderDetail"), this))
    , m_metrics(infoLabel(QStringLiteral("metricsDetail"), this))
{
    struct Restart {
        const char *objectName;
        QString text;
        QString unit;
        QLabel *detail;
        const char *stateName;
        const char *logButtonName;
        QString logText;
        QString logPath;
    };
    QList<Restart> restarts = {
        {"restartRecorderButton", tr("Restart recorder"), kRecorderUnit, m_recorder, "recorderState", "logRecorderButton",
         tr("Recorder"), sources.recorderLog},
        {"restartWatchdogButton", tr("Restart watchdog"), kWatchdogUnit, m_watchdog, "watchdogState", "logWatchdogButton",
         tr("Watchdog"), sources.watchdogLog},
        {"restartExporterButton", tr("Restart exporter"), kExporterUnit, m_metrics, "exporterState", "logExporterButton",
         tr("Exporter"), sources.exporterLog},
    };
    if (!sources.offloadLog.isEmpty()) {
        m_offload = infoLabel(QStringLiteral("offloadDetail"), this);
        restarts.append({"restartOffloadButton", tr("Restart uploader"), kOffloadUnit, m_offload, "offloadState",
                         "logOffloadButton", tr("Uploader"), sources.offloadLog});
    }
    auto *content = new QWidget(this);
    content->setObjectName(QStringLiteral("serviceContent"));
    auto *logButtons = new QHBoxLayout;
    logButtons->setSpacing(8);
    auto *logTitle = new QLabel(tr("Log:"), content);
    logButtons->addWidget(logTitle);
    // Three selectors fit one row at 800 px; four would be squeezed until their words are cut
    // (Enregistreur, Exportateur in French), so four go two by two, each as wide as half the row.
    auto *logGrid = new QGridLayout;
    logGrid->setSpacing(8);
    const int logColumns = restarts.size() > 3 ? 2 : int(restarts.size());
    logButtons->addLayout(logGrid, restarts.size() > 3 ? 1 : 0);

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(12);
    grid->setVerticalSpacing(8);
    int row = 0;
    for (const Restart &restart : restarts) {
        auto *button = new QPushButton(QStringLiteral("⟳ ") + restart.text, content);
        button->setObjectName(QLatin1String(restart.objectName));
        button->setProperty("danger", true);
        button->setMinimumWidth(250);
        const QString unit = restart.unit;
        connect(button, &QPushButton::clicked, this, [this, unit] { emit restartRequested(unit); });
        grid->addWidget(button, row, 0);
        UnitView view;
        view.state = infoLabel(QLatin1String(restart.stateName), content);
        view.state->setProperty("unitState", true);
        view.logPath = restart.logPath;
        grid->addWidget(view.state, row, 1);
        // Under both: the details are long and wrap to fewer lines across the page's width.
        grid->addWidget(restart.detail, row + 1, 0, 1, 2);
        row += 2;

        auto *logButton = new QPushButton(restart.logText, content);
        logButton->setObjectName(QLatin1String(restart.logButtonName));
        logButton->setCheckable(true);
        logButton->setProperty("selector", true);
        m_logSelector->addButton(logButton);
        view.logButton = logButton;
        connect(logButton, &QPushButton::clicked, this, [this, unit] { selectLog(unit); });
        const int index = int(m_units.size());
        logGrid->addWidget(logButton, index / logColumns, index % logColumns);
        m_units.insert(unit, view);
        UnitState notRead;
        notRead.unit = unit;
        showUnitState(notRead);
        showLog(unit, {});
    }
    grid->setColumnStretch(1, 1);
    if (restarts.size() <= 3)
        logButtons->addStretch(1);

    // Monospace, as the programs write their log lines; scrolled by finger like the recordings list.
    m_log->setObjectName(QStringLiteral("unitLog"));
    m_log->setReadOnly(true);
    m_log->setTextInteractionFlags(Qt::NoTextInteraction);
    // Wrapped, not scrolled sideways: a finger scrolls one way at a time.
    m_log->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_log->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_log->setMinimumHeight(220);
    QScroller::grabGesture(m_log->viewport(), QScroller::LeftMouseButtonGesture);
    m_logCaption->setProperty("caption", true);

    auto *files = new QLabel(content);
    files->setTextFormat(Qt::PlainText); // configured paths
    files->setObjectName(QStringLiteral("sourceFiles"));
    files->setProperty("caption", true);
    files->setWordWrap(true);
    files->setTextInteractionFlags(Qt::NoTextInteraction);
    if (m_offload)
        files->setText(tr("Reads %1, %2, %3, %4, %5 and %6.")
                           .arg(sources.heartbeatFile, sources.watchdogFile, sources.previewFile, sources.catalogFile,
                                sources.offloadStatusFile, sources.metricsUrl));
    else
        files->setText(tr("Reads %1, %2, %3, %4 and %5.")
                           .arg(sources.heartbeatFile, sources.watchdogFile, sources.previewFile, sources.catalogFile,
                                sources.metricsUrl));

    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(12);
    layout->addLayout(grid);
    layout->addLayout(logButtons);
    layout->addWidget(m_logCaption);
    layout->addWidget(m_log, 1);
    layout->addWidget(files);

    // 800×480 cannot hold three or four units, their details and a log at once: the page scrolls by finger.
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("serviceScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(content);
    scroll->viewport()->setAutoFillBackground(false); // the window's dark background shows through
    QScroller::grabGesture(scroll->viewport(), QScroller::LeftMouseButtonGesture);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    m_recorder->setText(tr("Recorder: not read yet"));
    m_watchdog->setText(tr("Watchdog: not read yet"));
    m_metrics->setText(tr("Exporter: not read yet"));
    if (m_offload)
        m_offload->setText(tr("Uploader: not read yet"));
    selectLog(kRecorderUnit);
}

void ServicePage::showUnitState(const UnitState &state)
{
    const auto it = m_units.constFind(state.unit);
    if (it == m_units.constEnd())
        return;
    QLabel *label = it->state;
    const UnitState::Tone tone = state.tone();
    // The unit's name is on the button beside it and in the log caption: the line keeps to the state.
    label->setText(toneMark(tone) + state.text());
    label->setProperty("tone", QLatin1String(toneName(tone)));
    // A changed dynamic property only restyles after a re-polish.
    label->style()->unpolish(label);
    label->style()->polish(label);
}

QString ServicePage::unitStateText(const QString &unit) const
{
    const auto it = m_units.constFind(unit);
    return it == m_units.constEnd() ? QString() : it->state->text();
}

void ServicePage::showLog(const QString &unit, const LogTail::Result &result)
{
    const auto it = m_units.find(unit);
    if (it == m_units.end())
        return;
    if (!result.problem.isEmpty())
        it->log = result.problem;
    else if (result.size < 0)
        it->log = tr("Not read yet: the log is read while this page is on screen.");
    else
        it->log = result.lines.join(QLatin1Char('\n'));
    if (unit == kRecorderUnit) {
        // recorderd writes the reason for an exit 78 to its log when it can (CommandLine): then the
        // hint points there, not to a journal the desktop user cannot read.
        static const QString marker = QStringLiteral(" %1: ").arg(QLatin1String(Logging::kConfigCategory));
        const bool logged = it->log.contains(marker);
        if (logged != m_configErrorLogged) {
            m_configErrorLogged = logged;
            if (m_watchdogStatus.ok()) // else the text does not depend on it
                showWatchdog();
        }
    }
    if (unit == m_selected)
        showSelectedLog();
}

void ServicePage::selectLog(const QString &unit)
{
    if (!m_units.contains(unit))
        return;
    m_selected = unit;
    m_units.value(unit).logButton->setChecked(true);
    showSelectedLog();
}

void ServicePage::showSelectedLog()
{
    const UnitView &view = m_units[m_selected];
    m_logCaption->setText(tr("Last %1 lines of %2, the service's own log file (the system journal holds the same "
                             "lines, but only groups systemd-journal and adm may read it).")
                              .arg(UnitLogReader::kLines)
                              .arg(view.logPath));
    if (m_log->toPlainText() == view.log)
        return;
    m_log->setPlainText(view.log);
    m_log->verticalScrollBar()->setValue(m_log->verticalScrollBar()->maximum()); // newest lines in view
}

QString ServicePage::logText() const
{
    return m_log->toPlainText();
}

void ServicePage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    emit shownChanged(true);
}

void ServicePage::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    emit shownChanged(false);
}

void ServicePage::showSnapshot(const StatusSnapshot &snapshot)
{
    if (snapshot.heartbeat.ok()) {
        const Heartbeat &hb = snapshot.heartbeat.heartbeat;
        m_recorder->setText(tr("Recorder %1 · up %2 · pid %3 · %4 → %5 · errors: %6 · starts: %7")
                                .arg(hb.version, DisplayFormat::duration(hb.uptimeSeconds))
                                .arg(hb.pid)
                                .arg(hb.camera, hb.encoder)
                                .arg(hb.errorCount)
                                .arg(hb.restartCount));
    } else {
        m_recorder->setText(tr("Recorder: no heartbeat (%1).").arg(snapshot.heartbeat.reason));
    }

    m_watchdogStatus = snapshot.watchdog;
    showWatchdog();
    if (m_offload)
        showOffload(snapshot.offload);
}

void ServicePage::showOffload(const OffloadStatusReader::Result &offload)
{
    if (!offload.ok()) {
        m_offload->setText(tr("Uploader: no status (%1).").arg(offload.reason));
        return;
    }
    const OffloadStatusReader::Status &status = offload.document;
    QString text = tr("Uploader: %1 → %2 (%3) · uploaded: %4 · failed: %5.")
                       .arg(status.state, status.remote,
                            status.internetConnected ? tr("reachable") : tr("unreachable"))
                       .arg(qint64(status.uploadsSucceeded))
                       .arg(qint64(status.uploadsFailed));
    if (!status.lastError.isEmpty())
        text += QLatin1Char(' ') + tr("Last error: %1").arg(status.lastError);
    m_offload->setText(text);
}

void ServicePage::showWatchdog()
{
    if (m_watchdogStatus.ok()) {
        const WatchdogStatus &wd = m_watchdogStatus.document;
        QString text = tr("Watchdog: %1 — %2. Restarts in window: %3 (total %4); reboots in 24 h: %5.")
                           .arg(wd.verdict, wd.reason)
                           .arg(wd.restartsInWindow)
                           .arg(wd.restartsTotal)
                           .arg(wd.rebootsLast24h);
        if (wd.configError)
            text += QLatin1Char(' ')
                + (m_configErrorLogged
                       ? tr("CONFIGURATION ERROR: the recorder refused its configuration (exit 78); the watchdog "
                            "neither restarts nor reboots. The recorder's log below says why: fix the file, then "
                            "start the recorder.")
                       : tr("CONFIGURATION ERROR: the recorder refused its configuration (exit 78); the watchdog "
                            "neither restarts nor reboots. Its log below does not say why (its log folder could not "
                            "be written): see the journal (journalctl -u recorder), fix the file, then start the "
                            "recorder."));
        else if (wd.degraded)
            text += QLatin1Char(' ') + tr("DEGRADED: reboot budget used up, it only restarts now.");
        m_watchdog->setText(text);
    } else {
        m_watchdog->setText(tr("Watchdog: no status (%1).").arg(m_watchdogStatus.reason));
    }
}

void ServicePage::showMetrics(bool ok, const QString &detail)
{
    m_metrics->setText(ok ? tr("Exporter: answering (%1).").arg(detail) : tr("Exporter: not answering (%1).").arg(detail));
}
