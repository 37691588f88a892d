#include "PgChangeRelay.h"

#include "ChangeNotifier.h"
#include "Logging.h"
#include "xiaodian/db/Database.h"

#include <QSqlError>

namespace xd::server {

PgChangeRelay::PgChangeRelay(const db::Database& database, ChangeNotifier& notifier, QObject* parent)
    : QObject(parent), m_notifier(notifier)
{
    QSqlDriver* driver = database.handle().driver();
    if (!driver || !driver->hasFeature(QSqlDriver::EventNotifications))
        return;
    connect(driver, &QSqlDriver::notification, this, &PgChangeRelay::onNotification);
    m_listening = driver->subscribeToNotification(QString::fromLatin1(ChangeNotifier::Channel));
    if (!m_listening)
        qCWarning(lcServer) << "cannot LISTEN for changes of other servers:" << driver->lastError().text();
}

void PgChangeRelay::onNotification(const QString& name, QSqlDriver::NotificationSource source, const QVariant& payload)
{
    if (name != QLatin1String(ChangeNotifier::Channel) || source == QSqlDriver::SelfSource)
        return;
    const QStringList parts = payload.toString().split(QLatin1Char(':'));
    if (parts.size() == 3 && parts[0] == QLatin1String("shop")) {
        bool ok = false;
        const qint64 version = parts[2].toLongLong(&ok);
        if (ok)
            emit m_notifier.shopChanged(parts[1], version);
    } else if (parts.size() == 2 && parts[0] == QLatin1String("revoked")) {
        emit m_notifier.sessionsRevoked(parts[1]);
    } else {
        qCWarning(lcServer).noquote() << "unexpected change notification" << payload.toString().left(100);
    }
}

namespace {

Status announce(const db::Database& database, const QString& event)
{
    if (database.engine() != db::Engine::Postgres)
        return {};
    auto notified =
        database.exec(QStringLiteral("SELECT pg_notify(?, ?)"), {QString::fromLatin1(ChangeNotifier::Channel), event});
    if (!notified)
        return notified.error();
    return {};
}

} // namespace

Status announceShopVersion(const db::Database& database, const QString& shopId, qint64 version)
{
    return announce(database, QStringLiteral("shop:%1:%2").arg(shopId).arg(version));
}

Status announceSessionsRevoked(const db::Database& database, const QString& staffId)
{
    return announce(database, QStringLiteral("revoked:%1").arg(staffId));
}

} // namespace xd::server
