// SPDX-License-Identifier: MIT
// Tests FileSyncer: asynchronous requests, finish() waits and reports the first error.
#include "encode/filesyncer.h"

#include <QTemporaryFile>
#include <QTest>

#include <fcntl.h>
#include <unistd.h>

class TestFileSyncer : public QObject
{
    Q_OBJECT
private slots:
    void syncsWrittenFile_data();
    void syncsWrittenFile();
    void reportsFailure();
};

void TestFileSyncer::syncsWrittenFile_data()
{
    QTest::addColumn<int>("requests");
    QTest::newRow("no request") << 0;
    QTest::newRow("one request") << 1;
    QTest::newRow("many requests merge") << 50;
}

void TestFileSyncer::syncsWrittenFile()
{
    QFETCH(int, requests);
    QTemporaryFile file;
    QVERIFY(file.open());
    FileSyncer syncer;
    for (int i = 0; i < requests; ++i) {
        QCOMPARE(file.write(QByteArray(4096, 'x')), qint64(4096));
        QVERIFY(file.flush());
        syncer.request(int(file.handle()), file.fileName());
    }
    QCOMPARE(syncer.finish(int(file.handle()), file.fileName()), QString());
    QCOMPARE(syncer.takeError(), QString());
    QCOMPARE(file.size(), qint64(requests) * 4096);
}

void TestFileSyncer::reportsFailure()
{
    // fdatasync on a pipe fails with EINVAL: the error comes back once, naming the file.
    int fds[2];
    QCOMPARE(::pipe(fds), 0);
    FileSyncer syncer;
    syncer.request(fds[1], QStringLiteral("pipe"));
    const QString error = syncer.finish(fds[1], QStringLiteral("pipe"));
    QVERIFY2(error.startsWith(QStringLiteral("fdatasync of pipe failed")), qPrintable(error));
    QCOMPARE(syncer.takeError(), QString());
    ::close(fds[0]);
    ::close(fds[1]);
}

QTEST_GUILESS_MAIN(TestFileSyncer)
#include "tst_filesyncer.moc"
