#include "GuiTestHelpers.h"
#include "LanguageManager.h"
#include "MainWindow.h"
#include "OpeningHoursEditor.h"
#include "PhotoStripWidget.h"
#include "ShopSettingsPage.h"
#include "StringListEditor.h"
#include "SyncStatusWidget.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QImage>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeEdit>
#include <QToolButton>

using xd::test::saveScreenshot;
using xd::test::whenModalDialogShows;

namespace {

QJsonObject sampleProfile()
{
    return QJsonObject{
        {QStringLiteral("name"), QStringLiteral("小店演示店")},
        {QStringLiteral("timeZone"), QStringLiteral("Asia/Shanghai")},
        {QStringLiteral("intro"), QStringLiteral("老字号面馆，现做手工面。\n欢迎光临！")},
        {QStringLiteral("serviceItems"), QJsonArray{QStringLiteral("免费 Wi-Fi"), QStringLiteral("可停车")}},
        {QStringLiteral("openingHours"),
         QJsonArray{QJsonObject{{QStringLiteral("days"), QJsonArray{1, 2, 3, 4, 5}},
                                {QStringLiteral("open"), QStringLiteral("09:00")},
                                {QStringLiteral("close"), QStringLiteral("21:00")}}}},
        {QStringLiteral("address"), QStringLiteral("上海市黄浦区人民大道 120 号")},
        {QStringLiteral("latitudeE6"), 31230416},
        {QStringLiteral("longitudeE6"), 121473701},
        {QStringLiteral("phones"), QJsonArray{QStringLiteral("021-63212345")}},
        {QStringLiteral("customerService"),
         QJsonObject{{QStringLiteral("enabled"), true},
                     {QStringLiteral("greeting"), QStringLiteral("您好，有什么可以帮您？")},
                     {QStringLiteral("autoReply"), QString()}}},
    };
}

QList<QJsonObject> samplePhotos()
{
    const auto photo = [](const char* id, int position) {
        return QJsonObject{{QStringLiteral("id"), QString::fromLatin1(id)},
                           {QStringLiteral("position"), position},
                           {QStringLiteral("contentType"), QStringLiteral("image/jpeg")},
                           {QStringLiteral("width"), 1280},
                           {QStringLiteral("height"), 960},
                           {QStringLiteral("bytes"), 245760}};
    };
    // Out of order on purpose: the strip sorts by position.
    return {photo("p3", 3), photo("p1", 1), photo("p2", 2)};
}

QPixmap samplePixmap(const QColor& color)
{
    QPixmap pixmap(320, 240);
    pixmap.fill(color);
    return pixmap;
}

QJsonObject slot(const QJsonArray& days, const char* open, const char* close)
{
    return QJsonObject{{QStringLiteral("days"), days},
                       {QStringLiteral("open"), QString::fromLatin1(open)},
                       {QStringLiteral("close"), QString::fromLatin1(close)}};
}

} // namespace

class TestShopSettingsPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void setProfile_showsEveryField();
    void nothingEdited_saveAndRevertDisabled();
    void editName_save_emitsOnlyName();
    void editBackToOriginal_noChanges();
    void editIntroMultiLine_emitsOnlyIntro();
    void revert_restoresProfile();
    void clearName_save_refusedWithMessage();
    void coordinatePaste_fillsBothExactly_data();
    void coordinatePaste_fillsBothExactly();
    void coordinatePaste_lngFirst_swappedAndSaid();
    void coordinatePaste_bad_rejectedVisibly_data();
    void coordinatePaste_bad_rejectedVisibly();
    void latitudeTyped_outOfRange_saveRefused();
    void latitudeTyped_notANumber_saveRefused();
    void coordinatesHalfCleared_saveRefused();
    void coordinatesBothCleared_emitsNulls();
    void longitudeEdited_emitsBothCoordinates();
    void openingHours_addSlot_emitsDefaultSlot();
    void openingHours_overnight_showsNextDayAndSaves();
    void openingHours_noDay_saveRefused();
    void openingHours_problemWith_data();
    void openingHours_problemWith();
    void phones_addValid_emitsPhones();
    void phones_invalid_rejectedWithHint();
    void phones_atMostFive();
    void serviceItems_addMoveRemove();
    void customerService_toggle_emitsWholeObject();
    void setProfile_whileEditing_keepsEditsTakesTheRest();
    void photos_shownInPositionOrder_withPixmaps();
    void photos_moveRight_emitsNewOrder();
    void photos_dragMove_emitsNewOrder();
    void photos_remove_confirmed_emitsId();
    void photos_remove_cancelled_emitsNothing();
    void photos_requestUpload_acceptsPngRejectsText();
    void photos_addButton_fileDialog_emitsUpload();
    void offlineNotice_toggles();
    void screenshot_1366x768();

private:
    QTemporaryDir m_dir;
};

void TestShopSettingsPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("XiaodianTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_shopsettingspage"));
}

void TestShopSettingsPage::setProfile_showsEveryField()
{
    xd::ShopSettingsPage page;
    page.setProfile(sampleProfile());
    QCOMPARE(page.findChild<QLineEdit*>(QStringLiteral("nameLineEdit"))->text(), QStringLiteral("小店演示店"));
    QCOMPARE(page.findChild<QPlainTextEdit*>(QStringLiteral("introPlainTextEdit"))->toPlainText(),
             QStringLiteral("老字号面馆，现做手工面。\n欢迎光临！"));
    QCOMPARE(page.findChild<xd::StringListEditor*>(QStringLiteral("serviceItemsEditor"))->items(),
             QStringList({QStringLiteral("免费 Wi-Fi"), QStringLiteral("可停车")}));
    QCOMPARE(page.findChild<QLineEdit*>(QStringLiteral("latitudeLineEdit"))->text(), QStringLiteral("31.230416"));
    QCOMPARE(page.findChild<QLineEdit*>(QStringLiteral("longitudeLineEdit"))->text(), QStringLiteral("121.473701"));
    QCOMPARE(page.findChild<xd::StringListEditor*>(QStringLiteral("phonesEditor"))->items(),
             QStringList({QStringLiteral("021-63212345")}));
    auto* hours = page.findChild<xd::OpeningHoursEditor*>(QStringLiteral("openingHoursEditor"));
    QCOMPARE(hours->slotCount(), 1);
    QCOMPARE(hours->openingHours(), sampleProfile().value(QStringLiteral("openingHours")).toArray());
    QVERIFY(page.findChild<QCheckBox*>(QStringLiteral("customerServiceCheckBox"))->isChecked());
    QCOMPARE(page.findChild<QLineEdit*>(QStringLiteral("greetingLineEdit"))->text(),
             QStringLiteral("您好，有什么可以帮您？"));
    QCOMPARE(page.profile(), sampleProfile());
}

void TestShopSettingsPage::nothingEdited_saveAndRevertDisabled()
{
    xd::ShopSettingsPage page;
    page.setProfile(sampleProfile());
    QVERIFY(!page.hasChanges());
    QVERIFY(page.changes().isEmpty());
    QVERIFY(!page.findChild<QPushButton*>(QStringLiteral("savePushButton"))->isEnabled());
    QVERIFY(!page.findChild<QPushButton*>(QStringLiteral("revertPushButton"))->isEnabled());
    QSignalSpy spy(&page, &xd::ShopSettingsPage::profileEdited);
    QVERIFY(!page.save());
    QCOMPARE(spy.count(), 0);
}

void TestShopSettingsPage::editName_save_emitsOnlyName()
{
    xd::ShopSettingsPage page;
    page.setProfile(sampleProfile());
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QSignalSpy spy(&page, &xd::ShopSettingsPage::profileEdited);
    auto* name = page.findChild<QLineEdit*>(QStringLiteral("nameLineEdit"));
    auto* save = page.findChild<QPushButton*>(QStringLiteral("savePushButton"));
    auto* revert = page.findChild<QPushButton*>(QStringLiteral("revertPushButton"));

    name->selectAll();
    xd::test::typeText(name, QStringLiteral("  新名字小店 "));
    QVERIFY(save->isEnabled());
    QVERIFY(revert->isEnabled());
    QTest::mouseClick(save, Qt::LeftButton);

    QCOMPARE(spy.count(), 1);
    const QJsonObject changes = spy.at(0).at(0).toJsonObject();
    QCOMPARE(changes, QJsonObject({{QStringLiteral("name"), QStringLiteral("新名字小店")}}));
    // Saved: nothing left to save, and the field shows what was sent.
    QVERIFY(!save->isEnabled());
    QVERIFY(!revert->isEnabled());
    QCOMPARE(name->text(), QStringLiteral("新名字小店"));
    QCOMPARE(page.profile().value(QStringLiteral("name")).toString(), QStringLiteral("新名字小店"));
    QCOMPARE(page.findChild<QLabel*>(QStringLiteral("messageLabel"))->text(), QStringLiteral("Changes saved."));
}

void TestShopSettingsPage::editBackToOriginal_noChanges()
{
    xd::ShopSettingsPage page;
    page.setProfile(sampleProfile());
    auto* name = page.findChild<QLineEdit*>(QStringLiteral("nameLineEdit"));
    auto* save = page.findChild<QPushButton*>(QStringLiteral("savePushButton"));
    xd::test::typeText(name, QStringLiteral("X"));
    QVERIFY(save->isEnabled());
    QTest::keyClick(name, Qt::Key_Backspace);
    QVERIFY(!save->isEnabled());
    QVERIFY(page.changes().isEmpty());
}

void TestShopSettingsPage::editIntroMultiLine_emitsOnlyIntro()
{
    xd::ShopSettingsPage page;
    page.setProfile(sampleProfile());
    auto* intro = page.findChild<QPlainTextEdit*>(QStringLiteral("introPlainTextEdit"));
    intro->moveCursor(QTextCursor::End);
    QTest::keyClick(intro, Qt::Key_Return);
    xd::test::typeText(intro, QStringLiteral("周一店休"));
    QSignalSpy spy(&page, &xd::ShopSettingsPage::profileEdited);
    QTest::mouseClick(page.findChild<QPushButton*>(QStringLiteral("savePushButton")), Qt::LeftButton);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(
        spy.at(0).at(0).toJsonObject(),
        QJsonObject({{QStringLiteral("intro"), QStringLiteral("老字号面馆，现做手工面。\n欢迎光临！\n周一店休")}}));
}

void TestShopSettingsPage::revert_restoresProfile()
{
    xd::ShopSettingsPage page;
    page.setProfile(sampleProfile());
    auto* name = page.findChild<QLineEdit*>(QStringLiteral("nameLineEdit"));
    auto* latitude = page.findChild<QLineEdit*>(QStringLiteral("latitudeLineEdit"));
    auto* service = page.findChild<QCheckBox*>(QStringLiteral("customerServiceCheckBox"));
    xd::test::typeText(name, QStringLiteral("abc"));
    latitude->clear();
    xd::test::typeText(latitude, QStringLiteral("12"));
    service->click();
    QCOMPARE(page.changes().keys(),
             QStringList({QStringLiteral("customerService"),
                          QStringLiteral("latitudeE6"),
                          QStringLiteral("longitudeE6"),
                          QStringLiteral("name")}));

    QTest::mouseClick(page.findChild<QPushButton*>(QStringLiteral("revertPushButton")), Qt::LeftButton);
    QCOMPARE(name->text(), QStringLiteral("小店演示店"));
    QCOMPARE(latitude->text(), QStringLiteral("31.230416"));
    QVERIFY(service->isChecked());
    QVERIFY(!page.hasChanges());
    QVERIFY(!page.findChild<QPushButton*>(QStringLiteral("savePushButton"))->isEnabled());
}

void TestShopSettingsPage::clearName_save_refusedWithMessage()
{
    xd::ShopSettingsPage page;
    page.setProfile(sampleProfile());
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QSignalSpy spy(&page, &xd::ShopSettingsPage::profileEdited);
    auto* name = page.findChild<QLineEdit*>(QStringLiteral("nameLineEdit"));
    name->selectAll();
    QTest::keyClick(name, Qt::Key_Delete);
    QVERIFY(!page.save());
    QCOMPARE(spy.count(), 0);
    auto* message = page.findChild<QLabel*>(QStringLiteral("messageLabel"));
    QCOMPARE(message->text(), QStringLiteral("Enter the shop name."));
    QVERIFY(message->isVisible());
    // Still something to save once it is fixed.
    QVERIFY(page.findChild<QPushButton*>(QStringLiteral("savePushButton"))->isEnabled());
}

void TestShopSettingsPage::coordinatePaste_fillsBothExactly_data()
{
    QTest::addColumn<QString>("paste");
    QTest::newRow("comma") << QStringLiteral("31.230416,121.473701");
    QTest::newRow("comma and space") << QStringLiteral("31.230416, 121.473701");
    QTest::newRow("full-width comma") << QStringLiteral("31.230416，121.473701");
    QTest::newRow("padded") << QStringLiteral("  31.230416 ,121.473701  ");
}

void TestShopSettingsPage::coordinatePaste_fillsBothExactly()
{
    QFETCH(QString, paste);
    xd::ShopSettingsPage page;
    QJsonObject profile = sampleProfile();
    profile.insert(QStringLiteral("latitudeE6"), QJsonValue::Null);
    profile.insert(QStringLiteral("longitudeE6"), QJsonValue::Null);
    page.setProfile(profile);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto* pasteEdit = page.findChild<QLineEdit*>(QStringLiteral("coordinatePasteLineEdit"));
    auto* latitude = page.findChild<QLineEdit*>(QStringLiteral("latitudeLineEdit"));
    auto* longitude = page.findChild<QLineEdit*>(QStringLiteral("longitudeLineEdit"));
    QVERIFY(latitude->text().isEmpty());

    xd::test::typeText(pasteEdit, paste);
    QTest::mouseClick(page.findChild<QPushButton*>(QStringLiteral("coordinatePastePushButton")), Qt::LeftButton);
    QCOMPARE(latitude->text(), QStringLiteral("31.230416"));
    QCOMPARE(longitude->text(), QStringLiteral("121.473701"));
    QVERIFY(pasteEdit->text().isEmpty());
    QCOMPARE(page.findChild<QLabel*>(QStringLiteral("coordinateMessageLabel"))->text(),
             QStringLiteral("Filled in latitude and longitude."));

    QSignalSpy spy(&page, &xd::ShopSettingsPage::profileEdited);
    QVERIFY(page.save());
    QCOMPARE(spy.count(), 1);
    const QJsonObject changes = spy.at(0).at(0).toJsonObject();
    QCOMPARE(changes.size(), 2);
    QCOMPARE(changes.value(QStringLiteral("latitudeE6")).toInteger(-1), qint64(31230416));
    QCOMPARE(changes.value(QStringLiteral("longitudeE6")).toInteger(-1), qint64(121473701));
}

void TestShopSettingsPage::coordinatePaste_lngFirst_swappedAndSaid()
{
    xd::ShopSettingsPage page;
    page.setProfile(sampleProfile());
    auto* pasteEdit = page.findChild<QLineEdit*>(QStringLiteral("coordinatePasteLineEdit"));
    xd::test::typeText(pasteEdit, QStringLiteral("116.397128,39.916527"));
    QTest::keyClick(pasteEdit, Qt::Key_Return);
    QCOMPARE(page.findChild<QLineEdit*>(QStringLiteral("latitudeLineEdit"))->text(), QStringLiteral("39.916527"));
    QCOMPARE(page.findChild<QLineEdit*>(QStringLiteral("longitudeLineEdit"))->text(), QStringLiteral("116.397128"));
    QVERIFY(page.findChild<QLabel*>(QStringLiteral("coordinateMessageLabel"))->text().contains(QStringLiteral("Amap")));
    const QJsonObject changes = page.changes();
    QCOMPARE(changes.value(QStringLiteral("latitudeE6")).toInteger(), qint64(39916527));
    QCOMPARE(changes.value(QStringLiteral("longitudeE6")).toInteger(), qint64(116397128));
}

void TestShopSettingsPage::coordinatePaste_bad_rejectedVisibly_data()
{
    QTest::addColumn<QString>("paste");
    QTest::addColumn<QString>("message");
    QTest::newRow("words") << QStringLiteral("人民广场") << QStringLiteral("Cannot read \"人民广场\"");
    QTest::newRow("one number") << QStringLiteral("31.230416") << QStringLiteral("Cannot read");
    QTest::newRow("three numbers") << QStringLiteral("31.2,121.4,5") << QStringLiteral("Cannot read");
    QTest::newRow("latitude too big") << QStringLiteral("95.1,121.4")
                                      << QStringLiteral("The latitude must be between -90 and 90 degrees.");
    QTest::newRow("longitude too big") << QStringLiteral("31.2,190.5")
                                       << QStringLiteral("The longitude must be between -180 and 180 degrees.");
}

void TestShopSettingsPage::coordinatePaste_bad_rejectedVisibly()
{
    QFETCH(QString, paste);
    QFETCH(QString, message);
    xd::ShopSettingsPage page;
    page.setProfile(sampleProfile());
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto* pasteEdit = page.findChild<QLineEdit*>(QStringLiteral("coordinatePasteLineEdit"));
    xd::test::typeText(pasteEdit, paste);
    QTest::mouseClick(page.findChild<QPushButton*>(QStringLiteral("coordinatePastePushButton")), Qt::LeftButton);

    auto* messageLabel = page.findChild<QLabel*>(QStringLiteral("coordinateMessageLabel"));
    QVERIFY2(messageLabel->text().contains(message), qPrintable(messageLabel->text()));
    QVERIFY(messageLabel->isVisible());
    // Nothing was filled in; the paste stays for the merchant to fix.
    QCOMPARE(page.findChild<QLineEdit*>(QStringLiteral("latitudeLineEdit"))->text(), QStringLiteral("31.230416"));
    QCOMPARE(page.findChild<QLineEdit*>(QStringLiteral("longitudeLineEdit"))->text(), QStringLiteral("121.473701"));
    QCOMPARE(pasteEdit->text(), paste);
    QVERIFY(!page.hasChanges());
}

void TestShopSettingsPage::latitudeTyped_outOfRange_saveRefused()
{
    xd::ShopSettingsPage page;
    page.setProfile(sampleProfile());
    auto* latitude = page.findChild<QLineEdit*>(QStringLiteral("latitudeLineEdit"));
    latitude->clear();
    xd::test::typeText(latitude, QStringLiteral("90.000001"));
    QSignalSpy spy(&page, &xd::ShopSettingsPage::profileEdited);
    QVERIFY(!page.save());
    QCOMPARE(spy.count(), 0);
    QCOMPARE(page.findChild<QLabel*>(QStringLiteral("messageLabel"))->text(),
             QStringLiteral("The latitude must be between -90 and 90 degrees."));

    latitude->clear();
    xd::test::typeText(latitude, QStringLiteral("-90"));
    QVERIFY(page.save());
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toJsonObject().value(QStringLiteral("latitudeE6")).toInteger(), qint64(-90000000));
    QCOMPARE(latitude->text(), QStringLiteral("-90.000000"));
}

void TestShopSettingsPage::latitudeTyped_notANumber_saveRefused()
{
    xd::ShopSettingsPage page;
    page.setProfile(sampleProfile());
    auto* latitude = page.findChild<QLineEdit*>(QStringLiteral("latitudeLineEdit"));
    latitude->clear();
    xd::test::typeText(latitude, QStringLiteral("31°13'"));
    QVERIFY(page.hasChanges());
    QSignalSpy spy(&page, &xd::ShopSettingsPage::profileEdited);
    QVERIFY(!page.save());
    QCOMPARE(spy.count(), 0);
    QVERIFY(page.findChild<QLabel*>(QStringLiteral("messageLabel"))->text().contains(QStringLiteral("31°13'")));
}

void TestShopSettingsPage::coordinatesHalfCleared_saveRefused()
{
    xd::ShopSettingsPage page;
    page.setProfile(sampleProfile());
    page.findChild<QLineEdit*>(QStringLiteral("longitudeLineEdit"))->clear();
    QSignalSpy spy(&page, &xd::ShopSettingsPage::profileEdited);
    QVERIFY(!page.save());
    QCOMPARE(spy.count(), 0);
    QCOMPARE(page.findChild<QLabel*>(QStringLiteral("messageLabel"))->text(),
             QStringLiteral("Enter both latitude and longitude, or clear both."));
}

void TestShopSettingsPage::coordinatesBothCleared_emitsNulls()
{
    xd::ShopSettingsPage page;
    page.setProfile(sampleProfile());
    page.findChild<QLineEdit*>(QStringLiteral("latitudeLineEdit"))->clear();
    page.findChild<QLineEdit*>(QStringLiteral("longitudeLineEdit"))->clear();
    QSignalSpy spy(&page, &xd::ShopSettingsPage::profileEdited);
    QVERIFY(page.save());
    QCOMPARE(spy.at(0).at(0).toJsonObject(),
             QJsonObject({{QStringLiteral("latitudeE6"), QJsonValue::Null},
                          {QStringLiteral("longitudeE6"), QJsonValue::Null}}));
}

void TestShopSettingsPage::longitudeEdited_emitsBothCoordinates()
{
    xd::ShopSettingsPage page;
    page.setProfile(sampleProfile());
    auto* longitude = page.findChild<QLineEdit*>(QStringLiteral("longitudeLineEdit"));
    longitude->clear();
    xd::test::typeText(longitude, QStringLiteral("121.5"));
    const QJsonObject changes = page.changes();
    QCOMPARE(changes.keys(), QStringList({QStringLiteral("latitudeE6"), QStringLiteral("longitudeE6")}));
    QCOMPARE(changes.value(QStringLiteral("latitudeE6")).toInteger(), qint64(31230416));
    QCOMPARE(changes.value(QStringLiteral("longitudeE6")).toInteger(), qint64(121500000));
}

void TestShopSettingsPage::openingHours_addSlot_emitsDefaultSlot()
{
    xd::ShopSettingsPage page;
    QJsonObject profile = sampleProfile();
    profile.insert(QStringLiteral("openingHours"), QJsonArray());
    page.setProfile(profile);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto* editor = page.findChild<xd::OpeningHoursEditor*>(QStringLiteral("openingHoursEditor"));
    QVERIFY(editor->findChild<QLabel*>(QStringLiteral("emptyLabel"))->isVisible());
    QTest::mouseClick(editor->findChild<QPushButton*>(QStringLiteral("addSlotPushButton")), Qt::LeftButton);
    QCOMPARE(editor->slotCount(), 1);
    QVERIFY(!editor->findChild<QLabel*>(QStringLiteral("emptyLabel"))->isVisible());
    // A second slot takes the days not covered yet.
    QTest::mouseClick(editor->findChild<QPushButton*>(QStringLiteral("addSlotPushButton")), Qt::LeftButton);
    QCOMPARE(editor->slotCount(), 2);
    // Weekend hours from 10:00.
    const QList<QTimeEdit*> opens = editor->findChildren<QTimeEdit*>(QStringLiteral("openTimeEdit"));
    QCOMPARE(opens.size(), 2);
    opens.at(1)->setTime(QTime(10, 0));

    QSignalSpy spy(&page, &xd::ShopSettingsPage::profileEdited);
    QVERIFY(page.save());
    QCOMPARE(spy.at(0).at(0).toJsonObject(),
             QJsonObject({{QStringLiteral("openingHours"),
                           QJsonArray{slot(QJsonArray{1, 2, 3, 4, 5}, "09:00", "18:00"),
                                      slot(QJsonArray{6, 7}, "10:00", "18:00")}}}));
}

void TestShopSettingsPage::openingHours_overnight_showsNextDayAndSaves()
{
    xd::ShopSettingsPage page;
    page.setProfile(sampleProfile());
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto* editor = page.findChild<xd::OpeningHoursEditor*>(QStringLiteral("openingHoursEditor"));
    auto* nextDay = editor->findChild<QLabel*>(QStringLiteral("nextDayLabel"));
    QVERIFY(!nextDay->isVisible());
    auto* open = editor->findChild<QTimeEdit*>(QStringLiteral("openTimeEdit"));
    auto* close = editor->findChild<QTimeEdit*>(QStringLiteral("closeTimeEdit"));
    open->setTime(QTime(18, 0));
    close->setTime(QTime(2, 0));
    QVERIFY(nextDay->isVisible());
    QCOMPARE(nextDay->text(), QStringLiteral("(next day)"));

    QSignalSpy spy(&page, &xd::ShopSettingsPage::profileEdited);
    QVERIFY(page.save());
    QCOMPARE(
        spy.at(0).at(0).toJsonObject(),
        QJsonObject({{QStringLiteral("openingHours"), QJsonArray{slot(QJsonArray{1, 2, 3, 4, 5}, "18:00", "02:00")}}}));
}

void TestShopSettingsPage::openingHours_noDay_saveRefused()
{
    xd::ShopSettingsPage page;
    page.setProfile(sampleProfile());
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto* editor = page.findChild<xd::OpeningHoursEditor*>(QStringLiteral("openingHoursEditor"));
    for (int day = 1; day <= 5; ++day) {
        auto* button = editor->findChild<QToolButton*>(QStringLiteral("dayToolButton_%1").arg(day));
        QVERIFY(button->isChecked());
        QTest::mouseClick(button, Qt::LeftButton);
        QVERIFY(!button->isChecked());
    }
    QSignalSpy spy(&page, &xd::ShopSettingsPage::profileEdited);
    QVERIFY(!page.save());
    QCOMPARE(spy.count(), 0);
    QCOMPARE(page.findChild<QLabel*>(QStringLiteral("messageLabel"))->text(),
             QStringLiteral("Opening hours: Time slot 1: choose at least one day."));

    // Removing the empty slot is fine: no opening hours at all.
    QTest::mouseClick(editor->findChild<QToolButton*>(QStringLiteral("removeSlotToolButton")), Qt::LeftButton);
    QCOMPARE(editor->slotCount(), 0);
    QVERIFY(page.save());
    QCOMPARE(spy.at(0).at(0).toJsonObject(), QJsonObject({{QStringLiteral("openingHours"), QJsonArray()}}));
}

void TestShopSettingsPage::openingHours_problemWith_data()
{
    QTest::addColumn<QJsonArray>("hours");
    QTest::addColumn<QString>("problem");
    QTest::newRow("none") << QJsonArray() << QString();
    QTest::newRow("weekdays and weekend")
        << QJsonArray{slot({1, 2, 3, 4, 5}, "09:00", "18:00"), slot({6, 7}, "10:00", "22:00")} << QString();
    QTest::newRow("lunch and dinner") << QJsonArray{slot({1, 2}, "11:00", "14:00"), slot({1, 2}, "17:00", "21:00")}
                                      << QString();
    QTest::newRow("back to back") << QJsonArray{slot({1}, "09:00", "12:00"), slot({1}, "12:00", "18:00")} << QString();
    QTest::newRow("overnight, next day starts later")
        << QJsonArray{slot({5}, "18:00", "02:00"), slot({6}, "10:00", "22:00")} << QString();
    QTest::newRow("same times") << QJsonArray{slot({1}, "09:00", "09:00")}
                                << QStringLiteral("Time slot 1: the closing time must differ from the opening time.");
    QTest::newRow("no days") << QJsonArray{slot({}, "09:00", "18:00")}
                             << QStringLiteral("Time slot 1: choose at least one day.");
    QTest::newRow("bad day") << QJsonArray{slot({8}, "09:00", "18:00")}
                             << QStringLiteral("Time slot 1: the days are not valid.");
    QTest::newRow("bad time") << QJsonArray{slot({1}, "9am", "18:00")}
                              << QStringLiteral("Time slot 1: enter the opening and closing time.");
    QTest::newRow("overlap same day") << QJsonArray{slot({1, 2}, "09:00", "14:00"), slot({2, 3}, "13:00", "18:00")}
                                      << QStringLiteral("Time slots 1 and 2 overlap (Tue).");
    QTest::newRow("overnight into next day's slot")
        << QJsonArray{slot({5}, "18:00", "02:00"), slot({6}, "01:00", "05:00")}
        << QStringLiteral("Time slots 1 and 2 overlap (Fri).");
    QTest::newRow("sunday night into monday morning")
        << QJsonArray{slot({7}, "22:00", "03:00"), slot({1}, "02:00", "10:00")}
        << QStringLiteral("Time slots 1 and 2 overlap (Sun).");
    QJsonArray fifteen;
    for (int i = 0; i < 15; ++i) {
        fifteen.append(slot({1}, "09:00", "10:00"));
    }
    QTest::newRow("too many") << fifteen << QStringLiteral("At most 14 time slots.");
}

void TestShopSettingsPage::openingHours_problemWith()
{
    QFETCH(QJsonArray, hours);
    QFETCH(QString, problem);
    QCOMPARE(xd::OpeningHoursEditor::problemWith(hours), problem);
}

void TestShopSettingsPage::phones_addValid_emitsPhones()
{
    xd::ShopSettingsPage page;
    page.setProfile(sampleProfile());
    auto* phones = page.findChild<xd::StringListEditor*>(QStringLiteral("phonesEditor"));
    auto* input = phones->findChild<QLineEdit*>(QStringLiteral("inputLineEdit"));
    xd::test::typeText(input, QStringLiteral("138 0013 8000"));
    QTest::keyClick(input, Qt::Key_Return);
    QVERIFY(input->text().isEmpty());
    QSignalSpy spy(&page, &xd::ShopSettingsPage::profileEdited);
    QVERIFY(page.save());
    QCOMPARE(spy.at(0).at(0).toJsonObject(),
             QJsonObject({{QStringLiteral("phones"),
                           QJsonArray{QStringLiteral("021-63212345"), QStringLiteral("138 0013 8000")}}}));
}

void TestShopSettingsPage::phones_invalid_rejectedWithHint()
{
    xd::ShopSettingsPage page;
    page.setProfile(sampleProfile());
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto* phones = page.findChild<xd::StringListEditor*>(QStringLiteral("phonesEditor"));
    auto* input = phones->findChild<QLineEdit*>(QStringLiteral("inputLineEdit"));
    xd::test::typeText(input, QStringLiteral("call me"));
    QTest::mouseClick(phones->findChild<QToolButton*>(QStringLiteral("addToolButton")), Qt::LeftButton);
    auto* problem = phones->findChild<QLabel*>(QStringLiteral("problemLabel"));
    QVERIFY(problem->isVisible());
    QVERIFY(problem->text().contains(QStringLiteral("digits")));
    QCOMPARE(phones->items().size(), 1);
    QVERIFY(!page.hasChanges());

    // A duplicate is refused too.
    input->clear();
    xd::test::typeText(input, QStringLiteral("021-63212345"));
    QTest::keyClick(input, Qt::Key_Return);
    QVERIFY(problem->text().contains(QStringLiteral("already")));
    QCOMPARE(phones->items().size(), 1);
}

void TestShopSettingsPage::phones_atMostFive()
{
    xd::ShopSettingsPage page;
    page.setProfile(sampleProfile());
    auto* phones = page.findChild<xd::StringListEditor*>(QStringLiteral("phonesEditor"));
    auto* input = phones->findChild<QLineEdit*>(QStringLiteral("inputLineEdit"));
    for (int i = 1; i <= 4; ++i) {
        xd::test::typeText(input, QStringLiteral("1380013800%1").arg(i));
        QTest::keyClick(input, Qt::Key_Return);
    }
    QCOMPARE(phones->items().size(), 5);
    QVERIFY(!input->isEnabled());
    QVERIFY(!phones->findChild<QToolButton*>(QStringLiteral("addToolButton"))->isEnabled());
    QCOMPARE(page.changes().value(QStringLiteral("phones")).toArray().size(), 5);
}

void TestShopSettingsPage::serviceItems_addMoveRemove()
{
    xd::ShopSettingsPage page;
    page.setProfile(sampleProfile());
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto* items = page.findChild<xd::StringListEditor*>(QStringLiteral("serviceItemsEditor"));
    auto* input = items->findChild<QLineEdit*>(QStringLiteral("inputLineEdit"));
    auto* list = items->findChild<QListWidget*>(QStringLiteral("itemsListWidget"));
    xd::test::typeText(input, QStringLiteral("外卖配送"));
    QTest::keyClick(input, Qt::Key_Return);
    QCOMPARE(items->items().last(), QStringLiteral("外卖配送"));
    // The new entry is selected: move it to the top.
    QCOMPARE(list->currentRow(), 2);
    QTest::mouseClick(items->findChild<QToolButton*>(QStringLiteral("upToolButton")), Qt::LeftButton);
    QTest::mouseClick(items->findChild<QToolButton*>(QStringLiteral("upToolButton")), Qt::LeftButton);
    QCOMPARE(items->items(),
             QStringList({QStringLiteral("外卖配送"), QStringLiteral("免费 Wi-Fi"), QStringLiteral("可停车")}));
    QVERIFY(!items->findChild<QToolButton*>(QStringLiteral("upToolButton"))->isEnabled());
    // Remove the last one.
    list->setCurrentRow(2);
    QTest::mouseClick(items->findChild<QToolButton*>(QStringLiteral("removeToolButton")), Qt::LeftButton);

    QSignalSpy spy(&page, &xd::ShopSettingsPage::profileEdited);
    QTest::mouseClick(page.findChild<QPushButton*>(QStringLiteral("savePushButton")), Qt::LeftButton);
    QCOMPARE(spy.at(0).at(0).toJsonObject(),
             QJsonObject({{QStringLiteral("serviceItems"),
                           QJsonArray{QStringLiteral("外卖配送"), QStringLiteral("免费 Wi-Fi")}}}));
}

void TestShopSettingsPage::customerService_toggle_emitsWholeObject()
{
    xd::ShopSettingsPage page;
    page.setProfile(sampleProfile());
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto* enabled = page.findChild<QCheckBox*>(QStringLiteral("customerServiceCheckBox"));
    auto* greeting = page.findChild<QLineEdit*>(QStringLiteral("greetingLineEdit"));
    QVERIFY(greeting->isEnabled());
    QTest::mouseClick(enabled, Qt::LeftButton, {}, QPoint(4, enabled->height() / 2));
    QVERIFY(!enabled->isChecked());
    QVERIFY(!greeting->isEnabled());
    QSignalSpy spy(&page, &xd::ShopSettingsPage::profileEdited);
    QVERIFY(page.save());
    QCOMPARE(spy.at(0).at(0).toJsonObject(),
             QJsonObject({{QStringLiteral("customerService"),
                           QJsonObject{{QStringLiteral("enabled"), false},
                                       {QStringLiteral("greeting"), QStringLiteral("您好，有什么可以帮您？")},
                                       {QStringLiteral("autoReply"), QString()}}}}));
}

void TestShopSettingsPage::setProfile_whileEditing_keepsEditsTakesTheRest()
{
    xd::ShopSettingsPage page;
    page.setProfile(sampleProfile());
    auto* name = page.findChild<QLineEdit*>(QStringLiteral("nameLineEdit"));
    name->setText(QStringLiteral("我改的名字"));

    // A pull brings someone else's change to the intro and to the name.
    QJsonObject newer = sampleProfile();
    newer.insert(QStringLiteral("intro"), QStringLiteral("新简介"));
    newer.insert(QStringLiteral("name"), QStringLiteral("别人改的名字"));
    page.setProfile(newer);

    QCOMPARE(name->text(), QStringLiteral("我改的名字"));
    QCOMPARE(page.findChild<QPlainTextEdit*>(QStringLiteral("introPlainTextEdit"))->toPlainText(),
             QStringLiteral("新简介"));
    QCOMPARE(page.changes(), QJsonObject({{QStringLiteral("name"), QStringLiteral("我改的名字")}}));

    // Revert goes back to the newest profile.
    page.revert();
    QCOMPARE(name->text(), QStringLiteral("别人改的名字"));
    QVERIFY(!page.hasChanges());
}

void TestShopSettingsPage::photos_shownInPositionOrder_withPixmaps()
{
    xd::ShopSettingsPage page;
    page.setPhotos(samplePhotos());
    auto* strip = page.findChild<xd::PhotoStripWidget*>(QStringLiteral("photoStripWidget"));
    QCOMPARE(strip->photoIds(), QStringList({QStringLiteral("p1"), QStringLiteral("p2"), QStringLiteral("p3")}));
    auto* list = strip->findChild<QListWidget*>(QStringLiteral("photosListWidget"));
    QCOMPARE(list->count(), 3);
    const QImage placeholder = list->item(0)->icon().pixmap(128, 96).toImage();
    page.setPhotoPixmap(QStringLiteral("p1"), samplePixmap(Qt::red));
    const QImage shown = list->item(0)->icon().pixmap(128, 96).toImage();
    QVERIFY(shown != placeholder);
    QCOMPARE(shown.pixelColor(64, 48), QColor(Qt::red));
    QVERIFY(list->item(0)->toolTip().contains(QStringLiteral("1280 × 960")));
    QCOMPARE(strip->findChild<QLabel*>(QStringLiteral("countLabel"))->text(), QStringLiteral("3 of 20 photos"));

    // A refresh keeps the pixmaps it already has.
    page.setPhotos(samplePhotos());
    QCOMPARE(list->item(0)->icon().pixmap(128, 96).toImage().pixelColor(64, 48), QColor(Qt::red));
}

void TestShopSettingsPage::photos_moveRight_emitsNewOrder()
{
    xd::ShopSettingsPage page;
    page.setPhotos(samplePhotos());
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto* strip = page.findChild<xd::PhotoStripWidget*>(QStringLiteral("photoStripWidget"));
    auto* left = strip->findChild<QPushButton*>(QStringLiteral("moveLeftPushButton"));
    auto* right = strip->findChild<QPushButton*>(QStringLiteral("moveRightPushButton"));
    QVERIFY(!left->isEnabled());
    QVERIFY(!right->isEnabled());
    strip->selectPhoto(QStringLiteral("p1"));
    QVERIFY(!left->isEnabled());
    QVERIFY(right->isEnabled());

    QSignalSpy spy(&page, &xd::ShopSettingsPage::photosReordered);
    QTest::mouseClick(right, Qt::LeftButton);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toStringList(),
             QStringList({QStringLiteral("p2"), QStringLiteral("p1"), QStringLiteral("p3")}));
    QCOMPARE(strip->selectedPhotoId(), QStringLiteral("p1"));
    QTest::mouseClick(right, Qt::LeftButton);
    QCOMPARE(spy.at(1).at(0).toStringList(),
             QStringList({QStringLiteral("p2"), QStringLiteral("p3"), QStringLiteral("p1")}));
    QVERIFY(!right->isEnabled());
    QTest::mouseClick(left, Qt::LeftButton);
    QCOMPARE(spy.count(), 3);
    QCOMPARE(spy.at(2).at(0).toStringList(),
             QStringList({QStringLiteral("p2"), QStringLiteral("p1"), QStringLiteral("p3")}));
}

void TestShopSettingsPage::photos_dragMove_emitsNewOrder()
{
    xd::ShopSettingsPage page;
    page.setPhotos(samplePhotos());
    auto* list = page.findChild<QListWidget*>(QStringLiteral("photosListWidget"));
    QCOMPARE(list->dragDropMode(), QAbstractItemView::InternalMove);
    QSignalSpy spy(&page, &xd::ShopSettingsPage::photosReordered);
    // A drop inside the list moves the row in its model, as this does.
    QVERIFY(list->model()->moveRow(QModelIndex(), 2, QModelIndex(), 0));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toStringList(),
             QStringList({QStringLiteral("p3"), QStringLiteral("p1"), QStringLiteral("p2")}));
    // setPhotos() itself never asks for a reorder.
    page.setPhotos(samplePhotos());
    QCOMPARE(spy.count(), 1);
}

void TestShopSettingsPage::photos_remove_confirmed_emitsId()
{
    xd::ShopSettingsPage page;
    page.setPhotos(samplePhotos());
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto* strip = page.findChild<xd::PhotoStripWidget*>(QStringLiteral("photoStripWidget"));
    strip->selectPhoto(QStringLiteral("p2"));
    QSignalSpy spy(&page, &xd::ShopSettingsPage::photoRemoveRequested);
    bool asked = false;
    whenModalDialogShows([&](QWidget* dialog) {
        auto* box = qobject_cast<QMessageBox*>(dialog);
        QVERIFY(box);
        asked = true;
        for (QAbstractButton* button : box->buttons()) {
            if (box->buttonRole(button) == QMessageBox::DestructiveRole) {
                button->click();
            }
        }
    });
    QTest::mouseClick(strip->findChild<QPushButton*>(QStringLiteral("removePhotoPushButton")), Qt::LeftButton);
    QVERIFY(asked);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("p2"));
}

void TestShopSettingsPage::photos_remove_cancelled_emitsNothing()
{
    xd::ShopSettingsPage page;
    page.setPhotos(samplePhotos());
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto* strip = page.findChild<xd::PhotoStripWidget*>(QStringLiteral("photoStripWidget"));
    strip->selectPhoto(QStringLiteral("p2"));
    QSignalSpy spy(&page, &xd::ShopSettingsPage::photoRemoveRequested);
    whenModalDialogShows([](QWidget* dialog) { qobject_cast<QMessageBox*>(dialog)->reject(); });
    QTest::mouseClick(strip->findChild<QPushButton*>(QStringLiteral("removePhotoPushButton")), Qt::LeftButton);
    QCOMPARE(spy.count(), 0);
}

void TestShopSettingsPage::photos_requestUpload_acceptsPngRejectsText()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString png = dir.filePath(QStringLiteral("门头.png"));
    QImage image(64, 48, QImage::Format_RGB32);
    image.fill(Qt::darkGreen);
    QVERIFY(image.save(png));
    const QString fake = dir.filePath(QStringLiteral("fake.jpg"));
    QFile fakeFile(fake);
    QVERIFY(fakeFile.open(QIODevice::WriteOnly));
    fakeFile.write("not an image at all");
    fakeFile.close();

    xd::ShopSettingsPage page;
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto* strip = page.findChild<xd::PhotoStripWidget*>(QStringLiteral("photoStripWidget"));
    QSignalSpy spy(&page, &xd::ShopSettingsPage::photoUploadRequested);
    auto* problem = strip->findChild<QLabel*>(QStringLiteral("problemLabel"));

    QVERIFY(!strip->requestUpload(fake));
    QCOMPARE(spy.count(), 0);
    QVERIFY(problem->isVisible());
    QCOMPARE(problem->text(), QStringLiteral("\"fake.jpg\" is not a JPEG or PNG image."));

    QVERIFY(!strip->requestUpload(dir.filePath(QStringLiteral("missing.png"))));
    QCOMPARE(spy.count(), 0);

    QVERIFY(strip->requestUpload(png));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), QFileInfo(png).absoluteFilePath());
    QVERIFY(!problem->isVisible());

    // A full shop takes no more.
    QList<QJsonObject> twenty;
    for (int i = 1; i <= xd::PhotoStripWidget::MaximumPhotos; ++i) {
        twenty.append(
            QJsonObject{{QStringLiteral("id"), QStringLiteral("p%1").arg(i)}, {QStringLiteral("position"), i}});
    }
    page.setPhotos(twenty);
    QVERIFY(!strip->findChild<QPushButton*>(QStringLiteral("addPhotoPushButton"))->isEnabled());
    QVERIFY(!strip->requestUpload(png));
    QCOMPARE(spy.count(), 1);
    QVERIFY(problem->text().contains(QStringLiteral("at most 20 photos")));
}

void TestShopSettingsPage::photos_addButton_fileDialog_emitsUpload()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString jpeg = dir.filePath(QStringLiteral("inside.jpg"));
    QImage image(64, 48, QImage::Format_RGB32);
    image.fill(Qt::darkBlue);
    QVERIFY(image.save(jpeg, "JPEG"));

    xd::ShopSettingsPage page;
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto* strip = page.findChild<xd::PhotoStripWidget*>(QStringLiteral("photoStripWidget"));
    QSignalSpy spy(&page, &xd::ShopSettingsPage::photoUploadRequested);
    QString filters;
    whenModalDialogShows([&](QWidget* dialog) {
        auto* fileDialog = qobject_cast<QFileDialog*>(dialog);
        if (!fileDialog) {
            dialog->close();
            return;
        }
        filters = fileDialog->nameFilters().join(QLatin1Char(';'));
        // Typed into the file name field, as a user would; the dialog's file list loads in the background.
        auto* fileNameEdit = fileDialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"));
        if (fileNameEdit) {
            fileNameEdit->setText(jpeg);
        }
        static_cast<QDialog*>(fileDialog)->accept(); // QFileDialog::accept() is protected
    });
    QTest::mouseClick(strip->findChild<QPushButton*>(QStringLiteral("addPhotoPushButton")), Qt::LeftButton);
    QVERIFY2(filters.contains(QStringLiteral("*.png")) && filters.contains(QStringLiteral("*.jpg")),
             qPrintable(filters));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), QFileInfo(jpeg).absoluteFilePath());
}

void TestShopSettingsPage::offlineNotice_toggles()
{
    xd::ShopSettingsPage page;
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto* notice = page.findChild<QWidget*>(QStringLiteral("offlineNoticeFrame"));
    QVERIFY(!notice->isVisible());
    page.setOfflineNotice(true);
    QVERIFY(notice->isVisible());
    QVERIFY(page.findChild<QLabel*>(QStringLiteral("offlineNoticeLabel"))->text().contains(QStringLiteral("sync")));
    page.setOfflineNotice(false);
    QVERIFY(!notice->isVisible());
}

void TestShopSettingsPage::screenshot_1366x768()
{
    xd::LanguageManager languageManager;
    QVERIFY(languageManager.useLanguageForSession(QStringLiteral("zh_CN")));
    xd::MainWindow window(&languageManager);
    auto* page = new xd::ShopSettingsPage;
    window.setPage(xd::MainWindow::Module::ShopSettings, page);
    window.setCurrentModule(xd::MainWindow::Module::ShopSettings);
    // The sync widget stands in for the window's own placeholder indicator, as it will once wired.
    window.findChild<QLabel*>(QStringLiteral("connectionIndicatorLabel"))->hide();
    window.findChild<QLabel*>(QStringLiteral("connectionStateLabel"))->hide();
    auto* status = new xd::SyncStatusWidget;
    status->setState(xd::SyncStatusWidget::State::Offline);
    status->setPendingCount(2);
    window.statusBar()->addPermanentWidget(status);

    QJsonObject profile = sampleProfile();
    profile.insert(QStringLiteral("openingHours"),
                   QJsonArray{slot({1, 2, 3, 4, 5}, "09:00", "21:00"), slot({6, 7}, "10:00", "02:00")});
    page->setProfile(profile);
    page->setPhotos(samplePhotos());
    page->setPhotoPixmap(QStringLiteral("p1"), samplePixmap(QColor(0xe8, 0x9f, 0x5c)));
    page->setPhotoPixmap(QStringLiteral("p2"), samplePixmap(QColor(0x6c, 0x9b, 0xd2)));
    page->setOfflineNotice(true);
    page->findChild<QLineEdit*>(QStringLiteral("nameLineEdit"))->setText(QStringLiteral("小店演示店（人民广场店）"));

    window.resize(1366, 768);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(window.size(), QSize(1366, 768));
    QCoreApplication::processEvents();
    QVERIFY(saveScreenshot(&window, QStringLiteral("shopsettings_zh_CN")));
    auto* scroll = page->findChild<QScrollArea*>(QStringLiteral("contentScrollArea"));
    scroll->ensureWidgetVisible(page->findChild<QWidget*>(QStringLiteral("customerServiceGroupBox")));
    QCoreApplication::processEvents();
    QVERIFY(saveScreenshot(&window, QStringLiteral("shopsettings_zh_CN_scrolled")));

    QVERIFY(languageManager.useLanguageForSession(QStringLiteral("en")));
    QTRY_COMPARE(page->findChild<QLabel*>(QStringLiteral("titleLabel"))->text(), QStringLiteral("Shop settings"));
    // Relabelled widgets resize through posted layout requests, nested (label, status widget, status bar).
    for (int round = 0; round < 3; ++round) {
        QCoreApplication::processEvents();
    }
    QCOMPARE(page->findChild<QLabel*>(QStringLiteral("messageLabel"))->text(), QStringLiteral("Unsaved changes."));
    scroll->ensureWidgetVisible(page->findChild<QWidget*>(QStringLiteral("nameLineEdit")));
    QVERIFY(saveScreenshot(&window, QStringLiteral("shopsettings_en")));
}

QTEST_MAIN(TestShopSettingsPage)
#include "tst_shopsettingspage.moc"
