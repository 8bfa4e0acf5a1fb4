// SPDX-License-Identifier: MIT
// Tests LibcameraManager: one libcamera CameraManager for the process, started off the main thread
// and shared by every user (libcamera aborts on a second one).
#include "capture/libcameramanager.h"

#include <QRegularExpression>
#include <QTest>

#include <thread>

class TestLibcameraManager : public QObject
{
    Q_OBJECT
private slots:
    void oneManagerOffTheMainThread();
};

void TestLibcameraManager::oneManagerOffTheMainThread()
{
    // The capture thread is the first user in recorderd; here a thread of our own.
    QTest::failOnWarning(QRegularExpression(QStringLiteral("main thread")));
    libcamera::CameraManager *first = nullptr;
    libcamera::CameraManager *again = nullptr;
    libcamera::CameraManager *fromAnother = nullptr;
    QString error;
    QString againError;
    QString anotherError;
    std::thread capture([&] {
        first = LibcameraManager::instance().acquire(error);
        LibcameraManager::instance().cameraIds(); // auto's look for a camera: the same manager
        again = LibcameraManager::instance().acquire(againError);
    });
    capture.join();
    if (!first) // libcamera 0.5+ without a media device cannot start its manager at all
        QSKIP(qPrintable(QStringLiteral("libcamera does not start on this machine: %1").arg(error)));
    QCOMPARE(again, first);
    // A reopen, or another source, later and from another thread: still the same one.
    std::thread later([&] { fromAnother = LibcameraManager::instance().acquire(anotherError); });
    later.join();
    QCOMPARE(fromAnother, first);
}

QTEST_GUILESS_MAIN(TestLibcameraManager)
#include "tst_libcameramanager.moc"
