#include "AdminCli.h"

#include "ImageCollector.h"
#include "PasswordHasher.h"
#include "ServerSchema.h"
#include "ShopRepository.h"
#include "StatsRollup.h"
#include "xiaodian/Clock.h"
#include "xiaodian/ShopRules.h"
#include "xiaodian/db/Database.h"
#include "xiaodian/db/Migrator.h"
#include "xiaodian/db/Transaction.h"

#include <QDir>
#include <QTextStream>

#include <cstdio>

namespace xd::server {

namespace {

int fail(const QString& message)
{
    std::fprintf(stderr, "syncserver: %s\n", qPrintable(message));
    return 1;
}

Result<QString> choosePassword(bool fromStdin, bool* generated)
{
    *generated = !fromStdin;
    if (!fromStdin)
        return PasswordHasher::generatePassword(16);
    QTextStream in(stdin);
    const QString password = in.readLine();
    if (const Status ok = ShopRules::checkPassword(password); !ok)
        return ok.error();
    return password;
}

int collectImages(const db::Database& database, const AdminCommand& admin, const Clock& clock)
{
    ImageGcOptions options;
    options.dryRun = admin.dryRun;
    options.graceMs = qint64(admin.graceHours) * 3600 * 1000;
    if (!admin.shop.isEmpty()) {
        ShopRepository shops(database, clock);
        auto shop = shops.findShop(admin.shop);
        if (!shop && shop.error().code == ErrorCode::NotFound)
            shop = shops.findShopByName(admin.shop);
        if (!shop)
            return fail(shop.error().message);
        options.shopId = shop->id;
    }
    auto report = collectUnusedImages(database, clock.nowMs(), options);
    if (!report)
        return fail(report.error().toString());
    for (const QString& id : std::as_const(report->imageIds))
        std::printf("%s image %s\n", options.dryRun ? "would delete" : "deleted", qPrintable(id));
    std::printf("images gc%s: %d shops scanned, %d images and %d files (%lld bytes) %s\n",
                options.dryRun ? " (dry run)" : "",
                report->shopsScanned,
                report->imagesDeleted,
                report->blobsDeleted,
                static_cast<long long>(report->bytesFreed),
                options.dryRun ? "would be deleted" : "deleted");
    return 0;
}

int rebuildStats(const db::Database& database, const AdminCommand& admin, const Clock& clock)
{
    ShopRepository shops(database, clock);
    auto shop = shops.findShop(admin.shop);
    if (!shop && shop.error().code == ErrorCode::NotFound)
        shop = shops.findShopByName(admin.shop);
    if (!shop)
        return fail(shop.error().message);
    std::optional<stats::Period> period;
    if (admin.statsFrom.isValid())
        period = stats::Period{admin.statsFrom, admin.statsTo};
    auto summary = StatsRollup(database).rebuild(shop->id, period, clock);
    if (!summary)
        return fail(summary.error().toString());
    const auto dayText = [](QDate day) {
        return day.isValid() ? stats::dayText(day) : QStringLiteral("-");
    };
    std::printf("stats rebuilt: shop %s (time zone %s), days %s to %s, version %lld\n"
                "%lld order events and %lld views read; %d day rows written (%d zeroed), %d product rows written "
                "(%d zeroed)\n",
                qPrintable(shop->id),
                qPrintable(shop->timeZone),
                qPrintable(dayText(summary->period.from)),
                qPrintable(dayText(summary->period.to)),
                static_cast<long long>(summary->version),
                static_cast<long long>(summary->eventsRead),
                static_cast<long long>(summary->viewsRead),
                summary->daysWritten,
                summary->daysZeroed,
                summary->productsWritten,
                summary->productsZeroed);
    return 0;
}

} // namespace

int runAdminCommand(const CommandLine& commandLine, const Clock& clock)
{
    const ServerConfig& config = commandLine.config;
    const AdminCommand& admin = commandLine.admin;
    if (!QDir().mkpath(config.dataDir))
        return fail(QStringLiteral("cannot create the data folder '%1'").arg(config.dataDir));
    auto settings = db::DatabaseSettings::fromUrl(config.effectiveDatabaseUrl());
    if (!settings)
        return fail(settings.error().message);
    auto database = db::Database::open(*settings, QStringLiteral("admin"));
    if (!database)
        return fail(database.error().toString());
    if (auto migrated = db::Migrator(serverMigrations()).migrate(*database, clock.nowMs()); !migrated)
        return fail(migrated.error().toString());
    if (commandLine.action == CommandLine::Action::ImagesGc)
        return collectImages(*database, admin, clock);
    if (commandLine.action == CommandLine::Action::StatsRebuild)
        return rebuildStats(*database, admin, clock);

    Role role = Role::Owner;
    if (commandLine.action == CommandLine::Action::StaffAdd && !parseRole(admin.role, &role))
        return fail(QStringLiteral("--role is 'owner' or 'clerk', not '%1'").arg(admin.role));
    bool generated = false;
    auto password = choosePassword(admin.passwordFromStdin, &generated);
    if (!password)
        return fail(password.error().message);
    auto hash = PasswordHasher().hash(*password);
    if (!hash)
        return fail(hash.error().message);

    auto tx = db::Transaction::begin(*database);
    if (!tx)
        return fail(tx.error().toString());
    ShopRepository shops(*database, clock);
    Result<ShopRecord> shop = makeError(ErrorCode::Internal, QString());
    if (commandLine.action == CommandLine::Action::ShopCreate) {
        shop = shops.createShop(admin.shopName, admin.timeZone);
    } else {
        shop = shops.findShop(admin.shop);
        if (!shop && shop.error().code == ErrorCode::NotFound)
            shop = shops.findShopByName(admin.shop);
    }
    if (!shop)
        return fail(shop.error().message);
    auto staffId = shops.addStaff(shop->id, admin.login, admin.displayName, role, *hash);
    if (!staffId)
        return fail(staffId.error().message);
    if (const Status committed = tx->commit(); !committed)
        return fail(committed.error().toString());

    if (commandLine.action == CommandLine::Action::ShopCreate)
        std::printf("shop created: %s (id %s, time zone %s)\n",
                    qPrintable(shop->name),
                    qPrintable(shop->id),
                    qPrintable(shop->timeZone));
    std::printf("staff added: %s (%s, id %s) to shop %s\n",
                qPrintable(admin.login),
                qPrintable(roleName(role)),
                qPrintable(*staffId),
                qPrintable(shop->id));
    if (generated)
        std::printf("password: %s\n(shown once; only a hash is stored)\n", qPrintable(*password));
    return 0;
}

} // namespace xd::server
