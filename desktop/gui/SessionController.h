#pragma once

#include "xiaodian/Result.h"

#include <QHash>
#include <QObject>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QPushButton;
class QTabWidget;

namespace xd {

class ArticleService;
class ArticlesPage;
class CatalogService;
class CategoriesPage;
class DashboardPage;
class DesktopSession;
class FinancePage;
class MainWindow;
class OrderService;
class OrderSettingsPage;
class OrderSettingsService;
class OrdersPage;
class ProductCsvActions;
class ProductsPage;
class ReviewService;
class ReviewsPage;
class ShopSettingsPage;
class StaffPage;
class StatisticsPage;
class SyncStatusWidget;

// Connects the signed-in session (core) to the windows (gui): the shop settings module (profile and staff tabs)
// edits through the ShopService, the status bar shows the SyncClient, and sign-in, passphrase and sign-out
// dialogs drive the DesktopSession. Questions that need the user go through injectable functions so that tests
// can answer them.
class SessionController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionController)

public:
    struct Prompts
    {
        // A passphrase for the cache on a machine without a keychain; empty = cancelled.
        std::function<QString(bool firstTime)> passphrase;
        // "The cache cannot be read and holds unsynced changes: discard them?"
        std::function<bool()> confirmDiscardUnsynced;
        // Shows a problem to the user.
        std::function<void(const QString& message)> warn;
        // A password again, to retry a rejected staff operation (the outbox forgot it); empty = cancelled.
        std::function<QString()> password;
        // Signing out: keep this computer's encrypted copy of the shop, delete it, or cancel. `unsynced` is how many
        // changes the server has not received: deleting then drops them, so the question says so.
        enum class SignOutChoice { Cancel, KeepCache, DeleteCache };
        std::function<SignOutChoice(int unsynced)> signOut;
    };

    SessionController(MainWindow& window, DesktopSession& session, QObject* parent = nullptr);
    ~SessionController() override;

    void setPrompts(Prompts prompts);

    // Start-up: opens the remembered account, or shows the sign-in dialog.
    void start();
    // Shows the sign-in dialog (non-modal for the event loop; modal for the window), pre-filled from the last
    // account, or from `prefill` when given.
    void showSignIn();
    void setSignInPrefill(const QUrl& serverUrl, const QString& shop, const QString& login, const QString& password);

    ShopSettingsPage* shopSettingsPage() const { return m_shopSettingsPage; }
    StaffPage* staffPage() const { return m_staffPage; }
    ArticlesPage* articlesPage() const { return m_articlesPage; }
    OrdersPage* ordersPage() const { return m_ordersPage; }
    OrderSettingsPage* orderSettingsPage() const { return m_orderSettingsPage; }
    ProductsPage* productsPage() const { return m_productsPage; }
    CategoriesPage* categoriesPage() const { return m_categoriesPage; }
    ReviewsPage* reviewsPage() const { return m_reviewsPage; }
    DashboardPage* dashboardPage() const { return m_dashboardPage; }
    FinancePage* financePage() const { return m_financePage; }
    StatisticsPage* statisticsPage() const { return m_statisticsPage; }
    SyncStatusWidget* syncStatusWidget() const { return m_syncStatusWidget; }

signals:
    void signedIn();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void retranslateTabs();
    void onActivated();
    void onDeactivated();
    void afterOpenAttempt(const Status& status, const std::function<void(const QString&)>& report);
    void refreshProfile();
    void refreshStaff();
    void refreshPhotos();
    void refreshSyncStatus();
    void report(const Status& status);
    void uploadPhoto(const QString& path);
    void signOut();

    MainWindow& m_window;
    DesktopSession& m_session;
    Prompts m_prompts;
    QTabWidget* m_settingsTabWidget = nullptr;
    ShopSettingsPage* m_shopSettingsPage = nullptr;
    StaffPage* m_staffPage = nullptr;
    ArticlesPage* m_articlesPage = nullptr;
    ArticleService* m_articles = nullptr; // while signed in
    OrdersPage* m_ordersPage = nullptr;
    OrderService* m_orders = nullptr; // while signed in
    OrderSettingsPage* m_orderSettingsPage = nullptr;
    OrderSettingsService* m_orderSettings = nullptr; // while signed in
    QTabWidget* m_productsTabWidget = nullptr;
    ProductsPage* m_productsPage = nullptr;
    CategoriesPage* m_categoriesPage = nullptr;
    ReviewsPage* m_reviewsPage = nullptr;      // the Products module's Reviews tab
    ReviewService* m_reviews = nullptr;        // while signed in
    CatalogService* m_catalog = nullptr;       // while signed in
    ProductCsvActions* m_productCsv = nullptr; // while signed in
    QPushButton* m_importCsvButton = nullptr;
    QPushButton* m_exportCsvButton = nullptr;
    DashboardPage* m_dashboardPage = nullptr; // the three over the session's StatsService
    FinancePage* m_financePage = nullptr;
    StatisticsPage* m_statisticsPage = nullptr;
    SyncStatusWidget* m_syncStatusWidget = nullptr;
    QNetworkAccessManager* m_network = nullptr;
    QHash<QString, bool> m_photosRequested;
    struct Prefill
    {
        QUrl serverUrl;
        QString shop;
        QString login;
        QString password;
    } m_prefill;
};

} // namespace xd
