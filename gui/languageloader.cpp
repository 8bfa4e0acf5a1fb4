// SPDX-License-Identifier: MIT
// Picks the dashboard's language ([gui] language or the system locale) and installs its translator.
#include "languageloader.h"

#include "dashboardlog.h"

#include <QCoreApplication>
#include <QLocale>

namespace {

QString pickFromSystem()
{
    for (const QString &ui : QLocale::system().uiLanguages()) {
        const QString code = ui.section(QLatin1Char('-'), 0, 0).toLower();
        if (LanguageLoader::shipped().contains(code))
            return code;
    }
    return QStringLiteral("en");
}

} // namespace

const QStringList &LanguageLoader::shipped()
{
    static const QStringList languages{QStringLiteral("en"), QStringLiteral("fr"), QStringLiteral("de")};
    return languages;
}

QString LanguageLoader::install(QCoreApplication &app, const QString &configured)
{
    const QString wanted = configured.trimmed().toLower();
    if (!wanted.isEmpty() && !shipped().contains(wanted)) {
        return QStringLiteral("[gui] language: \"%1\" is not available; use one of %2, or leave it empty to "
                              "follow the system locale")
            .arg(configured, shipped().join(QStringLiteral(", ")));
    }
    m_language = wanted.isEmpty() ? pickFromSystem() : wanted;
    if (!wanted.isEmpty())
        QLocale::setDefault(QLocale(m_language)); // numbers and dates in the chosen language too
    const QString file = QStringLiteral(":/i18n/recorder_%1.qm").arg(m_language);
    if (!m_translator.load(file)) {
        qCWarning(lcDashboard).noquote() << "no translation" << file << "built in; showing English";
        return {};
    }
    app.installTranslator(&m_translator);
    qCDebug(lcDashboard).noquote() << "language" << m_language;
    return {};
}
