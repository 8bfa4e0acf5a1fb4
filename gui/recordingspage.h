// SPDX-License-Identifier: MIT
// The recordings page: the catalog's newest recordings; tap one to play it.
#pragma once

#include <QWidget>

class PlayerView;
class QLabel;
class QStackedWidget;
class QTableView;
class RecordingsModel;

// Thread-bound to the UI thread. Borrows the model (the window owns it).
class RecordingsPage : public QWidget
{
    Q_OBJECT
public:
    RecordingsPage(RecordingsModel *model, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    PlayerView *player() const { return m_player; }
    void showList();
    // Plays row `row` of the model (what a tap on it does).
    void playRow(int row);

signals:
    void protectRequested(const QString &path, bool isProtected);

private:
    void modelLoaded();

    RecordingsModel *m_model;
    QStackedWidget *m_stack;
    QTableView *m_table;
    QLabel *m_info;
    PlayerView *m_player;
};
