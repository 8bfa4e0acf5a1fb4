// SPDX-License-Identifier: MIT
// What the status tile says: the recorder's state in words and colour, and which controls apply.
#pragma once

#include "statussnapshot.h"

#include <QColor>
#include <QCoreApplication>
#include <QString>

// Reentrant value type; summarize() is a pure function of a snapshot, so each state is testable
// without a window.
struct StatusSummary {
    Q_DECLARE_TR_FUNCTIONS(StatusSummary)
public:
    enum class Tile { Ready, Recording, Busy, Error, Down };

    Tile tile = Tile::Down;
    QString title;    // large words on the tile: "READY", "RECORDING", …
    QString detail;   // one line saying why, in plain words
    QString timing;   // elapsed / remaining while a session runs, empty otherwise
    QString warning;  // the session warning, empty when none
    QString reason;   // the recorder's own line on why it is in this state (heartbeat 1.1), empty when none
    QString catalog;  // the catalog's problem in plain words, empty when it takes writes
    QString gpio;     // the button and LEDs' problem in plain words, empty when they work or are off
    bool canStart = false;
    bool canStop = false;
    bool canExtend = false;

    // `staleAfterSeconds` is [heartbeat] timeout: an older heartbeat means the recorder is down.
    static StatusSummary summarize(const StatusSnapshot &snapshot, double staleAfterSeconds);
    // Shown until the first read comes back: neither good nor bad news yet.
    static StatusSummary checking();
    static QColor colour(Tile tile);
    // The heartbeat's `catalog_error` (SQLite's or recorderd's words) as one plain sentence in the
    // user's language: what is wrong and that recording goes on.
    static QString catalogProblem(const QString &catalogError);
    // A heartbeat state (docs/heartbeat.md) in the user's language.
    static QString stateWord(const QString &state);
};
