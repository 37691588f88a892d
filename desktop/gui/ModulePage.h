#pragma once

#include <QByteArray>
#include <QIcon>
#include <QWidget>

class QEvent;
class QLabel;

namespace xd {

// Stands in for a module until its feature lands: names the module, says what it will hold, and says plainly
// that it is not built yet.
class ModulePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModulePage)

public:
    // The title and description are untranslated source texts marked with QT_TRANSLATE_NOOP in `context`, so
    // the page can translate them again on every live language switch.
    ModulePage(const char* context,
               const char* titleSource,
               const char* descriptionSource,
               const QIcon& icon,
               QWidget* parent = nullptr);
    ~ModulePage() override;

    QString title() const;
    QString description() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();

    QByteArray m_context;
    QByteArray m_titleSource;
    QByteArray m_descriptionSource;
    QLabel* m_titleLabel = nullptr;
    QLabel* m_descriptionLabel = nullptr;
    QLabel* m_iconLabel = nullptr;
    QLabel* m_notBuiltLabel = nullptr;
};

} // namespace xd
