// SPDX-License-Identifier: MIT
// The recordings page: the catalog's newest recordings; tap one to play it.
#include "recordingspage.h"

#include "playerview.h"
#include "recordingsmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScroller>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace {
constexpr int kRowHeight = 56; // comfortably above the 48 px touch target
}

RecordingsPage::RecordingsPage(RecordingsModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_stack(new QStackedWidget(this))
    , m_table(new QTableView(this))
    , m_info(new QLabel(this))
    , m_player(new PlayerView(this))
{
    // File names and catalog texts: plain, never rich text (an <img src=file:…> would load a local file).
    m_info->setTextFormat(Qt::PlainText);
    m_table->setObjectName(QStringLiteral("recordingsTable"));
    m_table->setModel(model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(kRowHeight);
    // Figures take what they need; the start time takes the rest (and wraps to two lines when narrow).
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(RecordingsModel::TimeColumn, QHeaderView::Stretch);
    m_table->setShowGrid(false);
    m_table->setAlternatingRowColors(true);
    // A finger drags the list; a tap still plays.
    QScroller::grabGesture(m_table->viewport(), QScroller::LeftMouseButtonGesture);
    connect(m_table, &QTableView::clicked, this, [this](const QModelIndex &index) { playRow(index.row()); });

    m_info->setObjectName(QStringLiteral("recordingsInfo"));
    m_info->setWordWrap(true);
    auto *refresh = new QPushButton(tr("⟳ Refresh"), this);
    refresh->setObjectName(QStringLiteral("refreshButton"));
    connect(refresh, &QPushButton::clicked, model, &RecordingsModel::reload);

    auto *listPage = new QWidget(this);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_info, 1);
    bar->addWidget(refresh);
    auto *listLayout = new QVBoxLayout(listPage);
    listLayout->setContentsMargins(8, 8, 8, 8);
    listLayout->addLayout(bar);
    listLayout->addWidget(m_table, 1);

    m_stack->addWidget(listPage);
    m_stack->addWidget(m_player);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_player, &PlayerView::backRequested, this, &RecordingsPage::showList);
    connect(m_player, &PlayerView::protectRequested, this, &RecordingsPage::protectRequested);
    connect(model, &RecordingsModel::loaded, this, &RecordingsPage::modelLoaded);
    modelLoaded();
}

void RecordingsPage::showList()
{
    m_player->stopPlayback();
    m_stack->setCurrentIndex(0);
}

void RecordingsPage::playRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    m_stack->setCurrentWidget(m_player);
    m_player->play(m_model->row(row));
}

void RecordingsPage::modelLoaded()
{
    if (!m_model->error().isEmpty())
        m_info->setText(tr("Recordings list unavailable: %1").arg(m_model->error()));
    else if (m_model->rowCount() == 0)
        m_info->setText(tr("No recordings yet."));
    else
        m_info->setText(tr("Newest %n recording(s). Tap one to play it.", nullptr, m_model->rowCount()));
}
