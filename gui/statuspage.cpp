// SPDX-License-Identifier: MIT
// The status page: state tile, preview, figures, disk gauge, last upload, sources, and Start/Stop/Extend.
#include "statuspage.h"

#include "diskgauge.h"
#include "displayformat.h"
#include "previewview.h"
#include "statcell.h"
#include "statetile.h"

#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace {

// Floor for "the watchdog stopped writing its status", whatever its check interval says.
constexpr double kMinWatchdogStaleSeconds = 30;

QPushButton *controlButton(const QString &objectName, const QString &text, QWidget *parent)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(objectName);
    button->setProperty("control", true);
    button->setEnabled(false);
    return button;
}

QString sourceText(const QString &name, const QString &problem)
{
    // A check mark or a cross *and* the words, so the line reads without colour too.
    if (problem.isEmpty())
        return QStringLiteral("<span style='color:#81C784'>✔ %1</span>").arg(name.toHtmlEscaped());
    return QStringLiteral("<span style='color:#FFB74D'>✘ %1: %2</span>").arg(name.toHtmlEscaped(), problem.toHtmlEscaped());
}

} // namespace

StatusPage::StatusPage(QWidget *parent)
    : QWidget(parent)
    , m_tile(new StateTile(this))
    , m_preview(new PreviewView(this))
    , m_heartbeatCell(new StatCell(QStringLiteral("heartbeatCell"), tr("Heartbeat age"), this))
    , m_fpsCell(new StatCell(QStringLiteral("fpsCell"), tr("Frames/s"), this))
    , m_droppedCell(new StatCell(QStringLiteral("droppedCell"), tr("Dropped"), this))
    , m_watchdogCell(new StatCell(QStringLiteral("watchdogCell"), tr("Watchdog"), this))
    , m_audioCell(new StatCell(QStringLiteral("audioCell"), tr("Sound (dB)"), this))
    , m_disk(new DiskGauge(this))
    , m_catalog(new QLabel(this))
    , m_lastUpload(new QLabel(this))
    , m_lastError(new QLabel(this))
    , m_sources(new QLabel(this))
    , m_start(controlButton(QStringLiteral("startButton"), tr("▶ Start"), this))
    , m_stop(controlButton(QStringLiteral("stopButton"), tr("■ Stop"), this))
    , m_extend(controlButton(QStringLiteral("extendButton"), tr("+ Extend"), this))
{
    // The catalog's problems, rclone's last upload and error lines (possibly an HTML error page): plain,
    // never rich text, whose <img src=file:…> would load a local file. m_sources is rich text built from
    // escaped parts.
    m_catalog->setTextFormat(Qt::PlainText);
    m_lastUpload->setTextFormat(Qt::PlainText);
    m_lastError->setTextFormat(Qt::PlainText);
    m_lastError->setObjectName(QStringLiteral("lastError"));
    m_catalog->setObjectName(QStringLiteral("catalogProblem"));
    // Wrapped, not elided: the sentence says what still works, so it must be read whole. Only
    // there while the catalog is degraded; the tile above gives up the height.
    m_catalog->setWordWrap(true);
    m_catalog->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_catalog->hide();
    m_lastUpload->setObjectName(QStringLiteral("lastUpload"));
    // Shares the last error's line; elideLastLine() gives each its width.
    m_lastUpload->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_lastUpload->hide(); // most recorders upload nothing: the page keeps its height for the tile
    m_sources->setObjectName(QStringLiteral("sources"));
    m_sources->setTextFormat(Qt::RichText);
    m_lastError->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_sources->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    auto *top = new QHBoxLayout;
    top->setSpacing(8);
    top->addWidget(m_tile, 3);
    top->addWidget(m_preview, 2);

    auto *cells = new QHBoxLayout;
    cells->setSpacing(8);
    // Widths follow the longest value each cell shows ("1 min 35 s", "3 restarts").
    cells->addWidget(m_heartbeatCell, 4);
    cells->addWidget(m_fpsCell, 3);
    cells->addWidget(m_droppedCell, 3);
    cells->addWidget(m_watchdogCell, 5);
    cells->addWidget(m_audioCell, 4);
    m_audioCell->hide(); // most recorders record no sound: the row keeps its four figures

    auto *controls = new QHBoxLayout;
    controls->setSpacing(12);
    for (QPushButton *button : {m_start, m_stop, m_extend})
        controls->addWidget(button, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);
    layout->addLayout(top, 1);
    layout->addLayout(cells);
    layout->addWidget(m_disk);
    layout->addWidget(m_catalog);
    // One line for both: a line of its own for the last upload took the state tile's last line of
    // text at 800×480 (its elapsed and remaining times were cut).
    m_lastLine = new QHBoxLayout;
    m_lastLine->setSpacing(16);
    m_lastLine->addWidget(m_lastUpload);
    m_lastLine->addWidget(m_lastError, 1);
    layout->addLayout(m_lastLine);
    layout->addWidget(m_sources);
    layout->addLayout(controls);

    connect(m_start, &QPushButton::clicked, this, &StatusPage::startRequested);
    connect(m_stop, &QPushButton::clicked, this, &StatusPage::stopRequested);
    connect(m_extend, &QPushButton::clicked, this, &StatusPage::extendRequested);

    m_tile->setSummary(StatusSummary::checking());
    m_heartbeatProblem = tr("not read yet");
    m_watchdogProblem = tr("not read yet");
    m_previewProblem = tr("not read yet");
    updateSources();
}

void StatusPage::showSnapshot(const StatusSnapshot &snapshot, const StatusSummary &summary, double bitsPerSecond)
{
    m_tile->setSummary(summary);
    m_start->setEnabled(summary.canStart);
    m_stop->setEnabled(summary.canStop);
    m_extend->setEnabled(summary.canExtend);
    // One amber line per problem that leaves recording running: the catalog, the button and LEDs.
    QStringList problems;
    for (const QString &problem : {summary.catalog, summary.gpio}) {
        if (!problem.isEmpty())
            problems << QStringLiteral("⚠ ") + problem;
    }
    m_catalog->setText(problems.join(QLatin1Char('\n')));
    m_catalog->setAccessibleName(problems.join(QLatin1Char(' ')));
    m_catalog->setVisible(!problems.isEmpty());

    const QLocale locale;
    if (snapshot.heartbeat.ok()) {
        const Heartbeat &hb = snapshot.heartbeat.heartbeat;
        const bool fresh = summary.tile != StatusSummary::Tile::Down;
        m_heartbeatProblem.clear();
        m_heartbeatCell->setValue(DisplayFormat::age(snapshot.heartbeatAgeSeconds), !fresh);
        m_fpsCell->setValue(fresh ? locale.toString(hb.fps, 'f', 1) : tr("—"));
        m_droppedCell->setValue(locale.toString(hb.framesDropped), hb.framesDropped > 0);
        m_disk->setUsage(hb.diskFreeBytes, hb.diskTotalBytes, fresh && hb.recordingActive ? bitsPerSecond : 0);
        setLastError(hb.lastError.isEmpty() ? tr("Last error: none") : tr("Last error: %1").arg(hb.lastError));
        showAudio(hb, fresh);
        if (!fresh)
            m_heartbeatProblem = tr("stale");
    } else {
        m_heartbeatProblem = problemWord(snapshot.heartbeat.status);
        m_heartbeatCell->setValue(tr("none"), true);
        m_fpsCell->setValue(tr("—"));
        m_droppedCell->setValue(tr("—"));
        m_audioCell->setValue(tr("—"));
        m_disk->setUnknown(tr("Disk: unknown while the recorder is down"));
        setLastError(tr("Last error: unknown (no heartbeat)"));
    }

    showWatchdog(snapshot.watchdog, snapshot.watchdogAgeSeconds);
    showLastUpload(snapshot);

    if (!snapshot.previewUnchanged) {
        if (!snapshot.preview.isNull()) {
            m_preview->setImage(snapshot.preview,
                                tr("Preview of %1").arg(QLocale().toString(snapshot.previewModified.toLocalTime().time(),
                                                                           QLocale::ShortFormat)));
            m_previewProblem.clear();
        } else {
            m_previewProblem = snapshot.previewReason == QLatin1String("missing") ? tr("missing")
                : snapshot.previewReason == QLatin1String("untrusted_owner") ? problemWord(JsonFileReader::Status::UntrustedOwner)
                                                                              : tr("unreadable");
            m_preview->setUnavailable(tr("No preview image (%1)").arg(m_previewProblem));
        }
    }
    updateSources();
}

void StatusPage::showAudio(const Heartbeat &hb, bool fresh)
{
    m_audioCell->setVisible(hb.audio != QLatin1String("off"));
    if (hb.audio == QLatin1String("off"))
        return;
    if (!fresh) {
        m_audioCell->setValue(tr("—"));
        return;
    }
    if (hb.audio == QLatin1String("missing")) {
        m_audioCell->setValue(tr("no mic"), true);
        return;
    }
    // A three-step bar over the useful range (-60 to 0 dBFS, 20 dB a step) and the figure: a glance
    // says whether the microphone hears anything, the number says how loud. Short enough for the
    // 800 px row.
    constexpr int kSteps = 3;
    const double level = std::isnan(hb.audioLevelDbfs) ? -100 : hb.audioLevelDbfs;
    const int lit = std::clamp(int(std::lround((level + 60) / 60 * kSteps)), 0, kSteps);
    const QString bar = QString(lit, QChar(0x2588)) + QString(kSteps - lit, QChar(0x2591));
    const double shown = std::max(level, -99.0); // at most three characters: silence reads -99
    m_audioCell->setValue(QStringLiteral("%1 %2").arg(bar, QLocale().toString(shown, 'f', 0)), level >= -1);
}

void StatusPage::showLastUpload(const StatusSnapshot &snapshot)
{
    if (m_lastUpload->isVisibleTo(this) != snapshot.offloadEnabled) {
        m_lastUpload->setVisible(snapshot.offloadEnabled);
        elideLastLine();
    }
    if (!snapshot.offloadEnabled)
        return;
    const OffloadStatusReader::Result &offload = snapshot.offload;
    if (!offload.ok()) {
        setLastUpload(tr("Last upload: unknown (the uploader's status is %1)").arg(problemWord(offload.status)));
        return;
    }
    if (!offload.document.hasLastUpload) {
        setLastUpload(tr("Last upload: none yet"));
        return;
    }
    const OffloadStatusReader::LastUpload &last = offload.document.lastUpload;
    const QDateTime at = last.time.toLocalTime();
    const QLocale locale;
    // The time alone reads as today: an older upload says its date too.
    const QString when = at.date() == QDate::currentDate() ? locale.toString(at.time(), QLocale::ShortFormat)
                                                           : locale.toString(at, QLocale::ShortFormat);
    setLastUpload(tr("Last upload: %1 at %2").arg(QFileInfo(last.path).fileName(), when));
}

QString StatusPage::problemWord(JsonFileReader::Status status)
{
    switch (status) {
    case JsonFileReader::Status::Ok: return {};
    case JsonFileReader::Status::Missing: return tr("missing");
    case JsonFileReader::Status::TooLarge: return tr("too large");
    case JsonFileReader::Status::Symlink: return tr("a symbolic link");
    case JsonFileReader::Status::NotRegular: return tr("not a file");
    case JsonFileReader::Status::InsecurePermissions: return tr("writable by others");
    case JsonFileReader::Status::Unreadable: return tr("unreadable");
    case JsonFileReader::Status::InvalidJson: return tr("not JSON");
    case JsonFileReader::Status::WrongType: return tr("wrong content");
    case JsonFileReader::Status::NewerSchema: return tr("newer format");
    case JsonFileReader::Status::UntrustedOwner: return tr("owned by another user");
    }
    return {};
}

void StatusPage::setLastError(const QString &text)
{
    m_lastErrorText = text;
    elideLastLine();
}

void StatusPage::setLastUpload(const QString &text)
{
    if (text == m_lastUploadText)
        return;
    m_lastUploadText = text;
    elideLastLine();
}

void StatusPage::elideLastLine()
{
    // The error comes first: it may take all but half the line when the upload needs that half.
    // Both labels ignore their size hints, so the stretch factors set their widths in pixels.
    const QMargins margins = layout()->contentsMargins();
    const int line = std::max(0, width() - margins.left() - margins.right());
    int errorWidth = line;
    int uploadWidth = 0;
    // Only a change re-lays the page out (setStretch invalidates the layout on every call).
    const auto setStretch = [this](int index, int stretch) {
        if (m_lastLine->stretch(index) != std::max(1, stretch))
            m_lastLine->setStretch(index, std::max(1, stretch));
    };
    if (m_lastUpload->isVisibleTo(this)) {
        const int room = std::max(0, line - m_lastLine->spacing());
        const int errorWants = m_lastError->fontMetrics().horizontalAdvance(m_lastErrorText) + 2;
        const int uploadWants = m_lastUpload->fontMetrics().horizontalAdvance(m_lastUploadText) + 2;
        errorWidth = std::min(errorWants, std::max(room / 2, room - uploadWants));
        uploadWidth = room - errorWidth;
        setStretch(0, uploadWidth);
        setStretch(1, errorWidth);
        m_lastUpload->setText(m_lastUpload->fontMetrics().elidedText(m_lastUploadText, Qt::ElideRight, uploadWidth));
        m_lastUpload->setAccessibleName(m_lastUploadText);
    } else {
        setStretch(1, 1);
    }
    // One line that ends in "…" when too long; the whole text is on the tile (error state) and in
    // the accessible name.
    m_lastError->setText(m_lastError->fontMetrics().elidedText(m_lastErrorText, Qt::ElideRight, errorWidth));
    m_lastError->setAccessibleName(m_lastErrorText);
}

void StatusPage::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    elideLastLine();
}

void StatusPage::showWatchdog(const WatchdogStatus::ReadResult &watchdog, double ageSeconds)
{
    if (!watchdog.ok()) {
        m_watchdogProblem = problemWord(watchdog.status);
        m_watchdogCell->setValue(tr("no status"), true);
        return;
    }
    const WatchdogStatus &status = watchdog.document;
    // The watchdog rewrites its status every check: three missed checks mean it is not running.
    if (ageSeconds > std::max(3 * status.checkIntervalSeconds, kMinWatchdogStaleSeconds)) {
        m_watchdogProblem = tr("not updated for %1").arg(DisplayFormat::duration(ageSeconds));
        m_watchdogCell->setValue(tr("not running"), true);
        return;
    }
    m_watchdogProblem.clear();
    if (status.configError) {
        // The recorder refused its configuration: only a person can fix it, so say that first.
        m_watchdogCell->setValue(tr("configuration error"), true);
    } else if (status.degraded) {
        m_watchdogCell->setValue(tr("degraded"), true);
    } else {
        m_watchdogCell->setValue(tr("%n restart(s)", nullptr, static_cast<int>(status.restartsInWindow)),
                                 status.restartsInWindow > 0);
    }
}

void StatusPage::showMetricsSource(bool ok, const QString &detail)
{
    m_metricsKnown = true;
    m_metricsProblem = ok ? QString() : detail;
    updateSources();
}

void StatusPage::updateSources()
{
    const QString metrics = m_metricsKnown ? m_metricsProblem : tr("not read yet");
    m_sources->setText(QStringList{sourceText(tr("heartbeat"), m_heartbeatProblem),
                                   sourceText(tr("watchdog"), m_watchdogProblem),
                                   sourceText(tr("preview"), m_previewProblem),
                                   sourceText(tr("metrics"), metrics)}
                           .join(QStringLiteral("&nbsp;&nbsp; ")));
}
