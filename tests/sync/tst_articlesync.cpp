// Articles end to end: the desktop's ArticleService and SyncClient over real SQLCipher caches against a real syncserver
// process. Links the desktop core and no SQL driver of Qt's: the server runs as its own process.
#include "ArticleService.h"
#include "SyncFixture.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>

using namespace xd;

namespace {

// One desktop: its encrypted cache, its sync client and its article service.
struct Desktop : test::SyncedDesktop
{
    std::unique_ptr<ArticleService> articles;

    bool open(const QString& baseUrl, const QString& token, Role role)
    {
        if (!openSync(baseUrl, token))
            return false;
        articles = std::make_unique<ArticleService>(*cache.store, cache.clock, role);
        return true;
    }
};

} // namespace

class tst_ArticleSync : public QObject, private test::SyncServerFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void articleSavedOnOneDesktop_appearsOnTheOther_editsAndDeleteFollow();
    void scheduledArticle_staysScheduledOnBothDesktops();
    void rejectedArticleSave_isKeptWithTheServersReason();
};

void tst_ArticleSync::initTestCase()
{
    QString error;
    QVERIFY2(startServer(&error), qPrintable(error));
}

void tst_ArticleSync::cleanupTestCase()
{
    m_server->stop();
}

void tst_ArticleSync::articleSavedOnOneDesktop_appearsOnTheOther_editsAndDeleteFollow()
{
    Desktop first, second;
    QVERIFY(first.open(m_server->baseUrl(), m_token, Role::Owner));
    QVERIFY(second.open(m_server->baseUrl(), m_token, Role::Clerk));
    first.client->start();
    second.client->start();
    QVERIFY(first.waitSettled());
    QVERIFY(second.waitSettled());
    const int before = second.articles->count({}).valueOr(-1);

    QString id;
    QVERIFY(first.articles->saveArticle(QJsonObject{{QStringLiteral("title"), QStringLiteral("春季上新")},
                                                    {QStringLiteral("summary"), QStringLiteral("新品到店")},
                                                    {QStringLiteral("body"),
                                                     QStringLiteral("<h2>菜单</h2><p>红茶 <strong>18 元</strong></p>"
                                                                    "<ul><li>大杯</li></ul>")},
                                                    {QStringLiteral("category"), QStringLiteral("新闻")},
                                                    {QStringLiteral("cover"), QString()},
                                                    {QStringLiteral("published"), true}},
                                        &id));
    QVERIFY(first.waitSettled());
    QVERIFY(second.waitSettled(serverVersion()));

    QCOMPARE(second.articles->count({}).valueOr(-1), before + 1);
    auto seen = second.articles->article(id);
    QVERIFY(seen && *seen);
    QCOMPARE((*seen)->title, QStringLiteral("春季上新"));
    QCOMPARE((*seen)->category, QStringLiteral("新闻"));
    QCOMPARE((*seen)->body, QStringLiteral("<h2>菜单</h2><p>红茶 <strong>18 元</strong></p><ul><li>大杯</li></ul>"));
    QVERIFY((*seen)->confirmed);
    QVERIFY(!(*seen)->pending);
    QVERIFY((*seen)->published);
    const qint64 publishedAt = (*seen)->publishAtMs;
    QVERIFY(publishedAt > 0); // the server's "now"
    QVERIFY(qAbs(publishedAt - QDateTime::currentMSecsSinceEpoch()) < 60'000);
    ArticleQuery published;
    published.state = ArticleQuery::StateFilter::Published;
    QVERIFY(second.articles->position(published, id).valueOr(-1) >= 0);

    // The clerk edits it on the second desktop; the first sees the edit, and the publish time stays.
    Article edited = **seen;
    edited.title = QStringLiteral("春季上新（更新）");
    edited.publishAtMs = 0;
    QVERIFY(second.articles->saveArticle(edited.saveArgs()));
    QVERIFY(second.waitSettled());
    QVERIFY(first.waitSettled(serverVersion()));
    auto mine = first.articles->article(id);
    QVERIFY(mine && *mine);
    QCOMPARE((*mine)->title, QStringLiteral("春季上新（更新）"));
    QCOMPARE((*mine)->publishAtMs, publishedAt);

    // Unpublished, then deleted on the first: the second follows.
    QVERIFY(first.articles->setPublished(id, false));
    QVERIFY(first.waitSettled());
    QVERIFY(second.waitSettled(serverVersion()));
    QVERIFY(!(*second.articles->article(id))->published);
    QVERIFY(first.articles->deleteArticle(id));
    QVERIFY(first.waitSettled());
    QVERIFY(second.waitSettled(serverVersion()));
    QVERIFY(!*second.articles->article(id));
    QCOMPARE(second.articles->count({}).valueOr(-1), before);
}

void tst_ArticleSync::scheduledArticle_staysScheduledOnBothDesktops()
{
    Desktop first, second;
    QVERIFY(first.open(m_server->baseUrl(), m_token, Role::Owner));
    QVERIFY(second.open(m_server->baseUrl(), m_token, Role::Owner));
    first.client->start();
    second.client->start();
    QVERIFY(first.waitSettled());
    QVERIFY(second.waitSettled());
    const qint64 at = QDateTime::currentMSecsSinceEpoch() + 24 * 3'600'000LL;
    QString id;
    QVERIFY(first.articles->saveArticle(QJsonObject{{QStringLiteral("title"), QStringLiteral("明天见")},
                                                    {QStringLiteral("body"), QStringLiteral("<p>x</p>")},
                                                    {QStringLiteral("published"), true},
                                                    {QStringLiteral("publishAtMs"), at}},
                                        &id));
    QVERIFY(first.waitSettled());
    QVERIFY(second.waitSettled(serverVersion()));
    ArticleQuery scheduled;
    scheduled.state = ArticleQuery::StateFilter::Scheduled;
    QVERIFY(second.articles->position(scheduled, id).valueOr(-1) >= 0);
    QCOMPARE((*second.articles->article(id))->publishAtMs, at);
}

void tst_ArticleSync::rejectedArticleSave_isKeptWithTheServersReason()
{
    Desktop desktop;
    QVERIFY(desktop.open(m_server->baseUrl(), m_token, Role::Owner));
    desktop.client->start();
    QVERIFY(desktop.waitSettled());
    // An older or broken client could queue what the rules refuse; the server is the judge.
    QVERIFY(desktop.cache.store->enqueue(QStringLiteral("article.save"),
                                         {{QStringLiteral("id"), Id::create()},
                                          {QStringLiteral("title"), QString(101, QLatin1Char('t'))},
                                          {QStringLiteral("body"), QString()}}));
    QVERIFY(QTest::qWaitFor([&] { return desktop.cache.store->rejectedCount() == 1; }, 20000));
    const auto rejected = desktop.cache.store->rejectedOperations();
    QCOMPARE(rejected->at(0).rejectCode, QStringLiteral("invalid_argument"));
    // The optimistic view does not show what the server refused.
    ArticleQuery query;
    query.titleContains = QString(101, QLatin1Char('t'));
    QCOMPARE(desktop.articles->count(query).valueOr(-1), 0);
    // Retrying it unchanged is refused locally by the same rules, and the rejected entry stays for the user.
    QCOMPARE(desktop.articles->retryRejected(rejected->at(0).mid).error().code, ErrorCode::InvalidArgument);
    QCOMPARE(desktop.cache.store->rejectedCount(), 1);
}

QTEST_GUILESS_MAIN(tst_ArticleSync)
#include "tst_articlesync.moc"
