// SPDX-License-Identifier: MIT
// The dashboard's look: a dark, high-contrast, touch-sized style sheet.
#include "dashboardstyle.h"

QString DashboardStyle::sheet()
{
    // Sizes: every button at least 56 px high (touch targets ≥ 48 px); body text 18 px, captions
    // 15 px at the smallest, the state word 24 to 64 px (as large as fits) so it reads from across a room.
    return QStringLiteral(R"(
#dashboard, QDialog { background: #12161B; }
QWidget { color: #ECEFF1; font-size: 18px; }
QLabel { background: transparent; }
QPushButton {
    min-height: 56px; min-width: 56px; padding: 4px 16px;
    font-size: 20px; font-weight: 600;
    color: #ECEFF1; background: #2B3340;
    border: 2px solid #3C4656; border-radius: 10px;
}
QPushButton:pressed { background: #46536A; }
QPushButton:disabled { color: #5C6673; background: #1A1F26; border-color: #232A33; }
QPushButton[control="true"] { min-height: 60px; font-size: 22px; font-weight: 700; }
QPushButton[control="true"]:enabled { background: #33506E; border-color: #4F7BA6; }
QPushButton[nav="true"] { min-height: 64px; min-width: 118px; max-width: 130px; padding: 4px 6px; font-size: 18px; }
QPushButton[nav="true"]:checked { background: #1565C0; border-color: #64B5F6; }
QPushButton[danger="true"] { border-color: #A94442; }
QPushButton[selector="true"]:checked { background: #1565C0; border-color: #64B5F6; }
#confirmDialog { border: 2px solid #46536A; border-radius: 12px; }
QPushButton#confirmAccept { background: #8E2424; border-color: #D32F2F; }
QFrame[statCell="true"] { background: #1E252E; border-radius: 8px; }
QLabel[caption="true"] { font-size: 15px; color: #B0BEC5; }
QLabel[statValue="true"] { font-size: 22px; font-weight: 700; }
/* Figures from an earlier reading (the exporter stopped answering): greyed. */
QLabel[caption="true"]:disabled, QLabel[statValue="true"]:disabled { color: #5C6673; }
/* #stateTitle: sized in code to fit the tile (StateTile::fitTitle). */
#stateTiming { font-size: 24px; font-weight: 700; }
#stateDetail { font-size: 18px; }
#stateWarning { font-size: 20px; font-weight: 700; }
#stateReason { font-size: 15px; }
#catalogProblem {
    font-size: 17px; font-weight: 600; color: #1A1A1A; background: #FFB74D;
    border-radius: 6px; padding: 3px 8px;
}
#lastError, #lastUpload, #sources { font-size: 16px; }
#recorderDetail, #watchdogDetail, #metricsDetail { font-size: 16px; }
#sourceFiles { font-size: 15px; }
QLabel[unitState="true"] { font-size: 18px; font-weight: 700; border-radius: 6px; padding: 2px 8px; }
QLabel[tone="good"] { color: white; background: #2E7D32; }
QLabel[tone="busy"] { color: #1A1A1A; background: #FFB74D; }
QLabel[tone="bad"] { color: white; background: #C62828; }
#serviceScroll, #serviceContent { background: transparent; }
#unitLog { font-size: 14px; background: #0B0E12; border: 1px solid #2B3340; }
#messageText { font-size: 18px; font-weight: 600; }
#confirmQuestion { font-size: 20px; }
QTableView {
    background: #161B21; alternate-background-color: #1B2128; font-size: 18px;
    selection-background-color: #1565C0; selection-color: white; border: none;
}
QTableView::item { padding: 0px 8px; }
QHeaderView::section { background: #232A33; color: #B0BEC5; font-size: 16px; padding: 6px; border: none; }
QScrollBar:vertical { width: 28px; background: #1A1F26; }
QScrollBar::handle:vertical { background: #46536A; min-height: 48px; border-radius: 6px; }
)");
}
