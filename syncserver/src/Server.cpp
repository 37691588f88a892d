#include "Server.h"

#include "AdminApi.h"
#include "ArticleApi.h"
#include "ArticleReader.h"
#include "AuthService.h"
#include "CatalogAdminApi.h"
#include "CatalogPublicApi.h"
#include "CatalogReader.h"
#include "ChangeNotifier.h"
#include "CommandProcessor.h"
#include "CustomerApi.h"
#include "CustomerAuth.h"
#include "CustomerOrderApi.h"
#include "CustomerPhoneApi.h"
#include "EntityReader.h"
#include "HttpServer.h"
#include "ImageApi.h"
#include "Logging.h"
#include "OrderAdminApi.h"
#include "OrderReader.h"
#include "OrderTimerJob.h"
#include "OutboundHttp.h"
#include "PasswordHasher.h"
#include "PgChangeRelay.h"
#include "PublicApi.h"
#include "ReviewApi.h"
#include "ServerSchema.h"
#include "ShopRepository.h"
#include "SmsNotices.h"
#include "SmsProvider.h"
#include "StatsApi.h"
#include "SyncEndpoint.h"
#include "SyncService.h"
#include "ViewRecorder.h"
#include "WechatPayService.h"
#include "xiaodian/Clock.h"
#include "xiaodian/db/Database.h"
#include "xiaodian/db/Migrator.h"
#include "xiaodian/db/Transaction.h"

#include <QDir>
#include <QJsonObject>

namespace xd::server {

namespace {

const QString kDemoShopName = QStringLiteral("小店演示店");
const QString kDemoOwnerLogin = QStringLiteral("owner");

} // namespace

Server::Server(ServerConfig config, const Clock& clock, QObject* parent)
    : QObject(parent), m_config(std::move(config)), m_clock(clock), m_http(new HttpServer(this)),
      m_notifier(new ChangeNotifier(this))
{}

Server::~Server()
{
    stop();
}

Result<quint16> Server::start()
{
    if (!QDir().mkpath(m_config.dataDir))
        return makeError(ErrorCode::Io, QStringLiteral("cannot create the data folder '%1'").arg(m_config.dataDir));
    auto settings = db::DatabaseSettings::fromUrl(m_config.effectiveDatabaseUrl());
    if (!settings)
        return settings.error();
    auto database = db::Database::open(*settings);
    if (!database)
        return database.error();
    m_database = std::make_unique<db::Database>(std::move(*database));
    qCInfo(lcServer).noquote() << "database" << settings->redactedUrl();

    auto version = db::Migrator(serverMigrations()).migrate(*m_database, m_clock.nowMs());
    if (!version)
        return version.error();
    m_schemaVersion = *version;
    qCInfo(lcServer) << "schema version" << m_schemaVersion;

    if (m_config.demo) {
        if (const Status seeded = seedDemoShop(); !seeded)
            return seeded.error();
    }

    const PasswordHasher hasher;
    m_auth = std::make_unique<AuthService>(*m_database, m_clock, hasher);
    m_commands = std::make_unique<CommandProcessor>(*m_database, m_clock, *m_notifier, hasher);
    m_reader = std::make_unique<EntityReader>(*m_database);
    m_sync = std::make_unique<SyncService>(*m_database, *m_commands, m_clock);
    m_outbound = new OutboundHttp(this);
    m_customerAuth = std::make_unique<CustomerAuth>(*m_database, m_clock);
    m_customerApi = new CustomerApi(
        *m_auth, *m_commands, *m_customerAuth, *m_database, m_clock, *m_outbound, m_config.wechatApiBase, this);
    m_smsProvider = SmsProvider::create(m_config.sms, *m_outbound, m_clock);
    m_phoneApi = new CustomerPhoneApi(*m_customerAuth,
                                      *m_database,
                                      m_clock,
                                      *m_smsProvider,
                                      m_config.sms.verificationTemplate,
                                      m_config.trustedProxy,
                                      {},
                                      this);
    m_smsNotices = new SmsNotices(*m_database, m_clock, *m_notifier, *m_smsProvider, m_config.sms, this);
    m_adminApi = std::make_unique<AdminApi>(*m_auth, *m_commands, *m_reader, m_config.trustedProxy);
    m_publicApi = std::make_unique<PublicApi>(*m_database, *m_reader);
    m_catalogReader = std::make_unique<CatalogReader>(*m_database);
    m_catalogAdminApi = std::make_unique<CatalogAdminApi>(*m_auth, *m_commands, *m_catalogReader);
    m_catalogPublicApi = std::make_unique<CatalogPublicApi>(*m_database, *m_catalogReader);
    m_imageApi = std::make_unique<ImageApi>(*m_auth, *m_database, m_clock);
    m_views = new ViewRecorder(*m_database, m_clock, *m_notifier, m_config.trustedProxy, ViewRecorder::Limits{}, this);
    m_catalogPublicApi->setViewRecorder(m_views);
    m_catalogPublicApi->setChangeNotifier(m_notifier); // list pages answered from memory until the shop changes
    m_articleReader = std::make_unique<ArticleReader>(*m_database);
    m_articleApi = std::make_unique<ArticleApi>(*m_auth, *m_commands, *m_database, *m_articleReader, *m_views, m_clock);
    m_reviewApi = std::make_unique<ReviewApi>(*m_auth, *m_customerAuth, *m_commands, *m_database, m_clock, *m_notifier);
    m_orderReader = std::make_unique<OrderReader>(*m_database);
    m_orderAdminApi = std::make_unique<OrderAdminApi>(*m_auth, *m_commands, *m_orderReader);
    m_customerOrderApi =
        std::make_unique<CustomerOrderApi>(*m_customerAuth, *m_database, m_clock, *m_notifier, *m_orderReader);
    m_orderTimers = new OrderTimerJob(*m_database, m_clock, *m_notifier, m_config.orderTimerIntervalMs, this);
    WechatPayService::Options payOptions;
    payOptions.payBaseUrl = m_config.wechatPayBase.toString(QUrl::StripTrailingSlash);
    payOptions.notifyBaseUrl = m_config.wechatPayNotifyBase.toString(QUrl::StripTrailingSlash);
    payOptions.jobIntervalMs = m_config.wechatPayJobIntervalMs;
    payOptions.queryAfterMs = m_config.wechatPayQueryAfterMs;
    m_wechatPay = new WechatPayService(
        *m_database, m_clock, *m_notifier, *m_outbound, *m_customerAuth, *m_auth, payOptions, this);
    m_syncEndpoint = new SyncEndpoint(
        *m_http,
        *m_auth,
        *m_sync,
        *m_notifier,
        SyncEndpoint::Timing{m_config.syncAuthTimeoutMs, m_config.syncHeartbeatMs, m_config.syncPeerTimeoutMs},
        this);
    if (m_database->engine() == db::Engine::Postgres)
        new PgChangeRelay(*m_database, *m_notifier, m_syncEndpoint);
    registerRoutes();
    m_adminApi->registerRoutes(*m_http);
    m_catalogAdminApi->registerRoutes(*m_http);
    m_publicApi->registerRoutes(*m_http);
    m_catalogPublicApi->registerRoutes(*m_http);
    m_imageApi->registerRoutes(*m_http);
    m_articleApi->registerRoutes(*m_http);
    m_customerApi->registerRoutes(*m_http);
    m_phoneApi->registerRoutes(*m_http);
    m_reviewApi->registerRoutes(*m_http);
    m_orderAdminApi->registerRoutes(*m_http);
    m_customerOrderApi->registerRoutes(*m_http);
    m_wechatPay->registerRoutes(*m_http);
    StatsApi::registerRoutes(*m_http, *m_auth, *m_database, m_clock);
    auto port = m_http->start(m_config.listenAddress, m_config.port);
    if (!port)
        return port.error();
    if (m_config.wechatPayNotifyBase.isEmpty())
        m_wechatPay->setNotifyBaseUrl(QStringLiteral("http://%1:%2").arg(m_config.listenAddress.toString()).arg(*port));
    m_wechatPay->start();
    m_orderTimers->start();
    qCInfo(lcServer).noquote()
        << QStringLiteral("listening on %1:%2").arg(m_config.listenAddress.toString()).arg(*port);
    return *port;
}

void Server::stop()
{
    if (!m_database)
        return;
    m_http->stop();
    delete m_syncEndpoint; // closes every socket with "going away"
    m_syncEndpoint = nullptr;
    // Handlers run to completion on this thread before the event loop delivers the stop, so no transaction of
    // ours is open here; closing rolls back anything a future bug might leave open.
    // Views still queued are written before the database closes: a clean stop (SIGTERM) loses none.
    if (m_views) {
        if (const Status flushed = m_views->flush(); !flushed)
            qCWarning(lcServer).noquote() << "writing view events at stop failed:" << flushed.error().toString();
        delete m_views;
        m_views = nullptr;
    }
    m_reviewApi.reset();
    delete m_orderTimers;
    m_orderTimers = nullptr;
    m_customerOrderApi.reset();
    m_orderAdminApi.reset();
    m_orderReader.reset();
    m_articleApi.reset();
    m_articleReader.reset();
    m_imageApi.reset();
    m_catalogPublicApi.reset();
    m_catalogAdminApi.reset();
    m_catalogReader.reset();
    m_publicApi.reset();
    m_adminApi.reset();
    m_sync.reset();
    m_reader.reset();
    m_commands.reset();
    delete m_wechatPay; // its calls still waiting for WeChat end with m_outbound below
    m_wechatPay = nullptr;
    delete m_customerApi; // logins still waiting for WeChat end with m_outbound below
    m_customerApi = nullptr;
    delete m_smsNotices; // codes and notices still waiting for the SMS gateway end with m_outbound below
    m_smsNotices = nullptr;
    delete m_phoneApi;
    m_phoneApi = nullptr;
    m_smsProvider.reset();
    m_customerAuth.reset();
    m_auth.reset();
    // Last of the users of the database and the network: calls still running end without a callback.
    delete m_outbound;
    m_outbound = nullptr;
    m_database.reset();
    qCInfo(lcServer) << "stopped";
}

Status Server::seedDemoShop()
{
    const PasswordHasher hasher;
    const QString password = PasswordHasher::generatePassword(12);
    auto hash = hasher.hash(password);
    if (!hash)
        return hash.error();

    auto tx = db::Transaction::begin(*m_database);
    if (!tx)
        return tx.error();
    ShopRepository shops(*m_database, m_clock);
    auto shop = shops.findShopByName(kDemoShopName);
    if (!shop && shop.error().code == ErrorCode::NotFound) {
        shop = shops.createShop(kDemoShopName);
        if (!shop)
            return shop.error();
        auto staff = shops.addStaff(shop->id, kDemoOwnerLogin, QStringLiteral("店主"), Role::Owner, *hash);
        if (!staff)
            return staff.error();
        qCInfo(lcServer) << "created the demo shop" << shop->id;
    } else if (!shop) {
        return shop.error();
    } else if (const Status updated = shops.setStaffPasswordHash(shop->id, kDemoOwnerLogin, *hash); !updated) {
        return updated.error();
    } else if (auto staff = m_database->scalar(QStringLiteral("SELECT id FROM staff WHERE shop_id = ? AND login = ?"),
                                               {shop->id, kDemoOwnerLogin});
               !staff || !AuthService::revokeAll(*m_database, staff->toString(), m_clock.nowMs())) {
        return makeError(ErrorCode::Database, QStringLiteral("cannot end the demo owner's old sessions"));
    }
    if (const Status committed = tx->commit(); !committed)
        return committed.error();
    m_demo = DemoCredentials{shop->id, shop->name, kDemoOwnerLogin, password};
    return {};
}

void Server::registerRoutes()
{
    m_http->addRoute("GET", QStringLiteral("/healthz"), [this](const HttpRequest&) {
        // Healthy means: the database answers. Load balancers and the operations guide rely on this.
        auto ping = m_database ? m_database->scalar(QStringLiteral("SELECT 1"))
                               : Result<QVariant>(makeError(ErrorCode::Unavailable, QStringLiteral("stopped")));
        if (!ping) {
            qCWarning(lcServer).noquote() << "health check failed:" << ping.error().toString();
            return HttpResponse::error(
                makeError(ErrorCode::Unavailable, QStringLiteral("the database does not answer")));
        }
        return HttpResponse::json(200,
                                  QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")},
                                              {QStringLiteral("version"), QStringLiteral(XD_VERSION)},
                                              {QStringLiteral("database"), m_database->dialect().name()},
                                              {QStringLiteral("schemaVersion"), m_schemaVersion}});
    });
}

} // namespace xd::server
