#include "ArticleService.h"
#include "CacheDatabase.h"
#include "TestCache.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QSet>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

using namespace xd;
using xd::test::TestCache;

namespace {

constexpr qint64 Hour = 3'600'000;

QJsonObject wireArticle(const QString& title, bool published, qint64 publishAtMs, qint64 updatedAtMs)
{
    return QJsonObject{{QStringLiteral("title"), title},
                       {QStringLiteral("cover"), QString()},
                       {QStringLiteral("summary"), QStringLiteral("summary of ") + title},
                       {QStringLiteral("body"), QStringLiteral("<p>") + title + QStringLiteral("</p>")},
                       {QStringLiteral("category"), QStringLiteral("news")},
                       {QStringLiteral("published"), published},
                       {QStringLiteral("publishAtMs"), publishAtMs},
                       {QStringLiteral("viewCount"), 7},
                       {QStringLiteral("createdAtMs"), updatedAtMs},
                       {QStringLiteral("updatedAtMs"), updatedAtMs}};
}

sync::SyncRow articleRow(const QString& id, qint64 version, const QJsonObject& data)
{
    return sync::SyncRow{QStringLiteral("article"), id, version, false, data};
}

sync::MutationResult accepted(qint64 mid)
{
    return sync::MutationResult{mid, sync::MutationResult::Status::Accepted, {}, {}};
}

QStringList titles(const QList<Article>& articles)
{
    QStringList list;
    for (const Article& article : articles)
        list << article.title;
    return list;
}

QJsonObject newArticle(const QString& title, bool published = false)
{
    return QJsonObject{{QStringLiteral("title"), title},
                       {QStringLiteral("cover"), QString()},
                       {QStringLiteral("summary"), QString()},
                       {QStringLiteral("body"), QStringLiteral("<p>text</p>")},
                       {QStringLiteral("category"), QString()},
                       {QStringLiteral("published"), published}};
}

} // namespace

class tst_ArticleService final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void pulledArticles_showInListAndCount_tombstonesRemoveThem();
    void save_enqueuesSanitizedArticle_andShowsItPending();
    void save_invalidInput_isRefused_andQueuesNothing_data();
    void save_invalidInput_isRefused_andQueuesNothing();
    void filter_byTitle_isLiteralAndCaseInsensitive();
    void filter_byState_followsTheClock();
    void sort_byPublishOrUpdateTime();
    void edit_ofConfirmedArticle_replacesItInTheList();
    void delete_enqueuesArticleDelete_andHidesIt();
    void delete_unknownArticle_isNotFound();
    void publishAndUnpublish_enqueueSaveWithTheWholeArticle();
    void acknowledgedSave_staysUntilACompletedPullBringsIt();
    void rejectedSave_isNotShown_andRetryQueuesItAgain();
    void paging_windowsAreDisjointAndComplete_withOverlay();
    void migration5_resetsTheCookieOfAnOlderCache();
    void largeShop_countAndDeepPage_stayFast();

private:
    std::unique_ptr<TestCache> m_cache;
    std::unique_ptr<ManualClock> m_clock;
    qint64 m_now = 0;
};

void tst_ArticleService::init()
{
    m_cache = std::make_unique<TestCache>();
    QVERIFY(m_cache->open());
    // The outbox stamps operations with the system clock; the service's clock starts there.
    m_now = QDateTime::currentMSecsSinceEpoch();
    m_clock = std::make_unique<ManualClock>(m_now);
}

void tst_ArticleService::cleanup()
{
    m_cache.reset();
    m_clock.reset();
}

void tst_ArticleService::pulledArticles_showInListAndCount_tombstonesRemoveThem()
{
    ArticleService service(*m_cache->store, *m_clock, Role::Clerk);
    QSignalSpy changed(&service, &ArticleService::articlesChanged);
    const QString a = Id::create();
    const QString b = Id::create();
    QVERIFY(m_cache->store->applyPullPage(
        {articleRow(a, 2, wireArticle(QStringLiteral("春季上新"), true, m_now - Hour, m_now)),
         articleRow(b, 2, wireArticle(QStringLiteral("Draft"), false, 0, m_now))},
        QStringLiteral("2.5.") + b,
        2,
        false));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(service.count({}).valueOr(-1), 2);
    const auto list = service.list({}, 0, 10);
    QVERIFY(list);
    QCOMPARE(titles(*list), (QStringList{QStringLiteral("春季上新"), QStringLiteral("Draft")}));
    QVERIFY(list->at(0).confirmed);
    QVERIFY(!list->at(0).pending);
    QCOMPARE(list->at(0).category, QStringLiteral("news"));
    QVERIFY(list->at(0).body.isEmpty()); // summaries only
    const auto full = service.article(a);
    QVERIFY(full && *full);
    QCOMPARE((*full)->body, QStringLiteral("<p>春季上新</p>"));
    QCOMPARE((*full)->viewCount, 7);

    QVERIFY(m_cache->store->applyPullPage(
        {sync::SyncRow{QStringLiteral("article"), a, 3, true, {}}}, QStringLiteral("3.5.") + a, 3, false));
    QCOMPARE(service.count({}).valueOr(-1), 1);
    QVERIFY(!*service.article(a));
}

void tst_ArticleService::save_enqueuesSanitizedArticle_andShowsItPending()
{
    ArticleService service(*m_cache->store, *m_clock, Role::Clerk);
    QString id;
    QJsonObject args = newArticle(QStringLiteral("  新品到店  "), true);
    args.insert(QStringLiteral("body"), QStringLiteral("<p onclick=\"x()\">hi<script>alert(1)</script></p>"));
    const auto mid = service.saveArticle(args, &id);
    QVERIFY2(mid, mid ? "" : qPrintable(mid.error().message));
    QVERIFY(Id::isValid(id));
    const auto pending = m_cache->store->pendingOperations();
    QCOMPARE(pending->size(), 1);
    const OutboxEntry& entry = pending->constFirst();
    QCOMPARE(entry.name, QStringLiteral("article.save"));
    QCOMPARE(entry.args.value(QStringLiteral("id")).toString(), id);
    QCOMPARE(entry.args.value(QStringLiteral("title")).toString(), QStringLiteral("新品到店"));
    QCOMPARE(entry.args.value(QStringLiteral("body")).toString(), QStringLiteral("<p>hi</p>"));
    QCOMPARE(entry.args.value(QStringLiteral("published")).toBool(), true);
    QVERIFY(!entry.args.contains(QStringLiteral("publishAtMs"))); // "now" is the server's to decide

    const auto list = service.list({}, 0, 10);
    QCOMPARE(list->size(), 1);
    QCOMPARE(list->at(0).id, id);
    QVERIFY(list->at(0).pending);
    QVERIFY(!list->at(0).confirmed);
    QVERIFY(list->at(0).publishAtMs > 0); // shown as published at the time of the save
    QCOMPARE(list->at(0).state(m_now + 1000), Article::State::Published);
}

void tst_ArticleService::save_invalidInput_isRefused_andQueuesNothing_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value");
    QTest::newRow("empty title") << QStringLiteral("title") << QJsonValue(QStringLiteral("   "));
    QTest::newRow("title too long") << QStringLiteral("title") << QJsonValue(QString(101, QLatin1Char('x')));
    QTest::newRow("summary too long") << QStringLiteral("summary") << QJsonValue(QString(301, QChar(0x5b57)));
    QTest::newRow("category too long") << QStringLiteral("category") << QJsonValue(QString(31, QLatin1Char('c')));
    QTest::newRow("body too long") << QStringLiteral("body")
                                   << QJsonValue(QStringLiteral("<p>") + QString(200'001, QLatin1Char('b')) +
                                                 QStringLiteral("</p>"));
    QTest::newRow("published not bool") << QStringLiteral("published") << QJsonValue(QStringLiteral("yes"));
    QTest::newRow("negative publish time") << QStringLiteral("publishAtMs") << QJsonValue(-5);
    QTest::newRow("bad id") << QStringLiteral("id") << QJsonValue(QStringLiteral("not-a-uuid"));
    QTest::newRow("unknown field") << QStringLiteral("price") << QJsonValue(100);
}

void tst_ArticleService::save_invalidInput_isRefused_andQueuesNothing()
{
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);
    ArticleService service(*m_cache->store, *m_clock, Role::Owner);
    QJsonObject args = newArticle(QStringLiteral("ok"));
    args.insert(field, value);
    const auto mid = service.saveArticle(args);
    QVERIFY(!mid);
    QCOMPARE(mid.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(m_cache->store->pendingCount(), 0);
    QCOMPARE(service.count({}).valueOr(-1), 0);
}

void tst_ArticleService::filter_byTitle_isLiteralAndCaseInsensitive()
{
    ArticleService service(*m_cache->store, *m_clock, Role::Owner);
    QVERIFY(m_cache->store->applyPullPage(
        {articleRow(Id::create(), 1, wireArticle(QStringLiteral("Spring SALE"), true, m_now - 3 * Hour, m_now)),
         articleRow(Id::create(), 1, wireArticle(QStringLiteral("50% off"), true, m_now - 2 * Hour, m_now)),
         articleRow(Id::create(), 1, wireArticle(QStringLiteral("500 off"), true, m_now - Hour, m_now)),
         articleRow(Id::create(), 1, wireArticle(QStringLiteral("夏季新品"), false, 0, m_now))},
        QStringLiteral("1.-1."),
        1,
        false));
    QVERIFY(service.saveArticle(newArticle(QStringLiteral("Summer sale"))));
    ArticleQuery query;
    query.titleContains = QStringLiteral("sale");
    QCOMPARE(service.count(query).valueOr(-1), 2);
    QCOMPARE(titles(*service.list(query, 0, 10)),
             (QStringList{QStringLiteral("Spring SALE"), QStringLiteral("Summer sale")}));
    query.titleContains = QStringLiteral("0%");
    QCOMPARE(titles(*service.list(query, 0, 10)), QStringList{QStringLiteral("50% off")}); // % is not a wildcard
    query.titleContains = QStringLiteral("新品");
    QCOMPARE(titles(*service.list(query, 0, 10)), QStringList{QStringLiteral("夏季新品")});
    query.titleContains = QStringLiteral("nothing like this");
    QCOMPARE(service.count(query).valueOr(-1), 0);
}

void tst_ArticleService::filter_byState_followsTheClock()
{
    ArticleService service(*m_cache->store, *m_clock, Role::Owner);
    QVERIFY(m_cache->store->applyPullPage(
        {articleRow(Id::create(), 1, wireArticle(QStringLiteral("live"), true, m_now - Hour, m_now)),
         articleRow(Id::create(), 1, wireArticle(QStringLiteral("tomorrow"), true, m_now + 24 * Hour, m_now)),
         articleRow(Id::create(), 1, wireArticle(QStringLiteral("draft"), false, 0, m_now))},
        QStringLiteral("1.-1."),
        1,
        false));
    QJsonObject scheduled = newArticle(QStringLiteral("pending scheduled"), true);
    scheduled.insert(QStringLiteral("publishAtMs"), m_now + 2 * Hour);
    QVERIFY(service.saveArticle(scheduled));

    ArticleQuery query;
    query.state = ArticleQuery::StateFilter::Published;
    QCOMPARE(titles(*service.list(query, 0, 10)), QStringList{QStringLiteral("live")});
    query.state = ArticleQuery::StateFilter::Scheduled;
    QCOMPARE(titles(*service.list(query, 0, 10)),
             (QStringList{QStringLiteral("tomorrow"), QStringLiteral("pending scheduled")}));
    query.state = ArticleQuery::StateFilter::Draft;
    QCOMPARE(titles(*service.list(query, 0, 10)), QStringList{QStringLiteral("draft")});

    // Three hours on, the pending one is live; the next day's is still scheduled.
    m_clock->advanceMs(3 * Hour);
    query.state = ArticleQuery::StateFilter::Published;
    QCOMPARE(titles(*service.list(query, 0, 10)),
             (QStringList{QStringLiteral("pending scheduled"), QStringLiteral("live")}));
    query.state = ArticleQuery::StateFilter::Scheduled;
    QCOMPARE(service.count(query).valueOr(-1), 1);
}

void tst_ArticleService::sort_byPublishOrUpdateTime()
{
    ArticleService service(*m_cache->store, *m_clock, Role::Owner);
    QVERIFY(m_cache->store->applyPullPage(
        {articleRow(
             Id::create(), 1, wireArticle(QStringLiteral("old but edited"), true, m_now - 10 * Hour, m_now - Hour)),
         articleRow(Id::create(), 1, wireArticle(QStringLiteral("recent"), true, m_now - 2 * Hour, m_now - 2 * Hour)),
         articleRow(Id::create(), 1, wireArticle(QStringLiteral("draft"), false, 0, m_now - 3 * Hour))},
        QStringLiteral("1.-1."),
        1,
        false));
    ArticleQuery query;
    QCOMPARE(titles(*service.list(query, 0, 10)),
             (QStringList{QStringLiteral("recent"), QStringLiteral("old but edited"), QStringLiteral("draft")}));
    query.sort = ArticleQuery::Sort::UpdateTime;
    QCOMPARE(titles(*service.list(query, 0, 10)),
             (QStringList{QStringLiteral("old but edited"), QStringLiteral("recent"), QStringLiteral("draft")}));
}

void tst_ArticleService::edit_ofConfirmedArticle_replacesItInTheList()
{
    ArticleService service(*m_cache->store, *m_clock, Role::Owner);
    const QString id = Id::create();
    QVERIFY(m_cache->store->applyPullPage(
        {articleRow(id, 1, wireArticle(QStringLiteral("before"), true, m_now - Hour, m_now - Hour))},
        QStringLiteral("1.-1."),
        1,
        false));
    Article edited = **service.article(id);
    edited.title = QStringLiteral("after");
    edited.publishAtMs = 0; // "publish now" on a published article keeps its time
    QVERIFY(service.saveArticle(edited.saveArgs()));
    QCOMPARE(service.count({}).valueOr(-1), 1);
    const auto list = service.list({}, 0, 10);
    QCOMPARE(titles(*list), QStringList{QStringLiteral("after")});
    QVERIFY(list->at(0).pending);
    QVERIFY(list->at(0).confirmed);
    QCOMPARE(list->at(0).publishAtMs, m_now - Hour);
    QCOMPARE((*service.article(id))->viewCount, 7); // kept from the confirmed row
}

void tst_ArticleService::delete_enqueuesArticleDelete_andHidesIt()
{
    ArticleService service(*m_cache->store, *m_clock, Role::Clerk);
    const QString id = Id::create();
    QVERIFY(m_cache->store->applyPullPage(
        {articleRow(id, 1, wireArticle(QStringLiteral("gone"), false, 0, m_now))}, QStringLiteral("1.-1."), 1, false));
    QVERIFY(service.deleteArticle(id));
    const auto pending = m_cache->store->pendingOperations();
    QCOMPARE(pending->size(), 1);
    QCOMPARE(pending->constFirst().name, QStringLiteral("article.delete"));
    QCOMPARE(pending->constFirst().args, (QJsonObject{{QStringLiteral("id"), id}}));
    QCOMPARE(service.count({}).valueOr(-1), 0);
    QVERIFY(service.list({}, 0, 10)->isEmpty());
    QVERIFY(!*service.article(id));
    // Deleting it again: it is gone from the view already.
    QCOMPARE(service.deleteArticle(id).error().code, ErrorCode::NotFound);
    QCOMPARE(m_cache->store->pendingCount(), 1);
}

void tst_ArticleService::delete_unknownArticle_isNotFound()
{
    ArticleService service(*m_cache->store, *m_clock, Role::Owner);
    QCOMPARE(service.deleteArticle(Id::create()).error().code, ErrorCode::NotFound);
    QCOMPARE(service.deleteArticle(QStringLiteral("x")).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(service.setPublished(Id::create(), true).error().code, ErrorCode::NotFound);
    QCOMPARE(m_cache->store->pendingCount(), 0);
}

void tst_ArticleService::publishAndUnpublish_enqueueSaveWithTheWholeArticle()
{
    ArticleService service(*m_cache->store, *m_clock, Role::Owner);
    const QString id = Id::create();
    QVERIFY(m_cache->store->applyPullPage(
        {articleRow(id, 1, wireArticle(QStringLiteral("post"), false, 0, m_now))}, QStringLiteral("1.-1."), 1, false));
    QVERIFY(service.setPublished(id, true));
    auto pending = m_cache->store->pendingOperations();
    QCOMPARE(pending->size(), 1);
    QJsonObject args = pending->at(0).args;
    QCOMPARE(pending->at(0).name, QStringLiteral("article.save"));
    QCOMPARE(args.value(QStringLiteral("published")).toBool(), true);
    QCOMPARE(args.value(QStringLiteral("body")).toString(), QStringLiteral("<p>post</p>"));
    QCOMPARE(args.value(QStringLiteral("summary")).toString(), QStringLiteral("summary of post"));
    QCOMPARE(args.value(QStringLiteral("category")).toString(), QStringLiteral("news"));
    QVERIFY(!args.contains(QStringLiteral("viewCount"))); // not an argument of article.save
    ArticleQuery published;
    published.state = ArticleQuery::StateFilter::Published;
    m_clock->advanceMs(1000);
    QCOMPARE(service.count(published).valueOr(-1), 1);

    // Scheduled publish, then back to draft.
    QVERIFY(service.setPublished(id, true, m_now + 5 * Hour));
    QCOMPARE(m_cache->store->pendingOperations()->at(1).args.value(QStringLiteral("publishAtMs")).toInteger(),
             m_now + 5 * Hour);
    ArticleQuery scheduled;
    scheduled.state = ArticleQuery::StateFilter::Scheduled;
    QCOMPARE(service.count(scheduled).valueOr(-1), 1);
    QVERIFY(service.setPublished(id, false));
    args = m_cache->store->pendingOperations()->at(2).args;
    QCOMPARE(args.value(QStringLiteral("published")).toBool(), false);
    ArticleQuery drafts;
    drafts.state = ArticleQuery::StateFilter::Draft;
    QCOMPARE(service.count(drafts).valueOr(-1), 1);
    QCOMPARE(m_cache->store->pendingCount(), 3);
}

void tst_ArticleService::acknowledgedSave_staysUntilACompletedPullBringsIt()
{
    ArticleService service(*m_cache->store, *m_clock, Role::Owner);
    QString id;
    QVERIFY(service.saveArticle(newArticle(QStringLiteral("mine")), &id));
    QVERIFY(m_cache->store->applyPushResults({accepted(1)}, 1));
    auto list = service.list({}, 0, 10);
    QCOMPARE(titles(*list), QStringList{QStringLiteral("mine")});
    QVERIFY(!list->at(0).pending); // sent and accepted
    QVERIFY(m_cache->store->applyPullPage(
        {articleRow(id, 4, wireArticle(QStringLiteral("mine"), false, 0, m_now))}, QStringLiteral("4.-1."), 4, false));
    list = service.list({}, 0, 10);
    QCOMPARE(list->size(), 1);
    QVERIFY(list->at(0).confirmed);
    QVERIFY(m_cache->store->acknowledgedOperations()->isEmpty());
}

void tst_ArticleService::rejectedSave_isNotShown_andRetryQueuesItAgain()
{
    ArticleService service(*m_cache->store, *m_clock, Role::Owner);
    QString id;
    const auto mid = service.saveArticle(newArticle(QStringLiteral("refused once")), &id);
    QVERIFY(mid);
    QVERIFY(m_cache->store->applyPushResults(
        {sync::MutationResult{*mid, sync::MutationResult::Status::Rejected, QStringLiteral("not_found"), QString()}},
        *mid));
    QCOMPARE(service.count({}).valueOr(-1), 0); // the server said no: the view does not pretend otherwise
    QCOMPARE(service.retryRejected(*mid + 100).error().code, ErrorCode::NotFound);
    const auto again = service.retryRejected(*mid);
    QVERIFY(again);
    QVERIFY(*again > *mid);
    QCOMPARE(m_cache->store->rejectedCount(), 0);
    const auto pending = m_cache->store->pendingOperations();
    QCOMPARE(pending->size(), 1);
    QCOMPARE(pending->at(0).args.value(QStringLiteral("id")).toString(), id);
    QCOMPARE(service.count({}).valueOr(-1), 1);
}

void tst_ArticleService::paging_windowsAreDisjointAndComplete_withOverlay()
{
    ArticleService service(*m_cache->store, *m_clock, Role::Owner);
    QList<sync::SyncRow> rows;
    QStringList ids;
    for (int i = 0; i < 250; ++i) {
        ids << Id::create();
        rows << articleRow(
            ids.last(),
            1,
            wireArticle(QStringLiteral("a%1").arg(i, 3, 10, QLatin1Char('0')), true, m_now - i * 1000, m_now));
    }
    QVERIFY(m_cache->store->applyPullPage(rows, QStringLiteral("1.-1."), 1, false));
    // Overlay: one new (pending, newest), one edited, one deleted.
    QVERIFY(service.saveArticle(newArticle(QStringLiteral("new"), true)));
    Article edited = **service.article(ids.at(100));
    edited.title = QStringLiteral("edited");
    QVERIFY(service.saveArticle(edited.saveArgs()));
    QVERIFY(service.deleteArticle(ids.at(200)));

    QCOMPARE(service.count({}).valueOr(-1), 250);
    QSet<QString> seen;
    QStringList order;
    for (int offset = 0; offset < 260; offset += 37) {
        const auto window = service.list({}, offset, 37);
        QVERIFY(window);
        for (const Article& article : *window) {
            QVERIFY2(!seen.contains(article.id), qPrintable(article.title));
            seen.insert(article.id);
            order << article.title;
        }
    }
    QCOMPARE(seen.size(), 250);
    QVERIFY(!seen.contains(ids.at(200)));
    QCOMPARE(order.first(), QStringLiteral("new"));
    QCOMPARE(order.at(101), QStringLiteral("edited")); // its place by publish time, after "new"
    QCOMPARE(order.last(), QStringLiteral("a249"));

    // Where an article is, for the page to select and show it without reading the rows before it.
    QCOMPARE(service.position({}, ids.at(100)).valueOr(-2), 101);
    QCOMPARE(service.position({}, ids.at(249)).valueOr(-2), 249);
    QCOMPARE(service.position({}, ids.at(200)).valueOr(-2), -1); // being deleted
    QCOMPARE(service.position({}, Id::create()).valueOr(-2), -1);
    ArticleQuery onlyEdited;
    onlyEdited.titleContains = QStringLiteral("edited");
    QCOMPARE(service.position(onlyEdited, ids.at(100)).valueOr(-2), 0);
    QCOMPARE(service.position(onlyEdited, ids.at(101)).valueOr(-2), -1); // filtered out
    ArticleQuery byUpdate;
    byUpdate.sort = ArticleQuery::Sort::UpdateTime;
    const auto all = service.list(byUpdate, 0, 300);
    for (int row : {0, 1, 57, 249})
        QCOMPARE(service.position(byUpdate, all->at(row).id).valueOr(-2), row);
}

void tst_ArticleService::migration5_resetsTheCookieOfAnOlderCache()
{
    // Make the cache look like one written before articles: no article table, schema 4, a cookie past some rows.
    {
        const QSqlDatabase db = m_cache->database->database();
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("DROP TABLE article")));
        // ... and before the later migrations (6: orders, 7: reviews, 8: stats), which then run again.
        for (const char* table :
             {"\"order\"", "order_list", "order_settings", "review", "stats_day", "stats_product_day"})
            QVERIFY(q.exec(QStringLiteral("DROP TABLE %1").arg(QLatin1String(table))));
        QVERIFY(q.exec(QStringLiteral("DELETE FROM cache_migrations WHERE version >= 5")));
        QVERIFY(m_cache->store->setMetaValue(QStringLiteral("cookie"), QStringLiteral("9.4.x")));
    }
    m_cache->close();
    QVERIFY(m_cache->open());
    QCOMPARE(m_cache->store->schemaVersion().valueOr(-1), CacheStore::latestSchemaVersion());
    QCOMPARE(m_cache->store->cookie(), QString());
    ArticleService service(*m_cache->store, *m_clock, Role::Owner);
    QCOMPARE(service.count({}).valueOr(-1), 0);
}

void tst_ArticleService::largeShop_countAndDeepPage_stayFast()
{
    // 100,000 articles, as the product spec sizes a shop, pulled in pages of 1,000 as the sync client stores them.
    constexpr int Total = 100'000;
    QElapsedTimer timer;
    timer.start();
    const QString body = QStringLiteral("<p>") + QString(200, QChar(0x6587)) + QStringLiteral("</p>");
    for (int page = 0; page < Total / 1000; ++page) {
        QList<sync::SyncRow> rows;
        for (int i = 0; i < 1000; ++i) {
            const int n = page * 1000 + i;
            QJsonObject data = wireArticle(QStringLiteral("文章 %1").arg(n), n % 3 != 0, m_now - n * 1000, m_now - n);
            data.insert(QStringLiteral("body"), body);
            rows << articleRow(Id::create(), 1, data);
        }
        QVERIFY(m_cache->store->applyPullPage(rows, QStringLiteral("1.5.x"), 1, page + 1 < Total / 1000));
    }
    qInfo("stored %d articles in %lld ms", Total, timer.elapsed());

    ArticleService service(*m_cache->store, *m_clock, Role::Owner);
    QVERIFY(service.saveArticle(newArticle(QStringLiteral("文章 pending"))));
    ArticleQuery query;
    timer.restart();
    QCOMPARE(service.count(query).valueOr(-1), Total + 1);
    const qint64 countMs = timer.elapsed();
    timer.restart();
    const auto deep = service.list(query, 90'000, 100);
    const qint64 deepMs = timer.elapsed();
    QVERIFY(deep);
    QCOMPARE(deep->size(), 100);
    query.titleContains = QStringLiteral("99");
    query.state = ArticleQuery::StateFilter::Published;
    query.sort = ArticleQuery::Sort::UpdateTime;
    timer.restart();
    const int filtered = service.count(query).valueOr(-1);
    const auto firstPage = service.list(query, 0, 100);
    const qint64 filterMs = timer.elapsed();
    QVERIFY(filtered > 0);
    QVERIFY(firstPage && !firstPage->isEmpty());
    timer.restart();
    QCOMPARE(service.position({}, deep->at(50).id).valueOr(-1), 90'050);
    const qint64 positionMs = timer.elapsed();
    qInfo("position of row 90,050: %lld ms", positionMs);
    qInfo("count %lld ms, page at 90,000 %lld ms, title+state filter count+page %lld ms", countMs, deepMs, filterMs);

    // Every list query reads the covering indexes, never the table with its bodies.
    QSqlQuery plan(m_cache->database->database());
    QVERIFY(plan.exec(QStringLiteral("EXPLAIN QUERY PLAN SELECT id, title, category, published, publish_at_ms, "
                                     "updated_at_ms FROM article WHERE title LIKE '%9%' ORDER BY publish_at_ms DESC, "
                                     "id DESC LIMIT 100")));
    QStringList steps;
    while (plan.next())
        steps << plan.value(3).toString();
    qInfo("plan: %s", qPrintable(steps.join(QLatin1String(" | "))));
    QVERIFY2(steps.join(QLatin1Char(' ')).contains(QLatin1String("COVERING INDEX article_by_publish_time")),
             qPrintable(steps.join(QLatin1String(" | "))));
    // Generous bounds for a shared 2-core machine; the figures above are what to look at.
    QVERIFY(countMs < 3000);
    QVERIFY(deepMs < 3000);
    QVERIFY(filterMs < 5000);
}

QTEST_GUILESS_MAIN(tst_ArticleService)
#include "tst_articleservice.moc"
