// ViewRecorder over a real server database (a temporary SQLite file, or a fresh PostgreSQL database): batching, the
// bound of its queue, article counters, visitor keys. The HTTP side and the flush at SIGTERM are in tst_articles.
#include "ChangeNotifier.h"
#include "HttpTypes.h"
#include "ServerFixture.h"
#include "ServerSchema.h"
#include "ShopRepository.h"
#include "ViewRecorder.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"
#include "xiaodian/db/Database.h"
#include "xiaodian/db/Migrator.h"
#include "xiaodian/db/Transaction.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace xd;
using namespace xd::server;

class tst_ViewRecorder : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void flush_writesEveryQueuedEvent_andCountsArticleViewsOfThisShopOnly();
    void record_fullQueue_dropsAndCounts_neverBlocks();
    void record_fullBatch_isWrittenOnTheNextTurnOfTheEventLoop();
    void record_afterTheInterval_isWrittenByTheTimer();
    void visitorKey_usesTheGivenId_orAHashWithoutTheAddress();
    void counts_arePublishedOncePerInterval_withOneVersionForTheShop();

private:
    qint64 count(const QString& sql, const QVariantList& values = {}) const;
    QString addArticle(const QString& shopId);

    QTemporaryDir m_dir;
    std::unique_ptr<db::Database> m_database;
    ManualClock m_clock{1'700'000'000'000LL};
    ChangeNotifier m_notifier;
    QString m_shopId;
    QString m_otherShopId;
};

void tst_ViewRecorder::init()
{
    QVERIFY(m_dir.isValid());
    QString url = QStringLiteral("sqlite:") + m_dir.filePath(Id::create() + QStringLiteral(".db"));
    if (ServerFixture::isPostgres()) {
        QString error;
        url = createTestDatabase(QStringLiteral("xd_views"), &error).toString(); // dropped and made anew each time
        QVERIFY2(!url.isEmpty(), qPrintable(error));
    }
    auto settings = db::DatabaseSettings::fromUrl(url);
    QVERIFY(settings.ok());
    auto database = db::Database::open(*settings);
    QVERIFY(database.ok());
    m_database = std::make_unique<db::Database>(std::move(*database));
    QVERIFY(db::Migrator(serverMigrations()).migrate(*m_database, m_clock.nowMs()).ok());
    ShopRepository shops(*m_database, m_clock);
    auto tx = db::Transaction::begin(*m_database);
    QVERIFY(tx.ok());
    auto shop = shops.createShop(QStringLiteral("看店"));
    auto other = shops.createShop(QStringLiteral("别店"));
    QVERIFY(shop.ok() && other.ok());
    QVERIFY(tx->commit().ok());
    m_shopId = shop->id;
    m_otherShopId = other->id;
}

void tst_ViewRecorder::cleanup()
{
    m_database.reset();
}

qint64 tst_ViewRecorder::count(const QString& sql, const QVariantList& values) const
{
    auto value = m_database->scalar(sql, values);
    return value ? value->toLongLong() : -1;
}

QString tst_ViewRecorder::addArticle(const QString& shopId)
{
    const QString id = Id::create();
    auto inserted = m_database->exec(
        QStringLiteral("INSERT INTO articles (id, shop_id, title, published, publish_at_ms, version, created_at_ms, "
                       "updated_at_ms) VALUES (?, ?, 't', 1, 1, 1, 1, 1)"),
        {id, shopId});
    return inserted ? id : QString();
}

void tst_ViewRecorder::flush_writesEveryQueuedEvent_andCountsArticleViewsOfThisShopOnly()
{
    const QString article = addArticle(m_shopId);
    QVERIFY(!article.isEmpty());
    const qint64 counter = count(QStringLiteral("SELECT change_counter FROM shops WHERE id = ?"), {m_shopId});
    ViewRecorder recorder(*m_database, m_clock, m_notifier, {}, ViewRecorder::Limits{60'000, 100'000, 100'000});
    // 450 events: more than one INSERT's worth of rows.
    for (int i = 0; i < 300; ++i)
        QVERIFY(recorder.record({m_shopId, ViewEvent::Kind::Article, article, QStringLiteral("v:a"), 0}));
    for (int i = 0; i < 100; ++i)
        QVERIFY(recorder.record(
            {m_shopId, ViewEvent::Kind::Page, QStringLiteral("pages/index/index"), QStringLiteral("v:b"), 0}));
    // The same article id under another shop's name counts nothing (a forged or stale event).
    for (int i = 0; i < 50; ++i)
        QVERIFY(recorder.record({m_otherShopId, ViewEvent::Kind::Article, article, QStringLiteral("v:c"), 0}));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM view_events")), 0); // nothing written by record()
    QVERIFY(recorder.flush().ok());
    QCOMPARE(recorder.queued(), 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM view_events")), 450);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM view_events WHERE at_ms = ?"), {m_clock.nowMs()}), 450);
    QCOMPARE(count(QStringLiteral("SELECT view_count FROM articles WHERE id = ?"), {article}), 300);
    QCOMPARE(count(QStringLiteral("SELECT change_counter FROM shops WHERE id = ?"), {m_shopId}), counter);
    QVERIFY(recorder.flush().ok()); // nothing queued: nothing written
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM view_events")), 450);
}

void tst_ViewRecorder::record_fullQueue_dropsAndCounts_neverBlocks()
{
    ViewRecorder recorder(*m_database, m_clock, m_notifier, {}, ViewRecorder::Limits{60'000, 100'000, 3});
    for (int i = 0; i < 3; ++i)
        QVERIFY(recorder.record({m_shopId, ViewEvent::Kind::Page, QStringLiteral("p"), QStringLiteral("v:a"), 0}));
    QVERIFY(!recorder.record({m_shopId, ViewEvent::Kind::Page, QStringLiteral("p"), QStringLiteral("v:a"), 0}));
    QVERIFY(!recorder.record({m_shopId, ViewEvent::Kind::Page, QStringLiteral("p"), QStringLiteral("v:a"), 0}));
    QCOMPARE(recorder.dropped(), 2);
    QCOMPARE(recorder.queued(), 3);
    QTest::ignoreMessage(
        QtWarningMsg,
        QRegularExpression(QStringLiteral("^view queue full: dropped 2 view events \\(2 since start\\)$")));
    QVERIFY(recorder.flush().ok());
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM view_events")), 3);
    // Room again after the flush.
    QVERIFY(recorder.record({m_shopId, ViewEvent::Kind::Page, QStringLiteral("p"), QStringLiteral("v:a"), 0}));
}

void tst_ViewRecorder::record_fullBatch_isWrittenOnTheNextTurnOfTheEventLoop()
{
    ViewRecorder recorder(*m_database, m_clock, m_notifier, {}, ViewRecorder::Limits{60'000, 10, 1000});
    for (int i = 0; i < 10; ++i)
        recorder.record({m_shopId, ViewEvent::Kind::Page, QStringLiteral("p"), QStringLiteral("v:a"), 0});
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM view_events")), 0);
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM view_events")), 10, 2000);
}

void tst_ViewRecorder::record_afterTheInterval_isWrittenByTheTimer()
{
    ViewRecorder recorder(*m_database, m_clock, m_notifier, {}, ViewRecorder::Limits{200, 1000, 1000});
    recorder.record({m_shopId, ViewEvent::Kind::Product, Id::create(), QStringLiteral("v:a"), 0});
    QTest::qWait(50);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM view_events")), 0);
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM view_events")), 1, 3000);
    QCOMPARE(recorder.queued(), 0);
}

void tst_ViewRecorder::visitorKey_usesTheGivenId_orAHashWithoutTheAddress()
{
    ViewRecorder recorder(*m_database, m_clock, m_notifier, QHostAddress(QStringLiteral("10.0.0.1")), {});
    HttpRequest request;
    request.remoteAddress = QHostAddress(QStringLiteral("192.168.7.9"));
    request.headers.append(qMakePair(QByteArray("User-Agent"), QByteArray("WeChat")));
    const QString hashed = recorder.visitorKey(request);
    QVERIFY(hashed.startsWith(QLatin1String("h:")));
    QCOMPARE(hashed.size(), 2 + 24);
    QVERIFY(!hashed.contains(QLatin1String("192")));
    QCOMPARE(recorder.visitorKey(request), hashed); // stable within the day
    request.headers.append(qMakePair(QByteArray("X-Visitor-Id"), QByteArray("abcdefgh1234")));
    QCOMPARE(recorder.visitorKey(request), QStringLiteral("v:abcdefgh1234"));
    QCOMPARE(recorder.visitorKey(request, QStringLiteral("given_in_body")), QStringLiteral("v:given_in_body"));
    // Not a plain token (too short, odd characters): hashed instead of stored as given.
    request.headers.last().second = "short";
    QCOMPARE(recorder.visitorKey(request), hashed);
    request.headers.last().second = "<script>alert(1)</script>";
    QCOMPARE(recorder.visitorKey(request), hashed);
    // Another day: another key for the same visitor; another address: another key.
    m_clock.advanceMs(86'400'000);
    QVERIFY(recorder.visitorKey(request) != hashed);
    m_clock.advanceMs(-86'400'000);
    request.remoteAddress = QHostAddress(QStringLiteral("192.168.7.10"));
    QVERIFY(recorder.visitorKey(request) != hashed);
    // Behind the trusted proxy the client is X-Real-IP.
    request.remoteAddress = QHostAddress(QStringLiteral("10.0.0.1"));
    request.headers.append(qMakePair(QByteArray("X-Real-IP"), QByteArray("192.168.7.9")));
    QCOMPARE(recorder.visitorKey(request), hashed);
}

void tst_ViewRecorder::counts_arePublishedOncePerInterval_withOneVersionForTheShop()
{
    const QString first = addArticle(m_shopId);
    const QString second = addArticle(m_shopId);
    const QString untouched = addArticle(m_shopId);
    const QString elsewhere = addArticle(m_otherShopId);
    const auto counterOf = [this](const QString& shopId) {
        return count(QStringLiteral("SELECT change_counter FROM shops WHERE id = ?"), {shopId});
    };
    const auto versionOf = [this](const QString& id) {
        return count(QStringLiteral("SELECT version FROM articles WHERE id = ?"), {id});
    };
    const qint64 counter = counterOf(m_shopId);
    const qint64 otherCounter = counterOf(m_otherShopId);
    QSignalSpy pokes(&m_notifier, &ChangeNotifier::shopChanged);
    ViewRecorder recorder(
        *m_database, m_clock, m_notifier, {}, ViewRecorder::Limits{60'000, 100'000, 100'000, 600'000});
    const auto view = [&recorder](const QString& shopId, const QString& article) {
        recorder.record({shopId, ViewEvent::Kind::Article, article, QStringLiteral("v:a"), 0});
    };

    // Within the interval: counted, not published.
    view(m_shopId, first);
    QVERIFY(recorder.flush().ok());
    m_clock.advanceMs(300'000);
    view(m_shopId, second);
    view(m_shopId, second);
    QVERIFY(recorder.flush().ok());
    QCOMPARE(counterOf(m_shopId), counter);
    QCOMPARE(pokes.count(), 0);

    // Due (10 minutes after the first unpublished count): one version for both articles, one poke; no view needed.
    m_clock.advanceMs(300'000);
    QVERIFY(recorder.flush().ok());
    QCOMPARE(counterOf(m_shopId), counter + 1);
    QCOMPARE(versionOf(first), counter + 1);
    QCOMPARE(versionOf(second), counter + 1);
    QCOMPARE(versionOf(untouched), 1);
    QCOMPARE(count(QStringLiteral("SELECT view_count FROM articles WHERE id = ?"), {second}), 2);
    QCOMPARE(pokes.count(), 1);
    QCOMPARE(pokes.first().at(0).toString(), m_shopId);
    QCOMPARE(pokes.first().at(1).toLongLong(), counter + 1);
    QCOMPARE(counterOf(m_otherShopId), otherCounter);
    QCOMPARE(versionOf(elsewhere), 1);

    // Nothing new: nothing published, however long it waits.
    m_clock.advanceMs(3'600'000);
    QVERIFY(recorder.flush().ok());
    QCOMPARE(counterOf(m_shopId), counter + 1);
    QCOMPARE(pokes.count(), 1);
}

int main(int argc, char* argv[])
{
    return serverTestMain<tst_ViewRecorder>(argc, argv);
}
#include "tst_viewrecorder.moc"
