// The Ordering tab of shop settings and the WeChat credentials dialog, in the whole desktop against a real syncserver
// process: the owner changes the delivery fee and adds a checkout question, and the server's order settings have
// them after sync; bad input is refused next to its field and queues nothing; a clerk sees the settings read-only;
// the credentials dialog reaches the server's PUT, and no secret ever comes back.
#include "DesktopFixture.h"
#include "GuiTestHelpers.h"
#include "MainWindow.h"
#include "OrderSettingsPage.h"
#include "SessionController.h"
#include "SyncStatusWidget.h"
#include "WechatCredentialsDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>

using namespace xd;

namespace {

const QString kClerkLogin = QStringLiteral("xiaoli");
const QString kClerkPassword = QStringLiteral("clerk-pass-2026");

template <typename T> T* child(QObject* parent, const char* name)
{
    return parent->findChild<T*>(QString::fromLatin1(name));
}

bool screenshot(QWidget* widget, const QString& name)
{
    return test::saveScreenshot(widget, name);
}

} // namespace

class tst_OrderSettingsPage : public QObject, private test::DesktopServerFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void owner_editsFeeAndQuestion_serverHasThemAfterSync();
    void clerk_seesTheSettingsReadOnly();
    void credentials_reachTheServer_secretsNeverComeBack();
    void owner_editsOffline_serverHasItAfterReconnect();

private:
    // Signs `login` in through the sign-in dialog; true once the status bar says online.
    bool signIn(test::WiredDesktop& desktop, const QString& login, const QString& password);
    QJsonObject serverSettings();

    QString m_ownerToken;
};

void tst_OrderSettingsPage::initTestCase()
{
    QString error;
    QVERIFY2(startServer(&error), qPrintable(error));
    m_ownerToken = m_server->login(m_server->demoShopName(), QStringLiteral("owner"), m_server->demoPassword());
    QVERIFY(!m_ownerToken.isEmpty());
    const auto clerk = m_server->requestJson("POST",
                                             QStringLiteral("/admin/v1/staff"),
                                             QJsonObject{{QStringLiteral("login"), kClerkLogin},
                                                         {QStringLiteral("displayName"), QStringLiteral("小李")},
                                                         {QStringLiteral("role"), QStringLiteral("clerk")},
                                                         {QStringLiteral("password"), kClerkPassword}},
                                             m_ownerToken);
    QVERIFY2(clerk.status == 201, clerk.body.constData());
}

bool tst_OrderSettingsPage::signIn(test::WiredDesktop& desktop, const QString& login, const QString& password)
{
    desktop.controller.setSignInPrefill(QUrl(m_server->baseUrl()), m_server->demoShopName(), login, password);
    desktop.controller.showSignIn();
    auto* stateLabel = desktop.window.findChild<QLabel*>(QStringLiteral("stateLabel"));
    const QString onlineText = SyncStatusWidget::stateText(SyncStatusWidget::State::Online);
    if (!QTest::qWaitFor([&] { return stateLabel && stateLabel->text() == onlineText; }, 20000)) {
        qWarning("not online: %s", qPrintable(desktop.warnings.join(QLatin1Char('\n'))));
        return false;
    }
    desktop.window.setCurrentModule(MainWindow::Module::ShopSettings);
    auto* tabs = desktop.window.findChild<QTabWidget*>(QStringLiteral("shopSettingsTabWidget"));
    tabs->setCurrentWidget(desktop.controller.orderSettingsPage());
    return true;
}

QJsonObject tst_OrderSettingsPage::serverSettings()
{
    const auto answer = m_server->request(
        "GET", QStringLiteral("/admin/v1/shops/%1/order-settings").arg(m_server->demoShopId()), {}, m_ownerToken);
    return answer.status == 200 ? answer.json : QJsonObject();
}

void tst_OrderSettingsPage::owner_editsFeeAndQuestion_serverHasThemAfterSync()
{
    test::WiredDesktop desktop(m_dir.filePath(QStringLiteral("owner-cache")));
    QVERIFY(desktop.languages.useLanguageForSession(QStringLiteral("zh_CN")));
    QVERIFY(desktop.show());
    QVERIFY(signIn(desktop, QStringLiteral("owner"), m_server->demoPassword()));
    OrderSettingsPage* page = desktop.controller.orderSettingsPage();
    QVERIFY(page && page->isEnabled());
    CacheStore* store = desktop.session.store();
    QVERIFY(store);
    auto* save = child<QPushButton>(page, "saveSettingsPushButton");
    auto* fee = child<QLineEdit>(page, "deliveryFeeLineEdit");
    auto* threshold = child<QLineEdit>(page, "thresholdLineEdit");
    auto* feeError = child<QLabel>(page, "deliveryFeeErrorLabel");
    auto* pickup = child<QCheckBox>(page, "pickupCheckBox");
    auto* pickupError = child<QLabel>(page, "pickupAddressErrorLabel");
    auto* delivery = child<QCheckBox>(page, "deliveryCheckBox");
    auto* modesError = child<QLabel>(page, "modesErrorLabel");
    auto* message = child<QLabel>(page, "settingsMessageLabel");
    auto* table = child<QTableWidget>(page, "fieldsTableWidget");
    auto* fieldsError = child<QLabel>(page, "fieldsErrorLabel");
    QVERIFY(save && fee && threshold && feeError && pickup && pickupError && delivery && modesError && message &&
            table && fieldsError);
    QVERIFY(save->isVisible());
    QVERIFY(!child<QLabel>(page, "readOnlyLabel")->isVisible());
    QCOMPARE(fee->text(), QStringLiteral("0.00")); // the defaults: the shop never saved settings
    QCOMPARE(serverSettings().value(QStringLiteral("version")).toInteger(), qint64(0));

    // Bad input: checked while typing, shown next to the field, and nothing queued on save.
    fee->setText(QStringLiteral("5.555"));
    QVERIFY(feeError->isVisible());
    QVERIFY(feeError->text().contains(QStringLiteral("5.555")));
    QVERIFY(!page->save());
    QCOMPARE(store->pendingCount(), 0);
    QVERIFY(!message->text().isEmpty());
    fee->setText(QStringLiteral("1e3")); // no exponent, no floating point
    QVERIFY(feeError->isVisible());
    fee->setText(QStringLiteral("10001")); // above the rules' 10,000 yuan
    QVERIFY(feeError->isVisible());
    QVERIFY(!page->save());
    pickup->setChecked(true); // self-pickup without its address
    QVERIFY(pickupError->isVisible());
    pickup->setChecked(false);
    QVERIFY(!pickupError->isVisible());
    delivery->setChecked(false); // no way left to hand orders over
    QVERIFY(modesError->isVisible());
    QVERIFY(!page->save());
    delivery->setChecked(true);
    QVERIFY(!modesError->isVisible());
    // A choice question with one option only.
    QTest::mouseClick(child<QPushButton>(page, "addFieldPushButton"), Qt::LeftButton);
    QCOMPARE(table->rowCount(), 1);
    table->item(0, 0)->setText(QStringLiteral("配送时间段"));
    auto* type = qobject_cast<QComboBox*>(table->cellWidget(0, 1));
    QVERIFY(type);
    type->setCurrentIndex(type->findData(QStringLiteral("single_choice")));
    table->item(0, 3)->setText(QStringLiteral("上午"));
    QVERIFY(fieldsError->isVisible());
    fee->setText(QStringLiteral("6.5"));
    QVERIFY(!feeError->isVisible());
    QVERIFY(!page->save());
    QCOMPARE(store->pendingCount(), 0);

    // Good input: queued and sent; the server has it.
    table->item(0, 3)->setText(QStringLiteral("上午、下午，晚上"));
    QVERIFY2(!fieldsError->isVisible(), qPrintable(fieldsError->text()));
    table->item(0, 2)->setCheckState(Qt::Checked);
    threshold->setText(QStringLiteral("49"));
    child<QSpinBox>(page, "closeUnpaidSpinBox")->setValue(15);
    QVERIFY(page->fieldProblems().isEmpty());
    QVERIFY(save->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);
    QVERIFY2(!message->text().isEmpty() && page->fieldProblems().isEmpty(), qPrintable(message->text()));
    QVERIFY(!page->hasChanges());
    QCOMPARE(fee->text(), QStringLiteral("6.50"));
    QVERIFY(QTest::qWaitFor([&] { return serverSettings().value(QStringLiteral("deliveryFeeFen")).toInteger() == 650; },
                            10000));
    const QJsonObject stored = serverSettings();
    QCOMPARE(stored.value(QStringLiteral("freeDeliveryThresholdFen")).toInteger(), qint64(4900));
    QCOMPARE(stored.value(QStringLiteral("closeUnpaidMinutes")).toInt(), 15);
    const QJsonArray fields = stored.value(QStringLiteral("customFields")).toArray();
    QCOMPARE(fields.size(), 1);
    const QJsonObject field = fields.first().toObject();
    QCOMPARE(field.value(QStringLiteral("label")).toString(), QStringLiteral("配送时间段"));
    QCOMPARE(field.value(QStringLiteral("type")).toString(), QStringLiteral("single_choice"));
    QCOMPARE(field.value(QStringLiteral("required")).toBool(), true);
    QCOMPARE(field.value(QStringLiteral("options")).toArray(),
             (QJsonArray{QStringLiteral("上午"), QStringLiteral("下午"), QStringLiteral("晚上")}));
    // The round trip settles: nothing pending, the page shows the server's values, no unsaved changes.
    QVERIFY(QTest::qWaitFor([&] { return store->pendingCount() == 0 && !page->hasChanges(); }, 5000));
    QCOMPARE(table->rowCount(), 1);

    // A second question, moved to the top: the order is the server's too.
    QTest::mouseClick(child<QPushButton>(page, "addFieldPushButton"), Qt::LeftButton);
    table->item(1, 0)->setText(QStringLiteral("发票抬头"));
    table->selectRow(1);
    QTest::mouseClick(child<QPushButton>(page, "moveFieldUpPushButton"), Qt::LeftButton);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("发票抬头"));
    QVERIFY(page->save());
    QVERIFY(QTest::qWaitFor(
        [&] { return serverSettings().value(QStringLiteral("customFields")).toArray().size() == 2; }, 10000));
    QCOMPARE(serverSettings()
                 .value(QStringLiteral("customFields"))
                 .toArray()
                 .first()
                 .toObject()
                 .value(QStringLiteral("label"))
                 .toString(),
             QStringLiteral("发票抬头"));

    // What a merchant sees, at 1366 x 768 in Chinese, with a problem shown next to its field.
    child<QLineEdit>(page, "merchantPhoneLineEdit")->setText(QStringLiteral("021-6321"));
    QCoreApplication::processEvents();
    QVERIFY(screenshot(&desktop.window, QStringLiteral("ordersettings_zh_CN")));
    auto* scroll = child<QScrollArea>(page, "orderSettingsScrollArea");
    scroll->ensureWidgetVisible(child<QWidget>(page, "smsGroupBox"));
    QCoreApplication::processEvents();
    QVERIFY(screenshot(&desktop.window, QStringLiteral("ordersettings_zh_CN_scrolled")));
    QVERIFY(child<QLabel>(page, "merchantPhoneErrorLabel")->isVisible());
    QVERIFY(!page->save());
    QVERIFY2(desktop.warnings.isEmpty(), qPrintable(desktop.warnings.join(QLatin1Char('\n'))));
}

void tst_OrderSettingsPage::clerk_seesTheSettingsReadOnly()
{
    test::WiredDesktop desktop(m_dir.filePath(QStringLiteral("clerk-cache")));
    QVERIFY(desktop.show());
    QVERIFY(signIn(desktop, kClerkLogin, kClerkPassword));
    OrderSettingsPage* page = desktop.controller.orderSettingsPage();
    // The owner's settings arrived by sync.
    auto* fee = child<QLineEdit>(page, "deliveryFeeLineEdit");
    QVERIFY(QTest::qWaitFor([&] { return fee->text() == QStringLiteral("6.50"); }, 10000));
    QCOMPARE(child<QTableWidget>(page, "fieldsTableWidget")->rowCount(), 2);
    QVERIFY(!fee->isEnabled());
    QVERIFY(!child<QCheckBox>(page, "deliveryCheckBox")->isEnabled());
    QVERIFY(!child<QSpinBox>(page, "closeUnpaidSpinBox")->isEnabled());
    QVERIFY(!child<QPushButton>(page, "saveSettingsPushButton")->isVisible());
    QVERIFY(!child<QPushButton>(page, "addFieldPushButton")->isVisible());
    QVERIFY(!child<QPushButton>(page, "wechatPushButton")->isVisible());
    QVERIFY(child<QLabel>(page, "readOnlyLabel")->isVisible());
    auto* type = qobject_cast<QComboBox*>(child<QTableWidget>(page, "fieldsTableWidget")->cellWidget(0, 1));
    QVERIFY(type && !type->isEnabled());
    // Even a programmatic save queues nothing.
    fee->setText(QStringLiteral("1.00"));
    QVERIFY(!page->save());
    QCOMPARE(desktop.session.store()->pendingCount(), 0);
}

void tst_OrderSettingsPage::credentials_reachTheServer_secretsNeverComeBack()
{
    // Keys made as a merchant makes them (WeChat Pay's tool uses OpenSSL too): RSA 2048, PEM.
    const QString privatePath = m_dir.filePath(QStringLiteral("apiclient_key.pem"));
    const QString publicPath = m_dir.filePath(QStringLiteral("pub_key.pem"));
    const QString notPemPath = m_dir.filePath(QStringLiteral("notes.txt"));
    QCOMPARE(QProcess::execute(QStringLiteral("openssl"),
                               {QStringLiteral("genpkey"),
                                QStringLiteral("-quiet"),
                                QStringLiteral("-algorithm"),
                                QStringLiteral("RSA"),
                                QStringLiteral("-pkeyopt"),
                                QStringLiteral("rsa_keygen_bits:2048"),
                                QStringLiteral("-out"),
                                privatePath}),
             0);
    QCOMPARE(QProcess::execute(QStringLiteral("openssl"),
                               {QStringLiteral("pkey"),
                                QStringLiteral("-in"),
                                privatePath,
                                QStringLiteral("-pubout"),
                                QStringLiteral("-out"),
                                publicPath}),
             0);
    {
        QFile notPem(notPemPath);
        QVERIFY(notPem.open(QIODevice::WriteOnly));
        notPem.write("just some notes\n");
    }

    test::WiredDesktop desktop(m_dir.filePath(QStringLiteral("owner-cache")));
    QVERIFY(desktop.show());
    QVERIFY(signIn(desktop, QStringLiteral("owner"), m_server->demoPassword()));
    OrderSettingsPage* page = desktop.controller.orderSettingsPage();
    QTest::mouseClick(child<QPushButton>(page, "wechatPushButton"), Qt::LeftButton);
    auto* dialog = desktop.window.findChild<WechatCredentialsDialog*>(QStringLiteral("wechatCredentialsDialog"));
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitFor([&] { return !dialog->configured().isEmpty(); }, 10000));
    QCOMPARE(dialog->configured().value(QStringLiteral("appSecretSet")).toBool(), false);
    auto* appId = child<QLineEdit>(dialog, "appIdLineEdit");
    auto* appSecret = child<QLineEdit>(dialog, "appSecretLineEdit");
    auto* message = child<QLabel>(dialog, "credentialsMessageLabel");
    QCOMPARE(appSecret->echoMode(), QLineEdit::Password);
    QString nextFile;
    dialog->setFileChooser([&nextFile](const QString&) { return nextFile; });

    // The server refuses a bad secret: its reason is shown, nothing is stored.
    appId->setText(QStringLiteral("wx0123456789abcdef"));
    appSecret->setText(QStringLiteral("too-short"));
    QTest::mouseClick(child<QPushButton>(dialog, "saveCredentialsPushButton"), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return !dialog->isBusy(); }, 10000));
    QVERIFY2(message->text().contains(QStringLiteral("appSecret")), qPrintable(message->text()));
    const QString wechatPath = QStringLiteral("/admin/v1/shops/%1/wechat").arg(m_server->demoShopId());
    QCOMPARE(m_server->request("GET", wechatPath, {}, m_ownerToken).json.value(QStringLiteral("appId")).toString(),
             QString());
    // A file that is not PEM is refused before anything is sent.
    nextFile = notPemPath;
    QTest::mouseClick(child<QPushButton>(dialog, "mchPrivateKeyPushButton"), Qt::LeftButton);
    QVERIFY(message->text().contains(QStringLiteral("PEM")));
    QVERIFY(!dialog->changes().contains(QStringLiteral("mchPrivateKeyPem")));

    // Good credentials, PEMs from files.
    const QString secret = QStringLiteral("0123456789abcdef0123456789ABCDEF");
    const QString apiV3Key = QStringLiteral("v3key-0123456789-abcdefghijklmno");
    appSecret->setText(secret);
    child<QLineEdit>(dialog, "mchIdLineEdit")->setText(QStringLiteral("1900000109"));
    child<QLineEdit>(dialog, "mchSerialNoLineEdit")
        ->setText(QStringLiteral("5157F09EFDC096DE15EBE81A47057A7232F1B8E1"));
    child<QLineEdit>(dialog, "apiV3KeyLineEdit")->setText(apiV3Key);
    child<QLineEdit>(dialog, "platformSerialNoLineEdit")->setText(QStringLiteral("PUB_KEY_ID_0114232134912410000"));
    nextFile = privatePath;
    QTest::mouseClick(child<QPushButton>(dialog, "mchPrivateKeyPushButton"), Qt::LeftButton);
    nextFile = publicPath;
    QTest::mouseClick(child<QPushButton>(dialog, "platformPublicKeyPushButton"), Qt::LeftButton);
    QCOMPARE(dialog->changes().size(), 8);
    QTest::mouseClick(child<QPushButton>(dialog, "saveCredentialsPushButton"), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return !dialog->isBusy(); }, 10000));
    QVERIFY2(message->text() == WechatCredentialsDialog::tr("Saved."), qPrintable(message->text()));
    QVERIFY(appSecret->text().isEmpty()); // never kept on screen after saving
    QVERIFY(dialog->changes().isEmpty());
    QCOMPARE(child<QLabel>(dialog, "appSecretStateLabel")->text(), WechatCredentialsDialog::tr("set"));
    QVERIFY(screenshot(dialog, QStringLiteral("wechat_credentials")));

    const auto stored = m_server->request("GET", wechatPath, {}, m_ownerToken);
    QCOMPARE(stored.status, 200);
    QCOMPARE(stored.json.value(QStringLiteral("appId")).toString(), QStringLiteral("wx0123456789abcdef"));
    QCOMPARE(stored.json.value(QStringLiteral("mchId")).toString(), QStringLiteral("1900000109"));
    QCOMPARE(stored.json.value(QStringLiteral("loginConfigured")).toBool(), true);
    QCOMPARE(stored.json.value(QStringLiteral("payConfigured")).toBool(), true);
    QVERIFY(!stored.body.contains(secret.toUtf8()));
    QVERIFY(!stored.body.contains(apiV3Key.toUtf8()));
    QVERIFY(!stored.body.contains("BEGIN"));
    // And nothing of it went into this computer's outbox.
    QCOMPARE(desktop.session.store()->pendingCount(), 0);
    QVERIFY(desktop.session.store()->acknowledgedOperations()->isEmpty());

    // Changing one id only sends that id; the secrets stay set.
    child<QLineEdit>(dialog, "mchIdLineEdit")->setText(QStringLiteral("1900000110"));
    QCOMPARE(dialog->changes(), (QJsonObject{{QStringLiteral("mchId"), QStringLiteral("1900000110")}}));
    dialog->save();
    QVERIFY(QTest::qWaitFor([&] { return !dialog->isBusy(); }, 10000));
    const auto again = m_server->request("GET", wechatPath, {}, m_ownerToken);
    QCOMPARE(again.json.value(QStringLiteral("mchId")).toString(), QStringLiteral("1900000110"));
    QCOMPARE(again.json.value(QStringLiteral("appSecretSet")).toBool(), true);
    QCOMPARE(again.json.value(QStringLiteral("payConfigured")).toBool(), true);

    // Removing the APIv3 key turns WeChat Pay off and leaves the rest as it is.
    auto* removeKey = child<QPushButton>(dialog, "apiV3KeyRemovePushButton");
    QVERIFY(removeKey && removeKey->isEnabled());
    QTest::mouseClick(removeKey, Qt::LeftButton);
    QCOMPARE(dialog->changes(), (QJsonObject{{QStringLiteral("apiV3Key"), QString()}}));
    QTest::mouseClick(child<QPushButton>(dialog, "saveCredentialsPushButton"), Qt::LeftButton);
    QVERIFY(QTest::qWaitFor([&] { return !dialog->isBusy(); }, 10000));
    const auto removed = m_server->request("GET", wechatPath, {}, m_ownerToken);
    QCOMPARE(removed.json.value(QStringLiteral("apiV3KeySet")).toBool(), false);
    QCOMPARE(removed.json.value(QStringLiteral("payConfigured")).toBool(), false);
    QCOMPARE(removed.json.value(QStringLiteral("loginConfigured")).toBool(), true);
    QCOMPARE(removed.json.value(QStringLiteral("mchPrivateKeySet")).toBool(), true);
    QVERIFY(!removeKey->isEnabled()); // nothing left to remove
    dialog->close();
}

void tst_OrderSettingsPage::owner_editsOffline_serverHasItAfterReconnect()
{
    test::WiredDesktop desktop(m_dir.filePath(QStringLiteral("owner-cache")));
    QVERIFY(desktop.show());
    QVERIFY(signIn(desktop, QStringLiteral("owner"), m_server->demoPassword()));
    OrderSettingsPage* page = desktop.controller.orderSettingsPage();
    auto* stateLabel = desktop.window.findChild<QLabel*>(QStringLiteral("stateLabel"));
    const QString onlineText = SyncStatusWidget::stateText(SyncStatusWidget::State::Online);

    const quint16 port = m_server->port();
    m_server->kill();
    QVERIFY(QTest::qWaitFor([&] { return stateLabel->text() != onlineText; }, 10000));
    auto* afterSales = child<QSpinBox>(page, "afterSalesSpinBox");
    auto* cod = child<QCheckBox>(page, "codCheckBox");
    afterSales->setValue(0);
    cod->setChecked(true);
    QVERIFY(page->save());
    QCOMPARE(desktop.session.store()->pendingCount(), 1);
    // The page shows the queued values, not the old ones.
    QCOMPARE(afterSales->value(), 0);
    QVERIFY(cod->isChecked());
    QVERIFY(!page->hasChanges());

    QVERIFY2(m_server->start({}, port, ServerProcess::Demo::None), qPrintable(m_server->errorText()));
    m_ownerToken = m_server->login(m_server->demoShopName(), QStringLiteral("owner"), m_server->demoPassword());
    QVERIFY(QTest::qWaitFor([&] { return desktop.session.store()->pendingCount() == 0; }, 20000));
    const QJsonObject stored = serverSettings();
    QCOMPARE(stored.value(QStringLiteral("afterSalesDays")).toInt(-1), 0);
    QCOMPARE(stored.value(QStringLiteral("codEnabled")).toBool(), true);
    QCOMPARE(stored.value(QStringLiteral("deliveryFeeFen")).toInteger(), qint64(650)); // untouched fields kept
    QVERIFY(QTest::qWaitFor([&] { return !page->hasChanges() && afterSales->value() == 0; }, 5000));
}

QTEST_MAIN(tst_OrderSettingsPage)
#include "tst_ordersettingspage.moc"
