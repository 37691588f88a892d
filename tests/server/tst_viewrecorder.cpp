// ViewRecorder over a real server database (a temporary SQLite file, or a fresh PostgreSQL database): batching, the
// bound of its queue, article counters, visitor keys, PV/UV per shop-local day (stats_days) and their publishing.
// The HTTP side and the flush at SIGTERM are in tst_articles and tst_statsapi.
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

#include <QDateTime>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimeZone>
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
    void storedVisitorKey_isSaltedPerShopAndLocalDay_andSurvivesARestart();
    void counts_arePublishedOncePerInterval_withOneVersionForTheShop();
    void flush_countsPvAndUvPerShopLocalDay();
    void flush_dayBoundary_followsEachShopsTimeZone();

private:
    qint64 count(const QString& sql, const QVariantList& values = {}) const;
    qint64 dayFigure(const QString& column, const QString& shopId, int day) const;
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
    m_clock.setNowMs(1'700'000'000'000LL);
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

// One figure of a stats_days row; -1 when there is no row.
qint64 tst_ViewRecorder::dayFigure(const QString& column, const QString& shopId, int day) const
{
    return count(QStringLiteral("SELECT %1 FROM stats_days WHERE shop_id = ? AND day = ?").arg(column), {shopId, day});
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
    QVERIFY(hashed.startsWith(QLatin1String("a:"))); // in memory only: write() stores it salted (next test)
    QCOMPARE(hashed.size(), 2 + 64);
    QCOMPARE(recorder.visitorKey(request), hashed);
    request.headers.append(qMakePair(QByteArray("X-Visitor-Id"), QByteArray("abcdefgh1234")));
    QCOMPARE(recorder.visitorKey(request), QStringLiteral("v:abcdefgh1234"));
    QCOMPARE(recorder.visitorKey(request, QStringLiteral("given_in_body")), QStringLiteral("v:given_in_body"));
    // Not a plain token (too short, odd characters): hashed instead of stored as given.
    request.headers.last().second = "short";
    QCOMPARE(recorder.visitorKey(request), hashed);
    request.headers.last().second = "<script>alert(1)</script>";
    QCOMPARE(recorder.visitorKey(request), hashed);
    // Another address or another user agent: another visitor.
    request.remoteAddress = QHostAddress(QStringLiteral("192.168.7.10"));
    QVERIFY(recorder.visitorKey(request) != hashed);
    request.remoteAddress = QHostAddress(QStringLiteral("192.168.7.9"));
    request.headers.first().second = "WeChat/8.0";
    QVERIFY(recorder.visitorKey(request) != hashed);
    request.headers.first().second = "WeChat";
    // Behind the trusted proxy the client is X-Real-IP.
    request.remoteAddress = QHostAddress(QStringLiteral("10.0.0.1"));
    request.headers.append(qMakePair(QByteArray("X-Real-IP"), QByteArray("192.168.7.9")));
    QCOMPARE(recorder.visitorKey(request), hashed);
}

void tst_ViewRecorder::storedVisitorKey_isSaltedPerShopAndLocalDay_andSurvivesARestart()
{
    // 1'700'000'000'000 is 2023-11-15 06:13:20 in Asia/Shanghai (the shops' default zone).
    HttpRequest request;
    request.remoteAddress = QHostAddress(QStringLiteral("192.168.7.9"));
    request.headers.append(qMakePair(QByteArray("User-Agent"), QByteArray("WeChat")));
    const auto storedKeys = [this] {
        QStringList keys;
        auto q = m_database->exec(QStringLiteral("SELECT visitor_key FROM view_events ORDER BY at_ms, visitor_key"));
        while (q && q->next())
            keys << q->value(0).toString();
        return keys;
    };
    {
        ViewRecorder recorder(*m_database, m_clock, m_notifier, {}, ViewRecorder::Limits{60'000, 100'000, 100'000});
        const QString key = recorder.visitorKey(request);
        QVERIFY(recorder.record({m_shopId, ViewEvent::Kind::Page, QStringLiteral("p"), key, 0}));
        QVERIFY(recorder.record({m_shopId, ViewEvent::Kind::Page, QStringLiteral("p"), key, 0}));
        QVERIFY(recorder.record({m_otherShopId, ViewEvent::Kind::Page, QStringLiteral("p"), key, 0}));
        QVERIFY(recorder.flush().ok());
    }
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM server_secrets")), 1);
    QStringList keys = storedKeys();
    QCOMPARE(keys.size(), 3);
    for (const QString& key : std::as_const(keys)) {
        QVERIFY2(key.startsWith(QLatin1String("h:")) && key.size() == 2 + 24, qPrintable(key));
        QVERIFY(!key.contains(QLatin1String("192.168")));
    }
    QCOMPARE(count(QStringLiteral("SELECT COUNT(DISTINCT visitor_key) FROM view_events WHERE shop_id = ?"), {m_shopId}),
             1);
    // Another shop: another key for the same visitor, so the two shops' visitors cannot be joined.
    QVERIFY(count(QStringLiteral("SELECT COUNT(DISTINCT visitor_key) FROM view_events")) == 2);
    QCOMPARE(dayFigure(QStringLiteral("uv"), m_shopId, 20231115), 1);

    // A restart (or a second server on the same database): the salt is the stored one, so the same visitor on the
    // same local day is the same key and not a new visitor; a request an hour later is still that day.
    m_clock.advanceMs(3'600'000);
    {
        ViewRecorder restarted(*m_database, m_clock, m_notifier, {}, ViewRecorder::Limits{60'000, 100'000, 100'000});
        QVERIFY(
            restarted.record({m_shopId, ViewEvent::Kind::Page, QStringLiteral("p"), restarted.visitorKey(request), 0}));
        QVERIFY(restarted.flush().ok());
    }
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM server_secrets")), 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(DISTINCT visitor_key) FROM view_events WHERE shop_id = ?"), {m_shopId}),
             1);
    QCOMPARE(dayFigure(QStringLiteral("pv"), m_shopId, 20231115), 3);
    QCOMPARE(dayFigure(QStringLiteral("uv"), m_shopId, 20231115), 1);

    // The next local day: a new key (keys of two days cannot be joined) and a new visitor of that day.
    m_clock.advanceMs(86'400'000);
    {
        ViewRecorder recorder(*m_database, m_clock, m_notifier, {}, ViewRecorder::Limits{60'000, 100'000, 100'000});
        QVERIFY(
            recorder.record({m_shopId, ViewEvent::Kind::Page, QStringLiteral("p"), recorder.visitorKey(request), 0}));
        QVERIFY(recorder.flush().ok());
    }
    QCOMPARE(count(QStringLiteral("SELECT COUNT(DISTINCT visitor_key) FROM view_events WHERE shop_id = ?"), {m_shopId}),
             2);
    QCOMPARE(dayFigure(QStringLiteral("uv"), m_shopId, 20231116), 1);
    QCOMPARE(dayFigure(QStringLiteral("uv"), m_shopId, 20231115), 1);
}

void tst_ViewRecorder::counts_arePublishedOncePerInterval_withOneVersionForTheShop()
{
    const QString first = addArticle(m_shopId);
    const QString second = addArticle(m_shopId);
    const QString untouched = addArticle(m_shopId);
    const QString elsewhere = addArticle(m_otherShopId);
    const int today = 20231115; // 1'700'000'000'000 in Asia/Shanghai
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

    const auto dayVersion = [this](const QString& shopId, int day) {
        return dayFigure(QStringLiteral("version"), shopId, day);
    };

    // Within the interval: counted, not published. The day's new stats row starts at the shop's version then.
    view(m_shopId, first);
    QVERIFY(recorder.flush().ok());
    QCOMPARE(dayVersion(m_shopId, today), counter);
    m_clock.advanceMs(300'000);
    view(m_shopId, second);
    view(m_shopId, second);
    QVERIFY(recorder.flush().ok());
    QCOMPARE(counterOf(m_shopId), counter);
    QCOMPARE(dayVersion(m_shopId, today), counter);
    QCOMPARE(dayFigure(QStringLiteral("pv"), m_shopId, today), 3);
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
    QCOMPARE(dayVersion(m_shopId, today), counter + 1); // the PV/UV moved with the same version
    QCOMPARE(dayVersion(m_otherShopId, today), -1);

    // Page views alone (no article) publish their day too: the row keeps its version until due, then one new one.
    recorder.record({m_shopId, ViewEvent::Kind::Page, QStringLiteral("pages/index/index"), QStringLiteral("v:z"), 0});
    QVERIFY(recorder.flush().ok());
    QCOMPARE(dayVersion(m_shopId, today), counter + 1);
    m_clock.advanceMs(600'000);
    QVERIFY(recorder.flush().ok());
    QCOMPARE(counterOf(m_shopId), counter + 2);
    QCOMPARE(dayVersion(m_shopId, today), counter + 2);
    QCOMPARE(versionOf(first), counter + 1); // not viewed since: not stamped again
    QCOMPARE(pokes.count(), 2);

    // Nothing new: nothing published, however long it waits.
    m_clock.advanceMs(3'600'000);
    QVERIFY(recorder.flush().ok());
    QCOMPARE(counterOf(m_shopId), counter + 2);
    QCOMPARE(pokes.count(), 2);
}

void tst_ViewRecorder::flush_countsPvAndUvPerShopLocalDay()
{
    const int today = 20231115; // 1'700'000'000'000 in Asia/Shanghai
    ViewRecorder recorder(*m_database, m_clock, m_notifier, {}, ViewRecorder::Limits{60'000, 100'000, 100'000});
    const auto view = [&recorder](const QString& shopId, const QString& visitor, ViewEvent::Kind kind) {
        QVERIFY(recorder.record({shopId, kind, Id::create(), visitor, 0}));
    };
    // 450 visitors over several INSERTs' worth of rows, most of them twice within the batch.
    for (int i = 0; i < 450; ++i) {
        view(m_shopId, QStringLiteral("v:visitor%1").arg(i), ViewEvent::Kind::Product);
        if (i % 3 != 0)
            view(m_shopId, QStringLiteral("v:visitor%1").arg(i), ViewEvent::Kind::Page);
    }
    view(m_otherShopId, QStringLiteral("v:visitor1"), ViewEvent::Kind::Article); // an unknown article still counts
    QCOMPARE(dayFigure(QStringLiteral("pv"), m_shopId, today), -1);              // nothing written by record()
    QVERIFY(recorder.flush().ok());
    QCOMPARE(dayFigure(QStringLiteral("pv"), m_shopId, today), 450 + 300);
    QCOMPARE(dayFigure(QStringLiteral("uv"), m_shopId, today), 450);
    QCOMPARE(dayFigure(QStringLiteral("gross_fen"), m_shopId, today), 0);
    QCOMPARE(dayFigure(QStringLiteral("pv"), m_otherShopId, today), 1);
    QCOMPARE(dayFigure(QStringLiteral("uv"), m_otherShopId, today), 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM stats_day_visitors WHERE shop_id = ?"), {m_shopId}), 450);

    // A later flush of the same day: visitors seen before are not new; new ones are.
    view(m_shopId, QStringLiteral("v:visitor7"), ViewEvent::Kind::Page);
    view(m_shopId, QStringLiteral("v:newcomer"), ViewEvent::Kind::Page);
    view(m_shopId, QStringLiteral("v:newcomer"), ViewEvent::Kind::Page);
    QVERIFY(recorder.flush().ok());
    QCOMPARE(dayFigure(QStringLiteral("pv"), m_shopId, today), 753);
    QCOMPARE(dayFigure(QStringLiteral("uv"), m_shopId, today), 451);
    // The raw rows agree with the day's figures (what `stats rebuild` recomputes them from).
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM view_events WHERE shop_id = ?"), {m_shopId}), 753);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(DISTINCT visitor_key) FROM view_events WHERE shop_id = ?"), {m_shopId}),
             451);
    // Views never move a money figure.
    QCOMPARE(dayFigure(QStringLiteral("orders_placed"), m_shopId, today), 0);
}

void tst_ViewRecorder::flush_dayBoundary_followsEachShopsTimeZone()
{
    QVERIFY(m_database
                ->exec(QStringLiteral("UPDATE shops SET time_zone = 'America/New_York' WHERE id = ?"), {m_otherShopId})
                .ok());
    ViewRecorder recorder(*m_database, m_clock, m_notifier, {}, ViewRecorder::Limits{60'000, 100'000, 100'000});
    // 2023-11-15 23:59:59.999 and 2023-11-16 00:00:00 in Asia/Shanghai (UTC+8).
    const qint64 shanghaiMidnight =
        QDateTime(QDate(2023, 11, 16), QTime(0, 0), QTimeZone("Asia/Shanghai")).toMSecsSinceEpoch();
    QVERIFY(recorder.record(
        {m_shopId, ViewEvent::Kind::Page, QStringLiteral("p"), QStringLiteral("v:late1234"), shanghaiMidnight - 1}));
    QVERIFY(recorder.record(
        {m_shopId, ViewEvent::Kind::Page, QStringLiteral("p"), QStringLiteral("v:late1234"), shanghaiMidnight}));
    // The same instants are 10:59:59.999 and 11:00 on 2023-11-15 in New York: one day, one visitor.
    QVERIFY(recorder.record({m_otherShopId,
                             ViewEvent::Kind::Page,
                             QStringLiteral("p"),
                             QStringLiteral("v:late1234"),
                             shanghaiMidnight - 1}));
    QVERIFY(recorder.record(
        {m_otherShopId, ViewEvent::Kind::Page, QStringLiteral("p"), QStringLiteral("v:late1234"), shanghaiMidnight}));
    QVERIFY(recorder.flush().ok());
    QCOMPARE(dayFigure(QStringLiteral("pv"), m_shopId, 20231115), 1);
    QCOMPARE(dayFigure(QStringLiteral("uv"), m_shopId, 20231115), 1);
    QCOMPARE(dayFigure(QStringLiteral("pv"), m_shopId, 20231116), 1);
    QCOMPARE(dayFigure(QStringLiteral("uv"), m_shopId, 20231116), 1); // a visitor of each day
    QCOMPARE(dayFigure(QStringLiteral("pv"), m_otherShopId, 20231115), 2);
    QCOMPARE(dayFigure(QStringLiteral("uv"), m_otherShopId, 20231115), 1);
    QCOMPARE(dayFigure(QStringLiteral("pv"), m_otherShopId, 20231116), -1);

    // A changed time zone applies from the next flush on (no restart needed).
    QVERIFY(
        m_database->exec(QStringLiteral("UPDATE shops SET time_zone = 'Asia/Shanghai' WHERE id = ?"), {m_otherShopId})
            .ok());
    QVERIFY(recorder.record(
        {m_otherShopId, ViewEvent::Kind::Page, QStringLiteral("p"), QStringLiteral("v:late1234"), shanghaiMidnight}));
    QVERIFY(recorder.flush().ok());
    QCOMPARE(dayFigure(QStringLiteral("pv"), m_otherShopId, 20231116), 1);
}

int main(int argc, char* argv[])
{
    return serverTestMain<tst_ViewRecorder>(argc, argv);
}
#include "tst_viewrecorder.moc"
