#pragma once

#include "xiaodian/Result.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

class QIODevice;

namespace xd {

class CacheStore;

// One line (or group of lines) of an import that was not taken, with why.
struct ProductCsvRejection
{
    int line = 0;        // physical line in the file, 1-based (a quoted field may span several)
    QString productName; // as written in the file, to help find it
    QString reason;      // in the user's language
};

struct ProductCsvExportResult
{
    int products = 0;
    int lines = 0; // data lines, one per SKU
    bool cancelled = false;
};

struct ProductCsvImportResult
{
    QString encoding; // "UTF-8" or "GB18030"
    int lines = 0;    // physical lines read
    int productsRead = 0;
    int productsCreated = 0;   // new products queued (or, in a check, that would be)
    int productsChanged = 0;   // existing products with a change queued
    int productsUnchanged = 0; // existing products equal to the cache: nothing queued
    int operations = 0;        // operations queued
    bool cancelled = false;
    QStringList ignoredColumns; // header cells that are none of ours
    QList<ProductCsvRejection> rejections;

    int productsRejected() const;
};

// Products as CSV for spreadsheet users (docs/catalog.md, "CSV"): pure logic over the cache, no widgets.
// Export writes one line per SKU with the product's columns repeated, UTF-8 with a BOM, CRLF, RFC 4180 quoting, and
// reads the cache in chunks, so 100,000 products never sit in memory at once.
// Import reads UTF-8 (BOM or not) or GB18030 (what Excel on Chinese Windows saves as "CSV"), groups lines into
// products, checks each with CatalogRules and the cache (categories, SKU ids), and queues product.save (and
// product.adjustStock for stock changes of existing SKUs, where that operation exists) in batches, each batch one
// outbox transaction: a product is queued whole or not at all, and products equal to the cache queue nothing.
class ProductCsv
{
    Q_DECLARE_TR_FUNCTIONS(ProductCsv)

public:
    enum class Language { Chinese, English };
    enum Column {
        ProductIdColumn,
        SkuIdColumn,
        CategoryColumn,
        NameColumn,
        SubtitleColumn,
        KeywordsColumn,
        OnShelfColumn,
        SortWeightColumn,
        SpecsColumn,
        PriceColumn,
        OriginalPriceColumn,
        StockColumn,
        CodeColumn,
        ColumnCount
    };
    // Called between chunks with work done and total (products for export, bytes for import); false cancels.
    using Progress = std::function<bool(qint64 done, qint64 total)>;

    struct ImportOptions
    {
        bool checkOnly = false; // validate and count, queue nothing
        int batchSize = 500;    // products per outbox transaction (and between progress calls)
        Progress progress;
    };

    // The header cells, a fixed part of the file format (not UI text): both languages are always understood.
    static QStringList header(Language language);
    static Language languageFor(const QString& languageCode); // "zh_CN" → Chinese, anything else → English

    // Every product of the cache (`ids` empty) or the given ones, in id order.
    static Result<ProductCsvExportResult> exportProducts(const CacheStore& store,
                                                         QIODevice& out,
                                                         Language language,
                                                         const QStringList& ids = {},
                                                         const Progress& progress = {});

    // `in` must be seekable (a file): the encoding is decided by reading it once before parsing.
    // Errors are for the file as a whole (no header, a required column missing, a storage failure); problems of
    // single products are rejections in the result.
    static Result<ProductCsvImportResult>
    importProducts(CacheStore& store, QIODevice& in, const ImportOptions& options);
};

} // namespace xd
