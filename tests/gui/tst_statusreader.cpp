// SPDX-License-Identifier: MIT
// Tests what StatusReader makes of the preview: read in place (a link is refused) and only when the
// recorder, root or the dashboard's own user owns it (docs/security.md).
#include "statusreader.h"

#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

#include <pwd.h>
#include <unistd.h>

class TestStatusReader : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString writePreview(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        QImage image(64, 36, QImage::Format_RGB32);
        image.fill(Qt::darkGreen);
        return image.save(path, "JPG") ? path : QString();
    }

    StatusSnapshot read(const QString &preview)
    {
        return StatusReader::readFiles({m_dir.filePath(QStringLiteral("absent-heartbeat.json")),
                                        m_dir.filePath(QStringLiteral("absent-watchdog.json")), preview, QString()},
                                       QDateTime());
    }

private slots:
    void ownPreviewIsShown()
    {
        const StatusSnapshot s = read(writePreview(QStringLiteral("preview.jpg")));
        QVERIFY2(s.previewReason.isEmpty(), qPrintable(s.previewReason));
        QCOMPARE(s.preview.width(), 64);
        QCOMPARE(read(m_dir.filePath(QStringLiteral("absent.jpg"))).previewReason, QStringLiteral("missing"));
    }

    void linkIsRefused()
    {
        const QString target = writePreview(QStringLiteral("elsewhere.jpg"));
        const QString link = m_dir.filePath(QStringLiteral("linked.jpg"));
        QVERIFY(QFile::link(target, link));
        const StatusSnapshot s = read(link);
        QCOMPARE(s.previewReason, QStringLiteral("invalid"));
        QVERIFY(s.preview.isNull());
    }

    void previewOfAnotherUserIsUntrusted()
    {
        const struct passwd *nobody = ::getpwnam("nobody");
        if (::geteuid() != 0 || !nobody)
            QSKIP("needs root and a user nobody to give the preview away");
        const QString path = writePreview(QStringLiteral("foreign.jpg"));
        QVERIFY(::chown(QFile::encodeName(path).constData(), nobody->pw_uid, static_cast<gid_t>(-1)) == 0);
        const StatusSnapshot s = read(path);
        QCOMPARE(s.previewReason, QStringLiteral("untrusted_owner"));
        QVERIFY(s.preview.isNull());
    }
};

QTEST_MAIN(TestStatusReader)
#include "tst_statusreader.moc"
