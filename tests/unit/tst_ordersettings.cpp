// The order settings' rules (xd::OrderSettingsRules), which the server judges with and the desktop's editor checks
// with while the merchant types.
#include "xiaodian/OrderSettings.h"

#include <QJsonArray>
#include <QTest>

using namespace xd;

class tst_OrderSettings : public QObject
{
    Q_OBJECT

private slots:
    void defaults_areValid_andMatchTheSchema();
    void apply_mergesOnlyTheFieldsGiven_andNormalises();
    void apply_refusesBrokenRules_data();
    void apply_refusesBrokenRules();
    void apply_boundsAreInclusive();
    void toJson_carriesEveryField();
};

void tst_OrderSettings::defaults_areValid_andMatchTheSchema()
{
    const OrderSettings defaults;
    QVERIFY(OrderSettingsRules::check(defaults).ok());
    QVERIFY(defaults.deliveryEnabled);
    QVERIFY(!defaults.pickupEnabled && !defaults.inStoreEnabled && !defaults.codEnabled);
    QCOMPARE(defaults.closeUnpaidMinutes, 30);
    QCOMPARE(defaults.autoCompleteDays, 7);
    QCOMPARE(defaults.afterSalesDays, 7);
    auto same = OrderSettingsRules::apply(defaults, {});
    QVERIFY(same.ok());
    QVERIFY(*same == defaults);
}

void tst_OrderSettings::apply_mergesOnlyTheFieldsGiven_andNormalises()
{
    OrderSettings current;
    current.deliveryFeeFen = 500;
    auto next = OrderSettingsRules::apply(current,
                                          {{QStringLiteral("inStoreEnabled"), true},
                                           {QStringLiteral("merchantPhone"), QStringLiteral(" +86 139-1234-5678 ")},
                                           {QStringLiteral("smsMerchantNewOrder"), true}});
    QVERIFY(next.ok());
    QCOMPARE(next->deliveryFeeFen, 500); // kept
    QVERIFY(next->inStoreEnabled);
    QCOMPARE(next->merchantPhone, QStringLiteral("13912345678"));
    // Turning delivery off is fine while another mode is on; turning the last one off is not.
    auto noDelivery = OrderSettingsRules::apply(*next, {{QStringLiteral("deliveryEnabled"), false}});
    QVERIFY(noDelivery.ok());
    auto none = OrderSettingsRules::apply(*noDelivery, {{QStringLiteral("inStoreEnabled"), false}});
    QVERIFY(!none.ok());
    QCOMPARE(none.error().code, ErrorCode::InvalidArgument);
    // The phone cannot go while its SMS is on.
    QVERIFY(!OrderSettingsRules::apply(*next, {{QStringLiteral("merchantPhone"), QString()}}).ok());
    QVERIFY(OrderSettingsRules::apply(
                *next, {{QStringLiteral("merchantPhone"), QString()}, {QStringLiteral("smsMerchantNewOrder"), false}})
                .ok());
    // Custom fields are stored normalised by OrderFields (trimmed label, position filled in).
    auto fields =
        OrderSettingsRules::apply(current,
                                  {{QStringLiteral("customFields"),
                                    QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("invoice")},
                                                           {QStringLiteral("label"), QStringLiteral(" 发票抬头 ")},
                                                           {QStringLiteral("type"), QStringLiteral("text")}}}}});
    QVERIFY(fields.ok());
    QCOMPARE(fields->customFields.first()[QStringLiteral("label")].toString(), QStringLiteral("发票抬头"));
    QCOMPARE(fields->customFields.first()[QStringLiteral("required")].toBool(), false);
}

void tst_OrderSettings::apply_refusesBrokenRules_data()
{
    QTest::addColumn<QJsonObject>("patch");
    QTest::newRow("unknown") << QJsonObject{{QStringLiteral("tip"), 1}};
    QTest::newRow("fee negative") << QJsonObject{{QStringLiteral("deliveryFeeFen"), -1}};
    QTest::newRow("fee fraction") << QJsonObject{{QStringLiteral("deliveryFeeFen"), 100.5}};
    QTest::newRow("fee too big") << QJsonObject{{QStringLiteral("deliveryFeeFen"), 1'000'001}};
    QTest::newRow("fee huge double") << QJsonObject{{QStringLiteral("deliveryFeeFen"), 1e300}};
    QTest::newRow("threshold null") << QJsonObject{{QStringLiteral("freeDeliveryThresholdFen"), QJsonValue()}};
    QTest::newRow("pickup, no address") << QJsonObject{{QStringLiteral("pickupEnabled"), true}};
    QTest::newRow("address too long") << QJsonObject{{QStringLiteral("pickupAddress"), QString(201, QLatin1Char('x'))}};
    QTest::newRow("close 0") << QJsonObject{{QStringLiteral("closeUnpaidMinutes"), 0}};
    QTest::newRow("close 1441") << QJsonObject{{QStringLiteral("closeUnpaidMinutes"), 1441}};
    QTest::newRow("complete 31") << QJsonObject{{QStringLiteral("autoCompleteDays"), 31}};
    QTest::newRow("after-sales -1") << QJsonObject{{QStringLiteral("afterSalesDays"), -1}};
    QTest::newRow("flag as text") << QJsonObject{{QStringLiteral("codEnabled"), QStringLiteral("true")}};
    QTest::newRow("landline") << QJsonObject{{QStringLiteral("merchantPhone"), QStringLiteral("010-88886666")}};
    QTest::newRow("sms, no phone") << QJsonObject{{QStringLiteral("smsMerchantNewOrder"), true}};
    QTest::newRow("fields object") << QJsonObject{{QStringLiteral("customFields"), QJsonObject()}};
    QTest::newRow("field without label") << QJsonObject{
        {QStringLiteral("customFields"),
         QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("a")},
                                {QStringLiteral("type"), QStringLiteral("text")}}}}};
}

void tst_OrderSettings::apply_refusesBrokenRules()
{
    QFETCH(QJsonObject, patch);
    const auto result = OrderSettingsRules::apply(OrderSettings{}, patch);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().code, ErrorCode::InvalidArgument);
    QVERIFY(!result.error().message.isEmpty());
}

void tst_OrderSettings::apply_boundsAreInclusive()
{
    const QJsonObject lowest{{QStringLiteral("deliveryFeeFen"), 0},
                             {QStringLiteral("freeDeliveryThresholdFen"), 0},
                             {QStringLiteral("closeUnpaidMinutes"), 1},
                             {QStringLiteral("autoCompleteDays"), 1},
                             {QStringLiteral("afterSalesDays"), 0}};
    const QJsonObject highest{{QStringLiteral("deliveryFeeFen"), 1'000'000},
                              {QStringLiteral("freeDeliveryThresholdFen"), 100'000'000},
                              {QStringLiteral("closeUnpaidMinutes"), 1440},
                              {QStringLiteral("autoCompleteDays"), 30},
                              {QStringLiteral("afterSalesDays"), 30},
                              {QStringLiteral("pickupAddress"), QString(200, QLatin1Char('x'))}};
    QVERIFY(OrderSettingsRules::apply(OrderSettings{}, lowest).ok());
    auto high = OrderSettingsRules::apply(OrderSettings{}, highest);
    QVERIFY(high.ok());
    QCOMPARE(high->freeDeliveryThresholdFen, 100'000'000);
}

void tst_OrderSettings::toJson_carriesEveryField()
{
    const QJsonObject json = OrderSettings{}.toJson();
    QCOMPARE(json.size(), 15);
    // Round trip: the wire shape applied over the defaults gives the same settings.
    OrderSettings changed;
    changed.codEnabled = true;
    changed.deliveryFeeFen = 600;
    auto back = OrderSettingsRules::apply(OrderSettings{}, changed.toJson());
    QVERIFY(back.ok());
    QVERIFY(*back == changed);
}

QTEST_APPLESS_MAIN(tst_OrderSettings)
#include "tst_ordersettings.moc"
