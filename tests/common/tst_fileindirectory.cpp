// SPDX-License-Identifier: MIT
// Tests that every file the programs write is created with its documented mode and that a symbolic
// link in its place is refused, naming it, with the link's target untouched (docs/security.md).
#include "atomicfile.h"
#include "fileindirectory.h"
#include "heartbeatwriter.h"
#include "logfile.h"
#include "watchdogstatus.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

namespace {

const QByteArray kSecret = "secret: do not copy\n";

int modeOf(const QString &path)
{
    struct stat st{};
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 07777) : -1;
}

QByteArray contentOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A 0600 file outside the directory and a link to it where `name` belongs.
QString plantLink(const QTemporaryDir &dir, const QString &name)
{
    const QString secret = dir.filePath(QStringLiteral("secret"));
    QFile file(secret);
    if (!file.exists()) {
        file.open(QIODevice::WriteOnly);
        file.write(kSecret);
        file.close();
        ::chmod(QFile::encodeName(secret).constData(), 0600);
    }
    QDir().mkpath(dir.filePath(QStringLiteral("files")));
    const QString link = dir.filePath(QStringLiteral("files/") + name);
    QFile::link(secret, link);
    return link;
}

void verifySecretUntouched(const QTemporaryDir &dir)
{
    const QString secret = dir.filePath(QStringLiteral("secret"));
    QCOMPARE(contentOf(secret), kSecret);
    QCOMPARE(modeOf(secret), 0600);
}

// Sets a umask for one test and restores it: modes must not depend on it.
struct Umask {
    explicit Umask(mode_t mask) : previous(::umask(mask)) {}
    ~Umask() { ::umask(previous); }
    mode_t previous;
};

} // namespace

class TestFileInDirectory : public QObject
{
    Q_OBJECT

private slots:
    void writersRefuseALink_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("atomic file") << "atomic";
        QTest::newRow("heartbeat") << "heartbeat";
        QTest::newRow("watchdog status") << "status";
        QTest::newRow("log file") << "log";
    }

    void writersRefuseALink()
    {
        QFETCH(QString, kind);
        QTemporaryDir dir;
        const QString link = plantLink(dir, kind);
        QString error;
        if (kind == QLatin1String("atomic")) {
            error = AtomicFile::write(link, "new", 0644);
        } else if (kind == QLatin1String("heartbeat")) {
            error = HeartbeatWriter(link, 1.0).write(Heartbeat());
        } else if (kind == QLatin1String("status")) {
            error = WatchdogStatus().write(link);
        } else {
            LogFile log(link, 1000, 2);
            error = log.open();
            QVERIFY(log.linkRefused());
            QVERIFY(!log.append("a line"));
        }
        QVERIFY2(error.contains(link) && error.contains(QStringLiteral("symbolic link")), qPrintable(error));
        QVERIFY2(!error.contains(QLatin1Char('\n')), "one line");
        // Refused, not replaced: the link stays as evidence, its target is neither read nor written.
        QVERIFY(QFileInfo(link).isSymLink());
        verifySecretUntouched(dir);
    }

    void modesAreExactWhateverTheUmask_data()
    {
        QTest::addColumn<int>("umask");
        QTest::newRow("umask 022") << 022;
        QTest::newRow("umask 077") << 077;
        QTest::newRow("umask 000") << 000;
    }

    void modesAreExactWhateverTheUmask()
    {
        QFETCH(int, umask);
        const Umask mask(static_cast<mode_t>(umask));
        QTemporaryDir dir;
        const QString heartbeat = dir.filePath(QStringLiteral("heartbeat.json"));
        QCOMPARE(HeartbeatWriter(heartbeat, 1.0).write(Heartbeat()), QString());
        QCOMPARE(modeOf(heartbeat), 0644);
        const QString status = dir.filePath(QStringLiteral("watchdog.json"));
        QCOMPARE(WatchdogStatus().write(status), QString());
        QCOMPARE(modeOf(status), 0644);
        const QString logPath = dir.filePath(QStringLiteral("service.log"));
        LogFile log(logPath, 1000, 2);
        QVERIFY(log.append("line"));
        QCOMPARE(modeOf(logPath), 0640);
    }

    void aLogFileWithOtherHardLinksIsRefused()
    {
        QTemporaryDir dir;
        plantLink(dir, QStringLiteral("unused"));
        const QString logPath = dir.filePath(QStringLiteral("files/service.log"));
        QVERIFY(::link(QFile::encodeName(dir.filePath(QStringLiteral("secret"))).constData(),
                       QFile::encodeName(logPath).constData()) == 0);
        LogFile log(logPath, 1000, 2);
        const QString error = log.open();
        QVERIFY2(error.contains(logPath) && error.contains(QStringLiteral("hard links")), qPrintable(error));
        verifySecretUntouched(dir);
    }

    void aDirectoryInThePlaceIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("heartbeat.json"));
        QVERIFY(QDir().mkdir(path));
        const QString error = AtomicFile::write(path, "x", 0644);
        QVERIFY2(error.contains(path) && error.contains(QStringLiteral("not a regular file")), qPrintable(error));
    }

    void readingRefusesALinkAndReportsMissing()
    {
        QTemporaryDir dir;
        const QString link = plantLink(dir, QStringLiteral("reboot_trigger.log"));
        const FileInDirectory::Opened linked = FileInDirectory(link).openForReading();
        QVERIFY(!linked.ok());
        QVERIFY(linked.symlink);
        const FileInDirectory::Opened absent = FileInDirectory(dir.filePath(QStringLiteral("absent"))).openForReading();
        QVERIFY(!absent.ok());
        QVERIFY(absent.missing);
    }
};

QTEST_GUILESS_MAIN(TestFileInDirectory)
#include "tst_fileindirectory.moc"
