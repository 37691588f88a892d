#pragma once

#include "Actor.h"
#include "PasswordHasher.h"
#include "xiaodian/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>

namespace xd {
class Clock;
namespace db {
class Database;
}
} // namespace xd

namespace xd::server {

// What a command handler works with, inside the transaction that CommandProcessor opened.
class CommandContext
{
public:
    CommandContext(const db::Database& database,
                   const Clock& clock,
                   const PasswordHasher& hasher,
                   const Actor& actor,
                   QByteArray attachment);

    const db::Database& database() const { return m_database; }
    const Clock& clock() const { return m_clock; }
    const PasswordHasher& hasher() const { return m_hasher; }
    const Actor& actor() const { return m_actor; }
    qint64 now() const;
    // Binary payload of an HTTP upload (photos); empty for sync mutations.
    const QByteArray& attachment() const { return m_attachment; }

    // The version to stamp on rows written by this command: the shop's counter, bumped once per command.
    Result<qint64> version();
    qint64 versionIfChanged() const { return m_version; }
    // One line for the audit log, e.g. "staff.add li (clerk)".
    void setAuditDetail(const QString& detail) { m_auditDetail = detail; }
    const QString& auditDetail() const { return m_auditDetail; }
    // The id of the row the command created, when the caller needs it (an upload answers with its photo id).
    void setCreatedId(const QString& id) { m_createdId = id; }
    const QString& createdId() const { return m_createdId; }
    void sessionsRevokedFor(const QString& staffId) { m_revokedStaff.append(staffId); }
    const QStringList& revokedStaff() const { return m_revokedStaff; }
    // An order moved (applyOrderTransition): ChangeNotifier::orderTransitioned after the commit.
    struct OrderStep
    {
        QString orderId;
        QString action; // OrderAction wire name
    };
    void orderTransitioned(const QString& orderId, const QString& action) { m_orderSteps.append({orderId, action}); }
    const QList<OrderStep>& orderSteps() const { return m_orderSteps; }

private:
    const db::Database& m_database;
    const Clock& m_clock;
    const PasswordHasher& m_hasher;
    const Actor& m_actor;
    QByteArray m_attachment;
    qint64 m_version = 0;
    QString m_auditDetail;
    QString m_createdId;
    QStringList m_revokedStaff;
    QList<OrderStep> m_orderSteps;
};

using CommandHandler = Status (*)(CommandContext& context, const QJsonObject& args);

} // namespace xd::server
