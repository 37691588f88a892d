#include "OrderSettingsService.h"

#include "CacheStore.h"

namespace xd {

const QString OrderSettingsService::UpdateOperation = QStringLiteral("orderSettings.update");

OrderSettingsService::OrderSettingsService(CacheStore& store, Role role, QObject* parent)
    : QObject(parent), m_store(store), m_role(role)
{
    connect(&m_store, &CacheStore::entitiesChanged, this, &OrderSettingsService::onEntitiesChanged);
    // Any queued, acknowledged or rejected operation may change the view; it is one row, cheap to rebuild.
    connect(&m_store, &CacheStore::outboxChanged, this, &OrderSettingsService::settingsChanged);
}

OrderSettingsService::~OrderSettingsService() = default;

void OrderSettingsService::setRole(Role role)
{
    if (m_role == role)
        return;
    m_role = role;
    emit settingsChanged();
}

bool OrderSettingsService::canEdit() const
{
    return isAllowed(m_role, UpdateOperation);
}

void OrderSettingsService::onEntitiesChanged(const QStringList& entities)
{
    if (entities.contains(CacheStore::OrderSettingsEntity))
        emit settingsChanged();
}

bool OrderSettingsService::hasConfirmedRow() const
{
    return m_store.rowCount(CacheStore::OrderSettingsEntity).valueOr(0) > 0;
}

Result<OrderSettings> OrderSettingsService::settings() const
{
    auto rows = m_store.rows(CacheStore::OrderSettingsEntity);
    if (!rows)
        return rows.error();
    OrderSettings view;
    if (!rows->isEmpty()) {
        // The server sends the whole settings, checked by the same rules; the merge over defaults reads them.
        auto confirmed = OrderSettingsRules::apply(OrderSettings{}, rows->constFirst().data);
        if (!confirmed)
            return makeError(
                ErrorCode::Internal,
                tr("The order settings on this computer cannot be read: %1").arg(confirmed.error().message));
        view = *confirmed;
    }
    // Acknowledged operations first (their mids are lower), then the pending ones: the server's order.
    auto acknowledged = m_store.acknowledgedOperations();
    if (!acknowledged)
        return acknowledged.error();
    auto pending = m_store.pendingOperations();
    if (!pending)
        return pending.error();
    for (const OutboxEntry& entry : *acknowledged + *pending) {
        if (entry.name != UpdateOperation)
            continue;
        if (auto merged = OrderSettingsRules::apply(view, entry.args); merged)
            view = *merged;
    }
    return view;
}

QStringList OrderSettingsService::pendingFields() const
{
    QStringList fields;
    const auto pending = m_store.pendingOperations().valueOr(QList<OutboxEntry>());
    for (const OutboxEntry& entry : pending) {
        if (entry.name != UpdateOperation)
            continue;
        for (const QString& key : entry.args.keys()) {
            if (!fields.contains(key))
                fields.append(key);
        }
    }
    return fields;
}

Result<OrderSettings> OrderSettingsService::check(const QJsonObject& changes) const
{
    auto current = settings();
    if (!current)
        return current.error();
    return OrderSettingsRules::apply(*current, changes);
}

Result<qint64> OrderSettingsService::update(const QJsonObject& changes)
{
    if (!canEdit())
        return makeError(ErrorCode::PermissionDenied, tr("Only the shop owner can change the order settings."));
    auto current = settings();
    if (!current)
        return current.error();
    auto next = OrderSettingsRules::apply(*current, changes);
    if (!next)
        return next.error();
    // Send only what changes, in the form the server stores (the rules normalised it).
    const QJsonObject before = current->toJson();
    const QJsonObject after = next->toJson();
    QJsonObject args;
    for (auto it = after.begin(); it != after.end(); ++it) {
        if (changes.contains(it.key()) && before.value(it.key()) != it.value())
            args.insert(it.key(), it.value());
    }
    if (args.isEmpty())
        return makeError(ErrorCode::InvalidArgument, tr("Nothing to save: the settings are unchanged."));
    return m_store.enqueue(UpdateOperation, args);
}

Result<qint64> OrderSettingsService::retryRejected(qint64 mid)
{
    auto entry = m_store.operation(mid);
    if (!entry)
        return entry.error();
    if (!*entry || (*entry)->state != OutboxEntry::State::Rejected || (*entry)->name != UpdateOperation)
        return makeError(ErrorCode::NotFound, tr("There is no rejected order settings change %1.").arg(mid));
    auto newMid = update((*entry)->args);
    if (!newMid)
        return newMid;
    if (const Status discarded = m_store.discardRejected(mid); !discarded)
        return discarded.error();
    return newMid;
}

} // namespace xd
