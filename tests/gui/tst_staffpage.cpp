#include "GuiTestHelpers.h"
#include "LanguageManager.h"
#include "MainWindow.h"
#include "StaffAddDialog.h"
#include "StaffPage.h"
#include "StaffPasswordDialog.h"
#include "StaffTableModel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using xd::test::saveScreenshot;
using xd::test::whenModalDialogShows;

namespace {

const QString OwnerId = QStringLiteral("01938c1e-0000-7000-8000-000000000001");
const QString ClerkId = QStringLiteral("01938c1e-0000-7000-8000-000000000002");
const QString SecondOwnerId = QStringLiteral("01938c1e-0000-7000-8000-000000000003");
const QString DisabledId = QStringLiteral("01938c1e-0000-7000-8000-000000000004");

QJsonObject staff(const QString& id, const char* login, const QString& name, const char* role, bool disabled = false)
{
    return QJsonObject{{QStringLiteral("id"), id},
                       {QStringLiteral("login"), QString::fromLatin1(login)},
                       {QStringLiteral("displayName"), name},
                       {QStringLiteral("role"), QString::fromLatin1(role)},
                       {QStringLiteral("disabled"), disabled}};
}

QList<QJsonObject> sampleStaff()
{
    return {staff(ClerkId, "li", QStringLiteral("小李"), "clerk"),
            staff(DisabledId, "zhao", QStringLiteral("老赵"), "clerk", true),
            staff(OwnerId, "owner", QStringLiteral("王老板"), "owner")};
}

// Clicks the confirming button of the QMessageBox that comes up (the one that is not Cancel).
void confirmNextMessageBox(bool* asked, QString* text = nullptr)
{
    whenModalDialogShows([asked, text](QWidget* dialog) {
        auto* box = qobject_cast<QMessageBox*>(dialog);
        QVERIFY(box);
        *asked = true;
        if (text) {
            *text = box->text();
        }
        for (QAbstractButton* button : box->buttons()) {
            if (box->buttonRole(button) == QMessageBox::AcceptRole) {
                button->click();
                return;
            }
        }
    });
}

} // namespace

class TestStaffPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void model_passesModelTester();
    void model_showsColumnsAndRoles();
    void model_indexFromId_rowFromIndex();
    void clerk_seesReadOnlyList();
    void owner_seesActions();
    void owner_selectsSelf_cannotDisableOrDemote();
    void owner_disablesClerk_afterConfirmation();
    void owner_disableCancelled_emitsNothing();
    void owner_enablesDisabled_withoutQuestion();
    void owner_makesClerkOwner_andOwnerClerk();
    void owner_resetsPassword();
    void resetPassword_tooShortOrMismatch_refused();
    void owner_addsStaff_argumentsWithoutId();
    void addStaff_validation_data();
    void addStaff_validation();
    void setStaff_keepsSelectionById();
    void screenshot_1366x768();

private:
    QTemporaryDir m_dir;
};

void TestStaffPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("XiaodianTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_staffpage"));
}

void TestStaffPage::model_passesModelTester()
{
    xd::StaffTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStaff(sampleStaff());
    model.setCurrentStaffId(OwnerId);
    model.setCurrentStaffId(ClerkId);
    model.setStaff({});
    model.setStaff(sampleStaff());
    model.retranslate();
    model.setCurrentStaffId(QString());
    QCOMPARE(model.rowCount(), 3);
}

void TestStaffPage::model_showsColumnsAndRoles()
{
    xd::StaffTableModel model;
    model.setStaff(sampleStaff());
    model.setCurrentStaffId(OwnerId);
    QCOMPARE(model.columnCount(), int(xd::StaffTableModel::ColumnCount));
    QCOMPARE(model.headerData(xd::StaffTableModel::Login, Qt::Horizontal).toString(), QStringLiteral("Login"));
    // Owners first, then by login.
    QCOMPARE(model.index(0, xd::StaffTableModel::Login).data().toString(), QStringLiteral("owner"));
    QCOMPARE(model.index(1, xd::StaffTableModel::Login).data().toString(), QStringLiteral("li"));
    QCOMPARE(model.index(2, xd::StaffTableModel::Login).data().toString(), QStringLiteral("zhao"));
    QCOMPARE(model.index(0, xd::StaffTableModel::DisplayName).data().toString(), QStringLiteral("王老板 (you)"));
    QCOMPARE(model.index(1, xd::StaffTableModel::DisplayName).data().toString(), QStringLiteral("小李"));
    QCOMPARE(model.index(0, xd::StaffTableModel::Role).data().toString(), QStringLiteral("Owner"));
    QCOMPARE(model.index(1, xd::StaffTableModel::Role).data().toString(), QStringLiteral("Clerk"));
    QCOMPARE(model.index(1, xd::StaffTableModel::Status).data().toString(), QStringLiteral("Active"));
    QCOMPARE(model.index(2, xd::StaffTableModel::Status).data().toString(), QStringLiteral("Disabled"));
    QVERIFY(model.index(2, 0).data(Qt::ForegroundRole).isValid());
    QVERIFY(model.index(0, 0).data(Qt::FontRole).value<QFont>().bold());

    const QModelIndex clerk = model.index(1, xd::StaffTableModel::Status);
    QCOMPARE(clerk.data(xd::StaffTableModel::IdRole).toString(), ClerkId);
    QCOMPARE(clerk.data(xd::StaffTableModel::LoginRole).toString(), QStringLiteral("li"));
    QCOMPARE(clerk.data(xd::StaffTableModel::DisplayNameRole).toString(), QStringLiteral("小李"));
    QCOMPARE(clerk.data(xd::StaffTableModel::RoleNameRole).toString(), QStringLiteral("clerk"));
    QCOMPARE(clerk.data(xd::StaffTableModel::DisabledRole).toBool(), false);
    QCOMPARE(clerk.data(xd::StaffTableModel::IsCurrentStaffRole).toBool(), false);
    QCOMPARE(model.index(0, 0).data(xd::StaffTableModel::IsCurrentStaffRole).toBool(), true);
    QCOMPARE(model.enabledOwnerCount(), 1);
    QCOMPARE(model.logins(), QStringList({QStringLiteral("owner"), QStringLiteral("li"), QStringLiteral("zhao")}));
}

void TestStaffPage::model_indexFromId_rowFromIndex()
{
    xd::StaffTableModel model;
    model.setStaff(sampleStaff());
    const QModelIndex index = model.indexFromId(DisabledId, xd::StaffTableModel::Role);
    QVERIFY(index.isValid());
    QCOMPARE(index.column(), int(xd::StaffTableModel::Role));
    QCOMPARE(model.rowFromIndex(index), 2);
    QVERIFY(!model.indexFromId(QStringLiteral("nobody")).isValid());
    QVERIFY(!model.indexFromId(QString()).isValid());
    QCOMPARE(model.rowFromIndex(QModelIndex()), -1);
    xd::StaffTableModel other;
    other.setStaff(sampleStaff());
    QCOMPARE(model.rowFromIndex(other.index(0, 0)), -1);
    QCOMPARE(model.staffAt(model.rowFromIndex(index)).value(QStringLiteral("login")).toString(),
             QStringLiteral("zhao"));
}

void TestStaffPage::clerk_seesReadOnlyList()
{
    xd::StaffPage page;
    page.setStaff(sampleStaff());
    page.setCurrentStaff(ClerkId, xd::Role::Clerk);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QVERIFY(!page.findChild<QWidget*>(QStringLiteral("actionsWidget"))->isVisible());
    QVERIFY(!page.findChild<QPushButton*>(QStringLiteral("addPushButton"))->isVisible());
    QVERIFY(page.findChild<QWidget*>(QStringLiteral("readOnlyNoticeFrame"))->isVisible());
    QCOMPARE(page.findChild<QLabel*>(QStringLiteral("readOnlyNoticeLabel"))->text(),
             QStringLiteral("Only the shop owner manages staff accounts. You can see the list."));
    auto* table = page.findChild<QTableView*>(QStringLiteral("staffTableView"));
    QVERIFY(table->isVisible());
    QCOMPARE(table->model()->rowCount(), 3);

    // Even when called directly, nothing is asked for.
    QSignalSpy addSpy(&page, &xd::StaffPage::staffAddRequested);
    QSignalSpy updateSpy(&page, &xd::StaffPage::staffUpdateRequested);
    page.selectStaff(DisabledId);
    page.addStaff();
    page.toggleSelectedDisabled();
    page.changeSelectedRole();
    page.resetSelectedPassword();
    QCOMPARE(addSpy.count(), 0);
    QCOMPARE(updateSpy.count(), 0);
}

void TestStaffPage::owner_seesActions()
{
    xd::StaffPage page;
    page.setStaff(sampleStaff());
    page.setCurrentStaff(OwnerId, xd::Role::Owner);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QVERIFY(page.findChild<QWidget*>(QStringLiteral("actionsWidget"))->isVisible());
    QVERIFY(!page.findChild<QWidget*>(QStringLiteral("readOnlyNoticeFrame"))->isVisible());
    QVERIFY(page.findChild<QPushButton*>(QStringLiteral("addPushButton"))->isEnabled());
    // Nothing selected: only Add.
    QVERIFY(!page.findChild<QPushButton*>(QStringLiteral("disablePushButton"))->isEnabled());
    QVERIFY(!page.findChild<QPushButton*>(QStringLiteral("resetPasswordPushButton"))->isEnabled());
    QVERIFY(!page.findChild<QPushButton*>(QStringLiteral("changeRolePushButton"))->isEnabled());
}

void TestStaffPage::owner_selectsSelf_cannotDisableOrDemote()
{
    xd::StaffPage page;
    page.setStaff(sampleStaff());
    page.setCurrentStaff(OwnerId, xd::Role::Owner);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto* table = page.findChild<QTableView*>(QStringLiteral("staffTableView"));
    const QModelIndex self = page.model()->indexFromId(OwnerId, xd::StaffTableModel::Login);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(self).center());
    QCOMPARE(page.selectedStaffId(), OwnerId);

    auto* disable = page.findChild<QPushButton*>(QStringLiteral("disablePushButton"));
    auto* role = page.findChild<QPushButton*>(QStringLiteral("changeRolePushButton"));
    QVERIFY(!disable->isEnabled());
    QVERIFY(!role->isEnabled());
    QCOMPARE(disable->toolTip(), QStringLiteral("You cannot disable your own account."));
    QCOMPARE(role->toolTip(), QStringLiteral("You cannot take away your own owner role."));
    QCOMPARE(page.findChild<QLabel*>(QStringLiteral("actionHintLabel"))->text(),
             QStringLiteral("You cannot disable your own account."));
    // Changing one's own password is fine.
    QVERIFY(page.findChild<QPushButton*>(QStringLiteral("resetPasswordPushButton"))->isEnabled());

    QSignalSpy spy(&page, &xd::StaffPage::staffUpdateRequested);
    page.toggleSelectedDisabled();
    page.changeSelectedRole();
    QCOMPARE(spy.count(), 0);
}

void TestStaffPage::owner_disablesClerk_afterConfirmation()
{
    xd::StaffPage page;
    page.setStaff(sampleStaff());
    page.setCurrentStaff(OwnerId, xd::Role::Owner);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.selectStaff(ClerkId);
    auto* disable = page.findChild<QPushButton*>(QStringLiteral("disablePushButton"));
    QVERIFY(disable->isEnabled());
    QCOMPARE(disable->text(), QStringLiteral("&Disable"));

    QSignalSpy spy(&page, &xd::StaffPage::staffUpdateRequested);
    bool asked = false;
    QString question;
    confirmNextMessageBox(&asked, &question);
    QTest::mouseClick(disable, Qt::LeftButton);
    QVERIFY(asked);
    QVERIFY2(question.contains(QStringLiteral("小李")), qPrintable(question));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), ClerkId);
    QCOMPARE(spy.at(0).at(1).toJsonObject(), QJsonObject({{QStringLiteral("disabled"), true}}));
}

void TestStaffPage::owner_disableCancelled_emitsNothing()
{
    xd::StaffPage page;
    page.setStaff(sampleStaff());
    page.setCurrentStaff(OwnerId, xd::Role::Owner);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.selectStaff(ClerkId);
    QSignalSpy spy(&page, &xd::StaffPage::staffUpdateRequested);
    whenModalDialogShows([](QWidget* dialog) { qobject_cast<QMessageBox*>(dialog)->reject(); });
    QTest::mouseClick(page.findChild<QPushButton*>(QStringLiteral("disablePushButton")), Qt::LeftButton);
    QCOMPARE(spy.count(), 0);
}

void TestStaffPage::owner_enablesDisabled_withoutQuestion()
{
    xd::StaffPage page;
    page.setStaff(sampleStaff());
    page.setCurrentStaff(OwnerId, xd::Role::Owner);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.selectStaff(DisabledId);
    auto* disable = page.findChild<QPushButton*>(QStringLiteral("disablePushButton"));
    QCOMPARE(disable->text(), QStringLiteral("&Enable"));
    // A disabled account gets no password or role change until enabled.
    QVERIFY(!page.findChild<QPushButton*>(QStringLiteral("resetPasswordPushButton"))->isEnabled());
    QVERIFY(!page.findChild<QPushButton*>(QStringLiteral("changeRolePushButton"))->isEnabled());
    QSignalSpy spy(&page, &xd::StaffPage::staffUpdateRequested);
    QTest::mouseClick(disable, Qt::LeftButton);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), DisabledId);
    QCOMPARE(spy.at(0).at(1).toJsonObject(), QJsonObject({{QStringLiteral("disabled"), false}}));
}

void TestStaffPage::owner_makesClerkOwner_andOwnerClerk()
{
    xd::StaffPage page;
    QList<QJsonObject> list = sampleStaff();
    list.append(staff(SecondOwnerId, "boss2", QStringLiteral("王太太"), "owner"));
    page.setStaff(list);
    page.setCurrentStaff(OwnerId, xd::Role::Owner);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    auto* role = page.findChild<QPushButton*>(QStringLiteral("changeRolePushButton"));
    QSignalSpy spy(&page, &xd::StaffPage::staffUpdateRequested);

    page.selectStaff(ClerkId);
    QCOMPARE(role->text(), QStringLiteral("Make &owner"));
    bool asked = false;
    confirmNextMessageBox(&asked);
    QTest::mouseClick(role, Qt::LeftButton);
    QVERIFY(asked);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), ClerkId);
    QCOMPARE(spy.at(0).at(1).toJsonObject(), QJsonObject({{QStringLiteral("role"), QStringLiteral("owner")}}));

    page.selectStaff(SecondOwnerId);
    QCOMPARE(role->text(), QStringLiteral("Make &clerk"));
    QVERIFY(role->isEnabled());
    asked = false;
    confirmNextMessageBox(&asked);
    QTest::mouseClick(role, Qt::LeftButton);
    QVERIFY(asked);
    QCOMPARE(spy.count(), 2);
    QCOMPARE(spy.at(1).at(0).toString(), SecondOwnerId);
    QCOMPARE(spy.at(1).at(1).toJsonObject(), QJsonObject({{QStringLiteral("role"), QStringLiteral("clerk")}}));
}

void TestStaffPage::owner_resetsPassword()
{
    xd::StaffPage page;
    page.setStaff(sampleStaff());
    page.setCurrentStaff(OwnerId, xd::Role::Owner);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.selectStaff(ClerkId);
    QSignalSpy spy(&page, &xd::StaffPage::staffPasswordResetRequested);
    bool shown = false;
    whenModalDialogShows([&](QWidget* dialog) {
        auto* passwordDialog = qobject_cast<xd::StaffPasswordDialog*>(dialog);
        QVERIFY(passwordDialog);
        shown = true;
        QVERIFY(passwordDialog->findChild<QLabel*>(QStringLiteral("explanationLabel"))
                    ->text()
                    .contains(QStringLiteral("小李")));
        xd::test::typeText(passwordDialog->findChild<QLineEdit*>(QStringLiteral("passwordLineEdit")),
                           QStringLiteral("n3w-Passw0rd"));
        xd::test::typeText(passwordDialog->findChild<QLineEdit*>(QStringLiteral("confirmLineEdit")),
                           QStringLiteral("n3w-Passw0rd"));
        passwordDialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    });
    QTest::mouseClick(page.findChild<QPushButton*>(QStringLiteral("resetPasswordPushButton")), Qt::LeftButton);
    QVERIFY(shown);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), ClerkId);
    QCOMPARE(spy.at(0).at(1).toString(), QStringLiteral("n3w-Passw0rd"));
}

void TestStaffPage::resetPassword_tooShortOrMismatch_refused()
{
    xd::StaffPasswordDialog dialog(QStringLiteral("小李"));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* password = dialog.findChild<QLineEdit*>(QStringLiteral("passwordLineEdit"));
    auto* confirm = dialog.findChild<QLineEdit*>(QStringLiteral("confirmLineEdit"));
    auto* problem = dialog.findChild<QLabel*>(QStringLiteral("problemLabel"));
    auto* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);

    xd::test::typeText(password, QStringLiteral("short7!"));
    xd::test::typeText(confirm, QStringLiteral("short7!"));
    QTest::mouseClick(ok, Qt::LeftButton);
    QVERIFY(dialog.isVisible());
    QVERIFY(problem->isVisible());
    QCOMPARE(problem->text(), QStringLiteral("The password needs at least 8 characters."));

    password->setText(QStringLiteral("long-enough-1"));
    confirm->setText(QStringLiteral("long-enough-2"));
    QTest::mouseClick(ok, Qt::LeftButton);
    QVERIFY(dialog.isVisible());
    QCOMPARE(problem->text(), QStringLiteral("The two passwords are not the same."));

    confirm->setText(QStringLiteral("long-enough-1"));
    QTest::mouseClick(ok, Qt::LeftButton);
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.password(), QStringLiteral("long-enough-1"));
}

void TestStaffPage::owner_addsStaff_argumentsWithoutId()
{
    xd::StaffPage page;
    page.setStaff(sampleStaff());
    page.setCurrentStaff(OwnerId, xd::Role::Owner);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QSignalSpy spy(&page, &xd::StaffPage::staffAddRequested);
    bool shown = false;
    whenModalDialogShows([&](QWidget* dialog) {
        auto* addDialog = qobject_cast<xd::StaffAddDialog*>(dialog);
        QVERIFY(addDialog);
        shown = true;
        saveScreenshot(addDialog, QStringLiteral("staffadd_en"));
        xd::test::typeText(addDialog->findChild<QLineEdit*>(QStringLiteral("loginLineEdit")),
                           QStringLiteral("xiaozhang"));
        xd::test::typeText(addDialog->findChild<QLineEdit*>(QStringLiteral("displayNameLineEdit")),
                           QStringLiteral("小张"));
        auto* role = addDialog->findChild<QComboBox*>(QStringLiteral("roleComboBox"));
        QCOMPARE(role->currentData().toString(), QStringLiteral("clerk"));
        xd::test::typeText(addDialog->findChild<QLineEdit*>(QStringLiteral("passwordLineEdit")),
                           QStringLiteral("12345678"));
        xd::test::typeText(addDialog->findChild<QLineEdit*>(QStringLiteral("confirmLineEdit")),
                           QStringLiteral("12345678"));
        addDialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    });
    QTest::mouseClick(page.findChild<QPushButton*>(QStringLiteral("addPushButton")), Qt::LeftButton);
    QVERIFY(shown);
    QCOMPARE(spy.count(), 1);
    const QJsonObject arguments = spy.at(0).at(0).toJsonObject();
    QCOMPARE(arguments,
             QJsonObject({{QStringLiteral("login"), QStringLiteral("xiaozhang")},
                          {QStringLiteral("displayName"), QStringLiteral("小张")},
                          {QStringLiteral("role"), QStringLiteral("clerk")},
                          {QStringLiteral("password"), QStringLiteral("12345678")}}));
    QVERIFY(!arguments.contains(QStringLiteral("id")));
}

void TestStaffPage::addStaff_validation_data()
{
    QTest::addColumn<QString>("login");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("confirmation");
    QTest::addColumn<QString>("problem");
    QTest::newRow("empty login") << QString() << QStringLiteral("12345678") << QStringLiteral("12345678")
                                 << QStringLiteral("Enter a login.");
    QTest::newRow("space in login") << QStringLiteral("xiao li") << QStringLiteral("12345678")
                                    << QStringLiteral("12345678")
                                    << QStringLiteral("A login has letters, digits and _ . @ - only, no spaces.");
    QTest::newRow("login taken") << QStringLiteral("LI") << QStringLiteral("12345678") << QStringLiteral("12345678")
                                 << QStringLiteral("The login \"LI\" is already in use.");
    QTest::newRow("short password") << QStringLiteral("new") << QStringLiteral("1234567") << QStringLiteral("1234567")
                                    << QStringLiteral("The password needs at least 8 characters.");
    QTest::newRow("mismatch") << QStringLiteral("new") << QStringLiteral("12345678") << QStringLiteral("12345679")
                              << QStringLiteral("The two passwords are not the same.");
    QTest::newRow("fine, chinese login") << QStringLiteral("小王") << QStringLiteral("12345678")
                                         << QStringLiteral("12345678") << QString();
}

void TestStaffPage::addStaff_validation()
{
    QFETCH(QString, login);
    QFETCH(QString, password);
    QFETCH(QString, confirmation);
    QFETCH(QString, problem);
    xd::StaffAddDialog dialog({QStringLiteral("owner"), QStringLiteral("li")});
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.findChild<QLineEdit*>(QStringLiteral("loginLineEdit"))->setText(login);
    xd::test::typeText(dialog.findChild<QLineEdit*>(QStringLiteral("passwordLineEdit")), password);
    xd::test::typeText(dialog.findChild<QLineEdit*>(QStringLiteral("confirmLineEdit")), confirmation);
    dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    auto* problemLabel = dialog.findChild<QLabel*>(QStringLiteral("problemLabel"));
    if (problem.isEmpty()) {
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(!problemLabel->isVisible());
        // Without a display name, the login stands in.
        QCOMPARE(dialog.arguments().value(QStringLiteral("displayName")).toString(), login);
    } else {
        QVERIFY(dialog.isVisible());
        QVERIFY(problemLabel->isVisible());
        QCOMPARE(problemLabel->text(), problem);
    }
}

void TestStaffPage::setStaff_keepsSelectionById()
{
    xd::StaffPage page;
    page.setStaff(sampleStaff());
    page.setCurrentStaff(OwnerId, xd::Role::Owner);
    page.selectStaff(ClerkId);
    QList<QJsonObject> updated = sampleStaff();
    updated.append(staff(SecondOwnerId, "aaa", QStringLiteral("新店主"), "owner"));
    page.setStaff(updated);
    QCOMPARE(page.selectedStaffId(), ClerkId);
    page.setStaff({staff(OwnerId, "owner", QStringLiteral("王老板"), "owner")});
    QVERIFY(page.selectedStaffId().isEmpty());
    QVERIFY(!page.findChild<QPushButton*>(QStringLiteral("disablePushButton"))->isEnabled());
}

void TestStaffPage::screenshot_1366x768()
{
    xd::LanguageManager languageManager;
    QVERIFY(languageManager.useLanguageForSession(QStringLiteral("zh_CN")));
    xd::MainWindow window(&languageManager);
    auto* page = new xd::StaffPage;
    // The staff page has no module of its own yet; it borrows the settings slot for the picture.
    window.setPage(xd::MainWindow::Module::ShopSettings, page);
    window.setCurrentModule(xd::MainWindow::Module::ShopSettings);
    QList<QJsonObject> list = sampleStaff();
    list.append(staff(SecondOwnerId, "laoban2", QStringLiteral("王太太"), "owner"));
    page->setStaff(list);
    page->setCurrentStaff(OwnerId, xd::Role::Owner);
    page->selectStaff(OwnerId);
    window.resize(1366, 768);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(window.size(), QSize(1366, 768));
    QCoreApplication::processEvents();
    QVERIFY(saveScreenshot(&window, QStringLiteral("staff_owner_zh_CN")));

    page->setCurrentStaff(ClerkId, xd::Role::Clerk);
    QCoreApplication::processEvents();
    QVERIFY(saveScreenshot(&window, QStringLiteral("staff_clerk_zh_CN")));

    xd::StaffAddDialog addDialog(page->model()->logins(), &window);
    addDialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&addDialog));
    QVERIFY(saveScreenshot(&addDialog, QStringLiteral("staffadd_zh_CN")));
}

QTEST_MAIN(TestStaffPage)
#include "tst_staffpage.moc"
