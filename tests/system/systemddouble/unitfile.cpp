// SPDX-License-Identifier: MIT
// The few settings of a systemd .service file that the systemd test double acts on.
#include "unitfile.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

bool UnitFile::parseSeconds(const QString &text, double *seconds)
{
    static const QRegularExpression pattern(QStringLiteral("^([0-9]+(?:\\.[0-9]+)?)\\s*(ms|s|sec|min|m|h)?$"));
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return false;
    const double value = match.captured(1).toDouble();
    const QString unit = match.captured(2);
    if (unit == QLatin1String("ms"))
        *seconds = value / 1000;
    else if (unit == QLatin1String("min") || unit == QLatin1String("m"))
        *seconds = value * 60;
    else if (unit == QLatin1String("h"))
        *seconds = value * 3600;
    else
        *seconds = value;
    return true;
}

UnitFile UnitFile::load(const QString &path)
{
    UnitFile unit;
    unit.m_name = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        unit.m_error = path + QStringLiteral(": ") + file.errorString();
        return unit;
    }
    QString section;
    int lineNumber = 0;
    while (!file.atEnd()) {
        ++lineNumber;
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1Char(';')))
            continue;
        if (line.startsWith(QLatin1Char('['))) {
            section = line;
            continue;
        }
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals < 0)
            continue;
        const QString key = line.left(equals).trimmed();
        const QString value = line.mid(equals + 1).trimmed();
        const auto bad = [&](const QString &what) {
            unit.m_error = QStringLiteral("%1:%2: %3=%4: %5").arg(path).arg(lineNumber).arg(key, value, what);
        };
        double seconds = 0;
        if (section == QLatin1String("[Service]") && key == QLatin1String("ExecStart")) {
            // Prefixes such as "-" or "!" change how systemd treats the command; the double ignores them.
            QString command = value;
            while (!command.isEmpty() && QStringLiteral("-@:+!").contains(command.front()))
                command.remove(0, 1);
            unit.m_execStart = command.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        } else if (section == QLatin1String("[Service]") && key == QLatin1String("Type")) {
            unit.m_notifyType = value == QLatin1String("notify");
        } else if (section == QLatin1String("[Service]") && key == QLatin1String("Restart")) {
            if (value == QLatin1String("always"))
                unit.m_restart = Restart::Always;
            else if (value == QLatin1String("on-failure"))
                unit.m_restart = Restart::OnFailure;
            else if (value == QLatin1String("no"))
                unit.m_restart = Restart::No;
            else
                bad(QStringLiteral("the double knows no, always and on-failure"));
        } else if (section == QLatin1String("[Service]") && key == QLatin1String("RestartSec")) {
            if (!parseSeconds(value, &unit.m_restartSeconds))
                bad(QStringLiteral("not a time span"));
        } else if (section == QLatin1String("[Service]") && key == QLatin1String("WatchdogSec")) {
            if (!parseSeconds(value, &unit.m_watchdogSeconds))
                bad(QStringLiteral("not a time span"));
        } else if (section == QLatin1String("[Service]") && key == QLatin1String("RestartPreventExitStatus")) {
            for (const QString &status : value.split(QLatin1Char(' '), Qt::SkipEmptyParts))
                unit.m_restartPreventExitStatus.append(status.toInt());
        } else if (section == QLatin1String("[Unit]") && key == QLatin1String("StartLimitIntervalSec")) {
            if (!parseSeconds(value, &seconds))
                bad(QStringLiteral("not a time span"));
            unit.m_startLimitIntervalSeconds = seconds;
        } else if (section == QLatin1String("[Unit]") && key == QLatin1String("StartLimitBurst")) {
            unit.m_startLimitBurst = value.toInt();
        }
        if (!unit.m_error.isEmpty())
            return unit;
    }
    if (unit.m_execStart.isEmpty())
        unit.m_error = path + QStringLiteral(": no ExecStart= in [Service]");
    return unit;
}
