// SPDX-License-Identifier: MIT
// Plays one recording full-width with touch-sized Back, Pause and Protect buttons.
#include "playerview.h"

#include "dashboardlog.h"
#include "displayformat.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMediaPlayer>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>
#include <QVideoWidget>

PlayerView::PlayerView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_problem(new QLabel(this))
    , m_pause(new QPushButton(tr("Pause"), this))
    , m_protect(new QPushButton(this))
{
    // File names and player errors: plain, never rich text (an <img src=file:…> would load a local file).
    m_title->setTextFormat(Qt::PlainText);
    m_problem->setTextFormat(Qt::PlainText);
    setObjectName(QStringLiteral("playerView"));
    m_title->setObjectName(QStringLiteral("playerTitle"));
    m_problem->setObjectName(QStringLiteral("playerProblem"));
    m_problem->setWordWrap(true);
    m_problem->hide();
    m_pause->setObjectName(QStringLiteral("pauseButton"));
    m_protect->setObjectName(QStringLiteral("protectButton"));
    auto *back = new QPushButton(tr("◀ Back"), this);
    back->setObjectName(QStringLiteral("backButton"));

    auto *bar = new QHBoxLayout;
    bar->setSpacing(8);
    bar->addWidget(back);
    bar->addWidget(m_title, 1);
    bar->addWidget(m_pause);
    bar->addWidget(m_protect);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(6);
    layout->addLayout(bar);
    layout->addWidget(m_problem);
    layout->addStretch(1); // replaced by the video widget once the player exists

    connect(back, &QPushButton::clicked, this, [this] {
        stopPlayback();
        emit backRequested();
    });
    connect(m_pause, &QPushButton::clicked, this, [this] {
        if (!m_player)
            return;
        if (m_player->playbackState() == QMediaPlayer::PlayingState)
            m_player->pause();
        else
            m_player->play();
    });
    connect(m_protect, &QPushButton::clicked, this, [this] {
        emit protectRequested(m_recording.path, !m_recording.isProtected);
    });
}

PlayerView::~PlayerView() = default;

void PlayerView::ensurePlayer()
{
    if (m_player)
        return;
    // Qt 6.4 picks GStreamer by default, and its player crashes in its constructor when GStreamer's
    // base plugins are missing. The recordings are FFmpeg-muxed MP4s that the FFmpeg back end plays,
    // and FFmpeg is installed wherever the recorder is. An explicit QT_MEDIA_BACKEND still wins.
    if (qEnvironmentVariableIsEmpty("QT_MEDIA_BACKEND"))
        qputenv("QT_MEDIA_BACKEND", "ffmpeg");
    m_video = new QVideoWidget(this);
    m_video->setObjectName(QStringLiteral("video"));
    m_player = new QMediaPlayer(this);
    m_player->setVideoOutput(m_video);
    auto *layout = static_cast<QVBoxLayout *>(this->layout());
    delete layout->takeAt(layout->count() - 1); // the placeholder stretch
    layout->addWidget(m_video, 1);
    connect(m_player, &QMediaPlayer::errorOccurred, this, [this](QMediaPlayer::Error, const QString &message) {
        qCWarning(lcDashboard).noquote() << "cannot play" << m_recording.path << ":" << message;
        m_problem->setText(tr("This recording cannot be played: %1").arg(message));
        m_problem->show();
    });
    connect(m_player, &QMediaPlayer::playbackStateChanged, this, [this](QMediaPlayer::PlaybackState state) {
        m_pause->setText(state == QMediaPlayer::PlayingState ? tr("Pause") : tr("Play"));
    });
}

void PlayerView::play(const CatalogQuery::Row &recording)
{
    m_recording = recording;
    m_title->setText(QLocale().toString(QDateTime::fromMSecsSinceEpoch(recording.startTimeMs).toLocalTime(),
                                        QLocale::ShortFormat)
                     + QStringLiteral(" · ") + DisplayFormat::duration(recording.durationSeconds));
    m_problem->hide();
    updateProtectButton();
    ensurePlayer();
    m_player->setSource(QUrl::fromLocalFile(recording.path));
    m_player->play();
}

void PlayerView::stopPlayback()
{
    if (m_player) {
        m_player->stop();
        m_player->setSource(QUrl());
    }
}

void PlayerView::setProtectedState(const QString &path, bool isProtected)
{
    if (path != m_recording.path)
        return;
    m_recording.isProtected = isProtected;
    updateProtectButton();
}

void PlayerView::updateProtectButton()
{
    m_protect->setText(m_recording.isProtected ? tr("Unprotect") : tr("Protect"));
}
