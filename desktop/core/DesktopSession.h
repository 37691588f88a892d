#pragma once

#include "AccountSession.h"
#include "CacheLocator.h"
#include "SyncClient.h"
#include "xiaodian/Result.h"

#include <QObject>

#include <functional>
#include <memory>

namespace xd {

class AdminApiClient;
class CacheDatabase;
class CacheStore;
class Clock;
class SecretStore;
class ShopService;
class StatsService;

// The signed-in state of the desktop, without widgets: signs in, remembers the account (QSettings for who and
// where, the SecretStore for the token), opens that account's encrypted cache (CacheLocator: keychain key, or a
// passphrase where no keychain works), runs the sync client, the shop service and the stats service, and signs out.
//
// Flow: resume() at start-up; if it fails, the GUI asks for credentials and calls signIn(); if opening the cache
// answers Unavailable (no keychain), the GUI asks for a passphrase and calls openWithPassphrase().
class DesktopSession final : public QObject
{
    Q_OBJECT

public:
    DesktopSession(SecretStore& secrets,
                   const Clock& clock,
                   QString cacheDirectory = {},
                   SyncClient::Settings syncSettings = {},
                   QObject* parent = nullptr);
    ~DesktopSession() override;
    Q_DISABLE_COPY_MOVE(DesktopSession)

    using Done = std::function<void(Status)>;

    // Signs in over HTTP, then opens the account's cache and starts syncing. `remember` keeps the token (in the
    // keychain) so the next start needs no password.
    void signIn(const QUrl& serverUrl,
                const QString& shop,
                const QString& login,
                const QString& password,
                bool remember,
                Done done);
    // Opens the remembered account without a password: NotFound when nothing is remembered.
    void resume(Done done);
    // For machines without a keychain, and caches created on one (signIn/resume answered Unavailable).
    Status openWithPassphrase(const QString& passphrase);
    // True when the signed-in account's cache exists and is protected by a passphrase.
    bool usesPassphrase() const;
    // True after the last open attempt found no keychain (or a passphrase cache): openWithPassphrase() is next.
    bool needsPassphrase() const { return m_needsPassphrase; }
    // After PendingOperationsAtRisk: the user chose to drop the unreadable cache and its unsynced operations.
    void discardUnreadableCache(Done done);
    // Stops syncing and forgets the token. The cache stays (it is encrypted) unless `wipeCache`; wiping is refused
    // with PendingOperationsAtRisk while operations are unsynced, unless `discardPending`.
    void signOut(bool wipeCache, bool discardPending, Done done);

    bool isActive() const { return m_store != nullptr; }
    const AccountSession& account() const { return m_account; }
    CacheStore* store() const { return m_store.get(); }
    SyncClient* syncClient() const { return m_client.get(); }
    ShopService* shop() const { return m_shop.get(); }
    StatsService* stats() const { return m_stats.get(); } // reports from the cache (dashboard, finance, statistics)
    AdminApiClient& api() const { return *m_api; }

    // The last account signed in with "remember me", for pre-filling the sign-in dialog.
    struct Remembered
    {
        QUrl serverUrl;
        QString shop;
        QString login;
    };
    static Remembered remembered();

signals:
    void activated();   // the cache is open and sync runs: show the shop
    void deactivated(); // signed out
    // The server ended the session (password changed elsewhere, disabled, revoked): sign in again.
    void sessionEnded(const QString& reason);

private:
    void openCache(Done done);
    void openWithKeychain(CacheLocator::LostKeyPolicy policy, Done done);
    Status activate(CacheLocator::Outcome outcome);
    void deactivate();

    SecretStore& m_secrets;
    const Clock& m_clock;
    std::shared_ptr<CacheLocator> m_locator; // shared with pending keychain callbacks
    quint64 m_attempt = 0;                   // callbacks of an earlier attempt are dropped
    bool m_needsPassphrase = false;
    SyncClient::Settings m_syncSettings;
    AdminApiClient* m_api;
    AccountSession m_account;
    std::shared_ptr<CacheDatabase> m_database;
    std::unique_ptr<CacheStore> m_store;
    std::unique_ptr<SyncClient> m_client;
    std::unique_ptr<ShopService> m_shop;
    std::unique_ptr<StatsService> m_stats;
};

} // namespace xd
