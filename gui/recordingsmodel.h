// SPDX-License-Identifier: MIT
// The recordings list: catalog rows as a table model, reloaded on a worker thread.
#pragma once

#include "catalogquery.h"

#include <QAbstractTableModel>
#include <QFutureWatcher>

// Thread-bound to the UI thread; the catalog is read by CatalogQuery in QtConcurrent's pool.
class RecordingsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, DurationColumn, SizeColumn, StateColumn, ProtectedColumn, ColumnCount };
    static constexpr int kRowLimit = 200;

    explicit RecordingsModel(const QString &catalogFile, QObject *parent = nullptr);
    ~RecordingsModel() override;

    void reload();
    CatalogQuery::Row row(int index) const { return m_rows.value(index); }
    QString error() const { return m_error; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // The catalog's state word in the user's language.
    static QString stateText(const QString &state);

signals:
    void loaded();

private:
    void finished();

    QString m_catalogFile;
    QList<CatalogQuery::Row> m_rows;
    QString m_error;
    QFutureWatcher<CatalogQuery::Result> m_watcher;
    bool m_pending = false;
};
