// SPDX-License-Identifier: MIT
// The status page: state tile, preview, figures, disk gauge, last upload, sources, and Start/Stop/Extend.
#pragma once

#include "statussummary.h"

#include <QWidget>

class DiskGauge;
class PreviewView;
class QHBoxLayout;
class QLabel;
class QPushButton;
class StatCell;
class StateTile;

// Thread-bound to the UI thread. Shows what it is given; it reads nothing itself.
class StatusPage : public QWidget
{
    Q_OBJECT
public:
    explicit StatusPage(QWidget *parent = nullptr);

    void showSnapshot(const StatusSnapshot &snapshot, const StatusSummary &summary, double bitsPerSecond);
    // `detail` is empty when /metrics answered, else the reason it did not.
    void showMetricsSource(bool ok, const QString &detail);

    StateTile *tile() const { return m_tile; }

signals:
    void startRequested();
    void stopRequested();
    void extendRequested();

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void setLastError(const QString &text);
    void showAudio(const Heartbeat &hb, bool fresh);
    // Shares the last line between the last error and the last upload, the error first, and cuts
    // each with "…" to its share.
    void elideLastLine();
    void setLastUpload(const QString &text);
    void updateSources();
    void showWatchdog(const WatchdogStatus::ReadResult &watchdog, double ageSeconds);
    void showLastUpload(const StatusSnapshot &snapshot);
    // Why a state file was refused, in the user's language.
    static QString problemWord(JsonFileReader::Status status);

    StateTile *m_tile;
    PreviewView *m_preview;
    StatCell *m_heartbeatCell;
    StatCell *m_fpsCell;
    StatCell *m_droppedCell;
    StatCell *m_watchdogCell;
    StatCell *m_audioCell; // only while the recorder records sound ([audio])
    DiskGauge *m_disk;
    QLabel *m_catalog;
    QLabel *m_lastUpload; // only with [offload] enabled
    QLabel *m_lastError;
    QLabel *m_sources;
    QPushButton *m_start;
    QPushButton *m_stop;
    QPushButton *m_extend;

    QString m_lastErrorText;
    QString m_lastUploadText;
    QHBoxLayout *m_lastLine = nullptr;
    QString m_heartbeatProblem; // empty when the heartbeat was read
    QString m_watchdogProblem;
    QString m_previewProblem;
    QString m_metricsProblem;
    bool m_metricsKnown = false;
};
