#include "xiaodian/PhoneNumber.h"

#include <QRegularExpression>

namespace xd {

std::optional<QString> normalizeMainlandMobile(const QString& text)
{
    if (text.size() > 32)
        return std::nullopt;
    QString digits = text.trimmed();
    digits.remove(QLatin1Char(' ')).remove(QLatin1Char('-'));
    if (digits.startsWith(QLatin1String("+86")))
        digits.remove(0, 3);
    else if (digits.startsWith(QLatin1String("0086")))
        digits.remove(0, 4);
    else if (digits.size() == 13 && digits.startsWith(QLatin1String("86")))
        digits.remove(0, 2);
    static const QRegularExpression mobile(QStringLiteral("^1[3-9][0-9]{9}$"));
    if (!mobile.match(digits).hasMatch())
        return std::nullopt;
    return digits;
}

QString maskPhone(const QString& phone)
{
    if (phone.size() < 8)
        return QString(phone.size(), QLatin1Char('*'));
    return phone.left(3) + QString(phone.size() - 7, QLatin1Char('*')) + phone.right(4);
}

} // namespace xd
