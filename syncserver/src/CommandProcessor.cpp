#include "CommandProcessor.h"

#include "ArticleCommands.h"
#include "CatalogCommands.h"
#include "ChangeNotifier.h"
#include "Logging.h"
#include "OrderCommands.h"
#include "PgChangeRelay.h"
#include "ReviewCommands.h"
#include "ShopCommands.h"
#include "ShopWechat.h"
#include "StaffCommands.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"
#include "xiaodian/db/Database.h"
#include "xiaodian/db/Transaction.h"

namespace xd::server {

CommandProcessor::CommandProcessor(const db::Database& database,
                                   const Clock& clock,
                                   ChangeNotifier& notifier,
                                   PasswordHasher hasher)
    : m_database(database), m_clock(clock), m_notifier(notifier), m_hasher(hasher)
{
    registerShopCommands(m_handlers);
    registerShopWechatCommands(m_handlers);
    registerStaffCommands(m_handlers);
    registerCatalogCommands(m_handlers);
    registerArticleCommands(m_handlers);
    registerOrderCommands(m_handlers);
    registerReviewCommands(m_handlers);
}

Result<CommandResult> CommandProcessor::execute(const Actor& actor,
                                                const QString& name,
                                                const QJsonObject& args,
                                                const std::function<Status()>& inSameTransaction,
                                                const QByteArray& attachment)
{
    const auto handler = m_handlers.constFind(name);
    if (handler == m_handlers.cend())
        return makeError(ErrorCode::InvalidArgument, QStringLiteral("unknown operation '%1'").arg(name));
    if (!isAllowed(actor.role, name))
        return makeError(ErrorCode::PermissionDenied,
                         QStringLiteral("a %1 may not run '%2'").arg(roleName(actor.role), name));

    auto tx = db::Transaction::begin(m_database);
    if (!tx)
        return tx.error();
    // Handlers check invariants (the last enabled owner, the photo count, a free login) before they write. On
    // PostgreSQL several servers may run commands of one shop at once, so the shop's row is locked first and those
    // checks see every earlier command of the shop; SQLite's BEGIN IMMEDIATE already admits one writer at a time.
    if (m_database.engine() == db::Engine::Postgres) {
        auto locked = m_database.exec(QStringLiteral("SELECT id FROM shops WHERE id = ? FOR UPDATE"), {actor.shopId});
        if (!locked)
            return locked.error();
    }
    CommandContext context(m_database, m_clock, m_hasher, actor, attachment);
    if (const Status done = (*handler)(context, args); !done)
        return done.error();
    if (context.versionIfChanged() > 0) {
        auto audited = m_database.exec(
            QStringLiteral("INSERT INTO audit_log (id, shop_id, staff_id, operation, detail, version, at_ms) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?)"),
            {Id::create(m_clock),
             actor.shopId,
             actor.staffId,
             name,
             context.auditDetail(),
             context.versionIfChanged(),
             m_clock.nowMs()});
        if (!audited)
            return audited.error();
    }
    // Other server processes on this database learn of the change through LISTEN/NOTIFY (PgChangeRelay); NOTIFY is
    // transactional, so they hear of committed changes only. Both are no-ops on SQLite.
    if (context.versionIfChanged() > 0) {
        if (const Status announced = announceShopVersion(m_database, actor.shopId, context.versionIfChanged());
            !announced)
            return announced.error();
    }
    for (const QString& staffId : context.revokedStaff()) {
        if (const Status announced = announceSessionsRevoked(m_database, staffId); !announced)
            return announced.error();
    }
    if (inSameTransaction) {
        if (const Status extra = inSameTransaction(); !extra)
            return extra.error();
    }
    if (const Status committed = tx->commit(); !committed)
        return committed.error();

    qCInfo(lcServer).noquote() << name << "by" << actor.staffId << "shop" << actor.shopId << "version"
                               << context.versionIfChanged();
    if (context.versionIfChanged() > 0)
        emit m_notifier.shopChanged(actor.shopId, context.versionIfChanged());
    for (const QString& staffId : context.revokedStaff())
        emit m_notifier.sessionsRevoked(staffId);
    for (const CommandContext::OrderStep& step : context.orderSteps())
        emit m_notifier.orderTransitioned(actor.shopId, step.orderId, step.action);
    return CommandResult{context.versionIfChanged(), context.createdId()};
}

} // namespace xd::server
