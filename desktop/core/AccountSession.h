#pragma once

#include "xiaodian/Permissions.h"

#include <QString>
#include <QUrl>

namespace xd {

// A signed-in staff member: what POST /admin/v1/auth/login returned, plus the server it came from.
struct AccountSession
{
    QUrl serverUrl;
    QString token;
    qint64 expiresAtMs = 0;
    QString shopId;
    QString staffId;
    Role role = Role::Clerk;
    QString displayName;

    // The account's stable name for files and keychain entries: hex SHA-256 of (normalised server, shop, staff),
    // so neither the shop nor the person can be read from a file name.
    QString accountId() const;
    static QString accountId(const QUrl& serverUrl, const QString& shopId, const QString& staffId);
};

} // namespace xd
