#pragma once

#include "xiaodian/Result.h"

#include <QByteArray>
#include <QString>

namespace xd::server {

// Staff passwords, hashed with libsodium's Argon2id (memory-hard) in its self-describing string form
// ("$argon2id$v=19$m=…,t=…,p=…$salt$hash"), so parameters can be raised later without a migration.
class PasswordHasher
{
public:
    enum class Strength {
        Interactive, // libsodium's INTERACTIVE limits (64 MiB, 2 passes): production logins
        Fast,        // MIN limits: tests only, where hundreds of hashes would otherwise take minutes
    };

    explicit PasswordHasher(Strength strength = Strength::Interactive);

    Result<QString> hash(const QString& password) const;
    bool verify(const QString& password, const QString& storedHash) const;
    // A random password of `length` characters from an alphabet without look-alikes (no 0/O, 1/l/I).
    static QString generatePassword(int length = 16);

private:
    Strength m_strength;
};

} // namespace xd::server
