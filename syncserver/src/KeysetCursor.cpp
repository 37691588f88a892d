#include "KeysetCursor.h"

#include "xiaodian/Id.h"

#include <QByteArray>

namespace xd::server {

namespace {

constexpr QByteArray::Base64Options Encoding = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
constexpr qsizetype MaxCursorLength = 200;

Error malformed()
{
    return makeError(ErrorCode::InvalidArgument, QStringLiteral("malformed cursor"));
}

} // namespace

QString encodeKeysetCursor(const QString& tag, qint64 key, const QString& id)
{
    const QString text = QStringLiteral("%1|%2|%3").arg(tag).arg(key).arg(id);
    return QString::fromLatin1(text.toUtf8().toBase64(Encoding));
}

Result<KeysetCursor> decodeKeysetCursor(const QString& cursor, const QString& tag)
{
    if (cursor.size() > MaxCursorLength)
        return malformed();
    const auto decoded =
        QByteArray::fromBase64Encoding(cursor.toLatin1(), Encoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return malformed();
    // The id and the key are the last two fields; the tag is everything before them and may contain '|' itself.
    const QString text = QString::fromUtf8(*decoded);
    const qsizetype idAt = text.lastIndexOf(QLatin1Char('|'));
    const qsizetype keyAt = idAt > 0 ? text.lastIndexOf(QLatin1Char('|'), idAt - 1) : -1;
    if (keyAt <= 0)
        return malformed();
    bool keyOk = false;
    const qint64 key = text.mid(keyAt + 1, idAt - keyAt - 1).toLongLong(&keyOk);
    const QString id = text.mid(idAt + 1);
    if (!keyOk || !Id::isValid(id))
        return malformed();
    if (text.left(keyAt) != tag)
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("the cursor belongs to another list or sort order"));
    return KeysetCursor{key, id};
}

} // namespace xd::server
