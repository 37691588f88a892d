#pragma once

#include "SecretStore.h"

#include <QHash>

namespace xd {

// Secrets in process memory, for tests and for a session that must not touch the keychain. Callbacks run at once.
// setAvailable(false) makes it behave like a machine without a keychain.
class InMemorySecretStore final : public SecretStore
{
public:
    void read(const QString& key, ReadCallback done) override;
    void write(const QString& key, const QByteArray& secret, WriteCallback done) override;
    void remove(const QString& key, WriteCallback done) override;

    void setAvailable(bool available) { m_available = available; }
    bool contains(const QString& key) const { return m_secrets.contains(key); }

private:
    QHash<QString, QByteArray> m_secrets;
    bool m_available = true;
};

} // namespace xd
