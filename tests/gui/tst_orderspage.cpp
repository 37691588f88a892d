#include "GuiTestHelpers.h"
#include "OrderDialogs.h"
#include "OrderReceipt.h"
#include "OrderSeed.h"
#include "OrderService.h"
#include "OrderTableModel.h"
#include "OrdersPage.h"
#include "TestCache.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPrinter>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabBar>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace xd;
using xd::test::saveScreenshot;
using xd::test::TestCache;
using xd::test::WireOrder;

namespace {

constexpr qint64 Hour = 3'600'000;

QStringList names(std::initializer_list<const char*> list)
{
    QStringList out;
    for (const char* name : list)
        out << QLatin1String(name);
    return out;
}

template <typename T> T* child(QObject* parent, const char* name)
{
    auto* found = parent->findChild<T*>(QLatin1String(name));
    Q_ASSERT_X(found, "child", name);
    return found;
}

} // namespace

class tst_OrdersPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void seededOrders_show_newestFirst_withDetail();
    void filters_throughTheWidgets();
    void actions_followStateAndRole();
    void shipDialog_queuesOrderShip_andTheRowShowsIt();
    void batchAccept_andBatchShip_queueOnePerOrder();
    void pickupCode_wrongIsRefused_rightCompletes();
    void refundDialog_queuesAPartialRefund();
    void cancel_and_remark_throughTheirDialogs();
    void exportPdf_writesAPdfOfTheOrder();
    void exportCsv_writesTheFilteredOrders();
    void print_previewsTheSelectedOrder_andTheReceiptPrints();
    void newOrder_beepsAndNotifies_unlessSwitchedOff();
    void signedOut_pageIsDisabled();

private:
    void seed(const QList<WireOrder>& orders, const QString& cookie = QStringLiteral("1.0.x"));
    WireOrder make(const QString& state,
                   const QString& mode = QStringLiteral("delivery"),
                   const QString& payment = QStringLiteral("wechat_pay"));
    void select(const QStringList& ids);
    QPushButton* button(const char* name) { return child<QPushButton>(m_page.get(), name); }

    std::unique_ptr<TestCache> m_cache;
    std::unique_ptr<OrderService> m_service;
    std::unique_ptr<OrdersPage> m_page;
    QStringList m_warnings;
    std::function<bool(QDialog&)> m_dialog;
    QString m_saveName;
    int m_beeps = 0;
    QStringList m_notices;
    int m_next = 0;
    qint64 m_base = 0;
};

void tst_OrdersPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("XiaodianTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_orderspage"));
}

void tst_OrdersPage::init()
{
    QSettings().clear();
    m_cache = std::make_unique<TestCache>();
    QVERIFY(m_cache->open());
    m_service = std::make_unique<OrderService>(*m_cache->store, Role::Owner);
    m_page = std::make_unique<OrdersPage>();
    m_warnings.clear();
    m_notices.clear();
    m_beeps = 0;
    m_next = 0;
    m_dialog = [](QDialog&) {
        return false;
    };
    m_base = QDateTime::currentMSecsSinceEpoch() - 48 * Hour;
    OrdersPage::Prompts prompts;
    prompts.warn = [this](const QString& message) {
        m_warnings << message;
    };
    prompts.runDialog = [this](QDialog& dialog) {
        return m_dialog(dialog);
    };
    prompts.saveFileName = [this](const QString&, const QString&, const QString&) {
        return m_saveName;
    };
    prompts.printPreview = [](const Order&) {
    };
    prompts.beep = [this] {
        ++m_beeps;
    };
    prompts.notify = [this](const QString& title, const QString& message) {
        m_notices << title + u'|' + message;
    };
    m_page->setPrompts(prompts);
    m_page->setService(m_service.get());
    m_page->setShopName(QStringLiteral("小店咖啡"));
    m_page->resize(1200, 700);
    m_page->show();
}

void tst_OrdersPage::cleanup()
{
    m_page.reset();
    m_service.reset();
    m_cache.reset();
}

void tst_OrdersPage::seed(const QList<WireOrder>& orders, const QString& cookie)
{
    QList<sync::SyncRow> rows;
    for (const WireOrder& order : orders)
        rows.append(order.row());
    QVERIFY(m_cache->store->applyPullPage(rows, cookie, 1, false));
    m_page->reload();
}

WireOrder tst_OrdersPage::make(const QString& state, const QString& mode, const QString& payment)
{
    WireOrder order;
    ++m_next;
    order.id = QStringLiteral("o%1").arg(m_next, 4, 10, QLatin1Char('0'));
    order.number = QStringLiteral("2611250%1").arg(m_next, 3, 10, QLatin1Char('0'));
    order.state = state;
    order.fulfilment = mode;
    order.paymentMethod = payment;
    order.placedAtMs = m_base + m_next * 60'000;
    order.contactPhone = QStringLiteral("1380013%1").arg(m_next, 4, 10, QLatin1Char('0'));
    if (mode == QLatin1String("pickup"))
        order.pickupCode = QStringLiteral("52%1").arg(m_next, 4, 10, QLatin1Char('0'));
    return order;
}

void tst_OrdersPage::select(const QStringList& ids)
{
    QTableView* view = m_page->tableView();
    view->clearSelection();
    for (const QString& id : ids) {
        const QModelIndex index = m_page->model()->indexFromId(id, m_page->model()->rowCount());
        QVERIFY2(index.isValid(), qPrintable(id));
        view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
    }
    QCOMPARE(m_page->selectedOrderIds().size(), ids.size());
}

void tst_OrdersPage::seededOrders_show_newestFirst_withDetail()
{
    QAbstractItemModelTester tester(m_page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const WireOrder older = make(QStringLiteral("paid"));
    const WireOrder newer = make(QStringLiteral("accepted"), QStringLiteral("pickup"));
    seed({older, newer});
    QCOMPARE(m_page->model()->rowCount(), 2);
    QCOMPARE(m_page->model()->index(0, OrderTableModel::Number).data().toString(), newer.number);
    QCOMPARE(m_page->model()->index(1, OrderTableModel::Payable).data().toString(), QStringLiteral("¥36.50"));
    QCOMPARE(child<QLabel>(m_page.get(), "countLabel")->text(), QStringLiteral("2 order(s)"));
    select({older.id});
    const QString detail = child<QTextBrowser>(m_page.get(), "detailBrowser")->toPlainText();
    QVERIFY(detail.contains(older.number));
    QVERIFY(detail.contains(QStringLiteral("拿铁咖啡")));   // items
    QVERIFY(detail.contains(QStringLiteral("少糖、去冰"))); // custom fields
    QVERIFY(detail.contains(QStringLiteral("小店科技有限公司")));
    QVERIFY(detail.contains(QStringLiteral("¥36.50")));  // amounts in yuan
    QVERIFY(detail.contains(QStringLiteral("History"))); // the event timeline
    saveScreenshot(m_page.get(), QStringLiteral("orderspage"));
}

void tst_OrdersPage::filters_throughTheWidgets()
{
    WireOrder a = make(QStringLiteral("paid"));
    WireOrder b = make(QStringLiteral("cod_placed"), QStringLiteral("pickup"), QStringLiteral("cash_on_delivery"));
    WireOrder c = make(QStringLiteral("shipped"));
    WireOrder d = make(QStringLiteral("completed"), QStringLiteral("in_store"));
    d.placedAtMs = m_base - 10 * 24 * Hour;
    d.nickname = QStringLiteral("Zoe");
    seed({a, b, c, d});
    auto* tabs = child<QTabBar>(m_page.get(), "stateTabBar");
    tabs->setCurrentIndex(1); // to accept: paid + cash-on-delivery placed
    QCOMPARE(m_page->model()->rowCount(), 2);
    tabs->setCurrentIndex(3); // in progress
    QCOMPARE(m_page->model()->rowCount(), 1);
    tabs->setCurrentIndex(0);
    auto* payment = child<QComboBox>(m_page.get(), "paymentComboBox");
    payment->setCurrentIndex(payment->findData(QStringLiteral("cash_on_delivery")));
    QCOMPARE(m_page->model()->rowCount(), 1);
    payment->setCurrentIndex(0);
    auto* fulfilment = child<QComboBox>(m_page.get(), "fulfilmentComboBox");
    fulfilment->setCurrentIndex(fulfilment->findData(QStringLiteral("delivery")));
    QCOMPARE(m_page->model()->rowCount(), 2);
    fulfilment->setCurrentIndex(0);
    auto* search = child<QLineEdit>(m_page.get(), "searchLineEdit");
    search->setText(QStringLiteral("zoe"));
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(m_page->model()->rowCount(), 1);
    search->setText(c.contactPhone.right(5));
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(m_page->model()->rowCount(), 1);
    QCOMPARE(m_page->model()->index(0, 0).data().toString(), c.number);
    search->clear();
    QTest::keyClick(search, Qt::Key_Return);
    // Dates: the last three days leave out the order of ten days ago.
    child<QDateEdit>(m_page.get(), "fromDateEdit")->setDate(QDate::currentDate().addDays(-3));
    child<QDateEdit>(m_page.get(), "toDateEdit")->setDate(QDate::currentDate());
    child<QCheckBox>(m_page.get(), "dateFilterCheckBox")->setChecked(true);
    QCOMPARE(m_page->model()->rowCount(), 3);
    child<QCheckBox>(m_page.get(), "dateFilterCheckBox")->setChecked(false);
    QCOMPARE(m_page->model()->rowCount(), 4);
}

void tst_OrdersPage::actions_followStateAndRole()
{
    WireOrder paid = make(QStringLiteral("paid"));
    WireOrder accepted = make(QStringLiteral("accepted"));
    WireOrder requested = make(QStringLiteral("refund_requested"));
    requested.stateBeforeRefund = QStringLiteral("shipped");
    WireOrder cod = make(QStringLiteral("shipped"), QStringLiteral("delivery"), QStringLiteral("cash_on_delivery"));
    WireOrder closed = make(QStringLiteral("closed"));
    seed({paid, accepted, requested, cod, closed});
    const QList<const char*> all{"acceptPushButton",
                                 "shipPushButton",
                                 "readyPushButton",
                                 "startServicePushButton",
                                 "completePushButton",
                                 "collectedPushButton",
                                 "cancelPushButton",
                                 "refundPushButton",
                                 "rejectRefundPushButton"};
    auto enabled = [&] {
        QStringList on;
        for (const char* name : all) {
            if (button(name)->isEnabled())
                on << QLatin1String(name);
        }
        return on;
    };
    select({paid.id});
    QCOMPARE(enabled(), names({"acceptPushButton", "cancelPushButton", "refundPushButton"}));
    select({accepted.id});
    QCOMPARE(enabled(), names({"shipPushButton", "cancelPushButton", "refundPushButton"}));
    select({requested.id});
    QCOMPARE(enabled(), names({"refundPushButton", "rejectRefundPushButton"}));
    select({cod.id});
    QCOMPARE(enabled(), names({"collectedPushButton", "cancelPushButton"}));
    select({closed.id});
    QCOMPARE(enabled(), QStringList());
    QVERIFY(button("remarkPushButton")->isEnabled());
    QVERIFY(button("pdfPushButton")->isEnabled());
    // A clerk: no money out.
    m_service->setRole(Role::Clerk);
    select({paid.id});
    QCOMPARE(enabled(), names({"acceptPushButton"}));
    select({requested.id});
    QCOMPARE(enabled(), QStringList());
    // Several selected: only the batch actions, and only when every order allows them.
    select({paid.id, accepted.id});
    QCOMPARE(enabled(), QStringList());
    QVERIFY(!button("pdfPushButton")->isEnabled());
}

void tst_OrdersPage::shipDialog_queuesOrderShip_andTheRowShowsIt()
{
    WireOrder order = make(QStringLiteral("accepted"));
    seed({order, make(QStringLiteral("paid"))});
    select({order.id});
    bool okWasDisabled = false;
    m_dialog = [&](QDialog& dialog) {
        auto* ship = qobject_cast<ShipDialog*>(&dialog);
        if (!ship)
            return false;
        auto* ok = dialog.findChild<QDialogButtonBox*>(QStringLiteral("buttonBox"))->button(QDialogButtonBox::Ok);
        okWasDisabled = !ok->isEnabled();
        child<QComboBox>(&dialog, "carrierComboBox")->setCurrentText(QStringLiteral("中通快递"));
        if (ok->isEnabled())
            return false; // no tracking number yet: OK must wait
        child<QTableWidget>(&dialog, "trackingTableWidget")->item(0, 1)->setText(QStringLiteral("ZT7788"));
        return ok->isEnabled();
    };
    const qint64 next = m_cache->store->nextMutationId();
    QTest::mouseClick(button("shipPushButton"), Qt::LeftButton);
    QVERIFY(okWasDisabled);
    QVERIFY(m_warnings.isEmpty());
    auto queued = m_cache->store->operation(next);
    QVERIFY(queued && *queued);
    QCOMPARE((*queued)->name, QStringLiteral("order.ship"));
    QCOMPARE((*queued)->args,
             (QJsonObject{{QStringLiteral("orderId"), order.id},
                          {QStringLiteral("carrier"), QStringLiteral("中通快递")},
                          {QStringLiteral("trackingNo"), QStringLiteral("ZT7788")}}));
    const QModelIndex row = m_page->model()->indexFromId(order.id);
    QCOMPARE(row.siblingAtColumn(OrderTableModel::State).data().toString(), QStringLiteral("Shipped (not synced)"));
    QVERIFY(!button("shipPushButton")->isEnabled()); // the selection followed the order; it is shipped now
    // Cancelled dialog: nothing queued.
    m_dialog = [](QDialog&) {
        return false;
    };
    select({m_page->model()->index(0, 0).data(OrderTableModel::IdRole).toString()});
    QCOMPARE(m_cache->store->pendingCount(), 1);
}

void tst_OrdersPage::batchAccept_andBatchShip_queueOnePerOrder()
{
    WireOrder a = make(QStringLiteral("paid"));
    WireOrder b = make(QStringLiteral("cod_placed"), QStringLiteral("delivery"), QStringLiteral("cash_on_delivery"));
    WireOrder c = make(QStringLiteral("paid"));
    seed({a, b, c});
    select({a.id, b.id});
    QVERIFY(button("acceptPushButton")->isEnabled());
    QTest::mouseClick(button("acceptPushButton"), Qt::LeftButton);
    const QList<OutboxEntry> pending = m_cache->store->pendingOperations().value();
    QCOMPARE(pending.size(), 2);
    QCOMPARE(pending.at(0).name, QStringLiteral("order.accept"));
    QCOMPARE(pending.at(1).name, QStringLiteral("order.accept"));
    QCOMPARE(QSet<QString>({pending.at(0).args.value(QStringLiteral("orderId")).toString(),
                            pending.at(1).args.value(QStringLiteral("orderId")).toString()}),
             QSet<QString>({a.id, b.id}));
    // Both are accepted now (optimistically): ship them together, one tracking number each.
    select({a.id, b.id});
    QVERIFY(button("shipPushButton")->isEnabled());
    m_dialog = [](QDialog& dialog) {
        child<QComboBox>(&dialog, "carrierComboBox")->setCurrentText(QStringLiteral("韵达快递"));
        auto* table = child<QTableWidget>(&dialog, "trackingTableWidget");
        if (table->rowCount() != 2)
            return false;
        table->item(0, 1)->setText(QStringLiteral("YD1"));
        table->item(1, 1)->setText(QStringLiteral("YD2"));
        return true;
    };
    QTest::mouseClick(button("shipPushButton"), Qt::LeftButton);
    QVERIFY2(m_warnings.isEmpty(), qPrintable(m_warnings.join(u'\n')));
    QCOMPARE(m_cache->store->pendingCount(), 4);
    QCOMPARE(m_service->order(a.id).value()->state, QStringLiteral("shipped"));
    QCOMPARE(m_service->order(b.id).value()->state, QStringLiteral("shipped"));
    QCOMPARE(m_service->order(c.id).value()->state, QStringLiteral("paid"));
}

void tst_OrdersPage::pickupCode_wrongIsRefused_rightCompletes()
{
    WireOrder order = make(QStringLiteral("ready_for_pickup"), QStringLiteral("pickup"));
    seed({order});
    select({order.id});
    QCOMPARE(button("completePushButton")->text(), QStringLiteral("&Verify pickup code…"));
    QString code = QStringLiteral("000000");
    m_dialog = [&code](QDialog& dialog) {
        child<QLineEdit>(&dialog, "textLineEdit")->setText(code);
        return true;
    };
    QTest::mouseClick(button("completePushButton"), Qt::LeftButton);
    QCOMPARE(m_warnings.size(), 1);
    QVERIFY(m_warnings.constFirst().contains(QStringLiteral("does not match")));
    QCOMPARE(m_cache->store->pendingCount(), 0);
    code = order.pickupCode;
    QTest::mouseClick(button("completePushButton"), Qt::LeftButton);
    QCOMPARE(m_warnings.size(), 1);
    QCOMPARE(m_cache->store->pendingOperations().value().constFirst().name, QStringLiteral("order.complete"));
    QCOMPARE(m_service->order(order.id).value()->state, QStringLiteral("completed"));
}

void tst_OrdersPage::refundDialog_queuesAPartialRefund()
{
    WireOrder order = make(QStringLiteral("shipped"));
    seed({order});
    select({order.id});
    bool fullOffered = true;
    m_dialog = [&fullOffered](QDialog& dialog) {
        fullOffered = child<QRadioButton>(&dialog, "fullRadioButton")->isVisibleTo(&dialog);
        child<QLineEdit>(&dialog, "amountLineEdit")->setText(QStringLiteral("1.5"));
        child<QLineEdit>(&dialog, "reasonLineEdit")->setText(QStringLiteral("少送一个"));
        return true;
    };
    QTest::mouseClick(button("refundPushButton"), Qt::LeftButton);
    QVERIFY2(m_warnings.isEmpty(), qPrintable(m_warnings.join(u'\n')));
    QVERIFY(!fullOffered); // no refund request: all of it would be a cancellation
    const OutboxEntry entry = m_cache->store->pendingOperations().value().constFirst();
    QCOMPARE(entry.name, QStringLiteral("order.refund"));
    QCOMPARE(entry.args.value(QStringLiteral("amountFen")).toInteger(), 150);
    QCOMPARE(m_service->order(order.id).value()->refundedFen, 150);
}

void tst_OrdersPage::cancel_and_remark_throughTheirDialogs()
{
    WireOrder order = make(QStringLiteral("paid"));
    seed({order});
    select({order.id});
    m_dialog = [](QDialog& dialog) {
        child<QLineEdit>(&dialog, "textLineEdit")
            ->setText(dialog.objectName() == QLatin1String("remarkDialog") ? QStringLiteral("老顾客")
                                                                           : QStringLiteral("缺货"));
        return true;
    };
    QTest::mouseClick(button("remarkPushButton"), Qt::LeftButton);
    QTest::mouseClick(button("cancelPushButton"), Qt::LeftButton);
    const QList<OutboxEntry> pending = m_cache->store->pendingOperations().value();
    QCOMPARE(pending.size(), 2);
    QCOMPARE(pending.at(0).name, QStringLiteral("order.remark"));
    QCOMPARE(pending.at(0).args.value(QStringLiteral("remark")).toString(), QStringLiteral("老顾客"));
    QCOMPARE(pending.at(1).name, QStringLiteral("order.cancel"));
    QCOMPARE(pending.at(1).args.value(QStringLiteral("reason")).toString(), QStringLiteral("缺货"));
    QCOMPARE(m_service->order(order.id).value()->state, QStringLiteral("cancelled"));
    QVERIFY(child<QTextBrowser>(m_page.get(), "detailBrowser")->toPlainText().contains(QStringLiteral("老顾客")));
}

void tst_OrdersPage::exportPdf_writesAPdfOfTheOrder()
{
    WireOrder order = make(QStringLiteral("paid"));
    seed({order});
    select({order.id});
    QTemporaryDir dir;
    m_saveName = dir.filePath(QStringLiteral("receipt.pdf"));
    QTest::mouseClick(button("pdfPushButton"), Qt::LeftButton);
    QVERIFY2(m_warnings.isEmpty(), qPrintable(m_warnings.join(u'\n')));
    QFile file(m_saveName);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray pdf = file.readAll();
    QVERIFY(pdf.startsWith("%PDF-"));
    QVERIFY(pdf.trimmed().endsWith("%%EOF"));
    QVERIFY(pdf.size() > 5'000); // text with embedded CJK glyphs, not an empty page
    const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
    if (!pdftotext.isEmpty()) {
        QProcess process;
        process.start(pdftotext, {m_saveName, QStringLiteral("-")});
        QVERIFY(process.waitForFinished(30'000));
        QVERIFY(QString::fromUtf8(process.readAllStandardOutput()).contains(order.number));
    } else {
        // No poppler here: the page text is compressed glyph ids, but the document title carries the number
        // (UTF-16BE in the info dictionary).
        const QString title = OrderReceipt::tr("Order %1").arg(order.number);
        QByteArray utf16;
        for (const QChar c : title)
            utf16 += char(c.unicode() >> 8), utf16 += char(c.unicode() & 0xff);
        QVERIFY(pdf.contains(utf16) || pdf.contains(title.toUtf8()));
    }
    // Cancelled file dialog: nothing written, no warning.
    m_saveName.clear();
    QTest::mouseClick(button("pdfPushButton"), Qt::LeftButton);
    QVERIFY(m_warnings.isEmpty());
    // Unwritable place: said plainly.
    m_saveName = dir.filePath(QStringLiteral("no/such/dir/receipt.pdf"));
    QTest::mouseClick(button("pdfPushButton"), Qt::LeftButton);
    QCOMPARE(m_warnings.size(), 1);
}

void tst_OrdersPage::print_previewsTheSelectedOrder_andTheReceiptPrints()
{
    WireOrder order = make(QStringLiteral("accepted"), QStringLiteral("pickup"));
    seed({order, make(QStringLiteral("paid"))});
    QString previewed;
    OrdersPage::Prompts prompts;
    prompts.printPreview = [&previewed](const Order& shown) {
        previewed = shown.number;
    };
    m_page->setPrompts(prompts);
    select({order.id});
    QTest::mouseClick(button("printPushButton"), Qt::LeftButton);
    QCOMPARE(previewed, order.number);
    // What the preview's paintRequested does, on a real QPrinter (PDF output, so no printer is needed).
    QTemporaryDir dir;
    QPrinter printer(QPrinter::HighResolution);
    printer.setOutputFormat(QPrinter::PdfFormat);
    printer.setOutputFileName(dir.filePath(QStringLiteral("printed.pdf")));
    OrderReceipt::render(m_service->order(order.id).value().value(), QStringLiteral("小店咖啡"), printer);
    QFile printed(printer.outputFileName());
    QVERIFY(printed.open(QIODevice::ReadOnly));
    QVERIFY(printed.read(5) == "%PDF-");
    QVERIFY(printed.size() > 5'000);
    // The receipt never shows the pickup code (the customer's proof); the merchant's detail pane does.
    const QString receipt = OrderReceipt::html(m_service->order(order.id).value().value(), QString(), false);
    QVERIFY(!receipt.contains(order.pickupCode));
    QVERIFY(child<QTextBrowser>(m_page.get(), "detailBrowser")->toPlainText().contains(order.pickupCode));
}

void tst_OrdersPage::exportCsv_writesTheFilteredOrders()
{
    seed({make(QStringLiteral("paid")), make(QStringLiteral("completed")), make(QStringLiteral("completed"))});
    child<QTabBar>(m_page.get(), "stateTabBar")->setCurrentIndex(5); // completed
    QTemporaryDir dir;
    m_saveName = dir.filePath(QStringLiteral("orders.csv"));
    QTest::mouseClick(button("csvPushButton"), Qt::LeftButton);
    QVERIFY(m_warnings.isEmpty());
    QFile file(m_saveName);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray csv = file.readAll();
    QVERIFY(csv.startsWith("\xEF\xBB\xBF"));
    QCOMPARE(csv.count("\r\n"), 3); // header + the two completed orders
}

void tst_OrdersPage::newOrder_beepsAndNotifies_unlessSwitchedOff()
{
    seed({make(QStringLiteral("accepted"))}); // the first sync: history
    QCOMPARE(m_beeps, 0);
    WireOrder first = make(QStringLiteral("paid"));
    seed({first}, QStringLiteral("2.0.x"));
    QCOMPARE(m_beeps, 1);
    QCOMPARE(m_notices.size(), 1);
    QVERIFY(m_notices.constFirst().contains(first.number));
    QTRY_COMPARE(m_page->model()->rowCount(), 2); // the list shows it
    // Sound off (remembered), tray on.
    child<QCheckBox>(m_page.get(), "alertSoundCheckBox")->setChecked(false);
    QCOMPARE(QSettings().value(QStringLiteral("orders/alertSound")).toBool(), false);
    seed({make(QStringLiteral("cod_placed"), QStringLiteral("delivery"), QStringLiteral("cash_on_delivery"))},
         QStringLiteral("3.0.x"));
    QCOMPARE(m_beeps, 1);
    QCOMPARE(m_notices.size(), 2);
    child<QCheckBox>(m_page.get(), "alertTrayCheckBox")->setChecked(false);
    seed({make(QStringLiteral("paid")), make(QStringLiteral("paid"))}, QStringLiteral("4.0.x"));
    QCOMPARE(m_beeps, 1);
    QCOMPARE(m_notices.size(), 2);
    // A new page starts with the remembered switches.
    OrdersPage again;
    QVERIFY(!child<QCheckBox>(&again, "alertSoundCheckBox")->isChecked());
    QVERIFY(!child<QCheckBox>(&again, "alertTrayCheckBox")->isChecked());
}

void tst_OrdersPage::signedOut_pageIsDisabled()
{
    seed({make(QStringLiteral("paid"))});
    m_page->setService(nullptr);
    QVERIFY(!m_page->isEnabled());
    QCOMPARE(m_page->model()->rowCount(), 0);
    m_service.reset(); // and nothing dangles
    m_page->reload();
}

QTEST_MAIN(tst_OrdersPage)
#include "tst_orderspage.moc"
