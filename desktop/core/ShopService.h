#pragma once

#include "CacheStore.h"
#include "xiaodian/Permissions.h"
#include "xiaodian/Result.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

namespace xd {

// A staff member as the GUI shows it: the confirmed row with pending operations applied.
struct StaffMember
{
    QString id;
    QString login;
    QString displayName;
    QString role; // "owner" | "clerk"
    bool disabled = false;
    bool pending = false;   // a pending operation touches this member (not yet acknowledged)
    bool confirmed = false; // the server has sent this member (false for a staff.add not yet acknowledged)
};

struct ShopPhoto
{
    QString id;
    int position = 0;
    QString contentType;
    int width = 0;
    int height = 0;
    qint64 bytes = 0;
    QString url; // relative to the server: /api/v1/shops/{shopId}/photos/{id}
    bool pending = false;
};

// The optimistic local view the GUI reads and edits: confirmed rows from the cache with the pending outbox
// operations applied on top, in mid order. Edits are validated here with the server's limits and checked against
// the permission table, then enqueued as named operations (the SyncClient sends them). The view converges to the
// confirmed rows once the server has acknowledged the operations and the pull has brought the result.
class ShopService final : public QObject
{
    Q_OBJECT

public:
    ShopService(CacheStore& store, Role role, QObject* parent = nullptr);
    ~ShopService() override;
    Q_DISABLE_COPY_MOVE(ShopService)

    // Who edits: the role decides what may be enqueued; the staff id guards against demoting oneself.
    void setIdentity(Role role, const QString& staffId);
    Role role() const { return m_role; }
    // True when the current role may run `operation` (e.g. "staff.add"); the GUI hides what is false.
    bool can(const QString& operation) const;

    // The shop's profile (wire field names, plus "id"); an empty object before the first sync.
    Result<QJsonObject> shopProfile() const;
    // Fields of the profile changed locally and not yet acknowledged.
    QStringList pendingProfileFields() const;
    Result<QList<StaffMember>> staff() const;
    Result<QList<ShopPhoto>> photos() const; // in position order

    // Each returns the operation's mid. Errors: PermissionDenied for the role, InvalidArgument for bad input,
    // NotFound for an unknown staff member or photo.
    Result<qint64> updateProfile(const QJsonObject& changes);
    // `newId` receives the UUID the new member will have.
    Result<qint64> addStaff(
        const QString& login, const QString& displayName, Role role, const QString& password, QString* newId = nullptr);
    // `changes`: any of displayName, role ("owner"|"clerk"), disabled.
    Result<qint64> updateStaff(const QString& id, const QJsonObject& changes);
    Result<qint64> resetStaffPassword(const QString& id, const QString& password);
    Result<qint64> reorderPhotos(const QStringList& ids);
    Result<qint64> removePhoto(const QString& id);

    // Operations the server rejected, with its reason, oldest first.
    QList<OutboxEntry> rejectedOperations() const;
    Status discardRejected(qint64 mid);
    // Enqueues a rejected operation again as a new one (new mid) and discards the old one. `replacementArgs`
    // override its arguments; a password is required again for staff.add / staff.resetPassword because the
    // outbox forgets passwords once the server has answered.
    Result<qint64> retryRejected(qint64 mid, const QJsonObject& replacementArgs = {});

signals:
    void shopChanged();
    void staffChanged();
    void photosChanged();
    void rejectedOperationsChanged();

private:
    Status checkAllowed(const QString& operation) const;
    // Validates and normalises the arguments of an operation as the server would (trimmed strings etc.).
    Result<QJsonObject> validate(const QString& name, const QJsonObject& args) const;
    Result<qint64> submit(const QString& name, const QJsonObject& args);
    // What the view applies on top of the confirmed rows: acknowledged, then pending operations, in mid order.
    Result<QList<OutboxEntry>> viewOperations() const;
    void onEntitiesChanged(const QStringList& entities);
    void onOutboxChanged();

    CacheStore& m_store;
    Role m_role;
    QString m_staffId;
};

} // namespace xd
