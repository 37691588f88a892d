#pragma once

#include "xiaodian/OrderSettings.h"
#include "xiaodian/Permissions.h"
#include "xiaodian/Result.h"

#include <QJsonObject>
#include <QObject>
#include <QStringList>

namespace xd {

class CacheStore;

// The shop's order settings as the settings page reads and edits them (docs/desktop-settings.md): the confirmed
// `order_settings` row of the cache (OrderSettings{} defaults while the shop has never saved any), with the
// acknowledged and pending `orderSettings.update` operations merged on top in mid order, like the server merges
// them. Edits are checked whole with the server's own rules (xd::OrderSettingsRules) and the permission table, then
// queued in the outbox, so they work offline. An operation the view cannot apply any more (another desktop changed
// the settings meanwhile so that the merge breaks a rule) is left out of the view; the server will reject it.
class OrderSettingsService final : public QObject
{
    Q_OBJECT

public:
    static const QString UpdateOperation; // "orderSettings.update"

    OrderSettingsService(CacheStore& store, Role role, QObject* parent = nullptr);
    ~OrderSettingsService() override;
    Q_DISABLE_COPY_MOVE(OrderSettingsService)

    void setRole(Role role);
    Role role() const { return m_role; }
    // Owners edit; clerks read.
    bool canEdit() const;

    // The optimistic view: confirmed row (or defaults) with the outbox's updates applied.
    Result<OrderSettings> settings() const;
    // True once the server has sent the shop's row (false: defaults are shown).
    bool hasConfirmedRow() const;
    // Wire fields changed locally and not yet acknowledged.
    QStringList pendingFields() const;

    // What `changes` (any subset of the wire fields) would make of the current view, without queueing anything:
    // InvalidArgument naming the problem when a rule is broken.
    Result<OrderSettings> check(const QJsonObject& changes) const;
    // Checks and queues orderSettings.update with the fields that really change (normalised as the server stores
    // them: trimmed phone, sorted custom fields). PermissionDenied for a clerk, InvalidArgument for bad input or
    // when nothing changes. Returns the operation's mid.
    Result<qint64> update(const QJsonObject& changes);
    // A rejected orderSettings.update sent again over the current view (so only what still differs is queued), the
    // rejected one discarded. NotFound when `mid` is not a rejected orderSettings.update.
    Result<qint64> retryRejected(qint64 mid);

signals:
    void settingsChanged();

private:
    void onEntitiesChanged(const QStringList& entities);

    CacheStore& m_store;
    Role m_role;
};

} // namespace xd
