#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

class QTranslator;

namespace xd {

// Owns the application's translators and the merchant's language choice.
// Chinese is the default on purpose: the shop's staff work in Chinese whatever the machine's locale says.
class LanguageManager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LanguageManager)

public:
    // Installs the translators for the saved language (or the default). Needs a QCoreApplication.
    explicit LanguageManager(QObject* parent = nullptr);
    ~LanguageManager() override;

    static QString defaultLanguage();
    static QStringList availableLanguages();
    static bool isAvailable(const QString& language);
    // The language's own name ("中文", "English"), which is deliberately not translated: a user who cannot
    // read the current language must still recognise their own.
    static QString nativeName(const QString& language);
    // The choice stored in QSettings, or the default when nothing valid is stored.
    static QString savedLanguage();

    QString currentLanguage() const;

    // Switches the translators live and remembers the choice. Returns false for an unknown language.
    bool setLanguage(const QString& language);
    // Switches live for this run only, without touching the saved choice (the --language flag).
    bool useLanguageForSession(const QString& language);

signals:
    void languageChanged(const QString& language);

private:
    bool apply(const QString& language);
    void removeTranslators();

    QString m_currentLanguage;
    std::unique_ptr<QTranslator> m_appTranslator;
    std::unique_ptr<QTranslator> m_qtTranslator;
};

} // namespace xd
