#pragma once

#include "xiaodian/Result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

// The sync protocol's vocabulary, shared by the server and the desktop. docs/sync-protocol.md explains it.
namespace xd::sync {

inline constexpr int ProtocolVersion = 1;
inline constexpr qint64 MaxMessageBytes = 1 << 20;
inline constexpr int AuthTimeoutMs = 10'000;
inline constexpr int HeartbeatIntervalMs = 15'000;
inline constexpr int PeerTimeoutMs = 45'000;
inline constexpr int DefaultPullLimit = 500;
inline constexpr int MaxPullLimit = 1000;
inline constexpr int MaxMutationsPerPush = 100;
inline constexpr const char* Path = "/sync/v1";

namespace CloseCode {
inline constexpr int ProtocolError = 4400;
inline constexpr int Unauthenticated = 4401;
inline constexpr int AccountDisabled = 4403;
} // namespace CloseCode

namespace MessageType {
inline const QString Auth = QStringLiteral("auth");
inline const QString AuthOk = QStringLiteral("auth.ok");
inline const QString Pull = QStringLiteral("pull");
inline const QString PullResult = QStringLiteral("pull.result");
inline const QString Push = QStringLiteral("push");
inline const QString PushResult = QStringLiteral("push.result");
inline const QString Poke = QStringLiteral("poke");
inline const QString Error = QStringLiteral("error");
} // namespace MessageType

// Synced entities in pull order. Append new ones; never reorder (cursors store the position).
const QStringList& entities();
// Position of `entity` in entities(), or -1.
int entityOrder(const QString& entity);

// Where a pull stopped: the last row sent, in (version, entity order, id) order. Opaque text on the wire.
struct Cursor
{
    qint64 version = 0;
    int entity = -1; // -1: every row of `version` was sent
    QString id;

    static Result<Cursor> decode(const QString& text);
    QString encode() const;
    // True when the row (version, entity, id) comes after this cursor.
    bool precedes(qint64 rowVersion, int rowEntity, const QString& rowId) const;
};

struct SyncRow
{
    QString entity;
    QString id;
    qint64 version = 0;
    bool deleted = false;
    QJsonObject data; // empty for tombstones

    QJsonObject toJson() const;
    static Result<SyncRow> fromJson(const QJsonObject& object);
};

struct Mutation
{
    qint64 mid = 0;
    QString name;
    QJsonObject args;

    QJsonObject toJson() const;
    static Result<Mutation> fromJson(const QJsonObject& object);
};

struct MutationResult
{
    enum class Status { Accepted, Rejected };
    qint64 mid = 0;
    Status status = Status::Accepted;
    QString code; // rejected only: a stable error code
    QString message;

    QJsonObject toJson() const;
    static Result<MutationResult> fromJson(const QJsonObject& object);
};

// {"type":"error","id":…,"code":…,"message":…}
QJsonObject errorMessage(const QString& requestId, const QString& code, const QString& message);

} // namespace xd::sync
