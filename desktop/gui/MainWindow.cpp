#include "MainWindow.h"

#include "LanguageManager.h"
#include "ModulePage.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QEvent>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QPixmap>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>

#include <algorithm>
#include <array>

// Q_INIT_RESOURCE must be used outside any namespace. The resources live in a static library, so nothing would
// pull them into the executable without an explicit reference.
static void initXiaodianResources()
{
    Q_INIT_RESOURCE(xiaodian);
}

namespace xd {

namespace {

struct ModuleInfo
{
    MainWindow::Module module;
    const char* id;
    const char* title;
    const char* description;
};

// Titles and descriptions are translated where they are shown (navigation and ModulePage), with this context.
constexpr const char* ModuleContext = "xd::MainWindow";

constexpr std::array<ModuleInfo, 10> ModuleInfos = {{
    {MainWindow::Module::Dashboard,
     "dashboard",
     QT_TRANSLATE_NOOP("xd::MainWindow", "Dashboard"),
     QT_TRANSLATE_NOOP("xd::MainWindow",
                       "Today at a glance: new orders, turnover, visitors and what needs attention.")},
    {MainWindow::Module::Orders,
     "orders",
     QT_TRANSLATE_NOOP("xd::MainWindow", "Orders"),
     QT_TRANSLATE_NOOP("xd::MainWindow", "Orders from the mini-program: accept, ship, refund, print.")},
    {MainWindow::Module::Products,
     "products",
     QT_TRANSLATE_NOOP("xd::MainWindow", "Products"),
     QT_TRANSLATE_NOOP("xd::MainWindow", "Products with specifications, stock, images and categories.")},
    {MainWindow::Module::Articles,
     "articles",
     QT_TRANSLATE_NOOP("xd::MainWindow", "Articles"),
     QT_TRANSLATE_NOOP("xd::MainWindow", "News and articles published to the mini-program.")},
    {MainWindow::Module::Members,
     "members",
     QT_TRANSLATE_NOOP("xd::MainWindow", "Members"),
     QT_TRANSLATE_NOOP("xd::MainWindow", "Member profiles, levels and cards, points and stored value.")},
    {MainWindow::Module::Marketing,
     "marketing",
     QT_TRANSLATE_NOOP("xd::MainWindow", "Marketing"),
     QT_TRANSLATE_NOOP("xd::MainWindow",
                       "Discounts, coupons, team buys, flash sales, red packets, the points mall and distribution.")},
    {MainWindow::Module::Finance,
     "finance",
     QT_TRANSLATE_NOOP("xd::MainWindow", "Finance"),
     QT_TRANSLATE_NOOP("xd::MainWindow", "Turnover by day and period, payment methods, refunds and recharge income.")},
    {MainWindow::Module::Statistics,
     "statistics",
     QT_TRANSLATE_NOOP("xd::MainWindow", "Statistics"),
     QT_TRANSLATE_NOOP("xd::MainWindow", "Page views, visitors, conversion rate and average order value.")},
    {MainWindow::Module::CustomerService,
     "customer_service",
     QT_TRANSLATE_NOOP("xd::MainWindow", "Customer service"),
     QT_TRANSLATE_NOOP("xd::MainWindow", "Chat with customers in the mini-program and answer their questions.")},
    {MainWindow::Module::ShopSettings,
     "shop_settings",
     QT_TRANSLATE_NOOP("xd::MainWindow", "Shop settings"),
     QT_TRANSLATE_NOOP(
         "xd::MainWindow",
         "Shop profile, address, phone, opening hours and the custom fields buyers fill in at checkout.")},
}};

constexpr bool moduleInfosInEnumOrder()
{
    for (std::size_t i = 0; i < ModuleInfos.size(); ++i) {
        if (static_cast<std::size_t>(ModuleInfos[i].module) != i) {
            return false;
        }
    }
    return true;
}
static_assert(moduleInfosInEnumOrder(), "ModuleInfos must list the modules in enum order");

const ModuleInfo& info(MainWindow::Module module)
{
    return ModuleInfos.at(static_cast<std::size_t>(module));
}

int indexOf(MainWindow::Module module)
{
    return static_cast<int>(module);
}

QIcon moduleIcon(MainWindow::Module module)
{
    const QString id = QString::fromLatin1(info(module).id);
    QIcon icon;
    icon.addFile(QStringLiteral(":/icons/nav/%1.png").arg(id), {}, QIcon::Normal);
    icon.addFile(QStringLiteral(":/icons/nav/%1-selected.png").arg(id), {}, QIcon::Selected);
    return icon;
}

QPixmap statusDot(const QColor& color, qreal devicePixelRatio)
{
    constexpr int Size = 10;
    QPixmap pixmap(QSize(Size, Size) * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(1, 1, Size - 2, Size - 2));
    return pixmap;
}

QString geometryKey()
{
    return QStringLiteral("mainWindow/geometry");
}
QString moduleKey()
{
    return QStringLiteral("mainWindow/module");
}

// The brand green marks the selected module; everything else follows the platform palette.
QString navigationStyleSheet()
{
    return QStringLiteral(R"(
QListWidget#navigationListWidget {
    border: none;
    border-right: 1px solid palette(midlight);
    background: palette(window);
    padding-top: 8px;
    outline: 0;
}
QListWidget#navigationListWidget::item {
    padding: 9px 12px;
    border-left: 3px solid transparent;
    color: palette(window-text);
}
QListWidget#navigationListWidget::item:hover {
    background: palette(midlight);
}
QListWidget#navigationListWidget::item:selected {
    background: #e6f6ec;
    border-left: 3px solid #07c160;
    color: #1f2329;
}
)");
}

} // namespace

MainWindow::MainWindow(LanguageManager* languageManager, QWidget* parent)
    : QMainWindow(parent), m_languageManager(languageManager)
{
    Q_ASSERT(m_languageManager);
    initXiaodianResources();
    // Set here as well as on the application so the About box and tests get it without main.cpp.
    setWindowIcon(QIcon(QStringLiteral(":/icons/xiaodian.png")));

    createActions();
    createMenus();
    createCentralWidget();
    createStatusBar();
    retranslateUi();
    updateLanguageActions();
    restoreWindowState();

    connect(m_languageManager, &LanguageManager::languageChanged, this, &MainWindow::updateLanguageActions);
}

MainWindow::~MainWindow() = default;

QList<MainWindow::Module> MainWindow::modules()
{
    QList<Module> result;
    for (const ModuleInfo& moduleInfo : ModuleInfos) {
        result.append(moduleInfo.module);
    }
    return result;
}

QString MainWindow::moduleId(Module module)
{
    return QString::fromLatin1(info(module).id);
}

std::optional<MainWindow::Module> MainWindow::moduleFromId(const QString& id)
{
    for (const ModuleInfo& moduleInfo : ModuleInfos) {
        if (id == QLatin1StringView(moduleInfo.id)) {
            return moduleInfo.module;
        }
    }
    return std::nullopt;
}

QString MainWindow::moduleTitle(Module module)
{
    return QCoreApplication::translate(ModuleContext, info(module).title);
}

void MainWindow::setPage(Module module, QWidget* page)
{
    Q_ASSERT(page);
    const int index = indexOf(module);
    QWidget* oldPage = m_pagesStackedWidget->widget(index);
    if (page == oldPage) {
        return;
    }
    Q_ASSERT_X(m_pagesStackedWidget->indexOf(page) < 0, "MainWindow::setPage", "page already shown for a module");

    const int currentIndex = m_pagesStackedWidget->currentIndex();
    m_pagesStackedWidget->insertWidget(index, page);
    m_pagesStackedWidget->removeWidget(oldPage);
    m_pagesStackedWidget->setCurrentIndex(currentIndex);
    // Later, not now: the old page may be the one asking to be replaced, from one of its own slots.
    oldPage->hide();
    oldPage->deleteLater();
}

QWidget* MainWindow::page(Module module) const
{
    return m_pagesStackedWidget->widget(indexOf(module));
}

MainWindow::Module MainWindow::currentModule() const
{
    return static_cast<Module>(std::max(0, m_navigationListWidget->currentRow()));
}

void MainWindow::setCurrentModule(Module module)
{
    m_navigationListWidget->setCurrentRow(indexOf(module));
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveWindowState();
    QMainWindow::closeEvent(event);
}

void MainWindow::showAbout()
{
    const QString version = tr("Version %1").arg(QCoreApplication::applicationVersion());
    const QString builtWith =
        tr("Built with Qt %1, running on Qt %2.").arg(QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion()));
    const QString description = tr("The back office for a WeChat mini-program shop: orders, products, members, "
                                   "marketing and finance in one place.");
    const QString text = QStringLiteral("<h2>%1</h2><p>%2</p><p>%3</p><p><small>%4</small></p>")
                             .arg(tr("Xiaodian").toHtmlEscaped(),
                                  version.toHtmlEscaped(),
                                  description.toHtmlEscaped(),
                                  builtWith.toHtmlEscaped());
    QMessageBox::about(this, tr("About Xiaodian"), text);
}

void MainWindow::createActions()
{
    m_signInAction = new QAction(this);
    m_signInAction->setObjectName(QStringLiteral("signInAction"));
    connect(m_signInAction, &QAction::triggered, this, &MainWindow::signInRequested);
    m_signOutAction = new QAction(this);
    m_signOutAction->setObjectName(QStringLiteral("signOutAction"));
    m_signOutAction->setEnabled(false);
    connect(m_signOutAction, &QAction::triggered, this, &MainWindow::signOutRequested);

    m_quitAction = new QAction(this);
    m_quitAction->setObjectName(QStringLiteral("quitAction"));
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_languageActionGroup = new QActionGroup(this);
    m_languageActionGroup->setExclusive(true);
    const QStringList languages = LanguageManager::availableLanguages();
    for (const QString& language : languages) {
        // Each language is listed in its own name, so nobody has to read a foreign menu to find their own.
        auto* action = new QAction(LanguageManager::nativeName(language), m_languageActionGroup);
        action->setObjectName(QStringLiteral("languageAction_%1").arg(language));
        action->setData(language);
        action->setCheckable(true);
        connect(action, &QAction::triggered, this, [this, language] { m_languageManager->setLanguage(language); });
    }

    m_aboutAction = new QAction(this);
    m_aboutAction->setObjectName(QStringLiteral("aboutAction"));
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);

    m_aboutQtAction = new QAction(this);
    m_aboutQtAction->setObjectName(QStringLiteral("aboutQtAction"));
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->setObjectName(QStringLiteral("fileMenu"));
    m_fileMenu->addAction(m_signInAction);
    m_fileMenu->addAction(m_signOutAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);

    m_settingsMenu = menuBar()->addMenu(QString());
    m_settingsMenu->setObjectName(QStringLiteral("settingsMenu"));
    m_languageMenu = m_settingsMenu->addMenu(QString());
    m_languageMenu->setObjectName(QStringLiteral("languageMenu"));
    m_languageMenu->addActions(m_languageActionGroup->actions());

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->setObjectName(QStringLiteral("helpMenu"));
    m_helpMenu->addAction(m_aboutAction);
    m_helpMenu->addAction(m_aboutQtAction);
}

void MainWindow::createCentralWidget()
{
    m_navigationListWidget = new QListWidget(this);
    m_navigationListWidget->setObjectName(QStringLiteral("navigationListWidget"));
    m_navigationListWidget->setFrameShape(QFrame::NoFrame);
    m_navigationListWidget->setSelectionMode(QAbstractItemView::SingleSelection);
    m_navigationListWidget->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_navigationListWidget->setIconSize(QSize(22, 22));
    m_navigationListWidget->setStyleSheet(navigationStyleSheet());
    QFont navigationFont = m_navigationListWidget->font();
    navigationFont.setPointSizeF(navigationFont.pointSizeF() * 1.1);
    m_navigationListWidget->setFont(navigationFont);

    m_pagesStackedWidget = new QStackedWidget(this);
    m_pagesStackedWidget->setObjectName(QStringLiteral("pagesStackedWidget"));
    // Pages sit on the base colour so the navigation reads as a sidebar beside them.
    m_pagesStackedWidget->setBackgroundRole(QPalette::Base);
    m_pagesStackedWidget->setAutoFillBackground(true);

    for (const ModuleInfo& moduleInfo : ModuleInfos) {
        const QIcon icon = moduleIcon(moduleInfo.module);
        auto* item = new QListWidgetItem(icon, QString(), m_navigationListWidget);
        item->setData(Qt::UserRole, QString::fromLatin1(moduleInfo.id));

        auto* page =
            new ModulePage(ModuleContext, moduleInfo.title, moduleInfo.description, icon, m_pagesStackedWidget);
        page->setObjectName(QStringLiteral("%1ModulePage").arg(QString::fromLatin1(moduleInfo.id)));
        m_pagesStackedWidget->addWidget(page);
    }
    connect(m_navigationListWidget,
            &QListWidget::currentRowChanged,
            m_pagesStackedWidget,
            &QStackedWidget::setCurrentIndex);
    m_navigationListWidget->setCurrentRow(0);

    auto* centralWidget = new QWidget(this);
    centralWidget->setObjectName(QStringLiteral("centralWidget"));
    auto* layout = new QHBoxLayout(centralWidget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_navigationListWidget);
    layout->addWidget(m_pagesStackedWidget, 1);
    setCentralWidget(centralWidget);
}

void MainWindow::createStatusBar()
{
    // Sync is not built yet, so the honest state is offline: a grey dot and the word.
    m_connectionIndicatorLabel = new QLabel(this);
    m_connectionIndicatorLabel->setObjectName(QStringLiteral("connectionIndicatorLabel"));
    m_connectionIndicatorLabel->setPixmap(statusDot(QColor(0x8f, 0x95, 0x9e), devicePixelRatio()));
    statusBar()->addPermanentWidget(m_connectionIndicatorLabel);

    m_connectionStateLabel = new QLabel(this);
    m_connectionStateLabel->setObjectName(QStringLiteral("connectionStateLabel"));
    m_connectionStateLabel->setContentsMargins(0, 0, 8, 0);
    statusBar()->addPermanentWidget(m_connectionStateLabel);

    m_accountLabel = new QLabel(this);
    m_accountLabel->setObjectName(QStringLiteral("accountLabel"));
    statusBar()->addWidget(m_accountLabel);
}

void MainWindow::setStatusWidget(QWidget* widget)
{
    delete m_connectionIndicatorLabel;
    delete m_connectionStateLabel;
    m_connectionIndicatorLabel = nullptr;
    m_connectionStateLabel = nullptr;
    statusBar()->addPermanentWidget(widget);
}

void MainWindow::setAccountText(const QString& text)
{
    m_accountText = text;
    m_accountLabel->setText(text.isEmpty() ? QString() : tr("Signed in: %1").arg(text));
    m_signOutAction->setEnabled(!text.isEmpty());
}

void MainWindow::retranslateUi()
{
    setWindowTitle(tr("Xiaodian Back Office"));

    m_fileMenu->setTitle(tr("&File"));
    m_signInAction->setText(tr("Sign &in…"));
    m_signOutAction->setText(tr("Sign &out"));
    m_quitAction->setText(tr("&Quit"));
    m_quitAction->setStatusTip(tr("Close the back office"));
    m_settingsMenu->setTitle(tr("&Settings"));
    m_languageMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About Xiaodian"));
    m_aboutQtAction->setText(tr("About &Qt"));

    m_navigationListWidget->setAccessibleName(tr("Modules"));
    for (const ModuleInfo& moduleInfo : ModuleInfos) {
        m_navigationListWidget->item(indexOf(moduleInfo.module))->setText(moduleTitle(moduleInfo.module));
    }
    updateNavigationWidth();

    if (m_connectionStateLabel) { // until the sync status widget takes its place
        m_connectionStateLabel->setText(tr("Offline"));
        m_connectionStateLabel->setToolTip(tr("Not connected to the shop server."));
        m_connectionIndicatorLabel->setToolTip(m_connectionStateLabel->toolTip());
    }
    m_accountLabel->setText(m_accountText.isEmpty() ? QString() : tr("Signed in: %1").arg(m_accountText));
}

void MainWindow::updateLanguageActions()
{
    const QString current = m_languageManager->currentLanguage();
    const QList<QAction*> actions = m_languageActionGroup->actions();
    for (QAction* action : actions) {
        action->setChecked(action->data().toString() == current);
    }
}

void MainWindow::updateNavigationWidth()
{
    // Wide enough for the longest module name in the current language, never narrower than a comfortable minimum.
    const QFontMetrics metrics(m_navigationListWidget->font());
    int textWidth = 0;
    for (int row = 0; row < m_navigationListWidget->count(); ++row) {
        textWidth = std::max(textWidth, metrics.horizontalAdvance(m_navigationListWidget->item(row)->text()));
    }
    const int chrome = m_navigationListWidget->iconSize().width() + 2 * 12 + 3 + 16 + 8;
    m_navigationListWidget->setFixedWidth(std::max(176, textWidth + chrome));
}

void MainWindow::restoreWindowState()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(geometryKey()).toByteArray())) {
        // Fits a 1366x768 laptop with room for the taskbar, and is comfortable on larger screens.
        QSize size(1280, 760);
        if (const QScreen* currentScreen = screen()) {
            size = size.boundedTo(currentScreen->availableSize() * 0.92);
        }
        resize(size.expandedTo(QSize(960, 600)));
    }
    if (const auto module = moduleFromId(settings.value(moduleKey()).toString())) {
        setCurrentModule(*module);
    }
}

void MainWindow::saveWindowState() const
{
    QSettings settings;
    settings.setValue(geometryKey(), saveGeometry());
    settings.setValue(moduleKey(), moduleId(currentModule()));
}

} // namespace xd
