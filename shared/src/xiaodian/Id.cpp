#include "xiaodian/Id.h"

#include "xiaodian/Clock.h"

#include <QRandomGenerator>
#include <QUuid>

#include <array>

namespace xd::Id {

namespace {

QString createAt(qint64 epochMs)
{
    std::array<quint8, 16> bytes{};
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(bytes.data()), 4);
    const quint64 ms = quint64(epochMs) & 0xFFFFFFFFFFFFull;
    for (int i = 0; i < 6; ++i)
        bytes[i] = quint8(ms >> (40 - 8 * i));
    bytes[6] = quint8(0x70 | (bytes[6] & 0x0F)); // version 7
    bytes[8] = quint8(0x80 | (bytes[8] & 0x3F)); // RFC 9562 variant
    const QUuid uuid = QUuid::fromRfc4122(QByteArrayView(reinterpret_cast<const char*>(bytes.data()), 16));
    return uuid.toString(QUuid::WithoutBraces);
}

} // namespace

QString create()
{
    return createAt(SystemClock().nowMs());
}

QString create(const Clock& clock)
{
    return createAt(clock.nowMs());
}

bool isValid(const QString& id)
{
    if (id.size() != 36)
        return false;
    for (qsizetype i = 0; i < id.size(); ++i) {
        const QChar c = id.at(i);
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != QLatin1Char('-'))
                return false;
        } else if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
                     (c >= QLatin1Char('a') && c <= QLatin1Char('f')))) {
            return false;
        }
    }
    return true;
}

} // namespace xd::Id
