#pragma once

#include "xiaodian/Result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace xd {

// category.save's arguments, checked and trimmed. `parentId` empty: a top-level category.
struct CategoryDraft
{
    QString id;
    QString parentId;
    QString name;
    QString icon;
    std::optional<int> position; // absent: after its last sibling (new) or where it is (existing)
};

struct SkuDraft
{
    QString id;
    QJsonObject specs; // {"规格": "大杯", "温度": "冰"}; {} for a product without specifications
    QString specsJson; // canonical compact JSON of `specs` (keys sorted): what is stored and compared
    qint64 priceFen = 0;
    qint64 originalPriceFen = 0; // 0: none shown
    qint64 stock = 0;
    QString code;
    QString image;
};

// product.save's arguments: a whole product with all its SKUs, checked and trimmed.
struct ProductDraft
{
    QString id;
    QString categoryId; // empty: uncategorised
    QString name;
    QString subtitle;
    QString keywords;
    QString description;
    QStringList images;
    bool onShelf = false;
    qint64 sortWeight = 0;
    QList<SkuDraft> skus;

    qint64 minPriceFen() const;
    qint64 totalStock() const;
};

// product.adjustStock: add `delta` pieces (negative: take away) to a SKU's stock, relative to whatever it is then.
struct StockAdjustment
{
    QString productId; // the SKU's product: a desktop finds the row it shows without a SKU index
    QString skuId;
    qint64 delta = 0;
};

// product.setPrice: a SKU's new price (and, when given, its new original price; 0 = none shown).
struct PriceChange
{
    QString productId;
    QString skuId;
    qint64 priceFen = 0;
    std::optional<qint64> originalPriceFen;
};

enum class StockState { InStock, Low, SoldOut };

// The rules of the catalog operations' arguments, in one place for both sides (like ShopRules): the server judges
// with them and the desktop's product editor checks with them before it queues an operation. Everything that can
// be decided without the database is decided here; the handlers add what needs it (the category exists in this
// shop, a SKU id is not another product's).
class CatalogRules
{
    Q_DECLARE_TR_FUNCTIONS(CatalogRules)

public:
    static constexpr int MaxCategoryNameLength = 30;
    static constexpr int MaxCategoriesPerShop = 500;
    static constexpr int MaxProductNameLength = 100;
    static constexpr int MaxSubtitleLength = 200;
    static constexpr int MaxKeywordsLength = 200;
    static constexpr int MaxDescriptionLength = 50'000; // of the sanitized HTML (RichText::sanitize)
    static constexpr int MaxImages = 20;
    static constexpr int MaxImageRefLength = 500;
    static constexpr int MaxSkus = 200;
    static constexpr int MaxSpecDimensions = 5;
    static constexpr int MaxSpecTextLength = 30;
    static constexpr int MaxSkuCodeLength = 64;
    static constexpr int MaxBulkIds = 1000;
    // 1,000,000 yuan: far above any price a small shop charges, far below where sums of lines could overflow.
    static constexpr qint64 MaxPriceFen = 100'000'000;
    static constexpr qint64 MaxStock = 100'000'000;
    static constexpr qint64 MaxSortWeight = 1'000'000'000;
    // At or below this many pieces the mini-program says "only a few left" instead of a number.
    static constexpr qint64 LowStockThreshold = 10;

    static Result<CategoryDraft> normalizeCategory(const QJsonObject& args);
    static Result<ProductDraft> normalizeProduct(const QJsonObject& args);
    // product.setShelf: {"ids": [...], "onShelf": bool}; ids distinct, 1..MaxBulkIds.
    static Result<QStringList> normalizeIdList(const QJsonObject& args, const QString& key);
    // product.adjustStock: {"adjustments": [{"productId", "skuId", "delta"}]}, 1..MaxBulkIds, SKUs distinct,
    // deltas non-zero.
    static Result<QList<StockAdjustment>> normalizeStockAdjustments(const QJsonObject& args);
    // product.setPrice: {"items": [{"productId", "skuId", "priceFen", "originalPriceFen"?}]}, 1..MaxBulkIds,
    // SKUs distinct.
    static Result<QList<PriceChange>> normalizePriceChanges(const QJsonObject& args);

    static StockState stockState(qint64 stock);
    static QString stockStateName(StockState state); // "in_stock", "low", "sold_out"
};

} // namespace xd
