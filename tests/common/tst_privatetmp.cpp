// SPDX-License-Identifier: MIT
// PrivateTmp tells a /tmp that only this program sees (systemd's PrivateTmp=yes) from the shared one,
// from /proc/self/mountinfo as systemd 252 leaves it.
#include "privatetmp.h"

#include <QTest>

class TestPrivateTmp : public QObject
{
    Q_OBJECT
private slots:
    void temporaryRoot_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("root");
        QTest::newRow("right in /tmp") << "/tmp/recorder_heartbeat.json" << "/tmp";
        QTest::newRow("below /tmp") << "/tmp/rec/heartbeat.json" << "/tmp";
        QTest::newRow("below /var/tmp") << "/var/tmp/a/b.json" << "/var/tmp";
        QTest::newRow("unclean into /tmp") << "/run/../tmp//hb.json" << "/tmp";
        QTest::newRow("/tmp itself") << "/tmp" << QString();
        QTest::newRow("tmp-like name") << "/tmpfs/hb.json" << QString();
        QTest::newRow("runtime dir") << "/run/recorder/heartbeat.json" << QString();
    }
    void temporaryRoot()
    {
        QFETCH(QString, path);
        QFETCH(QString, root);
        QCOMPARE(PrivateTmp::temporaryRoot(path), root);
    }

    void isPrivate_data()
    {
        QTest::addColumn<QByteArray>("mountinfo");
        QTest::addColumn<QString>("dir");
        QTest::addColumn<bool>("expected");
        const QByteArray rootFs = "26 1 254:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw\n";
        // /tmp on the root filesystem: the unit's folder is /tmp/systemd-private-…/tmp there.
        QTest::newRow("unit, /tmp on root fs")
            << rootFs + "612 26 254:1 /tmp/systemd-private-5f0c-recorder.service-mT1Q/tmp /tmp rw,relatime shared:310 master:1 - ext4 /dev/vda1 rw\n"
                        "613 26 254:1 /var/tmp/systemd-private-5f0c-recorder.service-x9Kc/tmp /var/tmp rw,relatime - ext4 /dev/vda1 rw\n"
            << "/tmp" << true;
        QTest::newRow("unit, /var/tmp")
            << rootFs + "613 26 254:1 /var/tmp/systemd-private-5f0c-recorder.service-x9Kc/tmp /var/tmp rw,relatime - ext4 /dev/vda1 rw\n"
            << "/var/tmp" << true;
        // /tmp a tmpfs of its own: the root is relative to that tmpfs.
        QTest::newRow("unit, /tmp on tmpfs")
            << rootFs + "30 26 0:27 / /tmp rw,nosuid,nodev shared:9 - tmpfs tmpfs rw\n"
                        "700 26 0:27 /systemd-private-5f0c-recorder.service-mT1Q/tmp /tmp rw,nosuid,nodev - tmpfs tmpfs rw\n"
            << "/tmp" << true;
        QTest::newRow("shared tmpfs /tmp") << rootFs + "30 26 0:27 / /tmp rw,nosuid,nodev shared:9 - tmpfs tmpfs rw\n"
                                           << "/tmp" << false;
        QTest::newRow("no mount at /tmp") << rootFs << "/tmp" << false;
        QTest::newRow("private /var/tmp only") 
            << rootFs + "613 26 254:1 /var/tmp/systemd-private-5f0c-recorder.service-x9Kc/tmp /var/tmp rw - ext4 /dev/vda1 rw\n"
            << "/tmp" << false;
        // The last mount at a point is the one in effect.
        QTest::newRow("shared mount over a private one")
            << rootFs + "700 26 0:27 /systemd-private-5f0c-a.service-mT1Q/tmp /tmp rw - tmpfs tmpfs rw\n"
                        "701 700 0:28 / /tmp rw - tmpfs tmpfs rw\n"
            << "/tmp" << false;
        QTest::newRow("a mount point below /tmp")
            << rootFs + "702 26 0:29 /systemd-private-x/tmp /tmp/sub rw - tmpfs tmpfs rw\n" << "/tmp" << false;
        QTest::newRow("empty") << QByteArray() << "/tmp" << false;
        QTest::newRow("garbage") << QByteArray("not mountinfo at all\n\n \n") << "/tmp" << false;
    }
    void isPrivate()
    {
        QFETCH(QByteArray, mountinfo);
        QFETCH(QString, dir);
        QFETCH(bool, expected);
        QCOMPARE(PrivateTmp::isPrivate(dir, mountinfo), expected);
    }
};

QTEST_GUILESS_MAIN(TestPrivateTmp)
#include "tst_privatetmp.moc"
