// SPDX-License-Identifier: MIT
// The recordings list: catalog rows as a table model, reloaded on a worker thread.
#include "recordingsmodel.h"

#include "dashboardlog.h"
#include "displayformat.h"

#include <QDateTime>
#include <QLocale>
#include <QtConcurrent/QtConcurrentRun>

RecordingsModel::RecordingsModel(const QString &catalogFile, QObject *parent)
    : QAbstractTableModel(parent)
    , m_catalogFile(catalogFile)
{
    qRegisterMetaType<CatalogQuery::Result>();
    connect(&m_watcher, &QFutureWatcher<CatalogQuery::Result>::finished, this, &RecordingsModel::finished);
}

RecordingsModel::~RecordingsModel()
{
    m_watcher.waitForFinished();
}

void RecordingsModel::reload()
{
    if (m_watcher.isRunning()) {
        m_pending = true;
        return;
    }
    m_watcher.setFuture(QtConcurrent::run(&CatalogQuery::newest, m_catalogFile, kRowLimit));
}

void RecordingsModel::finished()
{
    const CatalogQuery::Result result = m_watcher.result();
    if (!result.error.isEmpty() && result.error != m_error)
        qCWarning(lcDashboard).noquote() << "recordings list unavailable:" << result.error;
    beginResetModel();
    m_rows = result.rows;
    m_error = result.error;
    endResetModel();
    emit loaded();
    if (m_pending) {
        m_pending = false;
        reload();
    }
}

int RecordingsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int RecordingsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RecordingsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const CatalogQuery::Row &r = m_rows.at(index.row());
    if (role == Qt::TextAlignmentRole)
        return index.column() == TimeColumn ? int(Qt::AlignLeft | Qt::AlignVCenter) : int(Qt::AlignCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TimeColumn:
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(r.startTimeMs).toLocalTime(), QLocale::ShortFormat);
    case DurationColumn: return DisplayFormat::duration(r.durationSeconds);
    case SizeColumn: return DisplayFormat::size(r.sizeBytes);
    case StateColumn: return stateText(r.state);
    case ProtectedColumn: return r.isProtected ? tr("Protected") : tr("—");
    default: return {};
    }
}

QVariant RecordingsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn: return tr("Started");
    case DurationColumn: return tr("Duration");
    case SizeColumn: return tr("Size");
    case StateColumn: return tr("State");
    case ProtectedColumn: return tr("Kept");
    default: return {};
    }
}

QString RecordingsModel::stateText(const QString &state)
{
    if (state == QLatin1String("recording"))
        return tr("recording");
    if (state == QLatin1String("complete"))
        return tr("complete");
    if (state == QLatin1String("recovered"))
        return tr("recovered");
    if (state == QLatin1String("corrupted"))
        return tr("corrupted");
    if (state == QLatin1String("deleted"))
        return tr("deleted");
    return state;
}
