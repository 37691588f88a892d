#include "GuiTestHelpers.h"
#include "LanguageManager.h"
#include "RejectedOperationsDialog.h"
#include "SyncStatusWidget.h"

#include <QLabel>
#include <QProgressBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using State = xd::SyncStatusWidget::State;
using xd::test::saveScreenshot;

namespace {

QList<xd::RejectedOperation> sampleRejected()
{
    return {
        {18,
         QStringLiteral("staff.add"),
         QStringLiteral("小李"),
         QStringLiteral("permission_denied"),
         QStringLiteral("only the owner manages staff")},
        {21,
         QStringLiteral("shop.updateProfile"),
         QString(),
         QStringLiteral("invalid_argument"),
         QStringLiteral("'abc' is not a phone number")},
        {22, QStringLiteral("shop.somethingNew"), QString(), QStringLiteral("mystery"), QString()},
    };
}

} // namespace

class TestSyncStatusWidget : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void state_showsText_data();
    void state_showsText();
    void state_chinese_data();
    void state_chinese();
    void pendingCount_showsAndHides();
    void progress_showsAndHides();
    void rejected_buttonShowsCount();
    void rejectedList_showsNameAndReason();
    void rejectedList_retryAndDiscard_emitMid();
    void rejectedList_updatesAndClosesWhenEmpty();
    void reasonText_knownAndUnknownCodes();
    void screenshot();

private:
    QTemporaryDir m_dir;
};

void TestSyncStatusWidget::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("XiaodianTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_syncstatuswidget"));
}

void TestSyncStatusWidget::state_showsText_data()
{
    QTest::addColumn<State>("state");
    QTest::addColumn<QString>("text");
    QTest::newRow("offline") << State::Offline << QStringLiteral("Offline");
    QTest::newRow("connecting") << State::Connecting << QStringLiteral("Connecting…");
    QTest::newRow("online") << State::Online << QStringLiteral("Online");
    QTest::newRow("syncing") << State::Syncing << QStringLiteral("Syncing…");
    QTest::newRow("signed out") << State::SignedOut << QStringLiteral("Signed out");
}

void TestSyncStatusWidget::state_showsText()
{
    QFETCH(State, state);
    QFETCH(QString, text);
    xd::SyncStatusWidget widget;
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    QCOMPARE(widget.state(), State::Offline);
    const QImage before = widget.findChild<QLabel*>(QStringLiteral("dotLabel"))->pixmap().toImage();
    widget.setState(state);
    QCOMPARE(widget.state(), state);
    auto* label = widget.findChild<QLabel*>(QStringLiteral("stateLabel"));
    QCOMPARE(label->text(), text);
    QVERIFY(label->isVisible());
    QVERIFY(!label->toolTip().isEmpty());
    // The dot changes colour with the state (offline is the grey it started with).
    const QImage after = widget.findChild<QLabel*>(QStringLiteral("dotLabel"))->pixmap().toImage();
    QCOMPARE(after == before, state == State::Offline);
}

void TestSyncStatusWidget::state_chinese_data()
{
    QTest::addColumn<State>("state");
    QTest::addColumn<QString>("text");
    QTest::newRow("offline") << State::Offline << QStringLiteral("离线");
    QTest::newRow("connecting") << State::Connecting << QStringLiteral("连接中…");
    QTest::newRow("online") << State::Online << QStringLiteral("在线");
    QTest::newRow("syncing") << State::Syncing << QStringLiteral("同步中…");
    QTest::newRow("signed out") << State::SignedOut << QStringLiteral("已退出登录");
}

void TestSyncStatusWidget::state_chinese()
{
    QFETCH(State, state);
    QFETCH(QString, text);
    xd::LanguageManager languageManager;
    QVERIFY(languageManager.useLanguageForSession(QStringLiteral("zh_CN")));
    xd::SyncStatusWidget widget;
    widget.setState(state);
    QCOMPARE(widget.findChild<QLabel*>(QStringLiteral("stateLabel"))->text(), text);
    widget.setPendingCount(3);
    QCOMPARE(widget.findChild<QLabel*>(QStringLiteral("pendingLabel"))->text(), QStringLiteral("3 项未同步"));
}

void TestSyncStatusWidget::pendingCount_showsAndHides()
{
    // English plurals come from the English translation.
    xd::LanguageManager languageManager;
    QVERIFY(languageManager.useLanguageForSession(QStringLiteral("en")));
    xd::SyncStatusWidget widget;
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    auto* pending = widget.findChild<QLabel*>(QStringLiteral("pendingLabel"));
    QVERIFY(!pending->isVisible());
    widget.setPendingCount(3);
    QVERIFY(pending->isVisible());
    QCOMPARE(pending->text(), QStringLiteral("3 changes not synced"));
    widget.setPendingCount(1);
    QCOMPARE(pending->text(), QStringLiteral("1 change not synced"));
    widget.setPendingCount(0);
    QVERIFY(!pending->isVisible());
    widget.setPendingCount(-4);
    QCOMPARE(widget.pendingCount(), 0);
}

void TestSyncStatusWidget::progress_showsAndHides()
{
    xd::SyncStatusWidget widget;
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    auto* bar = widget.findChild<QProgressBar*>(QStringLiteral("progressBar"));
    QVERIFY(!bar->isVisible());
    widget.setProgress(0);
    QVERIFY(bar->isVisible());
    widget.setProgress(42);
    QCOMPARE(bar->value(), 42);
    QCOMPARE(bar->text(), QStringLiteral("Downloading 42%"));
    widget.setProgress(150);
    QCOMPARE(widget.progress(), 100);
    widget.setProgress(-1);
    QVERIFY(!bar->isVisible());
    QCOMPARE(widget.progress(), -1);
}

void TestSyncStatusWidget::rejected_buttonShowsCount()
{
    xd::LanguageManager languageManager;
    QVERIFY(languageManager.useLanguageForSession(QStringLiteral("en")));
    xd::SyncStatusWidget widget;
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    auto* button = widget.findChild<QToolButton*>(QStringLiteral("rejectedToolButton"));
    QVERIFY(!button->isVisible());
    widget.setRejected(sampleRejected());
    QVERIFY(button->isVisible());
    QCOMPARE(button->text(), QStringLiteral("3 changes refused"));
    widget.setRejected({});
    QVERIFY(!button->isVisible());
}

void TestSyncStatusWidget::rejectedList_showsNameAndReason()
{
    xd::SyncStatusWidget widget;
    widget.setRejected(sampleRejected());
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    QTest::mouseClick(widget.findChild<QToolButton*>(QStringLiteral("rejectedToolButton")), Qt::LeftButton);
    auto* dialog =
        widget.window()->findChild<xd::RejectedOperationsDialog*>(QStringLiteral("rejectedOperationsDialog"));
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    auto* table = dialog->findChild<QTableWidget*>(QStringLiteral("operationsTableWidget"));
    QCOMPARE(table->rowCount(), 3);
    QCOMPARE(table->item(0, xd::RejectedOperationsDialog::Operation)->text(), QStringLiteral("Add staff member: 小李"));
    QCOMPARE(table->item(0, xd::RejectedOperationsDialog::Reason)->text(),
             QStringLiteral("Your account is not allowed to do this. (only the owner manages staff)"));
    QCOMPARE(table->item(1, xd::RejectedOperationsDialog::Operation)->text(), QStringLiteral("Shop profile"));
    QVERIFY(table->item(1, xd::RejectedOperationsDialog::Reason)->text().contains(QStringLiteral("phone number")));
    // Unknown names and codes are shown as they are rather than hidden.
    QCOMPARE(table->item(2, xd::RejectedOperationsDialog::Operation)->text(), QStringLiteral("shop.somethingNew"));
    QCOMPARE(table->item(2, xd::RejectedOperationsDialog::Reason)->text(), QStringLiteral("mystery"));

    // Clicking again raises the same list rather than opening a second one.
    widget.showRejected();
    QCOMPARE(widget.window()->findChildren<xd::RejectedOperationsDialog*>().size(), 1);
    dialog->close();
}

void TestSyncStatusWidget::rejectedList_retryAndDiscard_emitMid()
{
    xd::SyncStatusWidget widget;
    widget.setRejected(sampleRejected());
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    QSignalSpy discardSpy(&widget, &xd::SyncStatusWidget::discardRequested);
    QSignalSpy retrySpy(&widget, &xd::SyncStatusWidget::retryRequested);
    widget.showRejected();
    auto* dialog =
        widget.window()->findChild<xd::RejectedOperationsDialog*>(QStringLiteral("rejectedOperationsDialog"));
    QVERIFY(QTest::qWaitForWindowExposed(dialog));

    auto* retry21 = dialog->findChild<QToolButton*>(QStringLiteral("retryToolButton_21"));
    auto* discard18 = dialog->findChild<QToolButton*>(QStringLiteral("discardToolButton_18"));
    QVERIFY(retry21);
    QVERIFY(discard18);
    QVERIFY(retry21->isVisible());
    QCOMPARE(retry21->text(), QStringLiteral("Retry"));
    QCOMPARE(discard18->text(), QStringLiteral("Discard"));
    QTest::mouseClick(retry21, Qt::LeftButton);
    QTest::mouseClick(discard18, Qt::LeftButton);
    QCOMPARE(retrySpy.count(), 1);
    QCOMPARE(retrySpy.at(0).at(0).toLongLong(), qint64(21));
    QCOMPARE(discardSpy.count(), 1);
    QCOMPARE(discardSpy.at(0).at(0).toLongLong(), qint64(18));
    dialog->close();
}

void TestSyncStatusWidget::rejectedList_updatesAndClosesWhenEmpty()
{
    xd::SyncStatusWidget widget;
    widget.setRejected(sampleRejected());
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    widget.showRejected();
    QPointer<xd::RejectedOperationsDialog> dialog =
        widget.window()->findChild<xd::RejectedOperationsDialog*>(QStringLiteral("rejectedOperationsDialog"));
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    auto* table = dialog->findChild<QTableWidget*>(QStringLiteral("operationsTableWidget"));

    // The caller discarded #18: the list follows.
    widget.setRejected(sampleRejected().mid(1));
    QCOMPARE(table->rowCount(), 2);
    QTRY_VERIFY(!dialog->findChild<QToolButton*>(QStringLiteral("discardToolButton_18")));
    widget.setRejected({});
    QTRY_VERIFY(dialog.isNull());
}

void TestSyncStatusWidget::reasonText_knownAndUnknownCodes()
{
    QCOMPARE(xd::SyncStatusWidget::reasonText(QStringLiteral("conflict"), QString()),
             QStringLiteral("It clashes with a change made elsewhere."));
    QCOMPARE(xd::SyncStatusWidget::reasonText(QStringLiteral("weird"), QStringLiteral("server said so")),
             QStringLiteral("server said so"));
    QCOMPARE(xd::SyncStatusWidget::operationTitle(QStringLiteral("staff.resetPassword")),
             QStringLiteral("Reset staff password"));
}

void TestSyncStatusWidget::screenshot()
{
    xd::LanguageManager languageManager;
    QVERIFY(languageManager.useLanguageForSession(QStringLiteral("zh_CN")));
    QWidget bar;
    bar.resize(1366, 28);
    auto* widget = new xd::SyncStatusWidget(&bar);
    widget->setState(State::Syncing);
    widget->setPendingCount(3);
    widget->setProgress(42);
    widget->setRejected(sampleRejected());
    widget->move(1366 - widget->sizeHint().width(), 2);
    widget->resize(widget->sizeHint());
    bar.show();
    QVERIFY(QTest::qWaitForWindowExposed(&bar));
    QVERIFY(saveScreenshot(&bar, QStringLiteral("syncstatus_zh_CN")));

    widget->showRejected();
    auto* dialog = bar.findChild<xd::RejectedOperationsDialog*>(QStringLiteral("rejectedOperationsDialog"));
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QCoreApplication::processEvents();
    QVERIFY(saveScreenshot(dialog, QStringLiteral("rejected_zh_CN")));
    dialog->close();
}

QTEST_MAIN(TestSyncStatusWidget)
#include "tst_syncstatuswidget.moc"
