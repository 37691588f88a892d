#pragma once

#include "SecretStore.h"

#include <QString>

namespace xd {

// Secrets in the OS keychain through QtKeychain (Keychain on macOS, Credential Manager on Windows, Secret Service
// on Linux). Never falls back to a plaintext file: without a keychain every call fails with Unavailable.
class KeychainSecretStore final : public SecretStore
{
public:
    explicit KeychainSecretStore(QString service = QStringLiteral("Xiaodian"));

    void read(const QString& key, ReadCallback done) override;
    void write(const QString& key, const QByteArray& secret, WriteCallback done) override;
    void remove(const QString& key, WriteCallback done) override;

private:
    QString m_service;
};

} // namespace xd
