// SMS in process, over a real server database (a temporary SQLite file, or a fresh PostgreSQL database): verification
// codes and their rate limits driven by a ManualClock (SmsVerification), the Aliyun provider against our fake Aliyun
// endpoint through the real OutboundHttp, order notices (SmsNotices) on a direct ChangeNotifier emit, and the SMS
// settings. The HTTP routes against a real server process are in tst_phonebinding.
#include "AliyunSmsProvider.h"
#include "ChangeNotifier.h"
#include "FakeAliyunSms.h"
#include "LogSmsProvider.h"
#include "OutboundHttp.h"
#include "ServerConfig.h"
#include "ServerFixture.h"
#include "ServerSchema.h"
#include "ShopRepository.h"
#include "SmsNotices.h"
#include "SmsVerification.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"
#include "xiaodian/PhoneNumber.h"
#include "xiaodian/db/Database.h"
#include "xiaodian/db/Migrator.h"
#include "xiaodian/db/Transaction.h"

#include <QSet>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <functional>
#include <latch>
#include <memory>
#include <optional>

using namespace xd;
using namespace xd::server;

namespace {

const QString kKeyId = QStringLiteral("LTAI5tTestKeyId");
const QString kSecret = QStringLiteral("test-secret-of-the-fake");
const QString kPhone = QStringLiteral("13800138000");
const QString kIp = QStringLiteral("203.0.113.7");

SmsSettings aliyunSettings(const QString& baseUrl, const QString& secret = kSecret, const QString& keyId = kKeyId)
{
    SmsSettings settings;
    settings.provider = SmsSettings::Provider::Aliyun;
    settings.baseUrl = baseUrl;
    settings.accessKeyId = keyId;
    settings.accessKeySecret = secret;
    settings.signName = QStringLiteral("小店");
    settings.verificationTemplate = QStringLiteral("SMS_100");
    settings.merchantNewOrderTemplate = QStringLiteral("SMS_200");
    settings.customerPaidTemplate = QStringLiteral("SMS_300");
    settings.customerShippedTemplate = QStringLiteral("SMS_400");
    return settings;
}

} // namespace

class tst_Sms : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void phoneNumbers_data();
    void phoneNumbers();
    void generateCode_isSixDigits_andVaries();

    void issue_storesOnlyAHash_andTheCodeIsSingleUse();
    void consume_fiveWrongTries_killTheCode_evenForTheRightOne();
    void consume_afterFiveMinutes_isExpired_justBeforeIsNot();
    void consume_anotherCustomerOrShop_findsNoCode();
    void consume_malformedCode_isRefused_andNotCounted();
    void issue_newCode_retiresTheOlderOne();
    void recordSend_failure_makesTheCodeUnusable();
    void issue_samePhoneWithinAMinute_isRateLimited_sayingWhenToRetry();
    void issue_eleventhCodeOfADay_isRateLimited_untilTheFirstLeavesTheWindow();
    void issue_perAddress_twentyAnHour_otherAddressesUnaffected();
    void issue_phoneLimit_countsAcrossShops();
    void concurrent_issuesForOnePhone_sendOnce_andACodeIsUsedOnce();

    void aliyun_send_isSignedAndDelivered();
    void aliyun_businessLimit_isRateLimited_otherCodesUnavailable();
    void aliyun_wrongSecretOrKey_isUnavailable_andNothingDelivered();
    void aliyun_interpret_data();
    void aliyun_interpret();
    void logProvider_answersLater_andSucceeds();

    void notices_pay_textMerchantAndVerifiedCustomer();
    void notices_ship_textsCarrierAndTrackingNumber();
    void notices_offOrUnverifiedOrOtherActions_sendNothing();
    void notices_placedCashOnDelivery_textsTheMerchant_onlineOrdersWaitForPay();

    void settings_aliyunWithoutKeys_refusesToStart();
    void settings_flagsAndConfigFile();

private:
    qint64 count(const QString& sql, const QVariantList& values = {}) const;
    SmsVerification::Subject subject(const QString& phone = kPhone) const;
    QString addCustomer(const QString& phone, bool verified);
    QString
    addOrder(const QString& customerId, qint64 paidFen, const QString& paymentMethod = QStringLiteral("wechat_pay"));
    void setNotices(bool merchant, const QString& merchantPhone, bool customerPaid, bool customerShipped);
    // Issues a code and records a successful send, as the route does.
    SmsVerification::Issued
    issueSent(const SmsVerification& codes, const SmsVerification::Subject& s, const QString& ip = kIp);

    QTemporaryDir m_dir;
    QString m_url;
    std::unique_ptr<db::Database> m_database;
    ManualClock m_clock{1'700'000'000'000LL};
    ChangeNotifier m_notifier;
    QString m_shopId;
    QString m_otherShopId;
    QString m_customerId;
    int m_orders = 0;
};

void tst_Sms::init()
{
    QVERIFY(m_dir.isValid());
    QString url = QStringLiteral("sqlite:") + m_dir.filePath(Id::create() + QStringLiteral(".db"));
    if (ServerFixture::isPostgres()) {
        QString error;
        url = createTestDatabase(QStringLiteral("xd_sms"), &error).toString();
        QVERIFY2(!url.isEmpty(), qPrintable(error));
    }
    m_url = url;
    auto settings = db::DatabaseSettings::fromUrl(url);
    QVERIFY(settings.ok());
    auto database = db::Database::open(*settings);
    QVERIFY(database.ok());
    m_database = std::make_unique<db::Database>(std::move(*database));
    QVERIFY(db::Migrator(serverMigrations()).migrate(*m_database, m_clock.nowMs()).ok());
    ShopRepository shops(*m_database, m_clock);
    auto tx = db::Transaction::begin(*m_database);
    QVERIFY(tx.ok());
    auto shop = shops.createShop(QStringLiteral("短信店"));
    auto other = shops.createShop(QStringLiteral("别店"));
    QVERIFY(shop.ok() && other.ok());
    QVERIFY(tx->commit().ok());
    m_shopId = shop->id;
    m_otherShopId = other->id;
    m_orders = 0;
    m_customerId = addCustomer({}, false);
    QVERIFY(!m_customerId.isEmpty());
}

void tst_Sms::cleanup()
{
    m_database.reset();
}

qint64 tst_Sms::count(const QString& sql, const QVariantList& values) const
{
    auto value = m_database->scalar(sql, values);
    return value ? value->toLongLong() : -1;
}

SmsVerification::Subject tst_Sms::subject(const QString& phone) const
{
    return SmsVerification::Subject{m_shopId, m_customerId, phone};
}

QString tst_Sms::addCustomer(const QString& phone, bool verified)
{
    const QString id = Id::create();
    auto inserted = m_database->exec(
        QStringLiteral("INSERT INTO customers (id, shop_id, openid, phone, phone_verified_at_ms, version, "
                       "created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, ?, 1, 1, 1)"),
        {id,
         m_shopId,
         QStringLiteral("openid-") + id,
         phone.isNull() ? QStringLiteral("") : phone,
         verified ? m_clock.nowMs() : 0});
    return inserted ? id : QString();
}

QString tst_Sms::addOrder(const QString& customerId, qint64 paidFen, const QString& paymentMethod)
{
    const QString id = Id::create();
    auto inserted = m_database->exec(
        QStringLiteral("INSERT INTO orders (id, shop_id, number, customer_id, client_request_id, state, fulfilment, "
                       "payment_method, goods_fen, payable_fen, paid_fen, carrier, tracking_no, placed_at_ms, version, "
                       "updated_at_ms) VALUES (?, ?, ?, ?, ?, 'shipped', 'delivery', ?, ?, ?, ?, "
                       "'顺丰速运', 'SF1234567890', 1, 1, 1)"),
        {id,
         m_shopId,
         QStringLiteral("261125%1").arg(++m_orders, 4, 10, QLatin1Char('0')),
         customerId,
         id,
         paymentMethod,
         paidFen,
         paidFen,
         paidFen});
    return inserted ? id : QString();
}

void tst_Sms::setNotices(bool merchant, const QString& merchantPhone, bool customerPaid, bool customerShipped)
{
    auto upserted = m_database->exec(
        QStringLiteral("INSERT INTO order_settings (shop_id, sms_merchant_new_order, merchant_phone, "
                       "sms_customer_paid, sms_customer_shipped, version, updated_at_ms) VALUES (?, ?, ?, ?, ?, 1, 1) "
                       "ON CONFLICT (shop_id) DO UPDATE SET sms_merchant_new_order = excluded.sms_merchant_new_order, "
                       "merchant_phone = excluded.merchant_phone, sms_customer_paid = excluded.sms_customer_paid, "
                       "sms_customer_shipped = excluded.sms_customer_shipped"),
        {m_shopId,
         merchant ? 1 : 0,
         merchantPhone.isNull() ? QStringLiteral("") : merchantPhone,
         customerPaid ? 1 : 0,
         customerShipped ? 1 : 0});
    QVERIFY2(upserted.ok(), upserted.ok() ? "" : qPrintable(upserted.error().toString()));
}

SmsVerification::Issued
tst_Sms::issueSent(const SmsVerification& codes, const SmsVerification::Subject& s, const QString& ip)
{
    auto issued = codes.issue(s, ip, QStringLiteral("log"), QStringLiteral("SMS_100"));
    if (!issued) {
        qWarning() << issued.error().toString();
        return {};
    }
    if (!codes.recordSend(*issued, SmsProvider::Sent{QStringLiteral("req")}))
        return {};
    return *issued;
}

void tst_Sms::phoneNumbers_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected"); // empty: refused
    QTest::newRow("bare") << QStringLiteral("13800138000") << QStringLiteral("13800138000");
    QTest::newRow("+86 with spaces and hyphens")
        << QStringLiteral("+86 138-0013-8000") << QStringLiteral("13800138000");
    QTest::newRow("0086") << QStringLiteral("008619912345678") << QStringLiteral("19912345678");
    QTest::newRow("86 without plus") << QStringLiteral("8615012345678") << QStringLiteral("15012345678");
    QTest::newRow("12 is not a mobile prefix") << QStringLiteral("12800138000") << QString();
    QTest::newRow("10 digits") << QStringLiteral("1380013800") << QString();
    QTest::newRow("12 digits") << QStringLiteral("138001380001") << QString();
    QTest::newRow("landline") << QStringLiteral("010-62345678") << QString();
    QTest::newRow("Hong Kong") << QStringLiteral("+852 91234567") << QString();
    QTest::newRow("letters") << QStringLiteral("1380013800a") << QString();
    QTest::newRow("full-width digits") << QStringLiteral("１３８００１３８０００") << QString();
    QTest::newRow("empty") << QString() << QString();
}

void tst_Sms::phoneNumbers()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const std::optional<QString> phone = normalizeMainlandMobile(input);
    QCOMPARE(phone.value_or(QString()), expected);
    QCOMPARE(maskPhone(QStringLiteral("13800138000")), QStringLiteral("138****8000"));
}

void tst_Sms::generateCode_isSixDigits_andVaries()
{
    QSet<QString> seen;
    bool leadingZero = false;
    for (int i = 0; i < 2000; ++i) {
        const QString code = SmsVerification::generateCode();
        QVERIFY2(QRegularExpression(QStringLiteral("^[0-9]{6}$")).match(code).hasMatch(), qPrintable(code));
        leadingZero = leadingZero || code.startsWith(QLatin1Char('0'));
        seen.insert(code);
    }
    QVERIFY(seen.size() > 1990); // 2000 draws from a million: a handful of repeats at most
    QVERIFY(leadingZero);        // about 200 of 2000 start with 0: the padding works
}

void tst_Sms::issue_storesOnlyAHash_andTheCodeIsSingleUse()
{
    const SmsVerification codes(*m_database, m_clock);
    auto issued = codes.issue(subject(), kIp, QStringLiteral("log"), QStringLiteral("SMS_100"));
    QVERIFY(issued.ok());
    QCOMPARE(issued->expiresAtMs, m_clock.nowMs() + 5 * 60'000);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sms_codes WHERE state = 'pending'")), 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sms_codes WHERE code_sha256 LIKE ?"),
                   {QStringLiteral("%") + issued->code + QStringLiteral("%")}),
             0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sms_sends WHERE kind = 'verification_code' AND phone = ? AND "
                                  "client_ip = ? AND outcome = 'pending' AND shop_id = ?"),
                   {kPhone, kIp, m_shopId}),
             1);
    QVERIFY(codes.recordSend(*issued, SmsProvider::Sent{QStringLiteral("req-1")}).ok());
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sms_sends WHERE outcome = 'sent' AND provider_request_id = "
                                  "'req-1' AND finished_at_ms = ?"),
                   {m_clock.nowMs()}),
             1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sms_codes WHERE state = 'sent'")), 1);

    QVERIFY(codes.consume(subject(), issued->code).ok());
    const Status again = codes.consume(subject(), issued->code);
    QVERIFY(!again.ok());
    QCOMPARE(again.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(again.error().message.contains(QStringLiteral("already used")), qPrintable(again.error().message));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sms_codes WHERE state = 'used' AND used_at_ms = ?"),
                   {m_clock.nowMs()}),
             1);
}

void tst_Sms::consume_fiveWrongTries_killTheCode_evenForTheRightOne()
{
    const SmsVerification codes(*m_database, m_clock);
    const SmsVerification::Issued issued = issueSent(codes, subject());
    QVERIFY(!issued.code.isEmpty());
    const QString wrong = issued.code == QLatin1String("000000") ? QStringLiteral("111111") : QStringLiteral("000000");
    for (int i = 1; i <= 4; ++i) {
        const Status refused = codes.consume(subject(), wrong);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(refused.error().message.contains(QStringLiteral("%1 tries left").arg(5 - i)),
                 qPrintable(refused.error().message));
    }
    const Status fifth = codes.consume(subject(), wrong);
    QVERIFY(!fifth.ok());
    QCOMPARE(fifth.error().code, ErrorCode::RateLimited);
    const Status right = codes.consume(subject(), issued.code);
    QVERIFY(!right.ok());
    QCOMPARE(right.error().code, ErrorCode::RateLimited);
    QCOMPARE(count(QStringLiteral("SELECT attempts FROM sms_codes WHERE id = ?"), {issued.codeId}), 5);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sms_codes WHERE state = 'dead'")), 1);

    // The fifth try may be the right one.
    m_clock.advanceMs(61'000);
    const SmsVerification::Issued next = issueSent(codes, subject());
    QVERIFY(!next.code.isEmpty());
    const QString wrongNext =
        next.code == QLatin1String("000000") ? QStringLiteral("111111") : QStringLiteral("000000");
    for (int i = 0; i < 4; ++i)
        QVERIFY(!codes.consume(subject(), wrongNext).ok());
    QVERIFY(codes.consume(subject(), next.code).ok());
}

void tst_Sms::consume_afterFiveMinutes_isExpired_justBeforeIsNot()
{
    const SmsVerification codes(*m_database, m_clock);
    SmsVerification::Issued issued = issueSent(codes, subject());
    QVERIFY(!issued.code.isEmpty());
    m_clock.advanceMs(5 * 60'000);
    const Status expired = codes.consume(subject(), issued.code);
    QVERIFY(!expired.ok());
    QCOMPARE(expired.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(expired.error().message.contains(QStringLiteral("expired")), qPrintable(expired.error().message));
    QCOMPARE(count(QStringLiteral("SELECT attempts FROM sms_codes WHERE id = ?"), {issued.codeId}), 0);

    issued = issueSent(codes, subject());
    m_clock.advanceMs(5 * 60'000 - 1);
    QVERIFY(codes.consume(subject(), issued.code).ok());
}

void tst_Sms::consume_anotherCustomerOrShop_findsNoCode()
{
    const SmsVerification codes(*m_database, m_clock);
    const SmsVerification::Issued issued = issueSent(codes, subject());
    QVERIFY(!issued.code.isEmpty());
    const QString other = addCustomer({}, false);
    for (const SmsVerification::Subject& s :
         {SmsVerification::Subject{m_shopId, other, kPhone},
          SmsVerification::Subject{m_otherShopId, m_customerId, kPhone},
          SmsVerification::Subject{m_shopId, m_customerId, QStringLiteral("13900139000")}}) {
        const Status refused = codes.consume(s, issued.code);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(refused.error().message.contains(QStringLiteral("no code")), qPrintable(refused.error().message));
    }
    QCOMPARE(count(QStringLiteral("SELECT attempts FROM sms_codes WHERE id = ?"), {issued.codeId}), 0);
    QVERIFY(codes.consume(subject(), issued.code).ok()); // still good for its own subject
}

void tst_Sms::consume_malformedCode_isRefused_andNotCounted()
{
    const SmsVerification codes(*m_database, m_clock);
    const SmsVerification::Issued issued = issueSent(codes, subject());
    QVERIFY(!issued.code.isEmpty());
    for (const QString& bad : {QString(),
                               QStringLiteral("12345"),
                               QStringLiteral("1234567"),
                               QStringLiteral("12345a"),
                               QStringLiteral("' OR 1=1 --")}) {
        const Status refused = codes.consume(subject(), bad);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
    }
    QCOMPARE(count(QStringLiteral("SELECT attempts FROM sms_codes WHERE id = ?"), {issued.codeId}), 0);
}

void tst_Sms::issue_newCode_retiresTheOlderOne()
{
    const SmsVerification codes(*m_database, m_clock);
    const SmsVerification::Issued first = issueSent(codes, subject());
    m_clock.advanceMs(61'000);
    const SmsVerification::Issued second = issueSent(codes, subject());
    QVERIFY(!first.code.isEmpty() && !second.code.isEmpty());
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sms_codes WHERE id = ? AND state = 'dead'"), {first.codeId}),
             1);
    if (first.code != second.code) // one in a million they are equal
        QVERIFY(!codes.consume(subject(), first.code).ok());
    QVERIFY(codes.consume(subject(), second.code).ok());
}

void tst_Sms::recordSend_failure_makesTheCodeUnusable()
{
    const SmsVerification codes(*m_database, m_clock);
    auto issued = codes.issue(subject(), kIp, QStringLiteral("aliyun"), QStringLiteral("SMS_100"));
    QVERIFY(issued.ok());
    QVERIFY(
        codes.recordSend(*issued, makeError(ErrorCode::Unavailable, QStringLiteral("the SMS provider refused: isv.X")))
            .ok());
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sms_sends WHERE outcome = 'failed' AND error LIKE '%isv.X%'")),
             1);
    const Status refused = codes.consume(subject(), issued->code);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(refused.error().message.contains(QStringLiteral("not delivered")), qPrintable(refused.error().message));
    // A failed send still counts against the limits: the provider was asked.
    m_clock.advanceMs(1000);
    QCOMPARE(codes.issue(subject(), kIp, QStringLiteral("aliyun"), {}).error().code, ErrorCode::RateLimited);
}

void tst_Sms::issue_samePhoneWithinAMinute_isRateLimited_sayingWhenToRetry()
{
    const SmsVerification codes(*m_database, m_clock);
    QVERIFY(!issueSent(codes, subject()).code.isEmpty());
    m_clock.advanceMs(30'000);
    qint64 retryAfterMs = 0;
    auto refused = codes.issue(subject(), kIp, QStringLiteral("log"), {}, &retryAfterMs);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::RateLimited);
    QCOMPARE(retryAfterMs, 30'000);
    QVERIFY2(refused.error().message.contains(QStringLiteral("try again in 30 s")),
             qPrintable(refused.error().message));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sms_sends")), 1); // a refusal writes nothing
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sms_codes")), 1);
    m_clock.advanceMs(29'999);
    QVERIFY(!codes.issue(subject(), kIp, QStringLiteral("log"), {}).ok());
    m_clock.advanceMs(1);
    QVERIFY(codes.issue(subject(), kIp, QStringLiteral("log"), {}).ok());
}

void tst_Sms::issue_eleventhCodeOfADay_isRateLimited_untilTheFirstLeavesTheWindow()
{
    const SmsVerification codes(*m_database, m_clock);
    const qint64 firstAt = m_clock.nowMs();
    for (int i = 0; i < 10; ++i) {
        auto issued = codes.issue(subject(), QStringLiteral("198.51.100.%1").arg(i), QStringLiteral("log"), {});
        QVERIFY2(issued.ok(), qPrintable(QString::number(i)));
        m_clock.advanceMs(10 * 60'000);
    }
    qint64 retryAfterMs = 0;
    auto refused = codes.issue(subject(), kIp, QStringLiteral("log"), {}, &retryAfterMs);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::RateLimited);
    QVERIFY2(refused.error().message.contains(QStringLiteral("10 codes in 24 hours")),
             qPrintable(refused.error().message));
    QCOMPARE(m_clock.nowMs() + retryAfterMs, firstAt + 24 * 3600'000LL);
    m_clock.setNowMs(firstAt + 24 * 3600'000LL - 1);
    QCOMPARE(codes.issue(subject(), kIp, QStringLiteral("log"), {}).error().code, ErrorCode::RateLimited);
    m_clock.advanceMs(1);
    QVERIFY(codes.issue(subject(), kIp, QStringLiteral("log"), {}).ok());
}

void tst_Sms::issue_perAddress_twentyAnHour_otherAddressesUnaffected()
{
    const SmsVerification codes(*m_database, m_clock);
    const qint64 firstAt = m_clock.nowMs();
    for (int i = 0; i < 20; ++i) {
        QVERIFY(codes
                    .issue(subject(QStringLiteral("1390000%1").arg(i, 4, 10, QLatin1Char('0'))),
                           kIp,
                           QStringLiteral("log"),
                           {})
                    .ok());
        m_clock.advanceMs(1000);
    }
    qint64 retryAfterMs = 0;
    auto refused = codes.issue(subject(QStringLiteral("13700000000")), kIp, QStringLiteral("log"), {}, &retryAfterMs);
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::RateLimited);
    QVERIFY2(refused.error().message.contains(QStringLiteral("your network")), qPrintable(refused.error().message));
    QCOMPARE(m_clock.nowMs() + retryAfterMs, firstAt + 3600'000LL);
    QVERIFY(
        codes.issue(subject(QStringLiteral("13700000000")), QStringLiteral("203.0.113.8"), QStringLiteral("log"), {})
            .ok());
    m_clock.setNowMs(firstAt + 3600'000LL);
    QVERIFY(codes.issue(subject(QStringLiteral("13700000001")), kIp, QStringLiteral("log"), {}).ok());
}

void tst_Sms::issue_phoneLimit_countsAcrossShops()
{
    const SmsVerification codes(*m_database, m_clock);
    QVERIFY(codes.issue(subject(), kIp, QStringLiteral("log"), {}).ok());
    m_clock.advanceMs(5000);
    auto refused = codes.issue(SmsVerification::Subject{m_otherShopId, Id::create(), kPhone},
                               QStringLiteral("203.0.113.9"),
                               QStringLiteral("log"),
                               {});
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::RateLimited);
}

// Several servers (here: threads with connections of their own) asking at the same moment: the limit holds, and a
// code binds once.
void tst_Sms::concurrent_issuesForOnePhone_sendOnce_andACodeIsUsedOnce()
{
    constexpr int Workers = 8;
    const auto runAll = [&](const std::function<int(const db::Database&)>& work) {
        QList<int> outcomes(Workers, -2);
        std::latch start(Workers);
        QList<QThread*> threads;
        for (int i = 0; i < Workers; ++i) {
            threads << QThread::create([&, i] {
                auto settings = db::DatabaseSettings::fromUrl(m_url);
                auto database = db::Database::open(*settings, QStringLiteral("worker%1").arg(i));
                start.arrive_and_wait();
                outcomes[i] = database ? work(*database) : -3;
            });
            threads.last()->start();
        }
        for (QThread* thread : std::as_const(threads)) {
            thread->wait();
            delete thread;
        }
        return outcomes;
    };
    // -1: ok, else the ErrorCode.
    const auto code = [](const Status& status) {
        return status.ok() ? -1 : int(status.error().code);
    };

    QList<int> issued = runAll([&](const db::Database& database) {
        const SmsVerification codes(database, m_clock);
        auto result = codes.issue(subject(), kIp, QStringLiteral("log"), {});
        return result.ok() ? -1 : int(result.error().code);
    });
    QCOMPARE(issued.count(-1), 1);
    QCOMPARE(issued.count(int(ErrorCode::RateLimited)), Workers - 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sms_sends")), 1);

    m_clock.advanceMs(61'000);
    const SmsVerification codes(*m_database, m_clock);
    const SmsVerification::Issued sent = issueSent(codes, subject());
    QVERIFY(!sent.code.isEmpty());
    QList<int> used = runAll([&](const db::Database& database) {
        const SmsVerification mine(database, m_clock);
        auto tx = db::Transaction::begin(database);
        if (!tx)
            return int(tx.error().code);
        const Status consumed = mine.consume(subject(), sent.code);
        const Status committed = tx->commit();
        return committed.ok() ? code(consumed) : int(committed.error().code);
    });
    QCOMPARE(used.count(-1), 1);
    QCOMPARE(used.count(int(ErrorCode::InvalidArgument)), Workers - 1);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sms_codes WHERE state = 'used'")), 1);
}

void tst_Sms::aliyun_send_isSignedAndDelivered()
{
    FakeAliyunSms fake(kKeyId, kSecret);
    QVERIFY(fake.start());
    OutboundHttp http;
    SystemClock clock; // the fake checks the timestamp against its own clock
    AliyunSmsProvider provider(http, clock, aliyunSettings(fake.baseUrl()));
    std::optional<Result<SmsProvider::Sent>> answer;
    provider.send(kPhone,
                  QStringLiteral("SMS_100"),
                  {{QStringLiteral("code"), QStringLiteral("012345")}},
                  [&](Result<SmsProvider::Sent> r) { answer = std::move(r); });
    QVERIFY(!answer); // never from inside send()
    QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), 10000);
    QVERIFY2(answer->ok(), qPrintable(answer->ok() ? QString() : answer->error().toString()));
    QCOMPARE(fake.messages().size(), 1);
    const FakeAliyunSms::Message message = fake.messages().constFirst();
    QCOMPARE((*answer)->requestId, message.requestId);
    QCOMPARE(message.phone, kPhone);
    QCOMPARE(message.signName, QStringLiteral("小店"));
    QCOMPARE(message.templateCode, QStringLiteral("SMS_100"));
    QCOMPARE(fake.lastCodeTo(kPhone), QStringLiteral("012345"));
    QVERIFY(fake.rejections().isEmpty());
}

void tst_Sms::aliyun_businessLimit_isRateLimited_otherCodesUnavailable()
{
    FakeAliyunSms fake(kKeyId, kSecret);
    QVERIFY(fake.start());
    OutboundHttp http;
    SystemClock clock;
    AliyunSmsProvider provider(http, clock, aliyunSettings(fake.baseUrl()));
    fake.failNext(QStringLiteral("isv.BUSINESS_LIMIT_CONTROL"));
    fake.failNext(QStringLiteral("isv.AMOUNT_NOT_ENOUGH"));
    QList<Result<SmsProvider::Sent>> answers;
    for (int i = 0; i < 3; ++i) {
        provider.send(kPhone,
                      QStringLiteral("SMS_100"),
                      {{QStringLiteral("code"), QStringLiteral("111111")}},
                      [&](Result<SmsProvider::Sent> r) { answers.append(std::move(r)); });
        QTRY_COMPARE_WITH_TIMEOUT(answers.size(), i + 1, 10000);
    }
    QCOMPARE(answers.at(0).error().code, ErrorCode::RateLimited);
    QVERIFY(answers.at(0).error().message.contains(QStringLiteral("isv.BUSINESS_LIMIT_CONTROL")));
    QCOMPARE(answers.at(1).error().code, ErrorCode::Unavailable);
    QVERIFY(answers.at(1).error().message.contains(QStringLiteral("isv.AMOUNT_NOT_ENOUGH")));
    QVERIFY(answers.at(2).ok());
    QCOMPARE(fake.messages().size(), 1);
}

void tst_Sms::aliyun_wrongSecretOrKey_isUnavailable_andNothingDelivered()
{
    FakeAliyunSms fake(kKeyId, kSecret);
    QVERIFY(fake.start());
    OutboundHttp http;
    SystemClock clock;
    AliyunSmsProvider wrongSecret(http, clock, aliyunSettings(fake.baseUrl(), QStringLiteral("not-the-secret")));
    AliyunSmsProvider wrongKey(http, clock, aliyunSettings(fake.baseUrl(), kSecret, QStringLiteral("LTAIother")));
    QList<Result<SmsProvider::Sent>> answers;
    wrongSecret.send(kPhone, QStringLiteral("SMS_100"), {}, [&](auto r) { answers.append(std::move(r)); });
    wrongKey.send(kPhone, QStringLiteral("SMS_100"), {}, [&](auto r) { answers.append(std::move(r)); });
    QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 2, 10000);
    for (const auto& answer : answers) {
        QVERIFY(!answer.ok());
        QCOMPARE(answer.error().code, ErrorCode::Unavailable);
        QVERIFY(!answer.error().message.contains(kSecret));
    }
    QStringList rejections = fake.rejections();
    rejections.sort();
    QCOMPARE(rejections,
             (QStringList{QStringLiteral("InvalidAccessKeyId.NotFound"), QStringLiteral("SignatureDoesNotMatch")}));
    QVERIFY(fake.messages().isEmpty());
}

void tst_Sms::aliyun_interpret_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("expected"); // -1: ok, else ErrorCode
    QTest::newRow("ok") << 200 << QByteArray(R"({"Code":"OK","Message":"OK","RequestId":"R","BizId":"B"})") << -1;
    QTest::newRow("ok code on an error status")
        << 500 << QByteArray(R"({"Code":"OK","RequestId":"R"})") << int(ErrorCode::Unavailable);
    QTest::newRow("flow control") << 200 << QByteArray(R"({"Code":"isv.BUSINESS_LIMIT_CONTROL","Message":"m"})")
                                  << int(ErrorCode::RateLimited);
    QTest::newRow("bad template") << 200 << QByteArray(R"({"Code":"isv.SMS_TEMPLATE_ILLEGAL"})")
                                  << int(ErrorCode::Unavailable);
    QTest::newRow("html from a proxy") << 502 << QByteArray("<html>Bad Gateway</html>") << int(ErrorCode::Unavailable);
    QTest::newRow("empty") << 200 << QByteArray() << int(ErrorCode::Unavailable);
    QTest::newRow("json array") << 200 << QByteArray("[1]") << int(ErrorCode::Unavailable);
}

void tst_Sms::aliyun_interpret()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(int, expected);
    const auto result = AliyunSmsProvider::interpret(status, body);
    if (expected < 0) {
        QVERIFY(result.ok());
        QCOMPARE(result->requestId, QStringLiteral("R"));
    } else {
        QVERIFY(!result.ok());
        QCOMPARE(int(result.error().code), expected);
    }
}

void tst_Sms::logProvider_answersLater_andSucceeds()
{
    LogSmsProvider provider;
    std::optional<Result<SmsProvider::Sent>> answer;
    QTest::ignoreMessage(QtInfoMsg, QRegularExpression(QStringLiteral("SMS_100 to 138\\*\\*\\*\\*8000 .*123456")));
    provider.send(kPhone,
                  QStringLiteral("SMS_100"),
                  {{QStringLiteral("code"), QStringLiteral("123456")}},
                  [&](Result<SmsProvider::Sent> r) { answer = std::move(r); });
    QVERIFY(!answer);
    QTRY_VERIFY(answer.has_value());
    QVERIFY(answer->ok());
    QVERIFY((*answer)->requestId.startsWith(QStringLiteral("log-")));
}

void tst_Sms::notices_pay_textMerchantAndVerifiedCustomer()
{
    FakeAliyunSms fake(kKeyId, kSecret);
    QVERIFY(fake.start());
    OutboundHttp http;
    SystemClock clock;
    AliyunSmsProvider provider(http, clock, aliyunSettings(fake.baseUrl()));
    SmsNotices notices(*m_database, m_clock, m_notifier, provider, aliyunSettings(fake.baseUrl()));
    setNotices(true, QStringLiteral("+86 139-0013-9000"), true, true);
    const QString customer = addCustomer(QStringLiteral("13700137000"), true);
    const QString order = addOrder(customer, 12'345);
    QVERIFY(!order.isEmpty());

    emit m_notifier.orderTransitioned(m_shopId, order, QStringLiteral("pay"));
    QVERIFY(fake.messages().isEmpty()); // queued: never inside the transition's call
    QTRY_COMPARE_WITH_TIMEOUT(fake.messages().size(), 2, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(count(QStringLiteral("SELECT COUNT(*) FROM sms_sends WHERE outcome = 'sent'")), 2, 10000);
    QHash<QString, FakeAliyunSms::Message> byTemplate;
    for (const FakeAliyunSms::Message& message : fake.messages())
        byTemplate.insert(message.templateCode, message);
    QCOMPARE(byTemplate.value(QStringLiteral("SMS_200")).phone, QStringLiteral("13900139000"));
    QCOMPARE(byTemplate.value(QStringLiteral("SMS_200")).params,
             (QJsonObject{{QStringLiteral("orderNo"), QStringLiteral("2611250001")},
                          {QStringLiteral("amount"), QStringLiteral("123.45")}}));
    QCOMPARE(byTemplate.value(QStringLiteral("SMS_300")).phone, QStringLiteral("13700137000"));
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sms_sends WHERE order_id = ? AND kind IN "
                                  "('merchant_new_order', 'customer_paid') AND client_ip = ''"),
                   {order}),
             2);
}

void tst_Sms::notices_ship_textsCarrierAndTrackingNumber()
{
    FakeAliyunSms fake(kKeyId, kSecret);
    QVERIFY(fake.start());
    OutboundHttp http;
    SystemClock clock;
    AliyunSmsProvider provider(http, clock, aliyunSettings(fake.baseUrl()));
    SmsNotices notices(*m_database, m_clock, m_notifier, provider, aliyunSettings(fake.baseUrl()));
    setNotices(true, QStringLiteral("13900139000"), true, true);
    const QString order = addOrder(addCustomer(QStringLiteral("13700137000"), true), 100);
    QCOMPARE(notices.handle(m_shopId, order, QStringLiteral("ship")), 1);
    QTRY_COMPARE_WITH_TIMEOUT(fake.messages().size(), 1, 10000);
    const FakeAliyunSms::Message message = fake.messages().constFirst();
    QCOMPARE(message.templateCode, QStringLiteral("SMS_400"));
    QCOMPARE(message.phone, QStringLiteral("13700137000"));
    QCOMPARE(message.params.value(QStringLiteral("carrier")).toString(), QStringLiteral("顺丰速运"));
    QCOMPARE(message.params.value(QStringLiteral("trackingNo")).toString(), QStringLiteral("SF1234567890"));

    // A failing gateway is logged and recorded; nothing else happens.
    fake.failNext(QStringLiteral("isv.BUSINESS_LIMIT_CONTROL"));
    QCOMPARE(notices.handle(m_shopId, order, QStringLiteral("ship")), 1);
    QTRY_COMPARE_WITH_TIMEOUT(
        count(QStringLiteral("SELECT COUNT(*) FROM sms_sends WHERE outcome = 'failed'")), 1, 10000);
}

void tst_Sms::notices_offOrUnverifiedOrOtherActions_sendNothing()
{
    LogSmsProvider provider;
    SmsNotices notices(
        *m_database, m_clock, m_notifier, provider, aliyunSettings(QStringLiteral("http://127.0.0.1:9/")));
    const QString verified = addOrder(addCustomer(QStringLiteral("13700137000"), true), 100);
    const QString unverified = addOrder(addCustomer(QStringLiteral("13600136000"), false), 100);
    // No settings row: the defaults, all off.
    QCOMPARE(notices.handle(m_shopId, verified, QStringLiteral("pay")), 0);
    setNotices(false, QStringLiteral("13900139000"), false, false);
    QCOMPARE(notices.handle(m_shopId, verified, QStringLiteral("pay")), 0);
    QCOMPARE(notices.handle(m_shopId, verified, QStringLiteral("ship")), 0);
    setNotices(false, {}, true, true);
    QCOMPARE(notices.handle(m_shopId, unverified, QStringLiteral("pay")), 0);
    QCOMPARE(notices.handle(m_shopId, unverified, QStringLiteral("ship")), 0);
    QCOMPARE(notices.handle(m_shopId, verified, QStringLiteral("accept")), 0);
    QCOMPARE(notices.handle(m_shopId, verified, QStringLiteral("refund")), 0);
    // Another shop's id with this order: nothing (never reveals or texts across shops).
    QCOMPARE(notices.handle(m_otherShopId, verified, QStringLiteral("pay")), 0);
    // Merchant notice on, but the merchant phone is not a mobile number.
    setNotices(true, QStringLiteral("010-62345678"), false, false);
    QCOMPARE(notices.handle(m_shopId, verified, QStringLiteral("pay")), 0);
    // A notice whose template the operator did not configure is off.
    SmsSettings noTemplates = aliyunSettings(QStringLiteral("http://127.0.0.1:9/"));
    noTemplates.customerPaidTemplate.clear();
    SmsNotices partial(*m_database, m_clock, m_notifier, provider, noTemplates);
    setNotices(false, {}, true, false);
    QCOMPARE(partial.handle(m_shopId, verified, QStringLiteral("pay")), 0);
    QCOMPARE(count(QStringLiteral("SELECT COUNT(*) FROM sms_sends")), 0);
}

void tst_Sms::notices_placedCashOnDelivery_textsTheMerchant_onlineOrdersWaitForPay()
{
    FakeAliyunSms fake(kKeyId, kSecret);
    QVERIFY(fake.start());
    OutboundHttp http;
    SystemClock clock;
    AliyunSmsProvider provider(http, clock, aliyunSettings(fake.baseUrl()));
    SmsNotices notices(*m_database, m_clock, m_notifier, provider, aliyunSettings(fake.baseUrl()));
    setNotices(true, QStringLiteral("13900139000"), true, true);
    const QString customer = addCustomer(QStringLiteral("13700137000"), true);
    QCOMPARE(notices.handle(m_shopId, addOrder(customer, 0, QStringLiteral("wechat_pay")), QStringLiteral("place")), 0);
    const QString cod = addOrder(customer, 0, QStringLiteral("cash_on_delivery"));
    QVERIFY(!cod.isEmpty());
    QVERIFY(m_database->exec(QStringLiteral("UPDATE orders SET payable_fen = 8800 WHERE id = ?"), {cod}).ok());
    QCOMPARE(notices.handle(m_shopId, cod, QStringLiteral("place")), 1); // the merchant only
    QTRY_COMPARE_WITH_TIMEOUT(fake.messages().size(), 1, 10000);
    QCOMPARE(fake.messages().constFirst().phone, QStringLiteral("13900139000"));
    QCOMPARE(fake.messages().constFirst().templateCode, QStringLiteral("SMS_200"));
    QCOMPARE(fake.messages().constFirst().params.value(QStringLiteral("amount")).toString(), QStringLiteral("88.00"));
}

void tst_Sms::settings_aliyunWithoutKeys_refusesToStart()
{
    auto refused =
        parseCommandLine({QStringLiteral("syncserver"), QStringLiteral("--sms-provider"), QStringLiteral("aliyun")});
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::InvalidArgument);
    QVERIFY2(refused.error().message.contains(QStringLiteral("sms/access_key_id")),
             qPrintable(refused.error().message));
    QVERIFY(refused.error().message.contains(QStringLiteral("sms/access_key_secret")));
    auto badProvider =
        parseCommandLine({QStringLiteral("syncserver"), QStringLiteral("--sms-provider"), QStringLiteral("sendgrid")});
    QVERIFY(!badProvider.ok());
    auto badBase =
        parseCommandLine({QStringLiteral("syncserver"), QStringLiteral("--sms-base"), QStringLiteral("ftp://x")});
    QVERIFY(!badBase.ok());
    auto defaults = parseCommandLine({QStringLiteral("syncserver")});
    QVERIFY(defaults.ok());
    QCOMPARE(defaults->config.sms.provider, SmsSettings::Provider::Log);
    QCOMPARE(defaults->config.sms.baseUrl, QStringLiteral("https://dysmsapi.aliyuncs.com"));
    QVERIFY(defaults->helpText.contains(QStringLiteral("--sms-provider")));
    QVERIFY(defaults->helpText.contains(QStringLiteral("[sms]")));
}

void tst_Sms::settings_flagsAndConfigFile()
{
    const QString path = m_dir.filePath(QStringLiteral("sms.ini"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[sms]\nprovider = aliyun\naccess_key_id = KEYID\naccess_key_secret = SECRET\nsign_name = SIGN\n"
               "template_code = SMS_1\ntemplate_customer_shipped = SMS_4\n");
    file.close();
    auto parsed = parseCommandLine({QStringLiteral("syncserver"),
                                    QStringLiteral("--config"),
                                    path,
                                    QStringLiteral("--sms-base"),
                                    QStringLiteral("http://127.0.0.1:1234/")});
    QVERIFY2(parsed.ok(), parsed.ok() ? "" : qPrintable(parsed.error().toString()));
    const SmsSettings& sms = parsed->config.sms;
    QCOMPARE(sms.provider, SmsSettings::Provider::Aliyun);
    QCOMPARE(sms.accessKeyId, QStringLiteral("KEYID"));
    QCOMPARE(sms.accessKeySecret, QStringLiteral("SECRET"));
    QCOMPARE(sms.signName, QStringLiteral("SIGN"));
    QCOMPARE(sms.verificationTemplate, QStringLiteral("SMS_1"));
    QCOMPARE(sms.customerShippedTemplate, QStringLiteral("SMS_4"));
    QVERIFY(sms.customerPaidTemplate.isEmpty());
    QCOMPARE(sms.baseUrl, QStringLiteral("http://127.0.0.1:1234/"));

    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("[sms]\nprovider = log\naccess_token = x\n");
    file.close();
    auto unknown = parseCommandLine({QStringLiteral("syncserver"), QStringLiteral("--config"), path});
    QVERIFY(!unknown.ok());
    QVERIFY(unknown.error().message.contains(QStringLiteral("sms/access_token")));
}

int main(int argc, char* argv[])
{
    return serverTestMain<tst_Sms>(argc, argv);
}
#include "tst_sms.moc"
