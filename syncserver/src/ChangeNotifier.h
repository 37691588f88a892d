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
};

} // namespace xd::server
