#pragma once

#include <QObject>

namespace xd::server {

// In-process fan-out of committed changes: the sync endpoint pokes a shop's desktops when its counter moves,
// and closes the sockets of staff whose sessions were revoked. Emitted only after the commit.
// Several server processes on one PostgreSQL relay these to each other through LISTEN/NOTIFY (PgChangeRelay).
class ChangeNotifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChangeNotifier)

public:
    // The PostgreSQL NOTIFY channel that carries "shop:<id>:<version>" and "revoked:<staffId>" between servers.
    static constexpr const char* Channel = "xd_changes";

    using QObject::QObject;

signals:
    void shopChanged(const QString& shopId, qint64 version);
    void sessionsRevoked(const QString& staffId);
    // An order moved (after the commit of its transition): `action` is the OrderAction's wire name ("pay",
    // "ship", "close", ...). SMS notices and the WeChat Pay closer listen. This server's own commits only (not
    // relayed between PostgreSQL servers: the server that committed acts on it once).
    void orderTransitioned(const QString& shopId, const QString& orderId, const QString& action);
};

} // namespace xd::server
