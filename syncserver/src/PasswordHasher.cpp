#include "PasswordHasher.h"

#include <QRandomGenerator>

#include <sodium.h>

namespace xd::server {

namespace {

bool sodiumReady()
{
    static const bool ready = sodium_init() >= 0;
    return ready;
}

} // namespace

PasswordHasher::PasswordHasher(Strength strength) : m_strength(strength) {}

Result<QString> PasswordHasher::hash(const QString& password) const
{
    if (!sodiumReady())
        return makeError(ErrorCode::Internal, QStringLiteral("libsodium failed to initialise"));
    const QByteArray utf8 = password.toUtf8();
    const bool fast = m_strength == Strength::Fast;
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out,
                          utf8.constData(),
                          quint64(utf8.size()),
                          fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          fast ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return makeError(ErrorCode::Internal, QStringLiteral("out of memory while hashing a password"));
    return QString::fromLatin1(out);
}

bool PasswordHasher::verify(const QString& password, const QString& storedHash) const
{
    if (!sodiumReady())
        return false;
    const QByteArray utf8 = password.toUtf8();
    const QByteArray stored = storedHash.toLatin1();
    return crypto_pwhash_str_verify(stored.constData(), utf8.constData(), quint64(utf8.size())) == 0;
}

QString PasswordHasher::generatePassword(int length)
{
    static const QString alphabet = QStringLiteral("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789");
    QString out;
    out.reserve(length);
    for (int i = 0; i < length; ++i)
        out.append(alphabet.at(QRandomGenerator::system()->bounded(int(alphabet.size()))));
    return out;
}

} // namespace xd::server
