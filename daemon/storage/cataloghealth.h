// SPDX-License-Identifier: MIT
// How the catalog is doing: the value Catalog::health() returns and Catalog::healthChanged carries.
#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

// Plain value type: copy it freely between threads.
struct CatalogHealth {
    // True while writes cannot be committed (the file cannot be opened, created or written, or is
    // busy): they wait in memory, in order, and the catalog retries on its own every few seconds.
    bool degraded = false;
    QString reason;           // why it is degraded now; empty when not
    QDateTime since;          // UTC: when the current state (degraded or not) began
    qint64 faults = 0;        // catalog faults since start: each degradation, each file moved aside,
                              // each write given up (dropped or refused for good)
    QString lastFault;        // the newest fault's text, kept after healing; empty when none
    int pendingWrites = 0;    // writes waiting in memory for the catalog to take them
    // A reconciliation is due: run Recovery::run() (it clears this). Set when a corrupt catalog was
    // moved aside and a fresh one created, and whenever the catalog heals after being degraded
    // (what happened on disk meanwhile, retention's deletions included, is not in it yet).
    bool rebuildNeeded = false;
    QString movedAside;       // the newest corrupt catalog moved aside (path); empty when none

    bool operator==(const CatalogHealth &other) const
    {
        return degraded == other.degraded && reason == other.reason && since == other.since
            && faults == other.faults && lastFault == other.lastFault && pendingWrites == other.pendingWrites
            && rebuildNeeded == other.rebuildNeeded && movedAside == other.movedAside;
    }
    bool operator!=(const CatalogHealth &other) const { return !(*this == other); }
};

Q_DECLARE_METATYPE(CatalogHealth)
