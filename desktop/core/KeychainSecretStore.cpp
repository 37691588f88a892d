#include "KeychainSecretStore.h"

#include <qt6keychain/keychain.h>

namespace xd {

namespace {

Error jobError(const QKeychain::Job& job)
{
    switch (job.error()) {
    case QKeychain::EntryNotFound:
        return makeError(ErrorCode::NotFound, job.errorString());
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return makeError(ErrorCode::PermissionDenied, job.errorString());
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return makeError(ErrorCode::Unavailable, job.errorString());
    default:
        return makeError(ErrorCode::Io, job.errorString());
    }
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service) : m_service(std::move(service)) {}

void KeychainSecretStore::read(const QString& key, ReadCallback done)
{
    auto* job = new QKeychain::ReadPasswordJob(m_service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, [done = std::move(done)](QKeychain::Job* finished) {
        auto* reader = static_cast<QKeychain::ReadPasswordJob*>(finished);
        if (reader->error() != QKeychain::NoError)
            return done(jobError(*reader));
        done(reader->binaryData());
    });
    job->start();
}

void KeychainSecretStore::write(const QString& key, const QByteArray& secret, WriteCallback done)
{
    auto* job = new QKeychain::WritePasswordJob(m_service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    job->setBinaryData(secret);
    QObject::connect(job, &QKeychain::Job::finished, [done = std::move(done)](QKeychain::Job* finished) {
        if (finished->error() != QKeychain::NoError)
            return done(jobError(*finished));
        done({});
    });
    job->start();
}

void KeychainSecretStore::remove(const QString& key, WriteCallback done)
{
    auto* job = new QKeychain::DeletePasswordJob(m_service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, [done = std::move(done)](QKeychain::Job* finished) {
        // Removing what is not there is success: the end state is the same.
        if (finished->error() != QKeychain::NoError && finished->error() != QKeychain::EntryNotFound)
            return done(jobError(*finished));
        done({});
    });
    job->start();
}

} // namespace xd
