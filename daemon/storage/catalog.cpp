// SPDX-License-Identifier: MIT
// The recorder's writer of the SQLite catalog: queued writes on its own thread, blocking queries.
#include "catalog.h"

Catalog::Catalog(const QString &databasePath, QObject *parent)
    : QObject(parent), m_databasePath(databasePath)
{
}

Catalog::~Catalog() = default;

QString Catalog::open() { return QStringLiteral("catalog not implemented yet"); }
void Catalog::recordingStarted(const RecordingInfo &) {}
void Catalog::recordingFinished(const RecordingInfo &) {}
void Catalog::flush() {}
QList<CatalogRecord> Catalog::list(int, int, const QStringList &) { return {}; }
std::optional<CatalogRecord> Catalog::find(const QString &) { return std::nullopt; }
QList<CatalogRecord> Catalog::inState(const QString &) { return {}; }
QStringList Catalog::livePaths() { return {}; }
QList<CatalogRecord> Catalog::deletable(int, const QString &, const QDateTime &) { return {}; }
qint64 Catalog::counter(const QString &) { return -1; }
QString Catalog::setProtected(const QString &, bool) { return QStringLiteral("not implemented"); }
QString Catalog::upsertRecovered(const RecordingInfo &, const QString &) { return QStringLiteral("not implemented"); }
QString Catalog::markCorrupted(const QString &, const QString &) { return QStringLiteral("not implemented"); }
QString Catalog::markDeleted(const QString &, const QString &, bool) { return QStringLiteral("not implemented"); }
