// SPDX-License-Identifier: MIT
// Tests LogTail: the Service page's last lines of a log file, bounded, cut, and only from its owner.
#include "logtail.h"
#include "serviceaccounts.h"

#include <QFile>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

class TestLogTail : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    const TrustedOwners m_owners = TrustedOwners::writtenBy(ServiceAccounts::kRecorder);

    QString write(const QString &name, const QByteArray &data)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(data) != data.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    static QByteArray numberedLines(int count, int width = 0)
    {
        QByteArray data;
        for (int i = 1; i <= count; ++i)
            data += QByteArray("line ") + QByteArray::number(i).rightJustified(width, '0') + '\n';
        return data;
    }

private slots:
    void lastTwentyOfALongerFile()
    {
        const LogTail::Result r = LogTail::read(write(QStringLiteral("a.log"), numberedLines(100)), m_owners, 20);
        QCOMPARE(r.problem, QString());
        QCOMPARE(r.lines.size(), 20);
        QCOMPARE(r.lines.first(), QStringLiteral("line 81"));
        QCOMPARE(r.lines.last(), QStringLiteral("line 100"));
    }

    void shorterFileShowsAll()
    {
        // No newline after the last line: a line being written still shows.
        const LogTail::Result r = LogTail::read(write(QStringLiteral("b.log"), "first\nsecond"), m_owners, 20);
        QCOMPARE(r.lines, (QStringList{QStringLiteral("first"), QStringLiteral("second")}));
    }

    void largeFileReadsOnlyItsEnd()
    {
        // 8 MB of log: only the last 64 KiB are read, and the cut first line is not shown half.
        const QString path = write(QStringLiteral("big.log"), numberedLines(600000, 7));
        QVERIFY(QFileInfo(path).size() > 100 * LogTail::kMaxTailBytes);
        QElapsedTimer took;
        took.start();
        const LogTail::Result r = LogTail::read(path, m_owners, 20);
        qInfo() << "tail of an 8 MB log read in" << took.nsecsElapsed() / 1000 << "us";
        QCOMPARE(r.lines.size(), 20);
        QCOMPARE(r.lines.first(), QStringLiteral("line 0599981"));
        QCOMPARE(r.lines.last(), QStringLiteral("line 0600000"));
    }

    void longLineIsCut()
    {
        const QByteArray longLine(5000, 'x');
        const LogTail::Result r = LogTail::read(write(QStringLiteral("c.log"), "short\n" + longLine + "\nend\n"), m_owners, 20);
        QCOMPARE(r.lines.size(), 3);
        QCOMPARE(r.lines.at(1).size(), LogTail::kMaxLineChars);
        QVERIFY(r.lines.at(1).endsWith(QChar(0x2026)));
        QCOMPARE(r.lines.at(2), QStringLiteral("end"));
    }

    void oneHugeLineStillShows()
    {
        // A single line longer than the bounded read: its end is all there is, shown cut.
        const LogTail::Result r = LogTail::read(write(QStringLiteral("huge.log"), QByteArray(200000, 'y') + '\n'), m_owners, 20);
        QCOMPARE(r.problem, QString());
        QCOMPARE(r.lines.size(), 1);
        QCOMPARE(r.lines.first().size(), LogTail::kMaxLineChars);
    }

    void missingFileIsOneLine()
    {
        const QString path = m_dir.filePath(QStringLiteral("none.log"));
        const LogTail::Result r = LogTail::read(path, m_owners, 20);
        QVERIFY(r.lines.isEmpty());
        QCOMPARE(r.problem, QStringLiteral("No log file at %1 (the service has not written one yet).").arg(path));
    }

    void symbolicLinkIsNotFollowed()
    {
        const QString target = write(QStringLiteral("secret"), "do not show\n");
        const QString link = m_dir.filePath(QStringLiteral("link.log"));
        QVERIFY(QFile::link(target, link));
        const LogTail::Result r = LogTail::read(link, m_owners, 20);
        QVERIFY(r.lines.isEmpty());
        QCOMPARE(r.problem, QStringLiteral("%1 is a symbolic link: not shown.").arg(link));
    }

    void foreignOwnerIsNotShown()
    {
        if (::geteuid() != 0)
            QSKIP("needs root to give the file to another user");
        const QString path = write(QStringLiteral("foreign.log"), "planted line\n");
        QVERIFY(::chown(QFile::encodeName(path).constData(), 65534, 65534) == 0); // nobody
        const LogTail::Result r = LogTail::read(path, m_owners, 20);
        QVERIFY(r.lines.isEmpty());
        QVERIFY2(r.problem.startsWith(QStringLiteral("%1 is owned by uid 65534, not by ").arg(path)), qPrintable(r.problem));
        QVERIFY2(r.problem.endsWith(QLatin1String(": not shown.")), qPrintable(r.problem));
    }

    void unchangedFileIsNotReadAgain()
    {
        const QString path = write(QStringLiteral("d.log"), "one\n");
        const LogTail::Result first = LogTail::read(path, m_owners, 20);
        QVERIFY(!first.unchanged);
        const LogTail::Result second = LogTail::read(path, m_owners, 20, &first);
        QVERIFY(second.unchanged);
        QCOMPARE(second.lines, first.lines);
        QFile file(path);
        QVERIFY(file.open(QIODevice::Append));
        file.write("two\n");
        file.close();
        const LogTail::Result third = LogTail::read(path, m_owners, 20, &second);
        QVERIFY(!third.unchanged);
        QCOMPARE(third.lines, (QStringList{QStringLiteral("one"), QStringLiteral("two")}));
    }
};

QTEST_GUILESS_MAIN(TestLogTail)
#include "tst_logtail.moc"
