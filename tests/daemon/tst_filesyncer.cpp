// SPDX-License-Identifier: MIT
// Tests FileSyncer: syncs and closes run in order on its thread, merge, cut files back, report errors.
#include "encode/filesyncer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <fcntl.h>
#include <unistd.h>

class TestFileSyncer : public QObject
{
    Q_OBJECT
private slots:
    void closesInOrderAfterSyncs_data();
    void closesInOrderAfterSyncs();
    void cutsBackOnClose();
    void reportsFailure();
    void requestsMergeWhileBusy();
};

namespace {

int openFile(const QString &path)
{
    return ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
}

} // namespace

void TestFileSyncer::closesInOrderAfterSyncs_data()
{
    QTest::addColumn<int>("requests");
    QTest::newRow("no request") << 0;
    QTest::newRow("one request") << 1;
    QTest::newRow("many requests merge") << 50;
}

// The writer asks and moves on; the close and its callback come after every sync asked before it,
// and a job posted after the close runs after its callback.
void TestFileSyncer::closesInOrderAfterSyncs()
{
    QFETCH(int, requests);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a.mp4"));
    const int fd = openFile(path);
    QVERIFY(fd >= 0);
    QCOMPARE(::write(fd, "0123456789", 10), 10);
    FileSyncer syncer;
    syncer.syncDirectory(dir.path());
    for (int i = 0; i < requests; ++i)
        syncer.request(fd, path);
    QStringList order;
    QString closeError = QStringLiteral("not called");
    syncer.closeFile(fd, path, FileSyncer::kKeepAll, [&](const QString &error) {
        closeError = error;
        order.append(QStringLiteral("closed"));
    });
    syncer.post([&] { order.append(QStringLiteral("after")); });
    syncer.waitIdle();
    QCOMPARE(closeError, QString());
    QCOMPARE(order, (QStringList{QStringLiteral("closed"), QStringLiteral("after")}));
    QCOMPARE(syncer.takeError(), QString());
    QCOMPARE(QFileInfo(path).size(), 10);
    // The descriptor belongs to the syncer now, and it is closed.
    QCOMPARE(::fcntl(fd, F_GETFD), -1);
}

// A fragment that did not fit is cut off when the file closes.
void TestFileSyncer::cutsBackOnClose()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("b.mp4"));
    const int fd = openFile(path);
    QVERIFY(fd >= 0);
    QCOMPARE(::write(fd, "0123456789", 10), 10);
    FileSyncer syncer;
    QString closeError = QStringLiteral("not called");
    syncer.closeFile(fd, path, 4, [&](const QString &error) { closeError = error; });
    syncer.waitIdle();
    QCOMPARE(closeError, QString());
    QCOMPARE(QFileInfo(path).size(), 4);
}

void TestFileSyncer::reportsFailure()
{
    int fds[2];
    QCOMPARE(::pipe(fds), 0);
    FileSyncer syncer;
    syncer.request(fds[1], QStringLiteral("pipe"));
    syncer.waitIdle();
    const QString error = syncer.takeError();
    QVERIFY2(error.startsWith(QStringLiteral("fdatasync of pipe failed")), qPrintable(error));
    QCOMPARE(syncer.takeError(), QString());
    QString closeError;
    syncer.closeFile(fds[1], QStringLiteral("pipe"), FileSyncer::kKeepAll,
                     [&](const QString &e) { closeError = e; });
    syncer.waitIdle();
    QVERIFY2(closeError.startsWith(QStringLiteral("fdatasync of pipe failed")), qPrintable(closeError));
    ::close(fds[0]);
}

// While one job runs (a slow card), new requests for the same file fold into one waiting job:
// the backlog stays bounded however often the writer asks.
void TestFileSyncer::requestsMergeWhileBusy()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("c.mp4"));
    const int fd = openFile(path);
    QVERIFY(fd >= 0);
    FileSyncer syncer;
    std::atomic<bool> release{false};
    std::atomic<bool> running{false};
    syncer.post([&] {
        running = true;
        while (!release) // test-only stand-in for a sync that takes long
            QThread::msleep(1);
    });
    QTRY_VERIFY(running);
    for (int i = 0; i < 1000; ++i) {
        syncer.request(fd, path);
        syncer.syncDirectory(dir.path());
    }
    QCOMPARE(syncer.backlog(), 3); // the busy job, one file sync, one directory sync
    // Closing the file takes the place of its waiting sync.
    QString closeError = QStringLiteral("not called");
    syncer.closeFile(fd, path, FileSyncer::kKeepAll, [&](const QString &error) { closeError = error; });
    QCOMPARE(syncer.backlog(), 3); // the busy job, the directory sync, the close
    release = true;
    syncer.waitIdle();
    QCOMPARE(syncer.backlog(), 0);
    QCOMPARE(closeError, QString());
}

QTEST_GUILESS_MAIN(TestFileSyncer)
#include "tst_filesyncer.moc"
