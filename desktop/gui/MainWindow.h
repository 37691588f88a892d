#pragma once

#include <QList>
#include <QMainWindow>

#include <optional>

class QAction;
class QActionGroup;
class QCloseEvent;
class QEvent;
class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;

namespace xd {

class LanguageManager;

// The back office's frame: module navigation on the left, the module's page on the right, menus and a status bar.
// Modules start as placeholder pages; each feature replaces its page with setPage() when it lands.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    // In navigation order; the values index both the navigation list and the page stack.
    enum class Module {
        Dashboard,
        Orders,
        Products,
        Articles,
        Members,
        Marketing,
        Finance,
        Statistics,
        CustomerService,
        ShopSettings,
    };
    Q_ENUM(Module)

    explicit MainWindow(LanguageManager* languageManager, QWidget* parent = nullptr);
    ~MainWindow() override;

    static QList<Module> modules();
    // A stable, untranslated id such as "orders", for settings and logs.
    static QString moduleId(Module module);
    static std::optional<Module> moduleFromId(const QString& id);
    // The module's name in the current language.
    static QString moduleTitle(Module module);

    // Puts `page` in the module's slot and takes ownership; the page it replaces is deleted.
    void setPage(Module module, QWidget* page);
    QWidget* page(Module module) const;

    Module currentModule() const;
    void setCurrentModule(Module module);

    // Puts the sync status in the status bar (replacing the plain "offline" indicator) and takes ownership.
    void setStatusWidget(QWidget* widget);
    // Who is signed in, shown in the status bar; empty when nobody is (then "Sign out" is disabled).
    void setAccountText(const QString& text);

signals:
    void signInRequested();
    void signOutRequested();

protected:
    void changeEvent(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private slots:
    void showAbout();

private:
    void createActions();
    void createMenus();
    void createCentralWidget();
    void createStatusBar();
    void retranslateUi();
    void updateLanguageActions();
    void updateNavigationWidth();
    void restoreWindowState();
    void saveWindowState() const;

    LanguageManager* m_languageManager = nullptr;

    QListWidget* m_navigationListWidget = nullptr;
    QStackedWidget* m_pagesStackedWidget = nullptr;
    QLabel* m_connectionIndicatorLabel = nullptr;
    QLabel* m_connectionStateLabel = nullptr;
    QLabel* m_accountLabel = nullptr;
    QString m_accountText;

    QMenu* m_fileMenu = nullptr;
    QMenu* m_settingsMenu = nullptr;
    QMenu* m_languageMenu = nullptr;
    QMenu* m_helpMenu = nullptr;
    QAction* m_signInAction = nullptr;
    QAction* m_signOutAction = nullptr;
    QAction* m_quitAction = nullptr;
    QActionGroup* m_languageActionGroup = nullptr;
    QAction* m_aboutAction = nullptr;
    QAction* m_aboutQtAction = nullptr;
};

} // namespace xd
