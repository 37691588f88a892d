#include "LanguageManager.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace xd {

namespace {

QString settingsKey()
{
    return QStringLiteral("ui/language");
}
QString chinese()
{
    return QStringLiteral("zh_CN");
}
QString english()
{
    return QStringLiteral("en");
}

} // namespace

LanguageManager::LanguageManager(QObject* parent) : QObject(parent)
{
    apply(savedLanguage());
}

LanguageManager::~LanguageManager()
{
    removeTranslators();
}

QString LanguageManager::defaultLanguage()
{
    return chinese();
}

QStringList LanguageManager::availableLanguages()
{
    return {chinese(), english()};
}

bool LanguageManager::isAvailable(const QString& language)
{
    return availableLanguages().contains(language);
}

QString LanguageManager::nativeName(const QString& language)
{
    if (language == chinese()) {
        return QStringLiteral("中文");
    }
    if (language == english()) {
        return QStringLiteral("English");
    }
    return language;
}

QString LanguageManager::savedLanguage()
{
    const QString saved = QSettings().value(settingsKey()).toString();
    return isAvailable(saved) ? saved : defaultLanguage();
}

QString LanguageManager::currentLanguage() const
{
    return m_currentLanguage;
}

bool LanguageManager::setLanguage(const QString& language)
{
    if (!useLanguageForSession(language)) {
        return false;
    }
    QSettings().setValue(settingsKey(), language);
    return true;
}

bool LanguageManager::useLanguageForSession(const QString& language)
{
    if (!isAvailable(language)) {
        return false;
    }
    if (language == m_currentLanguage) {
        return true;
    }
    if (!apply(language)) {
        return false;
    }
    emit languageChanged(language);
    return true;
}

bool LanguageManager::apply(const QString& language)
{
    if (!isAvailable(language)) {
        return false;
    }
    removeTranslators();

    // Format dates and numbers the way the interface language does, so a Chinese screen does not mix in
    // a foreign system locale's formats.
    QLocale::setDefault(QLocale(language));

    auto appTranslator = std::make_unique<QTranslator>();
    if (appTranslator->load(QStringLiteral(":/i18n/xiaodian_%1.qm").arg(language))) {
        m_appTranslator = std::move(appTranslator);
        QCoreApplication::installTranslator(m_appTranslator.get());
    } else if (language != english()) {
        // English is the source language and needs no file; anything else missing is a packaging bug.
        qWarning("LanguageManager: no embedded translation for %s", qUtf8Printable(language));
    }

    // Qt's own strings (standard dialog buttons, context menus). Optional: not every install ships them.
    auto qtTranslator = std::make_unique<QTranslator>();
    if (qtTranslator->load(QStringLiteral("qtbase_%1").arg(language),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        m_qtTranslator = std::move(qtTranslator);
        QCoreApplication::installTranslator(m_qtTranslator.get());
    }

    m_currentLanguage = language;
    return true;
}

void LanguageManager::removeTranslators()
{
    if (m_appTranslator) {
        QCoreApplication::removeTranslator(m_appTranslator.get());
        m_appTranslator.reset();
    }
    if (m_qtTranslator) {
        QCoreApplication::removeTranslator(m_qtTranslator.get());
        m_qtTranslator.reset();
    }
}

} // namespace xd
