#include "DesktopSession.h"

#include "AdminApiClient.h"
#include "CacheDatabase.h"
#include "CacheStore.h"
#include "SecretStore.h"
#include "ShopService.h"
#include "StatsService.h"
#include "xiaodian/Clock.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSettings>

namespace xd {

namespace {

const QString kAccountKey = QStringLiteral("account/current");

// Who and where (never the token: that lives in the SecretStore).
QJsonObject toJson(const AccountSession& account, const QString& shop, const QString& login)
{
    return QJsonObject{{QStringLiteral("serverUrl"), account.serverUrl.toString()},
                       {QStringLiteral("shopId"), account.shopId},
                       {QStringLiteral("staffId"), account.staffId},
                       {QStringLiteral("role"), roleName(account.role)},
                       {QStringLiteral("displayName"), account.displayName},
                       {QStringLiteral("expiresAtMs"), account.expiresAtMs},
                       {QStringLiteral("shop"), shop},
                       {QStringLiteral("login"), login}};
}

} // namespace

DesktopSession::DesktopSession(SecretStore& secrets,
                               const Clock& clock,
                               QString cacheDirectory,
                               SyncClient::Settings syncSettings,
                               QObject* parent)
    : QObject(parent), m_secrets(secrets), m_clock(clock),
      m_locator(std::make_shared<CacheLocator>(secrets, std::move(cacheDirectory))),
      m_syncSettings(std::move(syncSettings)), m_api(new AdminApiClient(this))
{}

DesktopSession::~DesktopSession()
{
    deactivate();
}

DesktopSession::Remembered DesktopSession::remembered()
{
    const QJsonObject saved = QJsonDocument::fromJson(QSettings().value(kAccountKey).toString().toUtf8()).object();
    return Remembered{QUrl(saved.value(QStringLiteral("serverUrl")).toString()),
                      saved.value(QStringLiteral("shop")).toString(),
                      saved.value(QStringLiteral("login")).toString()};
}

void DesktopSession::signIn(
    const QUrl& serverUrl, const QString& shop, const QString& login, const QString& password, bool remember, Done done)
{
    deactivate();
    m_account = AccountSession{}; // never fall back to the previous account's token or cache
    const quint64 attempt = m_attempt;
    m_api->login(
        serverUrl, shop, login, password, [this, attempt, shop, login, remember, done](Result<AccountSession> session) {
            if (attempt != m_attempt)
                return; // cancelled or superseded meanwhile
            if (!session)
                return done(session.error());
            m_account = *session;
            // Who signed in last is kept either way (to pre-fill the dialog); the token only with "remember me".
            QSettings().setValue(
                kAccountKey,
                QString::fromUtf8(QJsonDocument(toJson(m_account, shop, login)).toJson(QJsonDocument::Compact)));
            const QString tokenKey = SecretStore::tokenName(m_account.accountId());
            auto afterToken = [this, guard = QPointer<DesktopSession>(this), attempt, done](Status) {
                if (guard && attempt == m_attempt)
                    openCache(done);
            };
            if (remember)
                m_secrets.write(tokenKey, m_account.token.toUtf8(), afterToken);
            else
                m_secrets.remove(tokenKey, afterToken);
        });
}

void DesktopSession::resume(Done done)
{
    deactivate();
    const QJsonObject saved = QJsonDocument::fromJson(QSettings().value(kAccountKey).toString().toUtf8()).object();
    if (saved.isEmpty())
        return done(makeError(ErrorCode::NotFound, tr("No account is remembered on this computer.")));
    AccountSession account;
    account.serverUrl = QUrl(saved.value(QStringLiteral("serverUrl")).toString());
    account.shopId = saved.value(QStringLiteral("shopId")).toString();
    account.staffId = saved.value(QStringLiteral("staffId")).toString();
    account.displayName = saved.value(QStringLiteral("displayName")).toString();
    account.expiresAtMs = saved.value(QStringLiteral("expiresAtMs")).toInteger();
    if (!parseRole(saved.value(QStringLiteral("role")).toString(), &account.role))
        return done(makeError(ErrorCode::NotFound, tr("The remembered account is incomplete.")));
    if (account.expiresAtMs <= m_clock.nowMs())
        return done(makeError(ErrorCode::Unauthenticated, tr("The remembered sign-in has expired.")));
    const quint64 attempt = m_attempt;
    m_secrets.read(
        SecretStore::tokenName(account.accountId()),
        [this, guard = QPointer<DesktopSession>(this), attempt, account, done](Result<QByteArray> token) mutable {
            if (!guard || attempt != m_attempt)
                return;
            if (!token)
                return done(token.error());
            account.token = QString::fromUtf8(*token);
            m_account = account;
            openCache(done);
        });
}

void DesktopSession::openCache(Done done)
{
    openWithKeychain(CacheLocator::LostKeyPolicy::KeepPendingOperations, std::move(done));
}

void DesktopSession::openWithKeychain(CacheLocator::LostKeyPolicy policy, Done done)
{
    // A cache made with a passphrase (no keychain when it was created) is opened with one again: the same answer as
    // "no keychain", so the GUI has one path to the passphrase prompt.
    if (m_locator->usesPassphrase(m_account.accountId())) {
        m_needsPassphrase = true;
        return done(
            makeError(ErrorCode::Unavailable, tr("This computer's copy of the shop is protected by a passphrase.")));
    }
    // The keychain answers asynchronously and the locator's chain refers to the database and to itself: both are
    // shared with the callback, so a sign-in cancelled (or this session destroyed) meanwhile cannot leave the chain
    // pointing at freed objects. A superseded attempt is dropped.
    auto database = std::make_shared<CacheDatabase>();
    const quint64 attempt = m_attempt;
    m_locator->openWithKeychain(
        *database,
        m_account.accountId(),
        policy,
        [this, guard = QPointer<DesktopSession>(this), locator = m_locator, database, attempt, done](
            Result<CacheLocator::Outcome> outcome) {
            if (!guard || attempt != m_attempt)
                return;
            if (!outcome) {
                m_needsPassphrase = outcome.error().code == ErrorCode::Unavailable;
                return done(outcome.error());
            }
            m_database = database;
            done(activate(*outcome));
        });
}

bool DesktopSession::usesPassphrase() const
{
    return m_locator->usesPassphrase(m_account.accountId());
}

Status DesktopSession::openWithPassphrase(const QString& passphrase)
{
    if (m_account.token.isEmpty())
        return makeError(ErrorCode::Unauthenticated, tr("Sign in first."));
    if (!m_needsPassphrase)
        return makeError(ErrorCode::Conflict, tr("This account's data is opened with the keychain, not a passphrase."));
    auto database = std::make_shared<CacheDatabase>();
    auto outcome = m_locator->openWithPassphrase(*database, m_account.accountId(), passphrase);
    if (!outcome)
        return outcome.error();
    m_database = database;
    return activate(*outcome);
}

void DesktopSession::discardUnreadableCache(Done done)
{
    if (m_account.token.isEmpty())
        return done(makeError(ErrorCode::Unauthenticated, tr("Sign in first.")));
    openWithKeychain(CacheLocator::LostKeyPolicy::DiscardPendingOperations, std::move(done));
}

Status DesktopSession::activate(CacheLocator::Outcome)
{
    m_store = std::make_unique<CacheStore>(*m_database, m_clock);
    if (const Status ready = m_store->initialize(); !ready) {
        m_store.reset();
        m_database.reset();
        return ready;
    }
    m_store->setOutboxMarkerPath(m_locator->outboxMarkerPath(m_account.accountId()));
    SyncClient::Settings settings = m_syncSettings;
    settings.serverUrl = m_account.serverUrl;
    m_client = std::make_unique<SyncClient>(*m_store, settings);
    m_client->setToken(m_account.token);
    m_shop = std::make_unique<ShopService>(*m_store, m_account.role);
    m_shop->setIdentity(m_account.role, m_account.staffId);
    m_stats = std::make_unique<StatsService>(*m_store, m_clock);
    connect(m_client.get(), &SyncClient::sessionEnded, this, [this](int, const QString& reason) {
        // The token is no good any more: forget it so the next start asks for the password.
        m_secrets.remove(SecretStore::tokenName(m_account.accountId()), [](Status) {});
        emit sessionEnded(reason);
    });
    connect(
        m_client.get(), &SyncClient::authenticated, this, [this](const QString&, const QString&, const QString& role) {
            Role current = m_account.role;
            if (parseRole(role, &current) && current != m_account.role) {
                m_account.role = current; // changed by an owner meanwhile
                m_shop->setIdentity(current, m_account.staffId);
            }
        });
    m_client->start();
    emit activated();
    return {};
}

void DesktopSession::deactivate()
{
    ++m_attempt; // whatever was still on its way belongs to an attempt that is over
    m_needsPassphrase = false;
    const bool wasActive = m_store != nullptr;
    if (m_client)
        m_client->stop();
    m_stats.reset();
    m_shop.reset();
    m_client.reset();
    m_store.reset();
    m_database.reset();
    if (wasActive)
        emit deactivated();
}

void DesktopSession::signOut(bool wipeCache, bool discardPending, Done done)
{
    const AccountSession account = m_account;
    // Refuse before changing anything: unsynced work is dropped only with the user's explicit consent.
    if (wipeCache && !discardPending && m_locator->hasUnsyncedOperations(account.accountId()))
        return done(makeError(CacheLocator::PendingOperationsAtRisk,
                              tr("This computer still has changes the server has not received.")));
    deactivate();
    QSettings().remove(kAccountKey);
    m_secrets.remove(SecretStore::tokenName(account.accountId()), [](Status) {});
    if (wipeCache) {
        const Status wiped = m_locator->wipe(account.accountId(),
                                             discardPending ? CacheLocator::LostKeyPolicy::DiscardPendingOperations
                                                            : CacheLocator::LostKeyPolicy::KeepPendingOperations);
        if (!wiped)
            return done(wiped);
        m_secrets.remove(SecretStore::cacheKeyName(account.accountId()), [](Status) {});
    }
    m_account = AccountSession{};
    if (account.token.isEmpty())
        return done({});
    // The server forgets the token too; offline, it simply expires.
    m_api->logout(account, [done](Status) { done({}); });
}

} // namespace xd
