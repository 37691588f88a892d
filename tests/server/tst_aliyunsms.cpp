// The Aliyun SMS (dysmsapi 2017-05-25) request signature: the documented RPC "signature method" (HMAC-SHA1 over
// "GET&%2F&" + the encoded sorted query), its special percent-encoding, and the check our fake SMS server runs.
#include "integrations/AliyunSmsSigner.h"

#include <QTest>

using namespace xd::server::integrations;

namespace {

// The parameters of the SendSms example Aliyun's dysmsapi signature documentation gave (AccessKeyId testId, secret
// testSecret, signature zJDF+Lrzhj/ThnlvIToysFRq6t4=). The StringToSign below was re-derived independently (Python's
// urllib.parse.quote(safe='~') over the sorted names) and the signature with Python's hmac; both agree.
aliyunsms::Parameters documentedExample()
{
    aliyunsms::Parameters p;
    p.insert(QStringLiteral("AccessKeyId"), QStringLiteral("testId"));
    p.insert(QStringLiteral("Action"), QStringLiteral("SendSms"));
    p.insert(QStringLiteral("Format"), QStringLiteral("XML"));
    p.insert(QStringLiteral("OutId"), QStringLiteral("123"));
    p.insert(QStringLiteral("PhoneNumbers"), QStringLiteral("15300000001"));
    p.insert(QStringLiteral("RegionId"), QStringLiteral("cn-hangzhou"));
    p.insert(QStringLiteral("SignName"), QStringLiteral("阿里云短信测试专用"));
    p.insert(QStringLiteral("SignatureMethod"), QStringLiteral("HMAC-SHA1"));
    p.insert(QStringLiteral("SignatureNonce"), QStringLiteral("45e25e9b-0a6f-4070-8c85-2956eda1b466"));
    p.insert(QStringLiteral("SignatureVersion"), QStringLiteral("1.0"));
    p.insert(QStringLiteral("TemplateCode"), QStringLiteral("SMS_71390007"));
    p.insert(QStringLiteral("TemplateParam"), QStringLiteral("{\"customer\":\"test\"}"));
    p.insert(QStringLiteral("Timestamp"), QStringLiteral("2017-07-12T02:42:19Z"));
    p.insert(QStringLiteral("Version"), QStringLiteral("2017-05-25"));
    return p;
}

const QString kSecret = QStringLiteral("testSecret");

} // namespace

class TestAliyunSms : public QObject
{
    Q_OBJECT

private slots:
    void percentEncoding_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("unreserved kept") << QStringLiteral("AZaz09-_.~") << QByteArray("AZaz09-_.~");
        QTest::newRow("space is %20, never +") << QStringLiteral("a b") << QByteArray("a%20b");
        QTest::newRow("star is %2A") << QStringLiteral("a*b") << QByteArray("a%2Ab");
        QTest::newRow("plus is %2B") << QStringLiteral("a+b") << QByteArray("a%2Bb");
        QTest::newRow("slash, colon, equals, amp") << QStringLiteral("/:=&") << QByteArray("%2F%3A%3D%26");
        QTest::newRow("percent itself") << QStringLiteral("100%") << QByteArray("100%25");
        QTest::newRow("quote and braces") << QStringLiteral("{\"}") << QByteArray("%7B%22%7D");
        QTest::newRow("UTF-8, upper-case hex") << QStringLiteral("阿") << QByteArray("%E9%98%BF");
        QTest::newRow("emoji, 4 bytes") << QStringLiteral("😀") << QByteArray("%F0%9F%98%80");
        QTest::newRow("empty") << QString() << QByteArray();
    }
    void percentEncoding()
    {
        QFETCH(QString, input);
        QFETCH(QByteArray, expected);
        QCOMPARE(aliyunsms::percentEncode(input), expected);
    }

    void canonicalQuerySortsByNameAndDropsSignature()
    {
        aliyunsms::Parameters p;
        p.insert(QStringLiteral("b"), QStringLiteral("2"));
        p.insert(QStringLiteral("a"), QStringLiteral("x y"));
        p.insert(QStringLiteral("B"), QStringLiteral("1")); // upper case sorts before lower case (byte order)
        p.insert(QStringLiteral("Signature"), QStringLiteral("ignored"));
        QCOMPARE(aliyunsms::canonicalizedQuery(p), QByteArray("B=1&a=x%20y&b=2"));
        // The string to sign encodes the query once more: '=' → %3D, '&' → %26, '%' → %25 (so a space is %2520).
        QCOMPARE(aliyunsms::stringToSign("GET", p), QByteArray("GET&%2F&B%3D1%26a%3Dx%2520y%26b%3D2"));
    }

    void documentedExampleKnownAnswer()
    {
        const aliyunsms::Parameters p = documentedExample();
        QCOMPARE(aliyunsms::stringToSign("GET", p),
                 QByteArray("GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML%26OutId%3D123"
                            "%26PhoneNumbers%3D15300000001%26RegionId%3Dcn-hangzhou%26SignName%3D%25E9%2598%25BF"
                            "%25E9%2587%258C%25E4%25BA%2591%25E7%259F%25AD%25E4%25BF%25A1%25E6%25B5%258B%25E8%25AF"
                            "%2595%25E4%25B8%2593%25E7%2594%25A8%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce"
                            "%3D45e25e9b-0a6f-4070-8c85-2956eda1b466%26SignatureVersion%3D1.0%26TemplateCode"
                            "%3DSMS_71390007%26TemplateParam%3D%257B%2522customer%2522%253A%2522test%2522%257D"
                            "%26Timestamp%3D2017-07-12T02%253A42%253A19Z%26Version%3D2017-05-25"));
        QCOMPARE(aliyunsms::signature("GET", p, kSecret), QByteArray("zJDF+Lrzhj/ThnlvIToysFRq6t4="));
        // In the URL the signature is percent-encoded like any value ('+' → %2B, '/' → %2F, '=' → %3D) and first.
        const QByteArray query = aliyunsms::signedQuery("GET", p, kSecret);
        QVERIFY(query.startsWith("Signature=zJDF%2BLrzhj%2FThnlvIToysFRq6t4%3D&AccessKeyId=testId&Action=SendSms"));
    }

    void secretAndMethodMatter()
    {
        const aliyunsms::Parameters p = documentedExample();
        const QByteArray good = aliyunsms::signature("GET", p, kSecret);
        QVERIFY(aliyunsms::signature("GET", p, QStringLiteral("testSecreT")) != good);
        QVERIFY(aliyunsms::signature("POST", p, kSecret) != good);
        aliyunsms::Parameters changed = p;
        changed.insert(QStringLiteral("PhoneNumbers"), QStringLiteral("15300000002"));
        QVERIFY(aliyunsms::signature("GET", changed, kSecret) != good);
    }

    void sendSmsParameters()
    {
        const aliyunsms::Parameters p = aliyunsms::sendSmsParameters(QStringLiteral("id"),
                                                                     QStringLiteral("13800000000"),
                                                                     QStringLiteral("小店"),
                                                                     QStringLiteral("SMS_1"),
                                                                     QStringLiteral("{\"code\":\"123456\"}"),
                                                                     QStringLiteral("2026-11-25T08:00:00Z"),
                                                                     QStringLiteral("n-1"));
        QCOMPARE(p.value(QStringLiteral("Action")), QStringLiteral("SendSms"));
        QCOMPARE(p.value(QStringLiteral("Version")), QStringLiteral("2017-05-25"));
        QCOMPARE(p.value(QStringLiteral("SignatureMethod")), QStringLiteral("HMAC-SHA1"));
        QCOMPARE(p.value(QStringLiteral("SignatureVersion")), QStringLiteral("1.0"));
        QCOMPARE(p.value(QStringLiteral("Format")), QStringLiteral("JSON"));
        QCOMPARE(p.value(QStringLiteral("TemplateParam")), QStringLiteral("{\"code\":\"123456\"}"));
        QVERIFY(!p.contains(QStringLiteral("Signature")));
    }

    void fakeServerVerifiesOwnSignature()
    {
        aliyunsms::Parameters p = documentedExample();
        p.insert(QStringLiteral("OutId"), QStringLiteral("a b*c~d+e/f")); // every special case on the wire
        const QByteArray query = aliyunsms::signedQuery("GET", p, kSecret);
        const xd::Result<aliyunsms::Parameters> checked = aliyunsms::verifyQuery("GET", query, kSecret);
        QVERIFY2(checked.ok(), qPrintable(checked.ok() ? QString() : checked.error().toString()));
        QCOMPARE(*checked, p);
    }

    void fakeServerRejects_data()
    {
        QTest::addColumn<QByteArray>("query");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("code");
        const QByteArray good = aliyunsms::signedQuery("GET", documentedExample(), kSecret);
        QTest::newRow("wrong secret") << good << QStringLiteral("other") << QStringLiteral("unauthenticated");
        QByteArray changed = good;
        changed.replace("15300000001", "15300000009");
        QTest::newRow("changed value") << changed << kSecret << QStringLiteral("unauthenticated");
        QByteArray plusForSpace =
            aliyunsms::signedQuery("GET", aliyunsms::Parameters{{QStringLiteral("a"), QStringLiteral("x y")}}, kSecret);
        plusForSpace.replace("x%20y", "x+y");
        QTest::newRow("'+' is not a space") << plusForSpace << kSecret << QStringLiteral("unauthenticated");
        QByteArray noSignature = good.mid(good.indexOf('&') + 1);
        QTest::newRow("no signature") << noSignature << kSecret << QStringLiteral("unauthenticated");
        QTest::newRow("duplicate name") << good + "&OutId=123" << kSecret << QStringLiteral("invalid_argument");
        QTest::newRow("bad escape") << good + "&X=%G1" << kSecret << QStringLiteral("invalid_argument");
        QTest::newRow("truncated escape") << good + "&X=%4" << kSecret << QStringLiteral("invalid_argument");
        QTest::newRow("no '='") << good + "&X" << kSecret << QStringLiteral("invalid_argument");
    }
    void fakeServerRejects()
    {
        QFETCH(QByteArray, query);
        QFETCH(QString, secret);
        QFETCH(QString, code);
        const xd::Result<aliyunsms::Parameters> checked = aliyunsms::verifyQuery("GET", query, secret);
        QVERIFY(!checked.ok());
        QCOMPARE(xd::errorCodeName(checked.error().code), code);
        QVERIFY(!checked.error().message.contains(secret)); // the secret never leaks into messages
    }
};

QTEST_GUILESS_MAIN(TestAliyunSms)
#include "tst_aliyunsms.moc"
