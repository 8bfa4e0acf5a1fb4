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
    const QString error = m_catalog.open();
    if (!error.isEmpty()) {
        // Recording goes on; rows wait in the catalog's queue until it can take them.
        qCCritical(lcStorage, "cannot open the catalog %s: %s; recording goes on without it",
                   qPrintable(m_catalog.databasePath()), qPrintable(error));
        emit catalogProblem(error);
    }
    m_retention = std::make_unique<Retention>(m_catalog, m_settings.recordingsDir, m_settings.minFreeBytes,
                                              m_settings.maxAgeSeconds, m_probe);
    // Room first (a full disk at start-up is met by retention), then the slower reconciliation.
    poll();
    QElapsedTimer clock;
    clock.start();
    Recovery recovery(m_catalog, m_settings.recordingsDir, m_settings.fileNameTime);
    LiveFiles *live = &m_liveFiles;
    // Files being written are never touched; a recorder that is stopping ends the pass early.
    recovery.setSkip([live](const QString &path) {
        return live->contains(path) || QThread::currentThread()->isInterruptionRequested();
    });
    recovery.run();
    qCInfo(lcStorage, "catalog reconciled with the disk in %.1f s, alongside recording", clock.elapsed() / 1000.0);
    emit reconciled();
    applyMaxAge();
    m_pollTimer->start();
    m_maxAgeTimer->start();
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
    if (m_retention)
        m_retention->applyMaxAge();
}
