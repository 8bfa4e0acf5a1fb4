// SPDX-License-Identifier: MIT
// Picks the dashboard's language ([gui] language or the system locale) and installs its translator.
#pragma once

#include <QStringList>
#include <QTranslator>

class QCoreApplication;

// Thread-bound: use on the main thread at start-up, before any widget exists.
class LanguageLoader
{
public:
    // Languages with a translation in translations/ (recorder_<code>.ts).
    static const QStringList &shipped();

    // `configured` is [gui] language: empty follows the system locale (English when none of its
    // languages is shipped). Returns an empty string, or one line saying why `configured` is not allowed.
    QString install(QCoreApplication &app, const QString &configured);
    QString language() const { return m_language; }

private:
    QTranslator m_translator;
    QString m_language;
};
