// Seeds a server database with many synced rows for the benchmarks, written directly in one transaction:
//   bench_seed --data-dir DIR --rows N                  N staff accounts (one shared hash: staff.add would spend
//                                                        N Argon2id hashes)
//   bench_seed --data-dir DIR --rows N --entity product [--search-index]
//                                                        N products in 8 categories with realistic Chinese names
//                                                        (brand, item, size), 1-6 SKUs each; --search-index also
//                                                        writes the search grams (as product.save), for search runs
//   bench_seed --data-dir DIR --rows N --entity article  N articles with Chinese titles and HTML bodies
// Server side only (links the server library and Qt's SQLite).
#include "PasswordHasher.h"
#include "ProductSearchIndex.h"
#include "ServerSchema.h"
#include "ShopRepository.h"
#include "xiaodian/Clock.h"
#include "xiaodian/Id.h"
#include "xiaodian/db/Database.h"
#include "xiaodian/db/Migrator.h"
#include "xiaodian/db/Transaction.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>

#include <cstdio>

namespace {

// Deterministic picks: the same N gives the same shop on every run.
const QString& pick(const QStringList& list, quint64 n)
{
    return list.at(qsizetype(n % quint64(list.size())));
}

// A product family: its category, the words its names are made of, and the SKU axis it varies along.
struct Family
{
    QString category;
    QStringList brands;
    QStringList items;
    QStringList variants; // 规格 values of the SKUs, one per SKU (1-6)
    qint64 basePriceFen;
};

QList<Family> families()
{
    const auto list = [](const char* words) {
        return QString::fromUtf8(words).split(u' ');
    };
    return {
        {QStringLiteral("茶饮"),
         list("经典 招牌 鲜榨 手作 冰镇 浓香 低糖 芝士"),
         list("红茶拿铁 乌龙奶茶 抹茶拿铁 茉莉花茶 普洱奶茶 柠檬红茶 芒果冰沙 草莓奶盖 杨枝甘露 椰果奶茶"),
         list("小杯 中杯 大杯 超大杯 热饮 少冰"),
         900},
        {QStringLiteral("咖啡"),
         list("精品 意式 云南 耶加雪菲 哥伦比亚 冷萃"),
         list("美式咖啡 拿铁咖啡 卡布奇诺 摩卡 澳白 焦糖玛奇朵"),
         list("中杯 大杯 燕麦奶 加浓 半糖 冰"),
         1500},
        {QStringLiteral("零食"),
         list("良品 三只松鼠 百草味 来伊份 洽洽 旺旺"),
         list("牛肉干 猪肉脯 每日坚果 夏威夷果 芒果干 薯片 瓜子 海苔"),
         list("100g 200g 500g 1kg 礼盒装 家庭装"),
         1290},
        {QStringLiteral("生鲜水果"),
         list("新疆 海南 云南 烟台 赣南 智利"),
         list("苹果 香蕉 脐橙 车厘子 葡萄 猕猴桃 火龙果 草莓"),
         list("500g 1kg 2.5kg 5kg 精品装 整箱"),
         1990},
        {QStringLiteral("日用百货"),
         list("蓝月亮 立白 舒肤佳 心相印 维达 云南白药"),
         list("洗衣液 洗洁精 沐浴露 抽纸 卷纸 牙膏 洗发水 湿巾"),
         list("单瓶 两瓶装 三包 十包 家庭装 补充装"),
         1590},
        {QStringLiteral("文具办公"),
         list("得力 晨光 齐心 真彩 国誉 斑马"),
         list("A4复印纸 中性笔 笔记本 文件夹 订书机 便利贴 荧光笔"),
         list("单支 十支装 一包 一箱 黑色 蓝色"),
         590},
        {QStringLiteral("烘焙甜点"),
         list("法式 日式 手工 现烤 网红 低脂"),
         list("草莓蛋糕 芝士蛋糕 提拉米苏 可颂 蛋挞 吐司 曲奇 泡芙"),
         list("单个 四个装 六寸 八寸 礼盒 原味"),
         1290},
        {QStringLiteral("粮油调味"),
         list("金龙鱼 鲁花 福临门 海天 李锦记 五常"),
         list("大米 花生油 酱油 蚝油 香醋 挂面 面粉"),
         list("500ml 1L 5L 2.5kg 5kg 10kg"),
         990},
    };
}

int seedProducts(const xd::db::Database& database,
                 const xd::Clock& clock,
                 xd::server::ShopRepository& shops,
                 const QString& shopId,
                 int rows,
                 bool searchIndex)
{
    using namespace xd;
    const QList<Family> kinds = families();
    static const QStringList subtitles{QStringLiteral("店长推荐"),
                                       QStringLiteral("当季热卖"),
                                       QStringLiteral("买二送一"),
                                       QStringLiteral("产地直发"),
                                       QStringLiteral("限时特价"),
                                       QStringLiteral("")}; // not QString(): a null string binds as NULL
    static const QStringList temperatures{QStringLiteral("常温"), QStringLiteral("冷藏")};
    QElapsedTimer timer;
    timer.start();
    auto tx = db::Transaction::begin(database);
    const qint64 version = *shops.bumpChangeCounter(shopId);
    const qint64 now = clock.nowMs();
    QStringList categoryIds;
    for (int c = 0; c < kinds.size(); ++c) {
        categoryIds.append(Id::create(clock));
        if (!database.exec(QStringLiteral("INSERT INTO categories (id, shop_id, parent_id, name, icon, position, "
                                          "version, deleted, created_at_ms, updated_at_ms) "
                                          "VALUES (?, ?, NULL, ?, '', ?, ?, 0, ?, ?)"),
                           {categoryIds.constLast(), shopId, kinds[c].category, c + 1, version, now, now}))
            return 1;
    }
    qint64 skus = 0;
    for (int i = 0; i < rows; ++i) {
        // A multiplicative hash spreads the words so that neighbouring products differ in every part of the name.
        const quint64 h = quint64(i) * 2654435761u;
        const int familyIndex = int(h % quint64(kinds.size()));
        const Family& family = kinds[familyIndex];
        const QString id = Id::create(clock);
        // e.g. "三只松鼠 每日坚果 500g 礼盒 No.1234": brand, item, size, and a number that makes every name unique.
        const QString name = pick(family.brands, h >> 8) + pick(family.items, h >> 16) + QLatin1Char(' ') +
                             pick(family.variants, h >> 24) + QStringLiteral(" No.%1").arg(i);
        const QString subtitle = pick(subtitles, h >> 12);
        const QString keywords = family.category;
        const QString searchText = server::ProductSearchIndex::searchText(name, subtitle, keywords);
        const int skuCount = 1 + i % 6;
        const qint64 basePrice = family.basePriceFen + qint64((h >> 20) % 40) * 100;
        const bool onShelf = i % 20 != 0; // 5% off the shelf
        auto product = database.exec(
            QStringLiteral("INSERT INTO products (id, shop_id, category_id, top_category_id, name, subtitle, keywords, "
                           "description, images, on_shelf, sort_weight, sales_count, min_price_fen, stock_total, "
                           "search_text, version, deleted, created_at_ms, updated_at_ms) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, '', '[]', ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)"),
            {id,
             shopId,
             categoryIds[familyIndex],
             categoryIds[familyIndex],
             name,
             subtitle,
             keywords,
             onShelf ? 1 : 0,
             qint64((h >> 4) % 100),
             qint64((h >> 6) % 5000),
             basePrice,
             qint64(skuCount) * 50,
             searchText,
             version,
             now - (rows - i) * 1000, // older products first, a second apart
             now});
        if (!product) {
            std::fprintf(stderr, "%s\n", qPrintable(product.error().toString()));
            return 1;
        }
        for (int k = 0; k < skuCount; ++k) {
            const QString specs =
                QStringLiteral("{\"规格\":\"%1\",\"储存\":\"%2\"}")
                    .arg(family.variants[(familyIndex + k) % family.variants.size()], temperatures[k % 2]);
            auto sku = database.exec(
                QStringLiteral(
                    "INSERT INTO product_skus (id, shop_id, product_id, position, specs, price_fen, "
                    "original_price_fen, stock, code, image, version, deleted, created_at_ms, updated_at_ms) "
                    "VALUES (?, ?, ?, ?, ?, ?, 0, 50, ?, '', ?, 0, ?, ?)"),
                {Id::create(clock),
                 shopId,
                 id,
                 k + 1,
                 specs,
                 basePrice + k * 200,
                 QStringLiteral("69%1").arg(qint64(i) * 10 + k, 11, 10, QLatin1Char('0')), // an EAN-like code
                 version,
                 now,
                 now});
            if (!sku) {
                std::fprintf(stderr, "%s\n", qPrintable(sku.error().toString()));
                return 1;
            }
            ++skus;
        }
        if (searchIndex && !server::ProductSearchIndex::reindex(database, shopId, id, QString(), searchText)) {
            std::fprintf(stderr, "indexing product %d failed\n", i);
            return 1;
        }
    }
    if (!tx->commit())
        return 1;
    std::printf("seeded %d products with %lld SKUs in %d categories at version %lld%s in %lld ms\n",
                rows,
                static_cast<long long>(skus),
                int(kinds.size()),
                static_cast<long long>(version),
                searchIndex ? " (with search grams)" : "",
                static_cast<long long>(timer.elapsed()));
    return 0;
}

// N articles with Chinese titles, summaries and bodies of a few paragraphs (sanitized-looking HTML); 90% published,
// a few scheduled a day ahead, the rest drafts.
int seedArticles(const xd::db::Database& database,
                 const xd::Clock& clock,
                 xd::server::ShopRepository& shops,
                 const QString& shopId,
                 int rows)
{
    using namespace xd;
    static const QStringList topics{QStringLiteral("新品上市"),
                                    QStringLiteral("会员日"),
                                    QStringLiteral("门店公告"),
                                    QStringLiteral("节日活动"),
                                    QStringLiteral("饮品知识"),
                                    QStringLiteral("烘焙课堂")};
    static const QStringList subjects{QStringLiteral("春季限定草莓系列"),
                                      QStringLiteral("周三会员双倍积分"),
                                      QStringLiteral("五一假期营业时间调整"),
                                      QStringLiteral("中秋月饼礼盒预订开启"),
                                      QStringLiteral("如何挑选一杯好咖啡"),
                                      QStringLiteral("在家也能做的芝士蛋糕"),
                                      QStringLiteral("新店开业全场八折"),
                                      QStringLiteral("冬日热饮推荐")};
    static const QStringList sentences{QStringLiteral("感谢各位顾客一直以来的支持与厚爱。"),
                                       QStringLiteral("本店精选当季新鲜食材，每日现做，品质始终如一。"),
                                       QStringLiteral("活动期间到店消费满五十元即可参与抽奖，礼品数量有限，先到先得。"),
                                       QStringLiteral("会员在小程序下单可享受专属折扣，积分还能兑换精美周边。"),
                                       QStringLiteral("如有任何疑问，欢迎致电门店或在小程序内联系客服。"),
                                       QStringLiteral("我们的烘焙师凌晨五点开始准备，只为让您吃到最新鲜的面包。"),
                                       QStringLiteral("选用云南高原咖啡豆，中度烘焙，口感醇厚，回甘明显。")};
    QElapsedTimer timer;
    timer.start();
    auto tx = db::Transaction::begin(database);
    const qint64 version = *shops.bumpChangeCounter(shopId);
    const qint64 now = clock.nowMs();
    for (int i = 0; i < rows; ++i) {
        const quint64 h = quint64(i) * 2654435761u;
        const QString title =
            QStringLiteral("%1：%2（第%3期）").arg(pick(topics, h >> 4), pick(subjects, h >> 10)).arg(i + 1);
        QString body;
        QString summary;
        for (int p = 0; p < 3 + int(h % 5); ++p) {
            QString paragraph;
            for (int k = 0; k < 3; ++k)
                paragraph += pick(sentences, (h >> (p + k)) + quint64(p * 3 + k));
            if (summary.isEmpty())
                summary = paragraph.left(100);
            body += QStringLiteral("<p>") + paragraph + QStringLiteral("</p>");
        }
        const int state = i % 20; // 0: draft, 1: scheduled, otherwise published
        const qint64 publishAt = state == 0 ? 0 : state == 1 ? now + 86'400'000 : now - qint64(rows - i) * 60'000;
        auto article = database.exec(
            QStringLiteral("INSERT INTO articles (id, shop_id, title, cover, summary, body, category, published, "
                           "publish_at_ms, view_count, version, deleted, created_at_ms, updated_at_ms) "
                           "VALUES (?, ?, ?, '', ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)"),
            {Id::create(clock),
             shopId,
             title,
             summary,
             body,
             pick(topics, h >> 4),
             state == 0 ? 0 : 1,
             publishAt,
             qint64((h >> 7) % 10000),
             version,
             now - qint64(rows - i) * 60'000,
             now});
        if (!article) {
            std::fprintf(stderr, "%s\n", qPrintable(article.error().toString()));
            return 1;
        }
    }
    if (!tx->commit())
        return 1;
    std::printf("seeded %d articles at version %lld in %lld ms\n",
                rows,
                static_cast<long long>(version),
                static_cast<long long>(timer.elapsed()));
    return 0;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("data-dir"), QStringLiteral("syncserver's data folder"), QStringLiteral("dir")});
    parser.addOption(
        {QStringLiteral("rows"), QStringLiteral("rows to add"), QStringLiteral("n"), QStringLiteral("10000")});
    parser.addOption({QStringLiteral("entity"),
                      QStringLiteral("staff (default), product or article"),
                      QStringLiteral("entity"),
                      QStringLiteral("staff")});
    parser.addOption({QStringLiteral("search-index"),
                      QStringLiteral("product: also write the search grams, as product.save does (slower)")});
    parser.process(app);

    using namespace xd;
    const SystemClock clock;
    QDir().mkpath(parser.value(QStringLiteral("data-dir")));
    auto settings = db::DatabaseSettings::fromUrl(
        QStringLiteral("sqlite:") +
        QDir(parser.value(QStringLiteral("data-dir"))).filePath(QStringLiteral("xiaodian.db")));
    auto database = db::Database::open(*settings);
    if (!database || !db::Migrator(server::serverMigrations()).migrate(*database, clock.nowMs())) {
        std::fprintf(stderr, "cannot open or migrate the database\n");
        return 1;
    }
    server::ShopRepository shops(*database, clock);
    auto shop = shops.findShopByName(QStringLiteral("小店演示店"));
    if (!shop) {
        std::fprintf(stderr, "start syncserver --demo once first\n");
        return 1;
    }
    const int count = parser.value(QStringLiteral("rows")).toInt();
    if (parser.value(QStringLiteral("entity")) == QLatin1String("product"))
        return seedProducts(*database, clock, shops, shop->id, count, parser.isSet(QStringLiteral("search-index")));
    if (parser.value(QStringLiteral("entity")) == QLatin1String("article"))
        return seedArticles(*database, clock, shops, shop->id, count);
    const QString hash =
        *server::PasswordHasher(server::PasswordHasher::Strength::Fast).hash(QStringLiteral("bench-pass"));
    const int rows = parser.value(QStringLiteral("rows")).toInt();
    QElapsedTimer timer;
    timer.start();
    auto tx = db::Transaction::begin(*database);
    const qint64 version = *shops.bumpChangeCounter(shop->id);
    for (int i = 0; i < rows; ++i) {
        auto inserted = database->exec(
            QStringLiteral(
                "INSERT INTO staff (id, shop_id, login, display_name, role, password_hash, disabled, version, "
                "deleted, created_at_ms, updated_at_ms) VALUES (?, ?, ?, ?, 'clerk', ?, 0, ?, 0, ?, ?)"),
            {Id::create(clock),
             shop->id,
             QStringLiteral("bench%1").arg(i),
             QStringLiteral("店员%1").arg(i),
             hash,
             version,
             clock.nowMs(),
             clock.nowMs()});
        if (!inserted) {
            std::fprintf(stderr, "%s\n", qPrintable(inserted.error().toString()));
            return 1;
        }
    }
    if (!tx->commit()) {
        std::fprintf(stderr, "commit failed\n");
        return 1;
    }
    std::printf("seeded %d staff rows at version %lld in %lld ms\n",
                rows,
                static_cast<long long>(version),
                static_cast<long long>(timer.elapsed()));
    return 0;
}
