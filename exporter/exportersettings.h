// SPDX-License-Identifier: MIT
// The exporter's settings, read from [metrics], [heartbeat], [watchdog], [offload] and [paths] of the configuration.
#pragma once

#include "connectionlimits.h"

#include <config.h>

#include <QHostAddress>
#include <QString>

// Reentrant value type.
struct ExporterSettings {
    QHostAddress address;
    quint16 port = 9101;
    double cacheSeconds = 1;
    ConnectionLimits limits;
    QString heartbeatFile;
    double heartbeatTimeoutSeconds = 30;
    QString watchdogStatusFile;
    double watchdogCheckIntervalSeconds = 10;
    QString catalogFile;
    bool offloadEnabled = false; // [offload] enabled: the upload queue's and the offload's metrics
    QString offloadStatusFile;
    QString tlsCertFile;    // empty: plain HTTP
    QString tlsKeyFile;
    QString basicAuthUsers; // empty: no authentication

    // Returns the settings, or fills `error` with one line naming the key and what is allowed.
    static ExporterSettings fromConfig(const Config &config, QString *error);
};
