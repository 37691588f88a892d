#include "xiaodian/CatalogRules.h"

#include "xiaodian/Id.h"
#include "xiaodian/Json.h"
#include "xiaodian/RichText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include <algorithm>

namespace xd {

namespace {

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

Status refuseUnknown(const QJsonObject& args, const QStringList& known)
{
    for (auto it = args.begin(); it != args.end(); ++it) {
        if (!known.contains(it.key()))
            return invalid(CatalogRules::tr("Unknown field '%1'.").arg(it.key()));
    }
    return {};
}

Result<QString> requireId(const QJsonObject& args, const QString& key)
{
    const QJsonValue value = args.value(key);
    if (!value.isString() || !Id::isValid(value.toString()))
        return invalid(CatalogRules::tr("Field '%1' must be an id (a lowercase UUID).").arg(key));
    return value.toString();
}

// An id or nothing: absent, null and "" all mean none.
Result<QString> optionalId(const QJsonObject& args, const QString& key)
{
    const QJsonValue value = args.value(key);
    if (value.isUndefined() || value.isNull() || value.toString() == QLatin1String(""))
        return {QString()};
    return requireId(args, key);
}

Result<QString> text(const QJsonObject& args, const QString& key, int minLength, int maxLength, const QString& label)
{
    const QJsonValue value = args.value(key);
    // Never a null QString: Qt binds those as SQL NULL, and the text columns are NOT NULL.
    if ((value.isUndefined() || value.isNull()) && minLength == 0)
        return QStringLiteral("");
    const QString trimmed = value.toString().trimmed();
    if (!value.isString() || trimmed.size() < minLength || trimmed.size() > maxLength)
        return invalid(CatalogRules::tr("%1 has %2 to %3 characters.").arg(label).arg(minLength).arg(maxLength));
    return trimmed.isNull() ? QStringLiteral("") : trimmed;
}

Result<qint64> amount(const QJsonObject& args, const QString& key, bool required, qint64 min, qint64 max)
{
    auto value = required ? Json::requireInt64(args, key) : Json::optionalInt64(args, key, 0);
    if (!value)
        return value.error();
    if (*value < min || *value > max)
        return invalid(CatalogRules::tr("Field '%1' must be from %2 to %3.").arg(key).arg(min).arg(max));
    return *value;
}

Result<SkuDraft> normalizeSku(const QJsonValue& value, int index)
{
    static const QStringList known{QStringLiteral("id"),
                                   QStringLiteral("specs"),
                                   QStringLiteral("priceFen"),
                                   QStringLiteral("originalPriceFen"),
                                   QStringLiteral("stock"),
                                   QStringLiteral("code"),
                                   QStringLiteral("image")};
    if (!value.isObject())
        return invalid(CatalogRules::tr("SKU %1 must be an object.").arg(index + 1));
    const QJsonObject args = value.toObject();
    if (const Status s = refuseUnknown(args, known); !s)
        return s.error();
    SkuDraft sku;
    auto id = requireId(args, QStringLiteral("id"));
    auto price = amount(args, QStringLiteral("priceFen"), true, 0, CatalogRules::MaxPriceFen);
    auto original = amount(args, QStringLiteral("originalPriceFen"), false, 0, CatalogRules::MaxPriceFen);
    auto stock = amount(args, QStringLiteral("stock"), true, 0, CatalogRules::MaxStock);
    auto code = text(args, QStringLiteral("code"), 0, CatalogRules::MaxSkuCodeLength, CatalogRules::tr("The SKU code"));
    auto image =
        text(args, QStringLiteral("image"), 0, CatalogRules::MaxImageRefLength, CatalogRules::tr("The SKU image"));
    if (!id)
        return id.error();
    if (!price)
        return price.error();
    if (!original)
        return original.error();
    if (!stock)
        return stock.error();
    if (!code)
        return code.error();
    if (!image)
        return image.error();
    // An image is the id of an upload of the shop (the server checks that it is one of this shop's).
    if (!image->isEmpty() && !Id::isValid(*image))
        return invalid(CatalogRules::tr("The image of SKU %1 is not an uploaded image.").arg(index + 1));

    const QJsonValue specs = args.value(QStringLiteral("specs"));
    if (!specs.isUndefined() && !specs.isNull() && !specs.isObject())
        return invalid(CatalogRules::tr("The specifications of SKU %1 must be an object.").arg(index + 1));
    if (specs.toObject().size() > CatalogRules::MaxSpecDimensions)
        return invalid(
            CatalogRules::tr("A product has at most %1 specifications.").arg(CatalogRules::MaxSpecDimensions));
    const QJsonObject raw = specs.toObject();
    for (auto it = raw.begin(); it != raw.end(); ++it) {
        const QString name = it.key().trimmed();
        const QString option = it.value().toString().trimmed();
        if (name.isEmpty() || name.size() > CatalogRules::MaxSpecTextLength || !it.value().isString() ||
            option.isEmpty() || option.size() > CatalogRules::MaxSpecTextLength || sku.specs.contains(name))
            return invalid(CatalogRules::tr("Specification names and values have 1 to %1 characters.")
                               .arg(CatalogRules::MaxSpecTextLength));
        sku.specs.insert(name, option);
    }
    sku.id = *id;
    // QJsonObject keeps its keys sorted, so equal specifications always give the same text.
    sku.specsJson = QString::fromUtf8(QJsonDocument(sku.specs).toJson(QJsonDocument::Compact));
    sku.priceFen = *price;
    sku.originalPriceFen = *original;
    sku.stock = *stock;
    sku.code = *code;
    sku.image = *image;
    return sku;
}

} // namespace

qint64 ProductDraft::minPriceFen() const
{
    qint64 min = CatalogRules::MaxPriceFen;
    for (const SkuDraft& sku : skus)
        min = std::min(min, sku.priceFen);
    return skus.isEmpty() ? 0 : min;
}

qint64 ProductDraft::totalStock() const
{
    qint64 total = 0;
    for (const SkuDraft& sku : skus)
        total += sku.stock; // at most MaxSkus * MaxStock: far inside qint64
    return total;
}

Result<CategoryDraft> CatalogRules::normalizeCategory(const QJsonObject& args)
{
    static const QStringList known{QStringLiteral("id"),
                                   QStringLiteral("parentId"),
                                   QStringLiteral("name"),
                                   QStringLiteral("icon"),
                                   QStringLiteral("position")};
    if (const Status s = refuseUnknown(args, known); !s)
        return s.error();
    auto id = requireId(args, QStringLiteral("id"));
    auto parentId = optionalId(args, QStringLiteral("parentId"));
    auto name = text(args, QStringLiteral("name"), 1, MaxCategoryNameLength, tr("The category name"));
    auto icon = text(args, QStringLiteral("icon"), 0, MaxImageRefLength, tr("The icon"));
    if (!id)
        return id.error();
    if (!parentId)
        return parentId.error();
    if (!name)
        return name.error();
    if (!icon)
        return icon.error();
    if (*parentId == *id)
        return invalid(tr("A category cannot be its own parent."));
    CategoryDraft draft{*id, *parentId, *name, *icon, std::nullopt};
    if (args.contains(QStringLiteral("position")) && !args.value(QStringLiteral("position")).isNull()) {
        auto position = amount(args, QStringLiteral("position"), true, 0, MaxCategoriesPerShop);
        if (!position)
            return position.error();
        draft.position = int(*position);
    }
    return draft;
}

Result<ProductDraft> CatalogRules::normalizeProduct(const QJsonObject& args)
{
    static const QStringList known{QStringLiteral("id"),
                                   QStringLiteral("categoryId"),
                                   QStringLiteral("name"),
                                   QStringLiteral("subtitle"),
                                   QStringLiteral("keywords"),
                                   QStringLiteral("description"),
                                   QStringLiteral("images"),
                                   QStringLiteral("onShelf"),
                                   QStringLiteral("sortWeight"),
                                   QStringLiteral("skus")};
    if (const Status s = refuseUnknown(args, known); !s)
        return s.error();
    ProductDraft draft;
    auto id = requireId(args, QStringLiteral("id"));
    auto categoryId = optionalId(args, QStringLiteral("categoryId"));
    auto name = text(args, QStringLiteral("name"), 1, MaxProductNameLength, tr("The product name"));
    auto subtitle = text(args, QStringLiteral("subtitle"), 0, MaxSubtitleLength, tr("The subtitle"));
    auto keywords = text(args, QStringLiteral("keywords"), 0, MaxKeywordsLength, tr("The keywords"));
    // Rich text: the limit counts what is stored, the sanitized HTML (RichText), not the markup sent.
    auto description = text(args, QStringLiteral("description"), 0, RichText::MaxInputLength, tr("The description"));
    if (description)
        description = RichText::sanitize(*description);
    if (description && description->size() > MaxDescriptionLength)
        description = invalid(tr("The description has at most %1 characters.").arg(MaxDescriptionLength));
    auto sortWeight = amount(args, QStringLiteral("sortWeight"), false, -MaxSortWeight, MaxSortWeight);
    for (const Result<QString>* field : {&id, &categoryId, &name, &subtitle, &keywords, &description}) {
        if (!*field)
            return field->error();
    }
    if (!sortWeight)
        return sortWeight.error();
    const QJsonValue onShelf = args.value(QStringLiteral("onShelf"));
    if (!onShelf.isUndefined() && !onShelf.isNull() && !onShelf.isBool())
        return invalid(tr("Field 'onShelf' must be true or false."));

    const QJsonValue images = args.value(QStringLiteral("images"));
    if (!images.isUndefined() && !images.isNull() && (!images.isArray() || images.toArray().size() > MaxImages))
        return invalid(tr("A product has at most %1 images.").arg(MaxImages));
    for (const QJsonValue& image : images.toArray()) {
        const QString ref = image.toString().trimmed();
        if (!image.isString() || !Id::isValid(ref))
            return invalid(tr("Each image must be the id of an uploaded image."));
        if (draft.images.contains(ref))
            return invalid(tr("A product shows each image once."));
        draft.images << ref;
    }

    const QJsonValue skus = args.value(QStringLiteral("skus"));
    if (!skus.isArray() || skus.toArray().isEmpty() || skus.toArray().size() > MaxSkus)
        return invalid(tr("A product has 1 to %1 SKUs.").arg(MaxSkus));
    QSet<QString> ids;
    QSet<QString> combinations;
    QStringList specNames;
    const QJsonArray skuList = skus.toArray();
    for (int i = 0; i < skuList.size(); ++i) {
        auto sku = normalizeSku(skuList.at(i), i);
        if (!sku)
            return sku.error();
        if (ids.contains(sku->id))
            return invalid(tr("SKU ids must be distinct."));
        if (combinations.contains(sku->specsJson))
            return invalid(tr("Two SKUs have the same specifications %1.").arg(sku->specsJson));
        // Every SKU chooses one value of each specification: the mini-program's picker needs the full grid.
        if (i == 0)
            specNames = sku->specs.keys();
        else if (sku->specs.keys() != specNames)
            return invalid(
                tr("Every SKU must have the same specifications (%1).").arg(specNames.join(QLatin1Char('/'))));
        ids.insert(sku->id);
        combinations.insert(sku->specsJson);
        draft.skus.append(*sku);
    }

    draft.id = *id;
    draft.categoryId = *categoryId;
    draft.name = *name;
    draft.subtitle = *subtitle;
    draft.keywords = *keywords;
    draft.description = *description;
    draft.onShelf = onShelf.toBool(false);
    draft.sortWeight = *sortWeight;
    return draft;
}

Result<QStringList> CatalogRules::normalizeIdList(const QJsonObject& args, const QString& key)
{
    const QJsonValue value = args.value(key);
    if (!value.isArray() || value.toArray().isEmpty() || value.toArray().size() > MaxBulkIds)
        return invalid(tr("Field '%1' must list 1 to %2 ids.").arg(key).arg(MaxBulkIds));
    QStringList ids;
    for (const QJsonValue& id : value.toArray()) {
        if (!id.isString() || !Id::isValid(id.toString()))
            return invalid(tr("Field '%1' must list ids (lowercase UUIDs).").arg(key));
        ids << id.toString();
    }
    if (ids.removeDuplicates() != 0)
        return invalid(tr("Field '%1' lists an id twice.").arg(key));
    return ids;
}

Result<QList<StockAdjustment>> CatalogRules::normalizeStockAdjustments(const QJsonObject& args)
{
    if (const Status s = refuseUnknown(args, {QStringLiteral("adjustments")}); !s)
        return s.error();
    const QJsonValue value = args.value(QStringLiteral("adjustments"));
    if (!value.isArray() || value.toArray().isEmpty() || value.toArray().size() > MaxBulkIds)
        return invalid(tr("A stock change lists 1 to %1 SKUs.").arg(MaxBulkIds));
    QList<StockAdjustment> list;
    QSet<QString> seen;
    for (const QJsonValue& item : value.toArray()) {
        const QJsonObject object = item.toObject();
        if (!item.isObject())
            return invalid(tr("Each stock change is an object with 'productId', 'skuId' and 'delta'."));
        if (const Status s =
                refuseUnknown(object, {QStringLiteral("productId"), QStringLiteral("skuId"), QStringLiteral("delta")});
            !s)
            return s.error();
        auto productId = requireId(object, QStringLiteral("productId"));
        if (!productId)
            return productId.error();
        auto skuId = requireId(object, QStringLiteral("skuId"));
        if (!skuId)
            return skuId.error();
        auto delta = amount(object, QStringLiteral("delta"), true, -MaxStock, MaxStock);
        if (!delta)
            return delta.error();
        if (*delta == 0)
            return invalid(tr("A stock change of 0 changes nothing."));
        if (seen.contains(*skuId))
            return invalid(tr("A stock change lists SKU %1 twice.").arg(*skuId));
        seen.insert(*skuId);
        list.append(StockAdjustment{*productId, *skuId, *delta});
    }
    return list;
}

Result<QList<PriceChange>> CatalogRules::normalizePriceChanges(const QJsonObject& args)
{
    if (const Status s = refuseUnknown(args, {QStringLiteral("items")}); !s)
        return s.error();
    const QJsonValue value = args.value(QStringLiteral("items"));
    if (!value.isArray() || value.toArray().isEmpty() || value.toArray().size() > MaxBulkIds)
        return invalid(tr("A price change lists 1 to %1 SKUs.").arg(MaxBulkIds));
    QList<PriceChange> list;
    QSet<QString> seen;
    for (const QJsonValue& item : value.toArray()) {
        const QJsonObject object = item.toObject();
        if (!item.isObject())
            return invalid(tr("Each price change is an object with 'productId', 'skuId' and 'priceFen'."));
        if (const Status s = refuseUnknown(object,
                                           {QStringLiteral("productId"),
                                            QStringLiteral("skuId"),
                                            QStringLiteral("priceFen"),
                                            QStringLiteral("originalPriceFen")});
            !s)
            return s.error();
        auto productId = requireId(object, QStringLiteral("productId"));
        if (!productId)
            return productId.error();
        auto skuId = requireId(object, QStringLiteral("skuId"));
        if (!skuId)
            return skuId.error();
        auto price = amount(object, QStringLiteral("priceFen"), true, 0, MaxPriceFen);
        if (!price)
            return price.error();
        PriceChange change{*productId, *skuId, *price, std::nullopt};
        if (object.contains(QStringLiteral("originalPriceFen"))) {
            auto original = amount(object, QStringLiteral("originalPriceFen"), true, 0, MaxPriceFen);
            if (!original)
                return original.error();
            change.originalPriceFen = *original;
        }
        if (seen.contains(*skuId))
            return invalid(tr("A price change lists SKU %1 twice.").arg(*skuId));
        seen.insert(*skuId);
        list.append(change);
    }
    return list;
}

StockState CatalogRules::stockState(qint64 stock)
{
    if (stock <= 0)
        return StockState::SoldOut;
    return stock <= LowStockThreshold ? StockState::Low : StockState::InStock;
}

QString CatalogRules::stockStateName(StockState state)
{
    switch (state) {
    case StockState::InStock:
        return QStringLiteral("in_stock");
    case StockState::Low:
        return QStringLiteral("low");
    case StockState::SoldOut:
        return QStringLiteral("sold_out");
    }
    return QStringLiteral("sold_out");
}

} // namespace xd
