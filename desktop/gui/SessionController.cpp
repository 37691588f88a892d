#include "SessionController.h"

#include "AdminApiClient.h"
#include "ArticleService.h"
#include "ArticlesPage.h"
#include "CacheLocator.h"
#include "CacheStore.h"
#include "CatalogService.h"
#include "CategoriesPage.h"
#include "DashboardPage.h"
#include "DesktopSession.h"
#include "FinancePage.h"
#include "MainWindow.h"
#include "OrderService.h"
#include "OrderSettingsPage.h"
#include "OrderSettingsService.h"
#include "OrdersPage.h"
#include "ProductCsvActions.h"
#include "ProductsPage.h"
#include "ReviewService.h"
#include "ReviewsPage.h"
#include "ShopService.h"
#include "ShopSettingsPage.h"
#include "SignInDialog.h"
#include "StaffPage.h"
#include "StatisticsPage.h"
#include "StatsService.h"
#include "SyncClient.h"
#include "SyncStatusWidget.h"
#include "WechatCredentialsDialog.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"

#include <QEvent>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QJsonArray>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeDatabase>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPixmap>
#include <QPointer>
#include <QPushButton>
#include <QTabWidget>

namespace xd {

namespace {

SyncStatusWidget::State statusFor(SyncClient::State state)
{
    switch (state) {
    case SyncClient::State::Offline:
        return SyncStatusWidget::State::Offline;
    case SyncClient::State::Connecting:
        return SyncStatusWidget::State::Connecting;
    case SyncClient::State::Syncing:
        return SyncStatusWidget::State::Syncing;
    case SyncClient::State::Online:
        return SyncStatusWidget::State::Online;
    }
    return SyncStatusWidget::State::Offline;
}

QString argsSummary(const OutboxEntry& entry)
{
    if (entry.name == QLatin1String("shop.updateProfile") || entry.name == QLatin1String("orderSettings.update"))
        return entry.args.keys().join(QStringLiteral(", "));
    if (entry.args.contains(QStringLiteral("login")))
        return entry.args.value(QStringLiteral("login")).toString();
    if (entry.args.contains(QStringLiteral("title")))
        return entry.args.value(QStringLiteral("title")).toString();
    if (entry.args.contains(QStringLiteral("name"))) // category.save, product.save
        return entry.args.value(QStringLiteral("name")).toString();
    return {};
}

} // namespace

SessionController::SessionController(MainWindow& window, DesktopSession& session, QObject* parent)
    : QObject(parent), m_window(window), m_session(session), m_network(new QNetworkAccessManager(this))
{
    m_shopSettingsPage = new ShopSettingsPage;
    m_staffPage = new StaffPage;
    m_settingsTabWidget = new QTabWidget;
    m_settingsTabWidget->setObjectName(QStringLiteral("shopSettingsTabWidget"));
    m_settingsTabWidget->setDocumentMode(true);
    m_settingsTabWidget->addTab(m_shopSettingsPage, QString());
    m_settingsTabWidget->addTab(m_staffPage, QString());
    // Ordering (order settings) tab; its WeChat button opens the online-only credentials dialog.
    m_orderSettingsPage = new OrderSettingsPage;
    m_settingsTabWidget->addTab(m_orderSettingsPage, QString());
    connect(m_orderSettingsPage, &OrderSettingsPage::wechatCredentialsRequested, this, [this] {
        if (!m_session.isActive())
            return;
        auto* dialog = new WechatCredentialsDialog(m_session.api(), m_session.account(), &m_window);
        dialog->setObjectName(QStringLiteral("wechatCredentialsDialog"));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    m_settingsTabWidget->installEventFilter(this);
    retranslateTabs();
    m_window.setPage(MainWindow::Module::ShopSettings, m_settingsTabWidget);
    m_settingsTabWidget->setEnabled(false);
    // Articles module: the paged list and the editor, over the ArticleService of the session.
    m_articlesPage = new ArticlesPage;
    m_articlesPage->setService(nullptr);
    m_window.setPage(MainWindow::Module::Articles, m_articlesPage);
    m_articlesPage->setUploaders(
        [this](const QString& path, std::function<void(Result<QString>)> done) {
            m_session.api().uploadImageFile(m_session.account(), path, [done](Result<UploadedImage> image) {
                done(image ? Result<QString>(image->url) : Result<QString>(image.error())); // the body shows it
            });
        },
        [this](const QString& path, std::function<void(Result<QString>)> done) {
            m_session.api().uploadImageFile(m_session.account(), path, [done](Result<UploadedImage> image) {
                done(image ? Result<QString>(image->id) : Result<QString>(image.error())); // the cover names it
            });
        });
    // Orders module: the paged list, detail and actions, over the OrderService of the session.
    m_ordersPage = new OrdersPage;
    m_ordersPage->setService(nullptr);
    m_window.setPage(MainWindow::Module::Orders, m_ordersPage);
    // Dashboard, Finance and Statistics: reports from the cache through the session's StatsService. The dashboard's
    // waiting orders open the Orders module on their state tab.
    m_dashboardPage = new DashboardPage;
    m_window.setPage(MainWindow::Module::Dashboard, m_dashboardPage);
    connect(m_dashboardPage, &DashboardPage::openOrdersRequested, this, [this](const QString& state) {
        m_ordersPage->showState(state);
        m_window.setCurrentModule(MainWindow::Module::Orders);
    });
    m_financePage = new FinancePage;
    m_financePage->setService(nullptr);
    m_window.setPage(MainWindow::Module::Finance, m_financePage);
    m_statisticsPage = new StatisticsPage;
    m_window.setPage(MainWindow::Module::Statistics, m_statisticsPage);
    // Products module: the products table and the category tree, over the CatalogService of the session.
    m_productsPage = new ProductsPage;
    m_categoriesPage = new CategoriesPage;
    m_productsTabWidget = new QTabWidget;
    m_productsTabWidget->setObjectName(QStringLiteral("productsTabWidget"));
    m_productsTabWidget->setDocumentMode(true);
    m_productsTabWidget->addTab(m_productsPage, tr("Products"));
    m_productsTabWidget->addTab(m_categoriesPage, tr("Categories"));
    // Reviews of the products, over the ReviewService of the session.
    m_reviewsPage = new ReviewsPage;
    m_productsTabWidget->addTab(m_reviewsPage, tr("Reviews"));
    m_window.setPage(MainWindow::Module::Products, m_productsTabWidget);
    m_productsPage->setImageUploader([this](const QString& path, std::function<void(Result<QString>)> done) {
        m_session.api().uploadImageFile(m_session.account(), path, [done](Result<UploadedImage> image) {
            done(image ? Result<QString>(image->id) : Result<QString>(image.error()));
        });
    });
    // CSV import / export of the catalog, beside the page's edit buttons; enabled while signed in.
    m_importCsvButton = new QPushButton;
    m_importCsvButton->setObjectName(QStringLiteral("importCsvButton"));
    m_exportCsvButton = new QPushButton;
    m_exportCsvButton->setObjectName(QStringLiteral("exportCsvButton"));
    m_productsPage->extraToolsLayout()->addWidget(m_importCsvButton);
    m_productsPage->extraToolsLayout()->addWidget(m_exportCsvButton);
    m_importCsvButton->setEnabled(false);
    m_exportCsvButton->setEnabled(false);
    connect(m_importCsvButton, &QPushButton::clicked, this, [this] {
        if (m_productCsv)
            m_productCsv->importProducts();
    });
    connect(m_exportCsvButton, &QPushButton::clicked, this, [this] {
        if (m_productCsv)
            m_productCsv->exportProducts(m_productsPage->selectedIds());
    });
    retranslateTabs();

    m_syncStatusWidget = new SyncStatusWidget;
    m_syncStatusWidget->setState(SyncStatusWidget::State::SignedOut);
    m_window.setStatusWidget(m_syncStatusWidget);

    m_prompts.passphrase = [this](bool firstTime) {
        bool ok = false;
        const QString text = QInputDialog::getText(
            &m_window,
            tr("Protect this computer's copy of the shop"),
            firstTime ? tr("No system keychain is available. Choose a passphrase that encrypts the shop's data on "
                           "this computer; you will be asked for it at each start.")
                      : tr("Enter the passphrase of this computer's copy of the shop:"),
            QLineEdit::Password,
            QString(),
            &ok);
        return ok ? text : QString();
    };
    m_prompts.confirmDiscardUnsynced = [this] {
        return QMessageBox::warning(&m_window,
                                    tr("Unsynced changes"),
                                    tr("The encrypted copy of the shop on this computer cannot be opened (its key is "
                                       "lost), and it holds changes the server has not received yet. Discard those "
                                       "changes and download the shop again?"),
                                    QMessageBox::Discard | QMessageBox::Cancel,
                                    QMessageBox::Cancel) == QMessageBox::Discard;
    };
    m_prompts.warn = [this](const QString& message) {
        QMessageBox::warning(&m_window, tr("Xiaodian"), message);
    };
    m_prompts.signOut = [this](int unsynced) {
        QMessageBox box(QMessageBox::Question,
                        tr("Sign out"),
                        tr("Sign out of this shop on this computer?"),
                        QMessageBox::NoButton,
                        &m_window);
        box.setInformativeText(
            unsynced > 0
                ? tr("%n change(s) have not reached the server yet. Keep this computer's copy to send them after the "
                     "next sign-in; deleting it drops them.",
                     nullptr,
                     unsynced)
                : tr("This computer keeps an encrypted copy of the shop for the next sign-in; you can delete it."));
        QPushButton* keep = box.addButton(tr("Sign out, keep the copy"), QMessageBox::AcceptRole);
        QPushButton* remove = box.addButton(tr("Sign out and delete the copy"), QMessageBox::DestructiveRole);
        box.addButton(QMessageBox::Cancel);
        box.setDefaultButton(keep);
        box.exec();
        if (box.clickedButton() == keep)
            return Prompts::SignOutChoice::KeepCache;
        if (box.clickedButton() == remove)
            return Prompts::SignOutChoice::DeleteCache;
        return Prompts::SignOutChoice::Cancel;
    };
    m_prompts.password = [this] {
        bool ok = false;
        const QString text = QInputDialog::getText(&m_window,
                                                   tr("Password"),
                                                   tr("The password is not kept after the server refused the change. "
                                                      "Enter it again to retry:"),
                                                   QLineEdit::Password,
                                                   QString(),
                                                   &ok);
        return ok ? text : QString();
    };

    connect(&m_session, &DesktopSession::activated, this, &SessionController::onActivated);
    connect(&m_session, &DesktopSession::deactivated, this, &SessionController::onDeactivated);
    connect(&m_session, &DesktopSession::sessionEnded, this, [this](const QString&) {
        m_prompts.warn(tr("Your session has ended (the password was changed or the account was disabled). Please "
                          "sign in again. Unsynced changes stay on this computer."));
        showSignIn();
    });
    connect(&m_window, &MainWindow::signInRequested, this, &SessionController::showSignIn);
    connect(&m_window, &MainWindow::signOutRequested, this, &SessionController::signOut);

    connect(m_shopSettingsPage, &ShopSettingsPage::profileEdited, this, [this](const QJsonObject& changes) {
        if (auto* shop = m_session.shop(); shop) {
            auto mid = shop->updateProfile(changes);
            report(mid ? Status() : Status(mid.error()));
        }
    });
    connect(m_shopSettingsPage, &ShopSettingsPage::photoRemoveRequested, this, [this](const QString& id) {
        if (auto* shop = m_session.shop(); shop) {
            auto mid = shop->removePhoto(id);
            report(mid ? Status() : Status(mid.error()));
        }
    });
    connect(m_shopSettingsPage, &ShopSettingsPage::photosReordered, this, [this](const QStringList& ids) {
        if (auto* shop = m_session.shop(); shop) {
            auto mid = shop->reorderPhotos(ids);
            report(mid ? Status() : Status(mid.error()));
        }
    });
    connect(m_shopSettingsPage, &ShopSettingsPage::photoUploadRequested, this, &SessionController::uploadPhoto);
    connect(m_staffPage, &StaffPage::staffAddRequested, this, [this](const QJsonObject& args) {
        auto* shop = m_session.shop();
        if (!shop)
            return;
        Role role = Role::Clerk;
        parseRole(args.value(QStringLiteral("role")).toString(), &role);
        auto mid = shop->addStaff(args.value(QStringLiteral("login")).toString(),
                                  args.value(QStringLiteral("displayName")).toString(),
                                  role,
                                  args.value(QStringLiteral("password")).toString());
        report(mid ? Status() : Status(mid.error()));
    });
    connect(m_staffPage, &StaffPage::staffUpdateRequested, this, [this](const QString& id, const QJsonObject& changes) {
        if (auto* shop = m_session.shop(); shop) {
            auto mid = shop->updateStaff(id, changes);
            report(mid ? Status() : Status(mid.error()));
        }
    });
    connect(
        m_staffPage, &StaffPage::staffPasswordResetRequested, this, [this](const QString& id, const QString& password) {
            if (auto* shop = m_session.shop(); shop) {
                auto mid = shop->resetStaffPassword(id, password);
                report(mid ? Status() : Status(mid.error()));
            }
        });
    connect(m_syncStatusWidget, &SyncStatusWidget::discardRequested, this, [this](qint64 mid) {
        if (auto* shop = m_session.shop(); shop)
            report(shop->discardRejected(mid));
    });
    connect(m_syncStatusWidget, &SyncStatusWidget::retryRequested, this, [this](qint64 mid) {
        auto* shop = m_session.shop();
        if (!shop)
            return;
        if (m_articles) {
            if (auto entry = m_session.store()->operation(mid);
                entry && *entry && (*entry)->name.startsWith(QLatin1String("article."))) {
                auto retried = m_articles->retryRejected(mid);
                return report(retried ? Status() : Status(retried.error()));
            }
        }
        if (m_orderSettings) {
            if (auto entry = m_session.store()->operation(mid);
                entry && *entry && (*entry)->name == OrderSettingsService::UpdateOperation) {
                auto retried = m_orderSettings->retryRejected(mid);
                return report(retried ? Status() : Status(retried.error()));
            }
        }
        // Passwords leave the outbox once the server has answered, so a staff operation needs its password again.
        QJsonObject replacement;
        for (const OutboxEntry& entry : shop->rejectedOperations()) {
            if (entry.mid == mid &&
                (entry.name == QLatin1String("staff.add") || entry.name == QLatin1String("staff.resetPassword"))) {
                const QString password = m_prompts.password();
                if (password.isEmpty())
                    return;
                replacement.insert(QStringLiteral("password"), password);
            }
        }
        auto retried = shop->retryRejected(mid, replacement);
        report(retried ? Status() : Status(retried.error()));
    });
}

SessionController::~SessionController() = default;

void SessionController::retranslateTabs()
{
    m_settingsTabWidget->setTabText(0, tr("Shop profile"));
    m_settingsTabWidget->setTabText(1, tr("Staff"));
    m_settingsTabWidget->setTabText(2, tr("Ordering"));
    if (m_productsTabWidget) {
        m_productsTabWidget->setTabText(0, tr("Products"));
        m_productsTabWidget->setTabText(1, tr("Categories"));
        m_productsTabWidget->setTabText(2, tr("Reviews"));
    }
    if (m_importCsvButton) {
        m_importCsvButton->setText(tr("Import CSV…"));
        m_importCsvButton->setToolTip(tr("Add or update products from a CSV file (UTF-8 or GB18030)"));
        m_exportCsvButton->setText(tr("Export CSV…"));
        m_exportCsvButton->setToolTip(tr("Export the selected products, or all when none is selected, as CSV for "
                                         "Excel"));
    }
}

bool SessionController::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_settingsTabWidget && event->type() == QEvent::LanguageChange)
        retranslateTabs();
    return QObject::eventFilter(watched, event);
}

void SessionController::setPrompts(Prompts prompts)
{
    if (prompts.passphrase)
        m_prompts.passphrase = std::move(prompts.passphrase);
    if (prompts.confirmDiscardUnsynced)
        m_prompts.confirmDiscardUnsynced = std::move(prompts.confirmDiscardUnsynced);
    if (prompts.warn)
        m_prompts.warn = std::move(prompts.warn);
    if (prompts.password)
        m_prompts.password = std::move(prompts.password);
    if (prompts.signOut)
        m_prompts.signOut = std::move(prompts.signOut);
}

void SessionController::setSignInPrefill(const QUrl& serverUrl,
                                         const QString& shop,
                                         const QString& login,
                                         const QString& password)
{
    m_prefill = Prefill{serverUrl, shop, login, password};
}

void SessionController::start()
{
    m_session.resume([this](Status status) {
        if (status)
            return;
        // A remembered account whose cache needs the user (passphrase, lost key) is handled like a fresh sign-in.
        if (status.error().code == ErrorCode::Unavailable ||
            status.error().code == CacheLocator::PendingOperationsAtRisk)
            return afterOpenAttempt(status, [this](const QString& message) {
                if (!message.isEmpty())
                    m_prompts.warn(message);
                if (!m_session.isActive())
                    showSignIn();
            });
        showSignIn();
    });
}

void SessionController::afterOpenAttempt(const Status& status, const std::function<void(const QString&)>& finish)
{
    if (status)
        return finish(QString());
    const Error& error = status.error();
    if (error.code == ErrorCode::Unavailable && m_session.needsPassphrase()) {
        // Signed in, but no keychain: the cache is protected by a passphrase instead.
        for (bool firstTime = !m_session.usesPassphrase();; firstTime = false) {
            const QString passphrase = m_prompts.passphrase(firstTime);
            if (passphrase.isEmpty())
                return finish(tr("Without a passphrase the shop cannot be opened on this computer."));
            const Status opened = m_session.openWithPassphrase(passphrase);
            if (opened)
                return finish(QString());
            if (opened.error().code != ErrorCode::WrongKey)
                return finish(opened.error().message);
        }
    }
    if (error.code == CacheLocator::PendingOperationsAtRisk) {
        if (!m_prompts.confirmDiscardUnsynced())
            return finish(tr("The shop was not opened; the unsynced changes are kept."));
        m_session.discardUnreadableCache(
            [finish](Status discarded) { finish(discarded ? QString() : discarded.error().message); });
        return;
    }
    if (error.code == ErrorCode::Unauthenticated)
        return finish(SignInDialog::wrongCredentialsMessage());
    if (error.code == ErrorCode::Unavailable)
        return finish(SignInDialog::serverUnreachableMessage());
    finish(error.message);
}

void SessionController::showSignIn()
{
    auto* dialog = new SignInDialog(
        [this](const SignInDialog::Credentials& credentials, std::function<void(const QString&)> answer) {
            m_session.signIn(credentials.serverUrl,
                             credentials.shop,
                             credentials.login,
                             credentials.password,
                             credentials.remember,
                             [this, answer](Status status) { afterOpenAttempt(status, answer); });
        },
        &m_window);
    dialog->setObjectName(QStringLiteral("signInDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const DesktopSession::Remembered last = DesktopSession::remembered();
    SignInDialog::Credentials prefill;
    prefill.serverUrl = !m_prefill.serverUrl.isEmpty()                          ? m_prefill.serverUrl
                        : last.serverUrl.isValid() && !last.serverUrl.isEmpty() ? last.serverUrl
                                                                                : SignInDialog::defaultServerUrl();
    prefill.shop = !m_prefill.shop.isEmpty() ? m_prefill.shop : last.shop;
    prefill.login = !m_prefill.login.isEmpty() ? m_prefill.login : last.login;
    prefill.password = m_prefill.password;
    prefill.remember = true;
    dialog->setCredentials(prefill);
    dialog->open();
    if (!m_prefill.password.isEmpty()) {
        m_prefill.password.clear(); // used once, never kept
        QMetaObject::invokeMethod(dialog, &SignInDialog::signIn, Qt::QueuedConnection);
    }
}

void SessionController::onActivated()
{
    ShopService* shop = m_session.shop();
    SyncClient* client = m_session.syncClient();
    m_settingsTabWidget->setEnabled(true);
    m_staffPage->setCurrentStaff(m_session.account().staffId, m_session.account().role);
    connect(shop, &ShopService::shopChanged, this, &SessionController::refreshProfile);
    connect(shop, &ShopService::staffChanged, this, &SessionController::refreshStaff);
    connect(shop, &ShopService::photosChanged, this, &SessionController::refreshPhotos);
    connect(shop, &ShopService::rejectedOperationsChanged, this, &SessionController::refreshSyncStatus);
    connect(client, &SyncClient::stateChanged, this, &SessionController::refreshSyncStatus);
    connect(client, &SyncClient::pendingCountChanged, this, &SessionController::refreshSyncStatus);
    connect(client, &SyncClient::rejectedOperationsChanged, this, &SessionController::refreshSyncStatus);
    connect(client, &SyncClient::progressChanged, this, &SessionController::refreshSyncStatus);
    connect(client, &SyncClient::authenticated, this, [this] {
        m_staffPage->setCurrentStaff(m_session.account().staffId, m_session.account().role);
    });
    m_window.setAccountText(m_session.account().displayName);
    refreshProfile();
    refreshStaff();
    refreshPhotos();
    refreshSyncStatus();
    m_catalog = new CatalogService(*m_session.store(), m_session.store()->database(), m_session.account().role, this);
    m_productsPage->setImageLocation(m_session.account().serverUrl, m_session.account().shopId);
    m_productsPage->setCatalog(m_catalog);
    m_categoriesPage->setCatalog(m_catalog);
    delete m_productCsv;
    m_productCsv = new ProductCsvActions(*m_session.store(), m_productsPage);
    m_importCsvButton->setEnabled(m_catalog->can(QStringLiteral("product.save")));
    m_exportCsvButton->setEnabled(true);
    connect(client, &SyncClient::authenticated, m_catalog, [this] { m_catalog->setRole(m_session.account().role); });
    static const SystemClock articleClock;
    delete m_articles; // defensive: DesktopSession deactivates before it activates again
    m_articles = new ArticleService(*m_session.store(), articleClock, m_session.account().role, this);
    m_articlesPage->setImageLocation(m_session.account().serverUrl, m_session.account().shopId);
    m_articlesPage->setService(m_articles);
    connect(client, &SyncClient::authenticated, m_articles, [this] { m_articles->setRole(m_session.account().role); });
    delete m_orders;
    m_orders = new OrderService(*m_session.store(), m_session.account().role, this);
    m_ordersPage->setService(m_orders);
    m_dashboardPage->setService(m_session.stats());
    m_dashboardPage->setOrderService(m_orders);
    m_financePage->setService(m_session.stats());
    m_statisticsPage->setService(m_session.stats());
    connect(client, &SyncClient::authenticated, m_orders, [this] { m_orders->setRole(m_session.account().role); });
    delete m_reviews;
    m_reviews = new ReviewService(*m_session.store(), m_session.account().role, this);
    m_reviewsPage->setService(m_reviews);
    connect(client, &SyncClient::authenticated, m_reviews, [this] { m_reviews->setRole(m_session.account().role); });
    delete m_orderSettings;
    m_orderSettings = new OrderSettingsService(*m_session.store(), m_session.account().role, this);
    m_orderSettingsPage->setService(m_orderSettings);
    connect(client, &SyncClient::authenticated, m_orderSettings, [this] {
        m_orderSettings->setRole(m_session.account().role);
    });
    // Rejected order operations say where their order stands now: a pull that moves it refreshes them.
    connect(m_orders, &OrderService::ordersChanged, this, [this] {
        if (m_session.store() && m_session.store()->rejectedCount() > 0)
            refreshSyncStatus();
    });
    emit signedIn();
}

void SessionController::onDeactivated()
{
    m_settingsTabWidget->setEnabled(false);
    m_articlesPage->setService(nullptr);
    delete m_articles;
    m_articles = nullptr;
    m_ordersPage->setService(nullptr);
    m_dashboardPage->setOrderService(nullptr);
    m_dashboardPage->setService(nullptr);
    m_financePage->setService(nullptr);
    m_statisticsPage->setService(nullptr);
    delete m_orders;
    m_orders = nullptr;
    m_reviewsPage->setService(nullptr);
    delete m_reviews;
    m_reviews = nullptr;
    m_orderSettingsPage->setService(nullptr);
    delete m_orderSettings;
    m_orderSettings = nullptr;
    m_productsPage->setCatalog(nullptr);
    m_productsPage->setImageLocation(QUrl(), QString()); // drops the cached thumbnails
    m_categoriesPage->setCatalog(nullptr);
    delete m_productCsv;
    m_productCsv = nullptr;
    m_importCsvButton->setEnabled(false);
    m_exportCsvButton->setEnabled(false);
    delete m_catalog;
    m_catalog = nullptr;
    m_syncStatusWidget->setState(SyncStatusWidget::State::SignedOut);
    m_syncStatusWidget->setPendingCount(0);
    m_syncStatusWidget->setRejected({});
    m_syncStatusWidget->setProgress(-1);
    m_window.setAccountText(QString());
    m_photosRequested.clear();
}

void SessionController::refreshProfile()
{
    if (auto* shop = m_session.shop(); shop) {
        auto profile = shop->shopProfile();
        if (profile) {
            m_shopSettingsPage->setProfile(*profile);
            m_ordersPage->setShopName(profile->value(QStringLiteral("name")).toString());  // receipts' heading
            m_financePage->setShopName(profile->value(QStringLiteral("name")).toString()); // the report's heading
        }
    }
}

void SessionController::refreshStaff()
{
    auto* shop = m_session.shop();
    if (!shop)
        return;
    auto staff = shop->staff();
    if (!staff)
        return;
    QList<QJsonObject> rows;
    for (const StaffMember& member : *staff)
        rows.append(QJsonObject{{QStringLiteral("id"), member.id},
                                {QStringLiteral("login"), member.login},
                                {QStringLiteral("displayName"), member.displayName},
                                {QStringLiteral("role"), member.role},
                                {QStringLiteral("disabled"), member.disabled}});
    m_staffPage->setStaff(rows);
}

void SessionController::refreshPhotos()
{
    auto* shop = m_session.shop();
    if (!shop)
        return;
    auto photos = shop->photos();
    if (!photos)
        return;
    QList<QJsonObject> rows;
    for (const ShopPhoto& photo : *photos) {
        rows.append(QJsonObject{{QStringLiteral("id"), photo.id},
                                {QStringLiteral("position"), photo.position},
                                {QStringLiteral("width"), photo.width},
                                {QStringLiteral("height"), photo.height},
                                {QStringLiteral("url"), photo.url}});
        if (m_photosRequested.contains(photo.id) || photo.url.isEmpty())
            continue;
        // Thumbnails come from the public photo URL (cacheable); the photo row itself came through sync.
        m_photosRequested.insert(photo.id, true);
        QNetworkReply* reply = m_network->get(QNetworkRequest(m_session.account().serverUrl.resolved(QUrl(photo.url))));
        QPointer<ShopSettingsPage> page = m_shopSettingsPage;
        connect(reply, &QNetworkReply::finished, this, [reply, page, id = photo.id] {
            reply->deleteLater();
            QPixmap pixmap;
            if (page && reply->error() == QNetworkReply::NoError && pixmap.loadFromData(reply->readAll()))
                page->setPhotoPixmap(id, pixmap);
        });
    }
    m_shopSettingsPage->setPhotos(rows);
}

void SessionController::refreshSyncStatus()
{
    SyncClient* client = m_session.syncClient();
    if (!client)
        return;
    m_syncStatusWidget->setState(statusFor(client->state()));
    m_syncStatusWidget->setPendingCount(client->pendingCount());
    m_shopSettingsPage->setOfflineNotice(client->state() == SyncClient::State::Offline ||
                                         client->state() == SyncClient::State::Connecting);
    const SyncClient::Progress progress = client->progress();
    const bool showProgress = progress.initial && progress.targetVersion > 0;
    m_syncStatusWidget->setProgress(showProgress ? int(100 * progress.currentVersion / progress.targetVersion) : -1);
    QList<RejectedOperation> rejected;
    for (const OutboxEntry& entry : client->rejectedOperations()) {
        // An order operation names its order by number (its arguments only hold the id) and says where the order
        // stands now, so that "the customer cancelled meanwhile" is plain to see.
        QString summary = argsSummary(entry);
        if (m_orders && entry.name.startsWith(QLatin1String("order."))) {
            auto order = m_orders->order(entry.args.value(QStringLiteral("orderId")).toString());
            summary = order && *order
                          ? tr("order %1 (now: %2)").arg((*order)->number, OrderService::stateText((*order)->state))
                          : tr("an order no longer on this computer");
        }
        rejected.append(RejectedOperation{entry.mid, entry.name, summary, entry.rejectCode, entry.rejectMessage});
    }
    m_syncStatusWidget->setRejected(rejected);
}

void SessionController::report(const Status& status)
{
    if (!status)
        m_prompts.warn(status.error().message);
}

void SessionController::uploadPhoto(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return m_prompts.warn(tr("Cannot read %1: %2").arg(QFileInfo(path).fileName(), file.errorString()));
    const QByteArray bytes = file.readAll();
    const QString type = QMimeDatabase().mimeTypeForData(bytes).name();
    // Photos are too big for the outbox: they need the server now.
    m_session.api().uploadPhoto(m_session.account(), bytes, type, [this](Result<qint64> uploaded) {
        if (!uploaded)
            m_prompts.warn(tr("The photo was not uploaded: %1").arg(uploaded.error().message));
    });
}

void SessionController::signOut()
{
    const int unsynced = m_session.store() ? m_session.store()->pendingCount() + m_session.store()->rejectedCount() : 0;
    const Prompts::SignOutChoice choice = m_prompts.signOut(unsynced);
    if (choice == Prompts::SignOutChoice::Cancel)
        return;
    const bool wipe = choice == Prompts::SignOutChoice::DeleteCache;
    // The user was told how many changes deleting drops, so their choice is the consent.
    m_session.signOut(wipe, wipe, [this](Status status) {
        report(status);
        showSignIn();
    });
}

} // namespace xd
