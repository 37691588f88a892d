#include "LogSmsProvider.h"

#include "xiaodian/Id.h"
#include "xiaodian/Json.h"
#include "xiaodian/PhoneNumber.h"

#include <QTimer>

namespace xd::server {

QString LogSmsProvider::name() const
{
    return QStringLiteral("log");
}

void LogSmsProvider::send(const QString& phone, const QString& templateCode, const QJsonObject& params, Callback done)
{
    qCInfo(lcSms).noquote() << QStringLiteral("log provider, not sent: %1 to %2 %3")
                                   .arg(templateCode.isEmpty() ? QStringLiteral("(no template)") : templateCode,
                                        maskPhone(phone),
                                        QString::fromUtf8(Json::toBytes(params)));
    // Later, like a real provider: callers must not depend on an answer from inside send().
    QTimer::singleShot(0, [done = std::move(done)] { done(Sent{QStringLiteral("log-") + Id::create()}); });
}

} // namespace xd::server
