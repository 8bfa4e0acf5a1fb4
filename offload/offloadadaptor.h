// SPDX-License-Identifier: MIT
// org.recorder.Offload1: Status, Pause, Resume, Retry for recorderctl and the dashboard.
#pragma once

#include <QDBusAbstractAdaptor>
#include <QVariantMap>

class Uploader;

// Thread-bound (the main thread). Who may call is the bus policy's business
// (systemd/org.recorder.Offload1.conf: group recorder).
class OffloadAdaptor : public QDBusAbstractAdaptor
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.recorder.Offload1")
public:
    OffloadAdaptor(Uploader *uploader, QObject *parent);

    // The status file's fields; fields that are null in the file are left out (D-Bus has no null).
    static QVariantMap toDBus(const QJsonObject &status);

public slots:
    QVariantMap Status() const;
    void Pause();
    void Resume();
    void Retry();

private:
    Uploader *m_uploader;
};
