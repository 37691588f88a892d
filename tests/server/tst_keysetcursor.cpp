// The cursor codec every keyset-paged list uses (catalog, articles, orders, reviews).
#include "KeysetCursor.h"
#include "xiaodian/Id.h"

#include <QTest>

using namespace xd;
using namespace xd::server;

class tst_KeysetCursor : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_keepsKeyAndId_data();
    void roundTrip_keepsKeyAndId();
    void anotherListsCursor_isRefusedByName();
    void garbage_isMalformed_data();
    void garbage_isMalformed();
};

void tst_KeysetCursor::roundTrip_keepsKeyAndId_data()
{
    QTest::addColumn<QString>("tag");
    QTest::addColumn<qint64>("key");
    QTest::newRow("simple tag") << QStringLiteral("1") << qint64(1'795'634'239'728);
    QTest::newRow("tag with a bar") << QStringLiteral("1|price_asc") << qint64(1990);
    QTest::newRow("negative key") << QStringLiteral("r2") << qint64(-5);
    QTest::newRow("zero") << QStringLiteral("r1") << qint64(0);
}

void tst_KeysetCursor::roundTrip_keepsKeyAndId()
{
    QFETCH(QString, tag);
    QFETCH(qint64, key);
    const QString id = Id::create();
    const QString cursor = encodeKeysetCursor(tag, key, id);
    QVERIFY(!cursor.contains(id)); // opaque
    const auto decoded = decodeKeysetCursor(cursor, tag);
    QVERIFY2(decoded, qPrintable(decoded ? QString() : decoded.error().toString()));
    QCOMPARE(decoded->key, key);
    QCOMPARE(decoded->id, id);
}

void tst_KeysetCursor::anotherListsCursor_isRefusedByName()
{
    const QString cursor = encodeKeysetCursor(QStringLiteral("1|price_asc"), 10, Id::create());
    const auto decoded = decodeKeysetCursor(cursor, QStringLiteral("1|newest"));
    QVERIFY(!decoded);
    QCOMPARE(decoded.error().code, ErrorCode::InvalidArgument);
    QVERIFY(decoded.error().message.contains(QLatin1String("another list")));
}

void tst_KeysetCursor::garbage_isMalformed_data()
{
    const auto encode = [](const QByteArray& text) {
        return QString::fromLatin1(text.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    };
    const QByteArray id = Id::create().toLatin1();
    QTest::addColumn<QString>("cursor");
    QTest::newRow("not base64") << QStringLiteral("!!!");
    QTest::newRow("no fields") << encode("hello");
    QTest::newRow("no tag") << encode("|5|" + id);
    QTest::newRow("key not a number") << encode("1|x5|" + id);
    QTest::newRow("id not an id") << encode("1|5|robert'); DROP TABLE--");
    QTest::newRow("too long") << QString(201, QLatin1Char('A'));
}

void tst_KeysetCursor::garbage_isMalformed()
{
    QFETCH(QString, cursor);
    const auto decoded = decodeKeysetCursor(cursor, QStringLiteral("1"));
    QVERIFY(!decoded);
    QCOMPARE(decoded.error().message, QStringLiteral("malformed cursor"));
}

QTEST_GUILESS_MAIN(tst_KeysetCursor)
#include "tst_keysetcursor.moc"
