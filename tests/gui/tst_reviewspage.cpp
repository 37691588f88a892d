#include "GuiTestHelpers.h"
#include "ReviewSeed.h"
#include "ReviewService.h"
#include "ReviewsPage.h"
#include "SyncStatusWidget.h"
#include "TestCache.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>

using namespace xd;
using xd::test::TestCache;
using xd::test::WireReview;

namespace {

const qint64 Start = QDateTime(QDate(2026, 11, 20), QTime(8, 0), Qt::UTC).toMSecsSinceEpoch();

template <typename T> T* child(QObject* parent, const char* name)
{
    auto* found = parent->findChild<T*>(QLatin1String(name));
    Q_ASSERT_X(found, "child", name);
    return found;
}

} // namespace

class tst_ReviewsPage : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void seededRows_showAndFilter();
    void replyDialog_queuesReviewReply();
    void replyDialog_refusesAnEmptyReply();
    void hide_isTheOwners();

private:
    void seed();
    QString cell(int row, int column) const { return m_page->tableWidget()->item(row, column)->text(); }
    QPushButton* button(const char* name) { return child<QPushButton>(m_page.get(), name); }

    std::unique_ptr<TestCache> m_cache;
    std::unique_ptr<ReviewService> m_service;
    std::unique_ptr<ReviewsPage> m_page;
    QStringList m_warnings;
    std::function<bool(QDialog&)> m_dialog;
    WireReview m_old;
    WireReview m_new;
    WireReview m_hidden;
};

void tst_ReviewsPage::init()
{
    m_cache = std::make_unique<TestCache>();
    QVERIFY(m_cache->open());
    m_service = std::make_unique<ReviewService>(*m_cache->store, Role::Owner);
    m_page = std::make_unique<ReviewsPage>();
    m_warnings.clear();
    m_dialog = [](QDialog&) {
        return false;
    };
    ReviewsPage::Prompts prompts;
    prompts.warn = [this](const QString& message) {
        m_warnings << message;
    };
    prompts.runDialog = [this](QDialog& dialog) {
        return m_dialog(dialog);
    };
    m_page->setPrompts(prompts);
    m_page->setService(m_service.get());
    m_page->resize(1100, 600);
    m_page->show();
    seed();
}

void tst_ReviewsPage::cleanup()
{
    m_page.reset();
    m_service.reset();
    m_cache.reset();
}

void tst_ReviewsPage::seed()
{
    m_old = WireReview{};
    m_old.rating = 2;
    m_old.text = QStringLiteral("送得太慢了");
    m_old.nickname = QStringLiteral("小李");
    m_old.createdAtMs = Start;
    m_new = WireReview{};
    m_new.rating = 5;
    m_new.text = QStringLiteral("非常好喝，还会再来");
    m_new.images = QStringList{Id::create(), Id::create(), Id::create()};
    m_new.reply = QStringLiteral("谢谢支持");
    m_new.createdAtMs = Start + 3'600'000;
    m_hidden = WireReview{};
    m_hidden.rating = 1;
    m_hidden.text = QStringLiteral("广告内容");
    m_hidden.hidden = true;
    m_hidden.createdAtMs = Start + 60'000;
    // The pull alone refreshes the page (reviewsChanged).
    QVERIFY(
        m_cache->store->applyPullPage({m_old.row(), m_new.row(), m_hidden.row()}, QStringLiteral("1.0.x"), 1, false));
}

void tst_ReviewsPage::seededRows_showAndFilter()
{
    QTableWidget* table = m_page->tableWidget();
    QCOMPARE(table->rowCount(), 3);
    QVERIFY(test::saveScreenshot(m_page.get(), QStringLiteral("reviewspage")));
    // Newest first: product, stars, text, nickname, date, photos, reply, status.
    QCOMPARE(cell(0, 0), QStringLiteral("拿铁咖啡 (大杯)"));
    QCOMPARE(cell(0, 1), QStringLiteral("★★★★★"));
    QCOMPARE(cell(0, 2), m_new.text);
    QCOMPARE(cell(0, 3), QStringLiteral("小王"));
    QCOMPARE(cell(0, 4),
             QDateTime::fromMSecsSinceEpoch(m_new.createdAtMs).toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    QCOMPARE(cell(0, 5), QStringLiteral("3"));
    QCOMPARE(cell(0, 6), QStringLiteral("谢谢支持"));
    QCOMPARE(cell(0, 7), QString());
    QCOMPARE(cell(1, 2), m_hidden.text);
    QCOMPARE(cell(1, 1), QStringLiteral("★☆☆☆☆"));
    QVERIFY(!cell(1, 7).isEmpty()); // the hidden marker
    QCOMPARE(cell(2, 3), QStringLiteral("小李"));
    QCOMPARE(cell(2, 5), QString());

    // Filters: the rating, hidden, unanswered.
    child<QComboBox>(m_page.get(), "ratingComboBox")->setCurrentIndex(2);
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(cell(0, 2), m_old.text);
    child<QComboBox>(m_page.get(), "ratingComboBox")->setCurrentIndex(0);
    child<QComboBox>(m_page.get(), "visibilityComboBox")->setCurrentIndex(2);
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(cell(0, 2), m_hidden.text);
    child<QComboBox>(m_page.get(), "visibilityComboBox")->setCurrentIndex(1);
    child<QComboBox>(m_page.get(), "answerComboBox")->setCurrentIndex(2);
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(cell(0, 2), m_old.text);
    QVERIFY(child<QLabel>(m_page.get(), "countLabel")->text().contains(u'1'));
}

void tst_ReviewsPage::replyDialog_queuesReviewReply()
{
    QVERIFY(!button("replyPushButton")->isEnabled()); // nothing selected
    m_page->selectReview(m_old.id);
    QVERIFY(button("replyPushButton")->isEnabled());
    bool sawOk = false;
    m_dialog = [&sawOk](QDialog& dialog) {
        auto* edit = dialog.findChild<QPlainTextEdit*>(QStringLiteral("replyTextEdit"));
        auto* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        if (!edit || !ok)
            return false;
        sawOk = !ok->isEnabled(); // nothing typed yet
        edit->setPlainText(QStringLiteral("  抱歉，我们会改进配送  "));
        sawOk = sawOk && ok->isEnabled();
        return true;
    };
    button("replyPushButton")->click();
    QVERIFY(sawOk);
    QVERIFY2(m_warnings.isEmpty(), qPrintable(m_warnings.join(u'\n')));
    const auto pending = m_cache->store->pendingOperations().value();
    QCOMPARE(pending.size(), 1);
    QCOMPARE(pending.at(0).name, QStringLiteral("review.reply"));
    QCOMPARE(pending.at(0).args,
             (QJsonObject{{QStringLiteral("reviewId"), m_old.id},
                          {QStringLiteral("reply"), QStringLiteral("抱歉，我们会改进配送")}}));
    // The row shows the reply at once, marked as not sent yet, and stays selected.
    QCOMPARE(m_page->currentReviewId(), m_old.id);
    QCOMPARE(cell(2, 6), QStringLiteral("抱歉，我们会改进配送"));
    QVERIFY(!cell(2, 7).isEmpty());
}

void tst_ReviewsPage::replyDialog_refusesAnEmptyReply()
{
    m_page->selectReview(m_old.id);
    // The OK button is off for blanks; a dialog confirmed anyway (as a test can) is refused by the rules.
    m_dialog = [](QDialog& dialog) {
        dialog.findChild<QPlainTextEdit*>(QStringLiteral("replyTextEdit"))->setPlainText(QStringLiteral("   "));
        return true;
    };
    button("replyPushButton")->click();
    QCOMPARE(m_warnings.size(), 1);
    QCOMPARE(m_cache->store->pendingCount(), 0);
    // Cancelled: nothing queued, no warning.
    m_warnings.clear();
    m_dialog = [](QDialog& dialog) {
        dialog.findChild<QPlainTextEdit*>(QStringLiteral("replyTextEdit"))->setPlainText(QStringLiteral("好的"));
        return false;
    };
    button("replyPushButton")->click();
    QVERIFY(m_warnings.isEmpty());
    QCOMPARE(m_cache->store->pendingCount(), 0);
}

void tst_ReviewsPage::hide_isTheOwners()
{
    m_page->selectReview(m_hidden.id);
    QPushButton* hide = button("hidePushButton");
    QVERIFY(!hide->isHidden());
    QVERIFY(hide->isEnabled());
    hide->click(); // a hidden review: Show
    auto pending = m_cache->store->pendingOperations().value();
    QCOMPARE(pending.size(), 1);
    QCOMPARE(pending.at(0).name, QStringLiteral("review.setHidden"));
    QCOMPARE(pending.at(0).args,
             (QJsonObject{{QStringLiteral("reviewId"), m_hidden.id}, {QStringLiteral("hidden"), false}}));

    // A clerk answers reviews but does not see Hide/Show.
    m_service->setRole(Role::Clerk);
    m_page->selectReview(m_old.id);
    QVERIFY(hide->isHidden());
    QVERIFY(!hide->isEnabled());
    QVERIFY(button("replyPushButton")->isEnabled());
    m_page->toggleHiddenSelected(); // even if called: refused, nothing queued
    QCOMPARE(m_warnings.size(), 1);
    QCOMPARE(m_cache->store->pendingCount(), 1);
    // A rejected review operation is named in the sync status list (English source: no translator installed).
    QCOMPARE(SyncStatusWidget::operationTitle(QStringLiteral("review.setHidden")),
             QStringLiteral("Hide or show review"));
    QCOMPARE(SyncStatusWidget::operationTitle(QStringLiteral("review.reply")), QStringLiteral("Reply to review"));
}

QTEST_MAIN(tst_ReviewsPage)
#include "tst_reviewspage.moc"
