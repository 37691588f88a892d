#pragma once

#include "xiaodian/Result.h"

#include <QObject>
#include <QSqlDriver>

namespace xd::db {
class Database;
}

namespace xd::server {

class ChangeNotifier;

// With PostgreSQL, several syncserver processes may serve the same shops behind a load balancer. Each one
// LISTENs on ChangeNotifier::Channel and re-emits what the others commit, so a desktop connected to server A
// is poked when a mini-program order lands on server B. Notifications from this process are ignored: they
// were emitted locally already.
class PgChangeRelay final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PgChangeRelay)

public:
    PgChangeRelay(const db::Database& database, ChangeNotifier& notifier, QObject* parent = nullptr);
    bool isListening() const { return m_listening; }

private:
    void onNotification(const QString& name, QSqlDriver::NotificationSource source, const QVariant& payload);

    ChangeNotifier& m_notifier;
    bool m_listening = false;
};

// Inside a writer's open transaction: tells the other servers on this PostgreSQL database, at commit (NOTIFY is
// transactional), that `shopId` moved to `version`, so they poke their desktops and drop remembered answers. Nothing
// on SQLite, where one server owns the file.
Status announceShopVersion(const db::Database& database, const QString& shopId, qint64 version);
// Likewise, that the sessions of staff member `staffId` were revoked (their desktops are disconnected).
Status announceSessionsRevoked(const db::Database& database, const QString& staffId);

} // namespace xd::server
