// SPDX-License-Identifier: MIT
// Plays one recording full-width with touch-sized Back, Pause and Protect buttons.
#pragma once

#include "catalogquery.h"

#include <QWidget>

class QLabel;
class QMediaPlayer;
class QPushButton;
class QVideoWidget;

// Thread-bound to the UI thread. The media player is created on first use: loading the
// multimedia back end costs start-up time the status page should not pay.
class PlayerView : public QWidget
{
    Q_OBJECT
public:
    explicit PlayerView(QWidget *parent = nullptr);
    ~PlayerView() override;

    void play(const CatalogQuery::Row &recording);
    void stopPlayback();
    // The recorder confirmed a Protect call for `path`.
    void setProtectedState(const QString &path, bool isProtected);
    QString currentPath() const { return m_recording.path; }
    QMediaPlayer *player() const { return m_player; }

signals:
    void backRequested();
    void protectRequested(const QString &path, bool isProtected);

private:
    void ensurePlayer();
    void updateProtectButton();

    CatalogQuery::Row m_recording;
    QMediaPlayer *m_player = nullptr;
    QVideoWidget *m_video = nullptr;
    QLabel *m_title;
    QLabel *m_problem;
    QPushButton *m_pause;
    QPushButton *m_protect;
};
