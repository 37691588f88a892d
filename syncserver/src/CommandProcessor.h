#pragma once

#include "Actor.h"
#include "CommandContext.h"
#include "PasswordHasher.h"
#include "xiaodian/Result.h"

#include <QHash>
#include <QJsonObject>

#include <functional>

namespace xd {
class Clock;
namespace db {
class Database;
}
} // namespace xd

namespace xd::server {

class ChangeNotifier;

struct CommandResult
{
    qint64 version = 0; // the version the command wrote at; 0 when it changed nothing
    QString createdId;  // the row it created, if any
};

// Runs named operations -- the same ones for the merchant REST API and for sync pushes -- each in one write
// transaction: permission check (xd::isAllowed), the handler, an audit-log row, and whatever the caller adds
// in the same transaction (the sync client's last mutation id). After the commit it tells the ChangeNotifier.
class CommandProcessor
{
public:
    CommandProcessor(const db::Database& database, const Clock& clock, ChangeNotifier& notifier, PasswordHasher hasher);

    Result<CommandResult> execute(const Actor& actor,
                                  const QString& name,
                                  const QJsonObject& args,
                                  const std::function<Status()>& inSameTransaction = {},
                                  const QByteArray& attachment = {});

    bool knows(const QString& name) const { return m_handlers.contains(name); }

private:
    const db::Database& m_database;
    const Clock& m_clock;
    ChangeNotifier& m_notifier;
    PasswordHasher m_hasher;
    QHash<QString, CommandHandler> m_handlers;
};

} // namespace xd::server
