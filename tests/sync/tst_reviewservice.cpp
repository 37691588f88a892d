#include "CacheDatabase.h"
#include "ReviewSeed.h"
#include "ReviewService.h"
#include "TestCache.h"
#include "xiaodian/ReviewRules.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

#include <algorithm>

using namespace xd;
using xd::test::TestCache;
using xd::test::WireReview;

namespace {

const qint64 Start = QDateTime(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();

QStringList ids(const QList<Review>& reviews)
{
    QStringList list;
    for (const Review& review : reviews)
        list << review.id;
    return list;
}

} // namespace

class tst_ReviewService : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void migration7_storesReviewsAndTombstones();
    void filters_matchBruteForce();
    void overlay_showsQueuedOperationsUntilThePullBringsThem();
    void reply_isCheckedBeforeQueueing();
    void setHidden_isTheOwners();

private:
    Status seed(const QList<WireReview>& reviews, qint64 version = 1);
    WireReview make(int rating, bool replied = false, bool hidden = false);
    int queued() const { return m_cache->store->pendingCount(); }

    std::unique_ptr<TestCache> m_cache;
    QList<WireReview> m_seeded;
    int m_next = 0;
};

void tst_ReviewService::init()
{
    m_cache = std::make_unique<TestCache>();
    QVERIFY(m_cache->open());
    m_seeded.clear();
    m_next = 0;
}

void tst_ReviewService::cleanup()
{
    m_cache.reset();
}

Status tst_ReviewService::seed(const QList<WireReview>& reviews, qint64 version)
{
    QList<sync::SyncRow> rows;
    for (const WireReview& review : reviews)
        rows.append(review.row(version));
    m_seeded += reviews;
    return m_cache->store->applyPullPage(rows, QStringLiteral("%1.0.x").arg(version), version, false);
}

WireReview tst_ReviewService::make(int rating, bool replied, bool hidden)
{
    WireReview review;
    ++m_next;
    review.rating = rating;
    review.text = QStringLiteral("评价 %1").arg(m_next);
    review.createdAtMs = Start + m_next * 60'000;
    review.reply = replied ? QStringLiteral("谢谢光临") : QString();
    review.hidden = hidden;
    return review;
}

void tst_ReviewService::migration7_storesReviewsAndTombstones()
{
    QCOMPARE(m_cache->store->schemaVersion().valueOr(-1), CacheStore::latestSchemaVersion());
    QVERIFY(CacheStore::latestSchemaVersion() >= 7);
    WireReview review = make(4, true);
    review.images = QStringList{Id::create(), Id::create()};
    QVERIFY(seed({review}));
    ReviewService service(*m_cache->store, Role::Owner);
    auto found = service.review(review.id);
    QVERIFY(found && *found);
    QCOMPARE((*found)->rating, 4);
    QCOMPARE((*found)->reply, QStringLiteral("谢谢光临"));
    QCOMPARE((*found)->images.size(), 2);
    QCOMPARE((*found)->customerNickname, QStringLiteral("小王"));
    QCOMPARE((*found)->productName, QStringLiteral("拿铁咖啡"));
    // A row without the optional fields still stores (zeros in the list columns).
    QVERIFY(
        m_cache->store->applyPullPage({sync::SyncRow{CacheStore::ReviewEntity, Id::create(), 2, false, QJsonObject{}}},
                                      QStringLiteral("2.0.x"),
                                      2,
                                      false));
    QCOMPARE(service.count({}).valueOr(-1), 2);
    // A tombstone removes the review.
    QSignalSpy changed(&service, &ReviewService::reviewsChanged);
    QVERIFY(m_cache->store->applyPullPage(
        {sync::SyncRow{CacheStore::ReviewEntity, review.id, 3, true, {}}}, QStringLiteral("3.0.x"), 3, false));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(service.count({}).valueOr(-1), 1);
    QVERIFY(!service.review(review.id).value());
}

void tst_ReviewService::filters_matchBruteForce()
{
    QRandomGenerator random(20261125);
    QList<WireReview> reviews;
    for (int i = 0; i < 300; ++i) {
        WireReview review = make(1 + random.bounded(5), random.bounded(2) == 1, random.bounded(4) == 0);
        if (i % 9 == 0)
            review.createdAtMs = Start; // ties on the sort key: by id, descending
        reviews.append(review);
    }
    QVERIFY(seed(reviews));
    ReviewService service(*m_cache->store, Role::Owner);
    int checked = 0;
    for (int rating = 0; rating <= 5; ++rating) {
        for (auto visibility :
             {ReviewQuery::Visibility::Any, ReviewQuery::Visibility::Shown, ReviewQuery::Visibility::Hidden}) {
            for (auto answer :
                 {ReviewQuery::Answer::Any, ReviewQuery::Answer::Replied, ReviewQuery::Answer::Unreplied}) {
                const ReviewQuery query{rating, visibility, answer};
                QList<WireReview> hits;
                for (const WireReview& r : std::as_const(m_seeded)) {
                    if (rating > 0 && r.rating != rating)
                        continue;
                    if (visibility != ReviewQuery::Visibility::Any &&
                        r.hidden != (visibility == ReviewQuery::Visibility::Hidden))
                        continue;
                    if (answer != ReviewQuery::Answer::Any &&
                        r.reply.isEmpty() == (answer == ReviewQuery::Answer::Replied))
                        continue;
                    hits.append(r);
                }
                std::sort(hits.begin(), hits.end(), [](const WireReview& a, const WireReview& b) {
                    return a.createdAtMs != b.createdAtMs ? a.createdAtMs > b.createdAtMs : a.id > b.id;
                });
                QStringList expected;
                for (const WireReview& r : std::as_const(hits))
                    expected << r.id;
                QCOMPARE(service.count(query).valueOr(-1), int(expected.size()));
                // Two pages make the whole list.
                const auto first = service.list(query, 0, 10);
                const auto rest = service.list(query, 10, 1000);
                QVERIFY(first && rest);
                QCOMPARE(ids(*first) + ids(*rest), expected);
                ++checked;
            }
        }
    }
    QCOMPARE(checked, 54);
}

void tst_ReviewService::overlay_showsQueuedOperationsUntilThePullBringsThem()
{
    WireReview plain = make(2);
    WireReview other = make(5, true);
    QVERIFY(seed({plain, other}));
    ReviewService service(*m_cache->store, Role::Owner);
    QSignalSpy changed(&service, &ReviewService::reviewsChanged);
    const ReviewQuery unreplied{0, ReviewQuery::Visibility::Any, ReviewQuery::Answer::Unreplied};
    const ReviewQuery hiddenOnly{0, ReviewQuery::Visibility::Hidden, ReviewQuery::Answer::Any};
    QCOMPARE(ids(service.list(unreplied, 0, 10).value()), QStringList{plain.id});

    const auto replyMid = service.reply(plain.id, QStringLiteral("  抱歉，已改进\r\n下次再来  "));
    QVERIFY(replyMid);
    const auto hideMid = service.setHidden(plain.id, true);
    QVERIFY(hideMid);
    QVERIFY(changed.count() >= 2);
    // Queued exactly as the contract says, the reply trimmed and its line break normalised by ReviewRules.
    const auto pending = m_cache->store->pendingOperations().value();
    QCOMPARE(pending.size(), 2);
    QCOMPARE(pending.at(0).name, QStringLiteral("review.reply"));
    QCOMPARE(pending.at(0).args,
             (QJsonObject{{QStringLiteral("reviewId"), plain.id},
                          {QStringLiteral("reply"), QStringLiteral("抱歉，已改进\n下次再来")}}));
    QCOMPARE(pending.at(1).args,
             (QJsonObject{{QStringLiteral("reviewId"), plain.id}, {QStringLiteral("hidden"), true}}));

    // The list shows the optimistic review at once, marked pending, and the filters judge it by its new state.
    QCOMPARE(service.count(unreplied).valueOr(-1), 0);
    QCOMPARE(ids(service.list(hiddenOnly, 0, 10).value()), QStringList{plain.id});
    const Review shown = service.review(plain.id).value().value();
    QVERIFY(shown.pending);
    QVERIFY(shown.hidden);
    QCOMPARE(shown.reply, QStringLiteral("抱歉，已改进\n下次再来"));
    QCOMPARE(service.count({}).valueOr(-1), 2);
    QCOMPARE(ids(service.list({}, 0, 10).value()), (QStringList{other.id, plain.id}));

    // Accepted: still shown (no longer pending) until a completed pull brings the server's row.
    QVERIFY(m_cache->store->applyPushResults(
        {sync::MutationResult{*replyMid, sync::MutationResult::Status::Accepted, {}, {}},
         sync::MutationResult{*hideMid, sync::MutationResult::Status::Accepted, {}, {}}},
        *hideMid));
    QCOMPARE(m_cache->store->pendingCount(), 0);
    const Review acked = service.review(plain.id).value().value();
    QVERIFY(!acked.pending);
    QVERIFY(acked.hidden);
    QCOMPARE(service.count(unreplied).valueOr(-1), 0);

    // The pull brings the server's answer; the overlay is gone and the confirmed row says the same.
    WireReview answered = plain;
    answered.reply = QStringLiteral("抱歉，已改进\n下次再来");
    answered.hidden = true;
    QVERIFY(seed({answered}, 2));
    QCOMPARE(m_cache->store->acknowledgedOperations().value().size(), 0);
    const Review confirmed = service.review(plain.id).value().value();
    QVERIFY(!confirmed.pending);
    QVERIFY(confirmed.hidden);
    QCOMPARE(ids(service.list(hiddenOnly, 0, 10).value()), QStringList{plain.id});

    // A rejected operation drops out of the view: the synced state shows again.
    const auto showMid = service.setHidden(plain.id, false);
    QVERIFY(showMid);
    QCOMPARE(service.count(hiddenOnly).valueOr(-1), 0);
    QVERIFY(m_cache->store->applyPushResults({sync::MutationResult{*showMid,
                                                                   sync::MutationResult::Status::Rejected,
                                                                   QStringLiteral("permission_denied"),
                                                                   QStringLiteral("no")}},
                                             *showMid));
    QCOMPARE(service.count(hiddenOnly).valueOr(-1), 1);
}

void tst_ReviewService::reply_isCheckedBeforeQueueing()
{
    WireReview review = make(1);
    QVERIFY(seed({review}));
    ReviewService clerk(*m_cache->store, Role::Clerk);
    QVERIFY(clerk.can(QStringLiteral("review.reply")));

    const auto empty = clerk.reply(review.id, QStringLiteral("   \n "));
    QVERIFY(!empty);
    QCOMPARE(empty.error().code, ErrorCode::InvalidArgument);
    const auto tooLong = clerk.reply(review.id, QString(ReviewRules::MaxReplyLength + 1, QChar(0x8C22)));
    QVERIFY(!tooLong);
    QCOMPARE(tooLong.error().code, ErrorCode::InvalidArgument);
    const auto control = clerk.reply(review.id, QStringLiteral("谢谢\x01"));
    QVERIFY(!control);
    QCOMPARE(control.error().code, ErrorCode::InvalidArgument);
    const auto unknown = clerk.reply(Id::create(), QStringLiteral("谢谢"));
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().code, ErrorCode::NotFound);
    const auto badId = clerk.reply(QStringLiteral("not-an-id"), QStringLiteral("谢谢"));
    QVERIFY(!badId);
    QCOMPARE(badId.error().code, ErrorCode::InvalidArgument);
    QCOMPARE(queued(), 0); // nothing reached the outbox
    QVERIFY(!clerk.review(review.id).value().value().pending);

    // The longest reply allowed (500 characters, counted as code points) is queued.
    QString longest;
    for (int i = 0; i < ReviewRules::MaxReplyLength; ++i)
        longest += QString::fromUcs4(U"😀", 1);
    QVERIFY(clerk.reply(review.id, longest));
    QCOMPARE(queued(), 1);
}

void tst_ReviewService::setHidden_isTheOwners()
{
    WireReview review = make(1);
    QVERIFY(seed({review}));
    ReviewService service(*m_cache->store, Role::Clerk);
    QVERIFY(!service.can(QStringLiteral("review.setHidden")));
    const auto refused = service.setHidden(review.id, true);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, ErrorCode::PermissionDenied);
    QCOMPARE(queued(), 0);
    QVERIFY(!service.review(review.id).value().value().hidden);

    service.setRole(Role::Owner);
    const auto unknown = service.setHidden(Id::create(), true);
    QVERIFY(!unknown);
    QCOMPARE(unknown.error().code, ErrorCode::NotFound);
    QCOMPARE(queued(), 0);
    QVERIFY(service.setHidden(review.id, true));
    QCOMPARE(queued(), 1);
    QVERIFY(service.review(review.id).value().value().hidden);
}

QTEST_GUILESS_MAIN(tst_ReviewService)
#include "tst_reviewservice.moc"
