// OrderFields: the merchant's checkout field definitions and the customer's answers (pure rules).
#include "xiaodian/OrderFields.h"

#include <QJsonDocument>
#include <QtTest>

using namespace xd;

namespace {

QJsonArray parseArray(const char* json)
{
    return QJsonDocument::fromJson(json).array();
}

QJsonObject parseObject(const char* json)
{
    return QJsonDocument::fromJson(json).object();
}

const char* kFields = R"([
  {"id": "slot", "label": " 时间段 ", "type": "single_choice", "required": true, "options": ["上午", "下午"], "position": 2},
  {"id": "extras", "label": "加料", "type": "multiple_choice", "options": ["葱", "蒜", "香菜"], "position": 1},
  {"id": "invoice", "label": "发票抬头", "type": "text"},
  {"id": "people", "label": "人数", "type": "number", "position": 5},
  {"id": "tel", "label": "备用电话", "type": "phone", "position": 6},
  {"id": "day", "label": "日期", "type": "date", "position": 7}
])";

} // namespace

class tst_OrderFields : public QObject
{
    Q_OBJECT

private slots:
    void definitions_areParsed_trimmed_andSortedByPosition();
    void definitions_badOnes_areRefused_data();
    void definitions_badOnes_areRefused();
    void answers_areNormalisedIntoTheSnapshot();
    void answers_badOnes_areRefused_data();
    void answers_badOnes_areRefused();
};

void tst_OrderFields::definitions_areParsed_trimmed_andSortedByPosition()
{
    auto parsed = OrderFields::parseDefinitions(parseArray(kFields));
    QVERIFY2(parsed.ok(), qPrintable(parsed ? QString() : parsed.error().toString()));
    QCOMPARE(parsed->size(), 6);
    // Positions 2, 1, (index 2), 5, 6, 7: "invoice" has no position and takes its index 2; stable after "slot".
    QCOMPARE(parsed->at(0).id, QStringLiteral("extras"));
    QCOMPARE(parsed->at(1).id, QStringLiteral("slot"));
    QCOMPARE(parsed->at(2).id, QStringLiteral("invoice"));
    QCOMPARE(parsed->at(1).label, QStringLiteral("时间段"));
    QCOMPARE(parsed->at(1).type, OrderFieldType::SingleChoice);
    QVERIFY(parsed->at(1).required);
    QVERIFY(!parsed->at(0).required);
    QCOMPARE(parsed->at(0).options, (QStringList{QStringLiteral("葱"), QStringLiteral("蒜"), QStringLiteral("香菜")}));
    // Round trip through the wire shape.
    auto again = OrderFields::parseDefinitions(OrderFields::toJson(*parsed));
    QVERIFY(again.ok());
    QCOMPARE(*again, *parsed);
    QVERIFY(OrderFields::parseDefinitions(QJsonArray()).ok());
}

void tst_OrderFields::definitions_badOnes_areRefused_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("not an object") << QByteArray(R"([1])");
    QTest::newRow("no id") << QByteArray(R"([{"label": "a", "type": "text"}])");
    QTest::newRow("odd id") << QByteArray(R"([{"id": "a b", "label": "a", "type": "text"}])");
    QTest::newRow("long id") << QByteArray(
        R"([{"id": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "label": "a", "type": "text"}])");
    QTest::newRow("blank label") << QByteArray(R"([{"id": "a", "label": "  ", "type": "text"}])");
    QTest::newRow("long label") << QByteArray(
        R"([{"id": "a", "label": "0123456789012345678901234567890", "type": "text"}])");
    QTest::newRow("unknown type") << QByteArray(R"([{"id": "a", "label": "a", "type": "color"}])");
    QTest::newRow("unknown key") << QByteArray(R"([{"id": "a", "label": "a", "type": "text", "hint": "x"}])");
    QTest::newRow("required not bool") << QByteArray(R"([{"id": "a", "label": "a", "type": "text", "required": 1}])");
    QTest::newRow("negative position") << QByteArray(R"([{"id": "a", "label": "a", "type": "text", "position": -1}])");
    QTest::newRow("fractional position") << QByteArray(
        R"([{"id": "a", "label": "a", "type": "text", "position": 1.5}])");
    QTest::newRow("options on text") << QByteArray(
        R"([{"id": "a", "label": "a", "type": "text", "options": ["x", "y"]}])");
    QTest::newRow("one option") << QByteArray(
        R"([{"id": "a", "label": "a", "type": "single_choice", "options": ["x"]}])");
    QTest::newRow("repeated option") << QByteArray(
        R"([{"id": "a", "label": "a", "type": "multiple_choice", "options": ["x", " x"]}])");
    QTest::newRow("blank option") << QByteArray(
        R"([{"id": "a", "label": "a", "type": "single_choice", "options": ["x", ""]}])");
    QTest::newRow("same id twice") << QByteArray(
        R"([{"id": "a", "label": "a", "type": "text"}, {"id": "a", "label": "b", "type": "text"}])");
    QByteArray many = "[";
    for (int i = 0; i <= OrderFields::MaxFields; ++i)
        many +=
            (i ? "," : "") + QByteArray(R"({"id": "f)") + QByteArray::number(i) + R"(", "label": "a", "type": "text"})";
    QTest::newRow("too many") << many + "]";
}

void tst_OrderFields::definitions_badOnes_areRefused()
{
    QFETCH(QByteArray, json);
    const QJsonArray array = QJsonDocument::fromJson(json).array();
    auto parsed = OrderFields::parseDefinitions(array);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().code, ErrorCode::InvalidArgument);
    QVERIFY(!parsed.error().message.isEmpty());
}

void tst_OrderFields::answers_areNormalisedIntoTheSnapshot()
{
    auto fields = OrderFields::parseDefinitions(parseArray(kFields));
    QVERIFY(fields.ok());
    auto snapshot = OrderFields::checkAnswers(
        *fields,
        parseObject(
            R"({"slot": " 下午 ", "extras": ["蒜", "葱"], "invoice": "", "people": 3, "tel": "+86 138-0000-0000",
                        "day": "2028-02-29"})"));
    QVERIFY2(snapshot.ok(), qPrintable(snapshot ? QString() : snapshot.error().toString()));
    // In the definitions' order; the blank optional "invoice" is left out.
    const QJsonArray expected = parseArray(R"([
      {"id": "extras", "label": "加料", "type": "multiple_choice", "value": ["蒜", "葱"]},
      {"id": "slot", "label": "时间段", "type": "single_choice", "value": "下午"},
      {"id": "people", "label": "人数", "type": "number", "value": "3"},
      {"id": "tel", "label": "备用电话", "type": "phone", "value": "+86 138-0000-0000"},
      {"id": "day", "label": "日期", "type": "date", "value": "2028-02-29"}
    ])");
    QCOMPARE(*snapshot, expected);
    // Only the required one.
    auto minimal = OrderFields::checkAnswers(*fields, parseObject(R"({"slot": "上午", "extras": []})"));
    QVERIFY(minimal.ok());
    QCOMPARE(minimal->size(), 1);
    // No fields, no answers.
    auto none = OrderFields::checkAnswers({}, QJsonObject());
    QVERIFY(none.ok());
    QVERIFY(none->isEmpty());
}

void tst_OrderFields::answers_badOnes_areRefused_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("required missing") << QByteArray(R"({})");
    QTest::newRow("required blank") << QByteArray(R"({"slot": "  "})");
    QTest::newRow("unknown id") << QByteArray(R"({"slot": "上午", "colour": "red"})");
    QTest::newRow("not a choice") << QByteArray(R"({"slot": "晚上"})");
    QTest::newRow("choice not text") << QByteArray(R"({"slot": 1})");
    QTest::newRow("multi not a list") << QByteArray(R"({"slot": "上午", "extras": "葱"})");
    QTest::newRow("multi unknown") << QByteArray(R"({"slot": "上午", "extras": ["葱", "姜"]})");
    QTest::newRow("multi twice") << QByteArray(R"({"slot": "上午", "extras": ["葱", "葱"]})");
    QTest::newRow("number text") << QByteArray(R"({"slot": "上午", "people": "three"})");
    QTest::newRow("number exponent") << QByteArray(R"({"slot": "上午", "people": "1e5"})");
    QTest::newRow("phone letters") << QByteArray(R"({"slot": "上午", "tel": "call me"})");
    QTest::newRow("phone short") << QByteArray(R"({"slot": "上午", "tel": "123"})");
    QTest::newRow("date invalid") << QByteArray(R"({"slot": "上午", "day": "2027-02-29"})");
    QTest::newRow("date format") << QByteArray(R"({"slot": "上午", "day": "29.02.2028"})");
    QTest::newRow("text too long") << QByteArray(R"({"slot": "上午", "invoice": ")") + QByteArray(201, 'x') + "\"}";
    QTest::newRow("text not a string") << QByteArray(R"({"slot": "上午", "invoice": true})");
}

void tst_OrderFields::answers_badOnes_areRefused()
{
    QFETCH(QByteArray, json);
    auto fields = OrderFields::parseDefinitions(parseArray(kFields));
    QVERIFY(fields.ok());
    const QJsonObject answers = QJsonDocument::fromJson(json).object();
    auto snapshot = OrderFields::checkAnswers(*fields, answers);
    QVERIFY(!snapshot.ok());
    QCOMPARE(snapshot.error().code, ErrorCode::InvalidArgument);
}

QTEST_GUILESS_MAIN(tst_OrderFields)
#include "tst_orderfields.moc"
