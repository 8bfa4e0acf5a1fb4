// SPDX-License-Identifier: MIT
// The service page: restart buttons for the three units, watchdog details, where data comes from.
#include "servicepage.h"

#include "displayformat.h"

#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

const QString ServicePage::kRecorderUnit = QStringLiteral("recorder.service");
const QString ServicePage::kWatchdogUnit = QStringLiteral("recorder-watchdog.service");
const QString ServicePage::kExporterUnit = QStringLiteral("recorder-metrics.service");

namespace {
QLabel *infoLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    return label;
}
} // namespace

ServicePage::ServicePage(const Sources &sources, QWidget *parent)
    : QWidget(parent)
    , m_watchdog(infoLabel(QStringLiteral("watchdogDetail"), this))
    , m_recorder(infoLabel(QStringLiteral("recorderDetail"), this))
    , m_metrics(infoLabel(QStringLiteral("metricsDetail"), this))
{
    struct Restart {
        const char *objectName;
        QString text;
        QString unit;
        QLabel *detail;
    };
    const Restart restarts[] = {
        {"restartRecorderButton", tr("Restart recorder"), kRecorderUnit, m_recorder},
        {"restartWatchdogButton", tr("Restart watchdog"), kWatchdogUnit, m_watchdog},
        {"restartExporterButton", tr("Restart exporter"), kExporterUnit, m_metrics},
    };

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(12);
    grid->setVerticalSpacing(8);
    int row = 0;
    for (const Restart &restart : restarts) {
        auto *button = new QPushButton(QStringLiteral("⟳ ") + restart.text, this);
        button->setObjectName(QLatin1String(restart.objectName));
        button->setProperty("danger", true);
        button->setMinimumWidth(250);
        const QString unit = restart.unit;
        connect(button, &QPushButton::clicked, this, [this, unit] { emit restartRequested(unit); });
        grid->addWidget(button, row, 0);
        grid->addWidget(restart.detail, row, 1);
        ++row;
    }
    grid->setColumnStretch(1, 1);

    auto *files = new QLabel(this);
    files->setObjectName(QStringLiteral("sourceFiles"));
    files->setProperty("caption", true);
    files->setWordWrap(true);
    files->setTextInteractionFlags(Qt::NoTextInteraction);
    files->setText(tr("Reads %1, %2, %3, %4 and %5.")
                       .arg(sources.heartbeatFile, sources.watchdogFile, sources.previewFile, sources.catalogFile,
                            sources.metricsUrl));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->setSpacing(12);
    layout->addLayout(grid);
    layout->addStretch(1);
    layout->addWidget(files);

    m_recorder->setText(tr("Recorder: not read yet"));
    m_watchdog->setText(tr("Watchdog: not read yet"));
    m_metrics->setText(tr("Exporter: not read yet"));
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

    if (snapshot.watchdog.ok()) {
        const WatchdogStatus &wd = snapshot.watchdog.document;
        QString text = tr("Watchdog: %1 — %2. Restarts in window: %3 (total %4); reboots in 24 h: %5.")
                           .arg(wd.verdict, wd.reason)
                           .arg(wd.restartsInWindow)
                           .arg(wd.restartsTotal)
                           .arg(wd.rebootsLast24h);
        if (wd.configError)
            text += QLatin1Char(' ')
                + tr("CONFIGURATION ERROR: the recorder refused its configuration (exit 78); the watchdog neither "
                     "restarts nor reboots. See the journal, fix the file, then start the recorder.");
        else if (wd.degraded)
            text += QLatin1Char(' ') + tr("DEGRADED: reboot budget used up, it only restarts now.");
        m_watchdog->setText(text);
    } else {
        m_watchdog->setText(tr("Watchdog: no status (%1).").arg(snapshot.watchdog.reason));
    }
}

void ServicePage::showMetrics(bool ok, const QString &detail)
{
    m_metrics->setText(ok ? tr("Exporter: answering (%1).").arg(detail) : tr("Exporter: not answering (%1).").arg(detail));
}
