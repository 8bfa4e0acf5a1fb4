// SPDX-License-Identifier: MIT
// The storage thread's work: disk space (measured once, read by everyone), retention, reconciliation.
#include "storagemonitor.h"

#include "catalog.h"
#include "livefiles.h"
#include "recovery.h"
#include "storagelog.h"

#include <QElapsedTimer>
#include <QThread>

StorageMonitor::StorageMonitor(Catalog &catalog, LiveFiles &liveFiles, const Settings &settings,
                               Retention::FreeSpaceProbe probe)
    : m_catalog(catalog)
    , m_liveFiles(liveFiles)
    , m_settings(settings)
    , m_probe(probe ? std::move(probe) : Retention::FreeSpaceProbe(&Retention::statvfsProbe))
    , m_pollTimer(new QTimer(this))
    , m_maxAgeTimer(new QTimer(this))
{
    m_pollTimer->setInterval(int(settings.pollSeconds * 1000));
    connect(m_pollTimer, &QTimer::timeout, this, &StorageMonitor::poll);
    // Files being written are never touched; a recorder that is stopping ends a reconciliation
    // early (every remaining file counts as in use).
    LiveFiles *live = &m_liveFiles;
    m_inUse = [live](const QString &path) {
        return live->inUse(path) || QThread::currentThread()->isInterruptionRequested();
    };
    m_maxAgeTimer->setInterval(int(settings.maxAgeEverySeconds * 1000));
    connect(m_maxAgeTimer, &QTimer::timeout, this, &StorageMonitor::applyMaxAge);
}

StorageMonitor::~StorageMonitor() = default;

QString StorageMonitor::insufficientReason()
{
    return QStringLiteral("insufficient storage space");
}

void StorageMonitor::start()
{
    measure();
    // Never a reason to stop: a degraded catalog keeps rows in memory and heals by itself.
    const QString error = m_catalog.open();
    if (!error.isEmpty())
        qCCritical(lcStorage, "catalog %s degraded: %s; recording goes on, rows wait",
                   qPrintable(m_catalog.databasePath()), qPrintable(error));
    m_retention = std::make_unique<Retention>(m_catalog, m_settings.recordingsDir, m_settings.minFreeBytes,
                                              m_settings.maxAgeSeconds, m_probe);
    m_retention->setInUse(m_inUse);
    m_retention->setFileNameTime(m_settings.fileNameTime);
    m_retention->setDeleteUploaded(m_settings.deleteUploaded);
    // Room first (a full disk at start-up is met by retention), then the slower reconciliation.
    poll();
    reconcile();
    // After reconciliation, so that adopted and recovered files are in the queue too.
    const QString uploadsError = m_catalog.prepareUploads();
    if (!uploadsError.isEmpty())
        qCWarning(lcStorage, "catalog: cannot prepare the upload queue: %s", qPrintable(uploadsError));
    applyMaxAge();
    m_pollTimer->start();
    m_maxAgeTimer->start();
}

void StorageMonitor::reconcile()
{
    QElapsedTimer clock;
    clock.start();
    Recovery recovery(m_catalog, m_settings.recordingsDir, m_settings.fileNameTime, m_inUse);
    const Recovery::Summary summary = recovery.run();
    if (!summary.skipped)
        qCInfo(lcStorage, "catalog reconciled with the disk in %.1f s, alongside recording", clock.elapsed() / 1000.0);
}

void StorageMonitor::onCatalogHealth(const CatalogHealth &health)
{
    // Before start() the first reconciliation is still to come.
    if (m_retention && health.rebuildNeeded && !health.degraded)
        reconcile();
}

void StorageMonitor::check()
{
    if (m_retention)
        poll();
    else
        measure();
}

void StorageMonitor::measure()
{
    if (const std::optional<Retention::Space> space = m_probe(m_settings.recordingsDir)) {
        m_freeBytes = space->freeBytes;
        m_totalBytes = space->totalBytes;
    }
}

void StorageMonitor::poll()
{
    const Retention::Verdict verdict = m_retention->ensureSpace(m_liveFiles.newest());
    m_freeBytes = verdict.space.freeBytes;
    m_totalBytes = verdict.space.totalBytes;
    if (verdict.ok != m_spaceOk.exchange(verdict.ok))
        emit spaceVerdictChanged(verdict.ok, verdict.ok ? QString() : verdict.reason);
}

void StorageMonitor::applyMaxAge()
{
    if (!m_retention)
        return;
    m_retention->applyMaxAge();
    m_retention->applyAfterUpload();
}
