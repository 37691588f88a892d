// The pure halves of the mini-program login (auth.code2Session): the jscode2session URL and the answer's
// mapping to stable error codes.
#include "integrations/WechatLoginClient.h"

#include <QTest>
#include <QUrlQuery>

using namespace xd::server::integrations;

class TestWechatLogin : public QObject
{
    Q_OBJECT

private slots:
    void url()
    {
        const xd::Result<QUrl> url = wechatlogin::jscode2sessionUrl(QUrl(QStringLiteral("https://api.weixin.qq.com")),
                                                                    QStringLiteral("wx8888888888888888"),
                                                                    QStringLiteral("s3cr+t&x=1"),
                                                                    QStringLiteral("081 a+b%2F=="));
        QVERIFY(url.ok());
        QCOMPARE(
            url->toString(QUrl::FullyEncoded),
            QStringLiteral("https://api.weixin.qq.com/sns/jscode2session?appid=wx8888888888888888"
                           "&secret=s3cr%2Bt%26x%3D1&js_code=081%20a%2Bb%252F%3D%3D&grant_type=authorization_code"));
        const QUrlQuery query(*url);
        QCOMPARE(query.queryItemValue(QStringLiteral("js_code"), QUrl::FullyDecoded), QStringLiteral("081 a+b%2F=="));
        QCOMPARE(query.queryItemValue(QStringLiteral("secret"), QUrl::FullyDecoded), QStringLiteral("s3cr+t&x=1"));
        // A fake server's base with a path prefix and a trailing slash.
        const xd::Result<QUrl> fake = wechatlogin::jscode2sessionUrl(QUrl(QStringLiteral("http://127.0.0.1:8080/wx/")),
                                                                     QStringLiteral("a"),
                                                                     QStringLiteral("b"),
                                                                     QStringLiteral("c"));
        QCOMPARE(fake->path(), QStringLiteral("/wx/sns/jscode2session"));
        QVERIFY(!wechatlogin::jscode2sessionUrl(
                     QUrl(QStringLiteral("/relative")), QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"))
                     .ok());
        QVERIFY(!wechatlogin::jscode2sessionUrl(
                     QUrl(QStringLiteral("https://x")), QStringLiteral("a"), QString(), QStringLiteral("c"))
                     .ok());
        QVERIFY(!wechatlogin::jscode2sessionUrl(
                     QUrl(QStringLiteral("https://x")), QStringLiteral("a"), QStringLiteral("b"), QString())
                     .ok());
    }

    void success()
    {
        for (const QByteArray& json :
             {QByteArray(R"({"openid":"o1","session_key":"k1","unionid":"u1","errcode":0,"errmsg":"ok"})"),
              QByteArray(R"({"session_key":"k1","openid":"o1","unionid":"u1"})")}) {
            const xd::Result<wechatlogin::Session> s = wechatlogin::parseJscode2session(json);
            QVERIFY(s.ok());
            QCOMPARE(s->openId, QStringLiteral("o1"));
            QCOMPARE(s->sessionKey, QStringLiteral("k1"));
            QCOMPARE(s->unionId, QStringLiteral("u1"));
        }
        const xd::Result<wechatlogin::Session> noUnion =
            wechatlogin::parseJscode2session(R"({"openid":"o","session_key":"k"})");
        QVERIFY(noUnion.ok());
        QVERIFY(noUnion->unionId.isEmpty());
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("code");
        QTest::newRow("40029") << QByteArray(R"({"errcode":40029,"errmsg":"invalid code"})")
                               << QStringLiteral("invalid_argument");
        QTest::newRow("45011") << QByteArray(R"({"errcode":45011,"errmsg":"api minute-quota reach limit"})")
                               << QStringLiteral("rate_limited");
        QTest::newRow("40226") << QByteArray(R"({"errcode":40226,"errmsg":"code blocked"})")
                               << QStringLiteral("permission_denied");
        QTest::newRow("-1") << QByteArray(R"({"errcode":-1,"errmsg":"system error"})") << QStringLiteral("unavailable");
        QTest::newRow("other") << QByteArray(R"({"errcode":40013,"errmsg":"invalid appid"})")
                               << QStringLiteral("unavailable");
        QTest::newRow("string errcode") << QByteArray(R"({"errcode":"40029"})") << QStringLiteral("unavailable");
        QTest::newRow("not json") << QByteArray("<html>502</html>") << QStringLiteral("unavailable");
        QTest::newRow("array") << QByteArray("[]") << QStringLiteral("unavailable");
        QTest::newRow("no session_key") << QByteArray(R"({"openid":"o"})") << QStringLiteral("unavailable");
        QTest::newRow("empty openid") << QByteArray(R"({"openid":"","session_key":"k"})")
                                      << QStringLiteral("unavailable");
    }
    void errors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, code);
        const xd::Result<wechatlogin::Session> s = wechatlogin::parseJscode2session(json);
        QVERIFY(!s.ok());
        QCOMPARE(xd::errorCodeName(s.error().code), code);
    }
};

QTEST_GUILESS_MAIN(TestWechatLogin)
#include "tst_wechatlogin.moc"
