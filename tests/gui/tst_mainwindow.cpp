#include "GuiTestHelpers.h"
#include "LanguageManager.h"
#include "MainWindow.h"
#include "ModulePage.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPointer>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTranslator>
#include <QXmlStreamReader>

#include <functional>

using Module = xd::MainWindow::Module;

namespace {

QString chinese()
{
    return QStringLiteral("zh_CN");
}
QString english()
{
    return QStringLiteral("en");
}

using xd::test::whenModalDialogShows;

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void opens_offscreen_showsAllModulesInOrder();
    void moduleIds_roundTrip();
    void navigation_clickItem_showsMatchingPage_data();
    void navigation_clickItem_showsMatchingPage();
    void navigation_selectEveryRow_walksEveryPage();
    void defaultLanguage_nothingSaved_isChinese();
    void defaultLanguage_unknownSaved_isChinese();
    void languageMenu_switchToEnglishAndBack_retranslatesLive();
    void languageChoice_persists_newManagerReadsIt();
    void sessionLanguage_notPersisted();
    void chineseTs_everyMessageTranslated();
    void chineseQm_translatesKnownStrings_data();
    void chineseQm_translatesKnownStrings();
    void chinese_everyModuleTitleAndDescriptionTranslated();
    void statusBar_showsOffline();
    void aboutBox_opensAndCloses();
    void aboutQt_opensAndCloses();
    void setPage_current_replacesAndDeletesOld();
    void setPage_notCurrent_keepsCurrentPage();
    void windowState_savedOnClose_restored();
    void screenshot_1366x768();

private:
    QTemporaryDir m_settingsDir;
};

void TestMainWindow::initTestCase()
{
    // Never touch the developer's real settings.
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_settingsDir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("XiaodianTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QCoreApplication::setApplicationVersion(QStringLiteral(XD_VERSION));
}

void TestMainWindow::init()
{
    QSettings().clear();
}

void TestMainWindow::opens_offscreen_showsAllModulesInOrder()
{
    xd::LanguageManager languageManager;
    xd::MainWindow window(&languageManager);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    auto* navigation = window.findChild<QListWidget*>(QStringLiteral("navigationListWidget"));
    auto* pages = window.findChild<QStackedWidget*>(QStringLiteral("pagesStackedWidget"));
    QVERIFY(navigation);
    QVERIFY(pages);
    QCOMPARE(navigation->count(), 10);
    QCOMPARE(pages->count(), 10);
    QCOMPARE(xd::MainWindow::modules().size(), 10);
    const QStringList expectedIds = {
        QStringLiteral("dashboard"),
        QStringLiteral("orders"),
        QStringLiteral("products"),
        QStringLiteral("articles"),
        QStringLiteral("members"),
        QStringLiteral("marketing"),
        QStringLiteral("finance"),
        QStringLiteral("statistics"),
        QStringLiteral("customer_service"),
        QStringLiteral("shop_settings"),
    };
    for (int row = 0; row < navigation->count(); ++row) {
        const Module module = xd::MainWindow::modules().at(row);
        QCOMPARE(xd::MainWindow::moduleId(module), expectedIds.at(row));
        QCOMPARE(navigation->item(row)->data(Qt::UserRole).toString(), expectedIds.at(row));
        QVERIFY(!navigation->item(row)->icon().isNull());
        QCOMPARE(window.page(module), pages->widget(row));
    }
    QCOMPARE(pages->currentIndex(), 0);
    QCOMPARE(window.currentModule(), Module::Dashboard);
}

void TestMainWindow::moduleIds_roundTrip()
{
    const QList<Module> modules = xd::MainWindow::modules();
    for (const Module module : modules) {
        QCOMPARE(xd::MainWindow::moduleFromId(xd::MainWindow::moduleId(module)), module);
    }
    QVERIFY(!xd::MainWindow::moduleFromId(QStringLiteral("no_such_module")).has_value());
    QVERIFY(!xd::MainWindow::moduleFromId(QString()).has_value());
}

void TestMainWindow::navigation_clickItem_showsMatchingPage_data()
{
    QTest::addColumn<Module>("module");
    QTest::addColumn<QString>("title");
    QTest::newRow("dashboard") << Module::Dashboard << QStringLiteral("概览");
    QTest::newRow("orders") << Module::Orders << QStringLiteral("订单");
    QTest::newRow("products") << Module::Products << QStringLiteral("商品");
    QTest::newRow("articles") << Module::Articles << QStringLiteral("资讯");
    QTest::newRow("members") << Module::Members << QStringLiteral("会员");
    QTest::newRow("marketing") << Module::Marketing << QStringLiteral("营销");
    QTest::newRow("finance") << Module::Finance << QStringLiteral("财务");
    QTest::newRow("statistics") << Module::Statistics << QStringLiteral("统计");
    QTest::newRow("customer_service") << Module::CustomerService << QStringLiteral("客服");
    QTest::newRow("shop_settings") << Module::ShopSettings << QStringLiteral("店铺设置");
}

void TestMainWindow::navigation_clickItem_showsMatchingPage()
{
    QFETCH(Module, module);
    QFETCH(QString, title);

    xd::LanguageManager languageManager;
    xd::MainWindow window(&languageManager);
    window.resize(1366, 768);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // Start somewhere else, so that every row (the first one too) is a real change.
    window.setCurrentModule(module == Module::Statistics ? Module::Orders : Module::Statistics);

    auto* navigation = window.findChild<QListWidget*>(QStringLiteral("navigationListWidget"));
    auto* pages = window.findChild<QStackedWidget*>(QStringLiteral("pagesStackedWidget"));
    const int row = static_cast<int>(module);
    QListWidgetItem* item = navigation->item(row);
    QCOMPARE(item->text(), title);
    const QRect itemRect = navigation->visualItemRect(item);
    QVERIFY(navigation->viewport()->rect().contains(itemRect));
    QTest::mouseClick(navigation->viewport(), Qt::LeftButton, {}, itemRect.center());

    QCOMPARE(navigation->currentRow(), row);
    QVERIFY(item->isSelected());
    QCOMPARE(pages->currentIndex(), row);
    QCOMPARE(pages->currentWidget(), window.page(module));
    QCOMPARE(window.currentModule(), module);
    QVERIFY(pages->currentWidget()->isVisible());
    QCOMPARE(pages->currentWidget()->objectName(), xd::MainWindow::moduleId(module) + QStringLiteral("ModulePage"));

    auto* page = qobject_cast<xd::ModulePage*>(pages->currentWidget());
    QVERIFY(page);
    QCOMPARE(page->title(), title);
    auto* titleLabel = page->findChild<QLabel*>(QStringLiteral("titleLabel"));
    QVERIFY(titleLabel);
    QVERIFY(titleLabel->isVisible());
    QCOMPARE(titleLabel->text(), title);
    QVERIFY(!page->description().isEmpty());
    QCOMPARE(page->findChild<QLabel*>(QStringLiteral("notBuiltLabel"))->text(),
             QStringLiteral("此模块将在后续版本中推出。"));
}

void TestMainWindow::navigation_selectEveryRow_walksEveryPage()
{
    xd::LanguageManager languageManager;
    xd::MainWindow window(&languageManager);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* navigation = window.findChild<QListWidget*>(QStringLiteral("navigationListWidget"));
    auto* pages = window.findChild<QStackedWidget*>(QStringLiteral("pagesStackedWidget"));

    // Backwards, so each step changes the page.
    for (int row = navigation->count() - 1; row >= 0; --row) {
        navigation->setCurrentRow(row);
        QCOMPARE(pages->currentIndex(), row);
        auto* page = qobject_cast<xd::ModulePage*>(pages->currentWidget());
        QVERIFY(page);
        QCOMPARE(page->title(), navigation->item(row)->text());
        QCOMPARE(page->title(), xd::MainWindow::moduleTitle(xd::MainWindow::modules().at(row)));
    }
}

void TestMainWindow::defaultLanguage_nothingSaved_isChinese()
{
    QCOMPARE(xd::LanguageManager::defaultLanguage(), chinese());
    QCOMPARE(xd::LanguageManager::availableLanguages(), QStringList({chinese(), english()}));

    xd::LanguageManager languageManager;
    QCOMPARE(languageManager.currentLanguage(), chinese());
    xd::MainWindow window(&languageManager);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    auto* navigation = window.findChild<QListWidget*>(QStringLiteral("navigationListWidget"));
    QCOMPARE(navigation->item(0)->text(), QStringLiteral("概览"));
    QVERIFY2(window.windowTitle().contains(QStringLiteral("小店")), qPrintable(window.windowTitle()));
    QCOMPARE(window.findChild<QMenu*>(QStringLiteral("fileMenu"))->title(), QStringLiteral("文件(&F)"));
    auto* chineseAction = window.findChild<QAction*>(QStringLiteral("languageAction_zh_CN"));
    auto* englishAction = window.findChild<QAction*>(QStringLiteral("languageAction_en"));
    QVERIFY(chineseAction);
    QVERIFY(englishAction);
    QVERIFY(chineseAction->isChecked());
    QVERIFY(!englishAction->isChecked());
    QCOMPARE(chineseAction->text(), QStringLiteral("中文"));
    QCOMPARE(englishAction->text(), QStringLiteral("English"));
}

void TestMainWindow::defaultLanguage_unknownSaved_isChinese()
{
    QSettings().setValue(QStringLiteral("ui/language"), QStringLiteral("tlh"));
    xd::LanguageManager languageManager;
    QCOMPARE(languageManager.currentLanguage(), chinese());
}

void TestMainWindow::languageMenu_switchToEnglishAndBack_retranslatesLive()
{
    xd::LanguageManager languageManager;
    xd::MainWindow window(&languageManager);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* navigation = window.findChild<QListWidget*>(QStringLiteral("navigationListWidget"));
    auto* pages = window.findChild<QStackedWidget*>(QStringLiteral("pagesStackedWidget"));
    auto* fileMenu = window.findChild<QMenu*>(QStringLiteral("fileMenu"));
    auto* settingsMenu = window.findChild<QMenu*>(QStringLiteral("settingsMenu"));
    auto* languageMenu = window.findChild<QMenu*>(QStringLiteral("languageMenu"));
    auto* helpMenu = window.findChild<QMenu*>(QStringLiteral("helpMenu"));
    auto* connectionLabel = window.findChild<QLabel*>(QStringLiteral("connectionStateLabel"));
    auto* ordersPage = qobject_cast<xd::ModulePage*>(window.page(Module::Orders));
    QVERIFY(ordersPage);
    window.setCurrentModule(Module::Orders);

    // The language actions are reached the way a user reaches them: through the Settings > Language menu.
    QVERIFY(settingsMenu->actions().contains(languageMenu->menuAction()));
    QAction* englishAction = nullptr;
    QAction* chineseAction = nullptr;
    const QList<QAction*> languageActions = languageMenu->actions();
    for (QAction* action : languageActions) {
        if (action->data().toString() == english()) {
            englishAction = action;
        } else if (action->data().toString() == chinese()) {
            chineseAction = action;
        }
    }
    QVERIFY(englishAction);
    QVERIFY(chineseAction);
    QSignalSpy languageChangedSpy(&languageManager, &xd::LanguageManager::languageChanged);

    englishAction->trigger();
    QCOMPARE(languageChangedSpy.count(), 1);
    QCOMPARE(languageManager.currentLanguage(), english());
    QTRY_COMPARE(navigation->item(0)->text(), QStringLiteral("Dashboard"));
    QCOMPARE(navigation->item(1)->text(), QStringLiteral("Orders"));
    QCOMPARE(navigation->item(9)->text(), QStringLiteral("Shop settings"));
    QCOMPARE(ordersPage->title(), QStringLiteral("Orders"));
    QCOMPARE(ordersPage->description(), QStringLiteral("Orders from the mini-program: accept, ship, refund, print."));
    QCOMPARE(ordersPage->findChild<QLabel*>(QStringLiteral("notBuiltLabel"))->text(),
             QStringLiteral("This module arrives in a later release."));
    QCOMPARE(qobject_cast<xd::ModulePage*>(window.page(Module::Dashboard))->title(), QStringLiteral("Dashboard"));
    QCOMPARE(fileMenu->title(), QStringLiteral("&File"));
    QCOMPARE(settingsMenu->title(), QStringLiteral("&Settings"));
    QCOMPARE(languageMenu->title(), QStringLiteral("&Language"));
    QCOMPARE(helpMenu->title(), QStringLiteral("&Help"));
    QCOMPARE(window.findChild<QAction*>(QStringLiteral("aboutAction"))->text(), QStringLiteral("&About Xiaodian"));
    QCOMPARE(window.windowTitle(), QStringLiteral("Xiaodian Back Office"));
    QCOMPARE(connectionLabel->text(), QStringLiteral("Offline"));
    QVERIFY(englishAction->isChecked());
    QVERIFY(!chineseAction->isChecked());
    // Switching does not move the merchant away from the page they were on.
    QCOMPARE(pages->currentWidget(), ordersPage);

    chineseAction->trigger();
    QCOMPARE(languageChangedSpy.count(), 2);
    QCOMPARE(languageManager.currentLanguage(), chinese());
    QTRY_COMPARE(navigation->item(0)->text(), QStringLiteral("概览"));
    QCOMPARE(ordersPage->title(), QStringLiteral("订单"));
    QCOMPARE(fileMenu->title(), QStringLiteral("文件(&F)"));
    QCOMPARE(languageMenu->title(), QStringLiteral("语言(&L)"));
    QCOMPARE(helpMenu->title(), QStringLiteral("帮助(&H)"));
    QCOMPARE(connectionLabel->text(), QStringLiteral("离线"));
    QVERIFY(window.windowTitle().contains(QStringLiteral("小店")));
    QVERIFY(chineseAction->isChecked());
    QVERIFY(!englishAction->isChecked());

    // Choosing the language already in use is not a change.
    chineseAction->trigger();
    QCOMPARE(languageChangedSpy.count(), 2);
}

void TestMainWindow::languageChoice_persists_newManagerReadsIt()
{
    {
        xd::LanguageManager languageManager;
        xd::MainWindow window(&languageManager);
        window.findChild<QAction*>(QStringLiteral("languageAction_en"))->trigger();
        QCOMPARE(languageManager.currentLanguage(), english());
        QVERIFY(!languageManager.setLanguage(QStringLiteral("fr")));
        QCOMPARE(languageManager.currentLanguage(), english());
    }
    QCOMPARE(xd::LanguageManager::savedLanguage(), english());
    {
        xd::LanguageManager languageManager;
        QCOMPARE(languageManager.currentLanguage(), english());
        xd::MainWindow window(&languageManager);
        QCOMPARE(window.findChild<QListWidget*>(QStringLiteral("navigationListWidget"))->item(0)->text(),
                 QStringLiteral("Dashboard"));
        QVERIFY(window.findChild<QAction*>(QStringLiteral("languageAction_en"))->isChecked());
        QVERIFY(languageManager.setLanguage(chinese()));
    }
    xd::LanguageManager languageManager;
    QCOMPARE(languageManager.currentLanguage(), chinese());
}

void TestMainWindow::sessionLanguage_notPersisted()
{
    xd::LanguageManager languageManager;
    QSignalSpy languageChangedSpy(&languageManager, &xd::LanguageManager::languageChanged);
    QVERIFY(languageManager.useLanguageForSession(english()));
    QCOMPARE(languageChangedSpy.count(), 1);
    QCOMPARE(languageManager.currentLanguage(), english());
    QCOMPARE(QCoreApplication::translate("xd::MainWindow", "Orders"), QStringLiteral("Orders"));
    QVERIFY(!languageManager.useLanguageForSession(QStringLiteral("xx")));
    QCOMPARE(xd::LanguageManager::savedLanguage(), chinese());
    QVERIFY(!QSettings().contains(QStringLiteral("ui/language")));
}

void TestMainWindow::chineseTs_everyMessageTranslated()
{
    QFile tsFile(QStringLiteral(XD_SOURCE_DIR "/translations/xiaodian_zh_CN.ts"));
    QVERIFY2(tsFile.open(QIODevice::ReadOnly), qPrintable(tsFile.fileName()));
    QXmlStreamReader reader(&tsFile);
    int messages = 0;
    QString context;
    QString source;
    while (!reader.atEnd()) {
        reader.readNext();
        if (!reader.isStartElement()) {
            continue;
        }
        if (reader.name() == QLatin1StringView("name")) {
            context = reader.readElementText();
        } else if (reader.name() == QLatin1StringView("source")) {
            source = reader.readElementText();
        } else if (reader.name() == QLatin1StringView("translation")) {
            const QString type = reader.attributes().value(QLatin1StringView("type")).toString();
            if (type == QLatin1StringView("vanished") || type == QLatin1StringView("obsolete")) {
                continue;
            }
            ++messages;
            const QString where = context + QStringLiteral(": ") + source;
            QVERIFY2(type != QLatin1StringView("unfinished"), qPrintable(QStringLiteral("unfinished: ") + where));
            // Plural messages keep their forms in <numerusform> children.
            const QString translation = reader.readElementText(QXmlStreamReader::IncludeChildElements);
            QVERIFY2(!translation.trimmed().isEmpty(), qPrintable(QStringLiteral("empty: ") + where));
        }
    }
    QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
    QVERIFY2(messages >= 40, qPrintable(QString::number(messages)));
}

void TestMainWindow::chineseQm_translatesKnownStrings_data()
{
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("translation");
    const auto row = [](const char* context, const char* source, const QString& translation) {
        QTest::newRow(source) << QString::fromUtf8(context) << QString::fromUtf8(source) << translation;
    };
    row("xd::MainWindow", "Dashboard", QStringLiteral("概览"));
    row("xd::MainWindow", "Orders", QStringLiteral("订单"));
    row("xd::MainWindow", "Products", QStringLiteral("商品"));
    row("xd::MainWindow", "Articles", QStringLiteral("资讯"));
    row("xd::MainWindow", "Members", QStringLiteral("会员"));
    row("xd::MainWindow", "Marketing", QStringLiteral("营销"));
    row("xd::MainWindow", "Finance", QStringLiteral("财务"));
    row("xd::MainWindow", "Statistics", QStringLiteral("统计"));
    row("xd::MainWindow", "Customer service", QStringLiteral("客服"));
    row("xd::MainWindow", "Shop settings", QStringLiteral("店铺设置"));
    row("xd::MainWindow", "&File", QStringLiteral("文件(&F)"));
    row("xd::MainWindow", "&Quit", QStringLiteral("退出(&Q)"));
    row("xd::MainWindow", "&Settings", QStringLiteral("设置(&S)"));
    row("xd::MainWindow", "&Language", QStringLiteral("语言(&L)"));
    row("xd::MainWindow", "&Help", QStringLiteral("帮助(&H)"));
    row("xd::MainWindow", "&About Xiaodian", QStringLiteral("关于小店(&A)"));
    row("xd::MainWindow", "About Xiaodian", QStringLiteral("关于小店"));
    row("xd::MainWindow", "Xiaodian", QStringLiteral("小店"));
    row("xd::MainWindow", "Offline", QStringLiteral("离线"));
    row("xd::ModulePage", "This module arrives in a later release.", QStringLiteral("此模块将在后续版本中推出。"));
}

void TestMainWindow::chineseQm_translatesKnownStrings()
{
    QFETCH(QString, context);
    QFETCH(QString, source);
    QFETCH(QString, translation);
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/xiaodian_zh_CN.qm")));
    QCOMPARE(translator.translate(qPrintable(context), qPrintable(source)), translation);
    QTranslator englishTranslator;
    QVERIFY(englishTranslator.load(QStringLiteral(":/i18n/xiaodian_en.qm")));
}

void TestMainWindow::chinese_everyModuleTitleAndDescriptionTranslated()
{
    xd::LanguageManager languageManager;
    QVERIFY(languageManager.useLanguageForSession(english()));
    xd::MainWindow window(&languageManager);
    QStringList englishTexts;
    const QList<Module> modules = xd::MainWindow::modules();
    for (const Module module : modules) {
        auto* page = qobject_cast<xd::ModulePage*>(window.page(module));
        englishTexts << page->title() << page->description();
    }

    QVERIFY(languageManager.useLanguageForSession(chinese()));
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
    int index = 0;
    for (const Module module : modules) {
        auto* page = qobject_cast<xd::ModulePage*>(window.page(module));
        QVERIFY2(page->title() != englishTexts.at(index++), qPrintable(page->title()));
        QVERIFY2(page->description() != englishTexts.at(index++), qPrintable(page->description()));
    }
}

void TestMainWindow::statusBar_showsOffline()
{
    xd::LanguageManager languageManager;
    xd::MainWindow window(&languageManager);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* connectionLabel = window.statusBar()->findChild<QLabel*>(QStringLiteral("connectionStateLabel"));
    QVERIFY(connectionLabel);
    QVERIFY(connectionLabel->isVisible());
    QCOMPARE(connectionLabel->text(), QStringLiteral("离线"));
}

void TestMainWindow::aboutBox_opensAndCloses()
{
    xd::LanguageManager languageManager;
    xd::MainWindow window(&languageManager);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    bool shown = false;
    QString title;
    QString text;
    whenModalDialogShows([&](QWidget* dialog) {
        auto* messageBox = qobject_cast<QMessageBox*>(dialog);
        QVERIFY(messageBox);
        shown = true;
        title = messageBox->windowTitle();
        text = messageBox->text();
        messageBox->grab().save(QStringLiteral(XD_SCREENSHOT_DIR "/about_zh_CN.png"));
        messageBox->close();
    });
    window.findChild<QAction*>(QStringLiteral("aboutAction"))->trigger();

    QVERIFY(shown);
    QCOMPARE(title, QStringLiteral("关于小店"));
    QVERIFY2(text.contains(QStringLiteral("小店")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral(XD_VERSION)), qPrintable(text));
    QVERIFY2(text.contains(QString::fromLatin1(qVersion())), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("微信小程序")), qPrintable(text));
    QTRY_VERIFY(!QApplication::activeModalWidget());
}

void TestMainWindow::aboutQt_opensAndCloses()
{
    xd::LanguageManager languageManager;
    xd::MainWindow window(&languageManager);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    bool shown = false;
    whenModalDialogShows([&](QWidget* dialog) {
        shown = true;
        dialog->close();
    });
    window.findChild<QAction*>(QStringLiteral("aboutQtAction"))->trigger();
    QVERIFY(shown);
    QTRY_VERIFY(!QApplication::activeModalWidget());
}

void TestMainWindow::setPage_current_replacesAndDeletesOld()
{
    xd::LanguageManager languageManager;
    xd::MainWindow window(&languageManager);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* pages = window.findChild<QStackedWidget*>(QStringLiteral("pagesStackedWidget"));
    window.setCurrentModule(Module::Orders);
    QPointer<QWidget> placeholder = window.page(Module::Orders);
    QVERIFY(qobject_cast<xd::ModulePage*>(placeholder));

    auto* ordersPage = new QLabel(QStringLiteral("orders feature"));
    window.setPage(Module::Orders, ordersPage);

    QCOMPARE(window.page(Module::Orders), ordersPage);
    QCOMPARE(pages->count(), 10);
    QCOMPARE(pages->indexOf(ordersPage), static_cast<int>(Module::Orders));
    QCOMPARE(pages->currentWidget(), ordersPage);
    QCOMPARE(window.currentModule(), Module::Orders);
    QVERIFY(ordersPage->isVisible());
    QCOMPARE(ordersPage->parentWidget(), pages);
    QTRY_VERIFY(placeholder.isNull());

    // Navigation still reaches the new page and its neighbours.
    window.setCurrentModule(Module::Dashboard);
    QCOMPARE(pages->currentIndex(), 0);
    window.setCurrentModule(Module::Orders);
    QCOMPARE(pages->currentWidget(), ordersPage);
    window.setCurrentModule(Module::Products);
    QCOMPARE(qobject_cast<xd::ModulePage*>(pages->currentWidget())->title(), QStringLiteral("商品"));
}

void TestMainWindow::setPage_notCurrent_keepsCurrentPage()
{
    xd::LanguageManager languageManager;
    xd::MainWindow window(&languageManager);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* pages = window.findChild<QStackedWidget*>(QStringLiteral("pagesStackedWidget"));
    window.setCurrentModule(Module::Members);
    QWidget* membersPage = window.page(Module::Members);

    for (const Module module : {Module::Dashboard, Module::Finance, Module::ShopSettings}) {
        auto* page = new QLabel(xd::MainWindow::moduleId(module));
        window.setPage(module, page);
        QCOMPARE(window.page(module), page);
        QVERIFY(!page->isVisible());
        QCOMPARE(pages->currentWidget(), membersPage);
        QCOMPARE(pages->count(), 10);
    }
    window.setCurrentModule(Module::Finance);
    QCOMPARE(qobject_cast<QLabel*>(pages->currentWidget())->text(), QStringLiteral("finance"));
}

void TestMainWindow::windowState_savedOnClose_restored()
{
    {
        xd::LanguageManager languageManager;
        xd::MainWindow window(&languageManager);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.resize(1100, 700);
        window.setCurrentModule(Module::Finance);
        QTRY_COMPARE(window.size(), QSize(1100, 700));
        QVERIFY(window.close());
    }
    xd::LanguageManager languageManager;
    xd::MainWindow window(&languageManager);
    QCOMPARE(window.size(), QSize(1100, 700));
    QCOMPARE(window.currentModule(), Module::Finance);
}

void TestMainWindow::screenshot_1366x768()
{
    xd::LanguageManager languageManager;
    xd::MainWindow window(&languageManager);
    window.resize(1366, 768);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(window.size(), QSize(1366, 768));
    window.setCurrentModule(Module::Orders);

    const QString chinesePath = QStringLiteral(XD_SCREENSHOT_DIR "/mainwindow_zh_CN.png");
    QVERIFY(window.grab().save(chinesePath));
    qInfo("Screenshot: %s", qPrintable(chinesePath));

    QVERIFY(languageManager.useLanguageForSession(english()));
    QTRY_COMPARE(window.findChild<QListWidget*>(QStringLiteral("navigationListWidget"))->item(0)->text(),
                 QStringLiteral("Dashboard"));
    window.setCurrentModule(Module::CustomerService);
    // Relabelled widgets resize on a posted layout request; let it run before the picture is taken.
    QCoreApplication::processEvents();
    const QString englishPath = QStringLiteral(XD_SCREENSHOT_DIR "/mainwindow_en.png");
    QVERIFY(window.grab().save(englishPath));
    qInfo("Screenshot: %s", qPrintable(englishPath));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
