#include "ProductCsv.h"

#include "CacheStore.h"
#include "CsvField.h"
#include "xiaodian/CatalogRules.h"
#include "xiaodian/Id.h"
#include "xiaodian/Json.h"
#include "xiaodian/Money.h"

#include <QHash>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QStringDecoder>

#include <algorithm>
#include <optional>
#include <utility>

namespace xd {

namespace {

const QString kAdjustStock = QStringLiteral("product.adjustStock");
const QString kProductSave = QStringLiteral("product.save");
constexpr int kExportChunk = 500;
constexpr qint64 kReadChunk = 64 * 1024;

const QStringList& chineseHeader()
{
    static const QStringList cells{QStringLiteral("商品ID"),
                                   QStringLiteral("SKU ID"),
                                   QStringLiteral("分类"),
                                   QStringLiteral("商品名称"),
                                   QStringLiteral("副标题"),
                                   QStringLiteral("关键词"),
                                   QStringLiteral("上架"),
                                   QStringLiteral("排序权重"),
                                   QStringLiteral("规格"),
                                   QStringLiteral("价格(元)"),
                                   QStringLiteral("原价(元)"),
                                   QStringLiteral("库存"),
                                   QStringLiteral("编码")};
    return cells;
}

const QStringList& englishHeader()
{
    static const QStringList cells{QStringLiteral("Product ID"),
                                   QStringLiteral("SKU ID"),
                                   QStringLiteral("Category"),
                                   QStringLiteral("Name"),
                                   QStringLiteral("Subtitle"),
                                   QStringLiteral("Keywords"),
                                   QStringLiteral("On shelf"),
                                   QStringLiteral("Sort weight"),
                                   QStringLiteral("Specifications"),
                                   QStringLiteral("Price (yuan)"),
                                   QStringLiteral("Original price (yuan)"),
                                   QStringLiteral("Stock"),
                                   QStringLiteral("Code")};
    return cells;
}

// Header cells compare without case, spaces or full-width forms: "价格（元）" and "price(yuan)" both match.
QString headerKey(const QString& cell)
{
    QString key = cell.normalized(QString::NormalizationForm_KC).toLower();
    key.remove(QChar(0xFEFF));
    key.removeIf([](QChar c) { return c.isSpace(); });
    return key;
}

// A field of the export (csv::field: quoted as needed, formula-guarded text; the import takes one leading
// apostrophe off again, so text still round-trips).
void appendField(QString& line, const QString& value, bool isText)
{
    line += csv::field(value, isText);
}

QString unguard(const QString& text)
{
    return text.startsWith(u'\'') ? text.mid(1) : text;
}

// "规格:大杯;温度:冰"; '\' escapes ':', ';' and itself inside names and values.
QString escapeSpecText(const QString& text)
{
    QString out;
    for (const QChar c : text) {
        if (c == u'\\' || c == u':' || c == u';')
            out += u'\\';
        out += c;
    }
    return out;
}

QString formatSpecs(const QJsonObject& specs)
{
    QStringList parts;
    for (auto it = specs.begin(); it != specs.end(); ++it) // keys sorted
        parts << escapeSpecText(it.key()) + u':' + escapeSpecText(it.value().toString());
    return parts.join(u';');
}

// The inverse of formatSpecs; also accepts full-width '：' and '；' as typed with a Chinese input method.
std::optional<QJsonObject> parseSpecs(const QString& text)
{
    QJsonObject specs;
    if (text.trimmed().isEmpty())
        return specs;
    QString name;
    QString value;
    bool inValue = false;
    auto finishPart = [&]() -> bool {
        if (!inValue)
            return name.trimmed().isEmpty() && value.isEmpty(); // "a:b;" — an empty last part is fine
        const QString key = name.trimmed();
        if (key.isEmpty() || specs.contains(key))
            return false;
        specs.insert(key, value.trimmed());
        name.clear();
        value.clear();
        inValue = false;
        return true;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        QChar c = text.at(i);
        if (c == u'\\' && i + 1 < text.size()) {
            (inValue ? value : name) += text.at(++i);
            continue;
        }
        if (c == u'：')
            c = u':';
        if (c == u'；')
            c = u';';
        if (c == u':' && !inValue) {
            inValue = true;
        } else if (c == u';') {
            if (!finishPart())
                return std::nullopt;
        } else {
            (inValue ? value : name) += c;
        }
    }
    if (!finishPart())
        return std::nullopt;
    return specs;
}

// Reads RFC 4180 records from a decoded stream, chunk by chunk, counting physical lines (CRLF, LF or CR) also
// inside quoted fields, so every record knows the line it starts on.
class CsvReader
{
public:
    struct Record
    {
        int line = 0;
        QStringList fields;
        QString malformed; // why the record is broken, if it is
    };

    CsvReader(QIODevice& device, QStringDecoder decoder) : m_device(device), m_decoder(std::move(decoder)) {}

    // False at the end of the input.
    bool next(Record* record)
    {
        record->fields.clear();
        record->malformed.clear();
        if (!ensure())
            return false;
        record->line = m_line;
        QString field;
        enum class State { FieldStart, Unquoted, Quoted, AfterQuote } state = State::FieldStart;
        int quoteLine = m_line;
        while (true) {
            if (!ensure()) {
                if (state == State::Quoted)
                    record->malformed =
                        ProductCsv::tr("A quoted field that starts on line %1 never ends.").arg(quoteLine);
                record->fields << field;
                return true;
            }
            const QChar c = m_buffer.at(m_pos++);
            m_anyChar = true;
            m_endedWithLineBreak = false;
            switch (state) {
            case State::FieldStart:
                if (c == u'"') {
                    state = State::Quoted;
                    quoteLine = m_line;
                    break;
                }
                state = State::Unquoted;
                [[fallthrough]];
            case State::Unquoted:
                if (c == u',') {
                    record->fields << field;
                    field.clear();
                    state = State::FieldStart;
                } else if (c == u'\n' || c == u'\r') {
                    endLine(c);
                    record->fields << field;
                    return true;
                } else {
                    field += c; // a stray quote inside an unquoted field is kept, as spreadsheets do
                }
                break;
            case State::Quoted:
                if (c == u'"') {
                    state = State::AfterQuote;
                } else if (c == u'\n' || c == u'\r') {
                    endLine(c);
                    field += u'\n'; // line breaks inside a cell become LF, whatever the file uses
                } else {
                    field += c;
                }
                break;
            case State::AfterQuote:
                if (c == u'"') {
                    field += u'"';
                    state = State::Quoted;
                } else if (c == u',') {
                    record->fields << field;
                    field.clear();
                    state = State::FieldStart;
                } else if (c == u'\n' || c == u'\r') {
                    endLine(c);
                    record->fields << field;
                    return true;
                } else {
                    if (record->malformed.isEmpty())
                        record->malformed =
                            ProductCsv::tr("A closing quote must be followed by a comma or the end of the line.");
                    field += c;
                    state = State::Unquoted;
                }
                break;
            }
        }
    }

    int linesRead() const { return !m_anyChar ? 0 : m_endedWithLineBreak ? m_line - 1 : m_line; }

private:
    // Counts one line end; CR LF is one, read here as a pair.
    void endLine(QChar c)
    {
        if (c == u'\r' && ensure() && m_buffer.at(m_pos) == u'\n')
            ++m_pos;
        ++m_line;
        m_endedWithLineBreak = true;
    }

    // True while there is a character at m_pos; reads and decodes the next chunk when needed.
    bool ensure()
    {
        while (m_pos >= m_buffer.size()) {
            if (m_device.atEnd())
                return false;
            const QByteArray bytes = m_device.read(kReadChunk);
            if (bytes.isEmpty())
                return false;
            m_buffer = m_decoder.decode(bytes);
            m_pos = 0;
        }
        return true;
    }

    QIODevice& m_device;
    QStringDecoder m_decoder;
    QString m_buffer;
    qsizetype m_pos = 0;
    int m_line = 1;
    bool m_anyChar = false;
    bool m_endedWithLineBreak = false;
};

// Category paths ("饮品/奶茶") of the cache, both ways.
struct CategoryIndex
{
    QHash<QString, QString> pathById;
    QHash<QString, QString> idByPath;
    QSet<QString> ambiguous; // two categories with the same path (a name containing '/')

    static Result<CategoryIndex> load(const CacheStore& store)
    {
        auto rows = store.rows(CacheStore::CategoryEntity);
        if (!rows)
            return rows.error();
        QHash<QString, std::pair<QString, QString>> byId; // id → (parentId, name)
        for (const CachedRow& row : *rows)
            byId.insert(row.id,
                        {row.data.value(QStringLiteral("parentId")).toString(),
                         row.data.value(QStringLiteral("name")).toString()});
        CategoryIndex index;
        for (auto it = byId.cbegin(); it != byId.cend(); ++it) {
            const auto& [parentId, name] = it.value();
            const QString path = parentId.isEmpty() ? name : byId.value(parentId).second + QLatin1Char('/') + name;
            index.pathById.insert(it.key(), path);
            const QString key = pathKey(path);
            if (index.idByPath.contains(key))
                index.ambiguous.insert(key);
            index.idByPath.insert(key, it.key());
        }
        return index;
    }

    // Spaces around the separator and full-width slashes are forgiven.
    static QString pathKey(const QString& path)
    {
        QStringList parts = QString(path).replace(u'／', u'/').split(u'/');
        for (QString& part : parts)
            part = part.trimmed();
        return parts.join(u'/');
    }
};

QJsonObject saveArgsFrom(const QString& id, const QJsonObject& data)
{
    QJsonObject args;
    for (const QString& key : {QStringLiteral("categoryId"),
                               QStringLiteral("name"),
                               QStringLiteral("subtitle"),
                               QStringLiteral("keywords"),
                               QStringLiteral("description"),
                               QStringLiteral("images"),
                               QStringLiteral("onShelf"),
                               QStringLiteral("sortWeight")})
        args.insert(key, data.value(key));
    args.insert(QStringLiteral("id"), id);
    QJsonArray skus;
    for (const QJsonValue& value : data.value(QStringLiteral("skus")).toArray()) {
        QJsonObject sku = value.toObject();
        sku.remove(QStringLiteral("position"));
        skus.append(sku);
    }
    args.insert(QStringLiteral("skus"), skus);
    return args;
}

// One data line, its cells taken apart.
struct CsvRow
{
    int line = 0;
    QStringList cells; // by Column; absent columns are null strings
};

// The state of one import: the header's column map, the product being collected, the batch being filled.
class ImportRun
{
public:
    ImportRun(CacheStore& store, const ProductCsv::ImportOptions& options, ProductCsvImportResult& result)
        : m_store(store), m_options(options), m_result(result)
    {}

    Status prepare()
    {
        auto categories = CategoryIndex::load(m_store);
        if (!categories)
            return categories.error();
        m_categories = std::move(*categories);
        return {};
    }

    // Products by (category, name), synced and queued, read in chunks: lines without an id are matched against
    // them. Only needed when the file has such lines (a re-imported export has none).
    Status loadNameIndex()
    {
        if (!m_anyLineWithoutId)
            return {};
        auto note = [this](const QString& id, const QJsonObject& data) {
            QStringList& ids = m_idsByNameKey[nameKey(data.value(QStringLiteral("categoryId")).toString(),
                                                      data.value(QStringLiteral("name")).toString().trimmed())];
            if (!ids.contains(id))
                ids.append(id);
        };
        QString after;
        while (true) {
            auto chunk = m_store.rowsAfter(CacheStore::ProductEntity, after, 2000);
            if (!chunk)
                return chunk.error();
            if (chunk->isEmpty())
                break;
            for (const CachedRow& row : std::as_const(*chunk))
                note(row.id, row.data);
            after = chunk->constLast().id;
        }
        auto queued = m_store.pendingOperations();
        if (!queued)
            return queued.error();
        for (const OutboxEntry& entry : std::as_const(*queued)) {
            if (entry.name != kProductSave)
                continue;
            const QString id = entry.args.value(QStringLiteral("id")).toString();
            note(id, entry.args);
            m_queuedSaves.insert(id, entry.args); // the latest queued save of a product wins
        }
        return {};
    }

    // The first non-empty record: which of our columns sits where.
    Status readHeader(const CsvReader::Record& record)
    {
        QHash<QString, int> known;
        for (int column = 0; column < ProductCsv::ColumnCount; ++column) {
            known.insert(headerKey(chineseHeader().at(column)), column);
            known.insert(headerKey(englishHeader().at(column)), column);
        }
        m_columnOf.fill(-1, ProductCsv::ColumnCount);
        m_headerSize = int(record.fields.size());
        for (int i = 0; i < record.fields.size(); ++i) {
            const QString cell = record.fields.at(i);
            const int column = known.value(headerKey(cell), -1);
            if (column < 0) {
                if (!cell.trimmed().isEmpty())
                    m_result.ignoredColumns << cell.trimmed();
                continue;
            }
            if (m_columnOf.at(column) >= 0)
                return makeError(
                    ErrorCode::InvalidArgument,
                    ProductCsv::tr("Line %1: the column '%2' appears twice.").arg(record.line).arg(cell.trimmed()));
            m_columnOf[column] = i;
        }
        QStringList missing;
        for (const int column : {ProductCsv::NameColumn, ProductCsv::PriceColumn}) {
            if (m_columnOf.at(column) < 0)
                missing << headerName(column);
        }
        // Without SKU ids every SKU of an existing product would be replaced by a new one.
        if (m_columnOf.at(ProductCsv::ProductIdColumn) >= 0 && m_columnOf.at(ProductCsv::SkuIdColumn) < 0)
            missing << headerName(ProductCsv::SkuIdColumn);
        if (!missing.isEmpty())
            return makeError(ErrorCode::InvalidArgument,
                             ProductCsv::tr("Line %1: the header lacks the column(s) %2. The first line must name "
                                            "the columns, as an export does.")
                                 .arg(record.line)
                                 .arg(missing.join(QStringLiteral(", "))));
        return {};
    }

    bool hasColumn(int column) const { return m_columnOf.at(column) >= 0; }

    CsvRow rowOf(const CsvReader::Record& record) const
    {
        CsvRow row;
        row.line = record.line;
        row.cells.resize(ProductCsv::ColumnCount);
        for (int column = 0; column < ProductCsv::ColumnCount; ++column) {
            const int at = m_columnOf.at(column);
            if (at >= 0 && at < record.fields.size())
                row.cells[column] = unguard(record.fields.at(at)).trimmed();
        }
        return row;
    }

    static QString nameKey(const QString& categoryId, const QString& name) { return categoryId + u'\n' + name; }

    static QString keyOf(const CsvRow& row)
    {
        const QString productId = row.cells.at(ProductCsv::ProductIdColumn);
        // Lines without an id belong together when their category and name are the same.
        return productId.isEmpty()
                   ? QStringLiteral("new:") + CategoryIndex::pathKey(row.cells.at(ProductCsv::CategoryColumn)) + u'\n' +
                         row.cells.at(ProductCsv::NameColumn)
                   : QStringLiteral("id:") + productId;
    }

    // First pass: which products' lines are not next to each other (a sheet sorted by another column). Such a
    // product is rejected whole: queuing its first group alone would cut SKUs the user meant to keep.
    void noteKey(const CsvReader::Record& record)
    {
        const CsvRow row = rowOf(record);
        const QString key = keyOf(row);
        if (row.cells.at(ProductCsv::ProductIdColumn).isEmpty())
            m_anyLineWithoutId = true;
        if (key == m_scanKey)
            return;
        m_scanKey = key;
        if (m_firstLineOfKey.contains(key))
            m_splitKeys.insert(key);
        else
            m_firstLineOfKey.insert(key, record.line);
    }

    // Second pass, one data record: starts a new product when the product (id, or name for new ones) changes.
    Status addRecord(const CsvReader::Record& record)
    {
        const CsvRow row = rowOf(record);
        const QString key = keyOf(row);
        QString problem = record.malformed;
        if (problem.isEmpty() && record.fields.size() < m_headerSize)
            problem = ProductCsv::tr("The line has %1 fields; the header has %2.")
                          .arg(record.fields.size())
                          .arg(m_headerSize);
        if (problem.isEmpty() && record.fields.size() > m_headerSize) {
            for (qsizetype i = m_headerSize; i < record.fields.size(); ++i) {
                if (!record.fields.at(i).trimmed().isEmpty()) {
                    problem = ProductCsv::tr("The line has %1 fields; the header has %2.")
                                  .arg(record.fields.size())
                                  .arg(m_headerSize);
                    break;
                }
            }
        }

        if (key != m_groupKey) {
            if (const Status s = finishGroup(); !s)
                return s;
            m_groupKey = key;
            m_groupRejected = false;
            if (m_splitKeys.contains(key)) {
                rejectRow(row,
                          ProductCsv::tr("The lines of one product must follow each other; this product also has "
                                         "lines apart from these (first on line %1). Sort the sheet by product.")
                              .arg(m_firstLineOfKey.value(key)));
            }
        }
        if (!problem.isEmpty() && !m_groupRejected)
            rejectRow(row, problem);
        m_group.append(row);
        return {};
    }

    // Ends the last product and queues what is left.
    Status finish()
    {
        if (const Status s = finishGroup(); !s)
            return s;
        return flush();
    }

    // Every batchSize products: queues the batch and reports progress. False when the user cancelled here.
    Result<bool> checkpoint(qint64 done, qint64 total)
    {
        if (m_productsSinceCheckpoint < std::max(1, m_options.batchSize))
            return true;
        m_productsSinceCheckpoint = 0;
        if (const Status s = flush(); !s)
            return s.error();
        if (m_options.progress && !m_options.progress(done, total))
            return false;
        return true;
    }

    // A cancel between products: the products read so far are queued whole; the one being read is dropped.
    Status cancel()
    {
        m_group.clear();
        m_groupKey.clear();
        return flush();
    }

private:
    QString headerName(int column) const { return chineseHeader().at(column) + u'/' + englishHeader().at(column); }

    void reject(int line, const QString& productName, const QString& reason)
    {
        m_result.rejections.append(ProductCsvRejection{line, productName, reason});
    }

    void rejectRow(const CsvRow& row, const QString& reason)
    {
        reject(row.line, row.cells.at(ProductCsv::NameColumn), reason);
        m_groupRejected = true;
    }

    const QString& cell(const CsvRow& row, int column) const { return row.cells.at(column); }

    // A whole-number cell; `min`..`max`.
    std::optional<qint64> integer(const QString& text, qint64 min, qint64 max) const
    {
        bool ok = false;
        const qint64 value = text.toLongLong(&ok);
        if (!ok || value < min || value > max)
            return std::nullopt;
        return value;
    }

    std::optional<qint64> price(const CsvRow& row, int column, bool required, QString* problem) const
    {
        const QString text = cell(row, column);
        if (text.isEmpty()) {
            if (required)
                *problem = ProductCsv::tr("The price is missing.");
            return required ? std::nullopt : std::optional<qint64>(0);
        }
        const auto money = Money::parse(text);
        if (!money) {
            *problem = ProductCsv::tr("'%1' is not an amount in yuan with at most two decimals.").arg(text);
            return std::nullopt;
        }
        if (money->isNegative() || money->fen() > CatalogRules::MaxPriceFen) {
            *problem = ProductCsv::tr("'%1' must be from 0 to %2 yuan.")
                           .arg(text, Money::fromFen(CatalogRules::MaxPriceFen).toString());
            return std::nullopt;
        }
        return money->fen();
    }

    std::optional<bool> shelf(const QString& text) const
    {
        static const QStringList yes{QStringLiteral("1"),
                                     QStringLiteral("是"),
                                     QStringLiteral("上架"),
                                     QStringLiteral("true"),
                                     QStringLiteral("yes"),
                                     QStringLiteral("y")};
        static const QStringList no{QStringLiteral("0"),
                                    QStringLiteral("否"),
                                    QStringLiteral("下架"),
                                    QStringLiteral("false"),
                                    QStringLiteral("no"),
                                    QStringLiteral("n")};
        const QString key = text.toLower();
        if (yes.contains(key))
            return true;
        if (no.contains(key))
            return false;
        return std::nullopt;
    }

    Status finishGroup()
    {
        if (m_group.isEmpty())
            return {};
        const QList<CsvRow> rows = std::exchange(m_group, {});
        ++m_result.productsRead;
        ++m_productsSinceCheckpoint;
        if (m_groupRejected)
            return {};
        buildProduct(rows);
        return {};
    }

    // Checks one product's lines and, when all is well and something changed, adds its operations to the batch.
    void buildProduct(const QList<CsvRow>& rows)
    {
        const CsvRow& first = rows.constFirst();
        const QString name = cell(first, ProductCsv::NameColumn);
        const QString productId = cell(first, ProductCsv::ProductIdColumn);

        // The product's own columns must say the same on every line.
        for (const CsvRow& row : rows) {
            for (const int column : {ProductCsv::CategoryColumn,
                                     ProductCsv::NameColumn,
                                     ProductCsv::SubtitleColumn,
                                     ProductCsv::KeywordsColumn,
                                     ProductCsv::OnShelfColumn,
                                     ProductCsv::SortWeightColumn}) {
                const bool same = column == ProductCsv::CategoryColumn ? CategoryIndex::pathKey(cell(row, column)) ==
                                                                             CategoryIndex::pathKey(cell(first, column))
                                                                       : cell(row, column) == cell(first, column);
                if (!same) {
                    rejectRow(row,
                              ProductCsv::tr("The column '%1' differs from line %2 of the same product.")
                                  .arg(headerName(column))
                                  .arg(first.line));
                    return;
                }
            }
        }

        QString categoryId;
        if (hasColumn(ProductCsv::CategoryColumn)) {
            const QString path = CategoryIndex::pathKey(cell(first, ProductCsv::CategoryColumn));
            if (m_categories.ambiguous.contains(path)) {
                rejectRow(first, ProductCsv::tr("Two categories are called '%1'; rename one of them.").arg(path));
                return;
            }
            if (!path.isEmpty() && !m_categories.idByPath.contains(path)) {
                rejectRow(first,
                          ProductCsv::tr("There is no category '%1'. Create it first, or write the path as "
                                         "\"Parent/Child\".")
                              .arg(cell(first, ProductCsv::CategoryColumn)));
                return;
            }
            categoryId = m_categories.idByPath.value(path);
        }

        std::optional<CachedRow> cached;
        if (productId.isEmpty()) {
            // A line without an id that names a product the shop already has (same category and name, synced or
            // still queued) is that product: importing the same sheet twice must not create every product twice.
            const QStringList same = m_idsByNameKey.value(nameKey(categoryId, name));
            if (same.size() > 1) {
                rejectRow(first,
                          ProductCsv::tr("%1 products in this category are called '%2'; write the product id to say "
                                         "which one.")
                              .arg(same.size())
                              .arg(name));
                return;
            }
            if (same.size() == 1) {
                const QString id = same.constFirst();
                if (const auto queued = m_queuedSaves.constFind(id); queued != m_queuedSaves.cend()) {
                    cached = CachedRow{id, 0, *queued};
                } else {
                    auto found = m_store.row(CacheStore::ProductEntity, id);
                    if (found && *found)
                        cached = **found;
                }
            }
        } else {
            if (!Id::isValid(productId)) {
                rejectRow(first, ProductCsv::tr("'%1' is not a product id.").arg(productId));
                return;
            }
            auto found = m_store.row(CacheStore::ProductEntity, productId);
            if (!found || !*found) {
                rejectRow(first,
                          ProductCsv::tr("There is no product with the id %1 (deleted, or from another shop). Clear "
                                         "the id to add it as a new product.")
                              .arg(productId));
                return;
            }
            cached = **found;
        }
        const QJsonObject base = cached ? saveArgsFrom(cached->id, cached->data) : QJsonObject();
        QJsonObject args = base;
        if (!cached) {
            args = QJsonObject{{QStringLiteral("id"), Id::create()},
                               {QStringLiteral("description"), QString()},
                               {QStringLiteral("images"), QJsonArray()},
                               {QStringLiteral("onShelf"), false},
                               {QStringLiteral("sortWeight"), 0}};
        }
        args.insert(QStringLiteral("name"), name);
        if (hasColumn(ProductCsv::SubtitleColumn))
            args.insert(QStringLiteral("subtitle"), cell(first, ProductCsv::SubtitleColumn));
        if (hasColumn(ProductCsv::KeywordsColumn))
            args.insert(QStringLiteral("keywords"), cell(first, ProductCsv::KeywordsColumn));
        if (hasColumn(ProductCsv::CategoryColumn))
            args.insert(QStringLiteral("categoryId"), categoryId.isEmpty() ? QJsonValue() : QJsonValue(categoryId));
        if (hasColumn(ProductCsv::OnShelfColumn) && !cell(first, ProductCsv::OnShelfColumn).isEmpty()) {
            const auto onShelf = shelf(cell(first, ProductCsv::OnShelfColumn));
            if (!onShelf) {
                rejectRow(first,
                          ProductCsv::tr("On shelf is 1 or 0 (or 是/否), not '%1'.")
                              .arg(cell(first, ProductCsv::OnShelfColumn)));
                return;
            }
            args.insert(QStringLiteral("onShelf"), *onShelf);
        }
        if (hasColumn(ProductCsv::SortWeightColumn) && !cell(first, ProductCsv::SortWeightColumn).isEmpty()) {
            const auto weight = integer(
                cell(first, ProductCsv::SortWeightColumn), -CatalogRules::MaxSortWeight, CatalogRules::MaxSortWeight);
            if (!weight) {
                rejectRow(first,
                          ProductCsv::tr("The sort weight must be a whole number from %1 to %2.")
                              .arg(-CatalogRules::MaxSortWeight)
                              .arg(CatalogRules::MaxSortWeight));
                return;
            }
            args.insert(QStringLiteral("sortWeight"), *weight);
        }

        // SKUs: existing ones (by id) start from the cache, so columns the file lacks and the image keep their value.
        QHash<QString, QJsonObject> cachedSkus;
        for (const QJsonValue& value : base.value(QStringLiteral("skus")).toArray())
            cachedSkus.insert(value.toObject().value(QStringLiteral("id")).toString(), value.toObject());
        QJsonArray skus;
        QHash<QString, int> lineOfSkuId;
        QHash<QString, int> lineOfCombination;
        QStringList specNames;
        QJsonArray adjustments;
        QHash<QString, QString>
            skuIdBySpecs; // for lines without a SKU id: an existing SKU with the same specifications
        for (auto it = cachedSkus.cbegin(); it != cachedSkus.cend(); ++it)
            skuIdBySpecs.insert(formatSpecs(it.value().value(QStringLiteral("specs")).toObject()), it.key());
        for (const CsvRow& row : rows) {
            QString skuId = cell(row, ProductCsv::SkuIdColumn);
            std::optional<QJsonObject> parsedSpecs;
            if (hasColumn(ProductCsv::SpecsColumn)) {
                parsedSpecs = parseSpecs(cell(row, ProductCsv::SpecsColumn));
                if (!parsedSpecs) {
                    rejectRow(row,
                              ProductCsv::tr("The specifications '%1' must look like 规格:大杯;温度:冰.")
                                  .arg(cell(row, ProductCsv::SpecsColumn)));
                    return;
                }
            }
            const bool matchedBySpecs = skuId.isEmpty() && parsedSpecs &&
                                        skuIdBySpecs.contains(formatSpecs(*parsedSpecs)) &&
                                        !lineOfSkuId.contains(skuIdBySpecs.value(formatSpecs(*parsedSpecs)));
            if (matchedBySpecs)
                skuId = skuIdBySpecs.value(formatSpecs(*parsedSpecs));
            QJsonObject sku;
            if (!skuId.isEmpty()) {
                if (!cached) {
                    rejectRow(row, ProductCsv::tr("A new product (no product id) cannot name SKU ids; clear them."));
                    return;
                }
                if (!cachedSkus.contains(skuId)) {
                    rejectRow(row, ProductCsv::tr("The SKU %1 is not one of this product's SKUs.").arg(skuId));
                    return;
                }
                if (lineOfSkuId.contains(skuId)) {
                    rejectRow(
                        row,
                        ProductCsv::tr("The SKU %1 is already on line %2.").arg(skuId).arg(lineOfSkuId.value(skuId)));
                    return;
                }
                lineOfSkuId.insert(skuId, row.line);
                sku = cachedSkus.value(skuId);
            } else {
                sku = QJsonObject{{QStringLiteral("id"), Id::create()},
                                  {QStringLiteral("specs"), QJsonObject()},
                                  {QStringLiteral("originalPriceFen"), 0},
                                  {QStringLiteral("stock"), 0},
                                  {QStringLiteral("code"), QString()},
                                  {QStringLiteral("image"), QString()}};
            }
            if (parsedSpecs)
                sku.insert(QStringLiteral("specs"), *parsedSpecs);
            const QJsonObject specs = sku.value(QStringLiteral("specs")).toObject();
            if (row.line == first.line) {
                specNames = specs.keys();
            } else if (specs.keys() != specNames) {
                rejectRow(row,
                          ProductCsv::tr("Every SKU of a product needs the same specifications (%1) as line %2.")
                              .arg(specNames.join(u'/'))
                              .arg(first.line));
                return;
            }
            const QString combination = formatSpecs(specs);
            if (lineOfCombination.contains(combination)) {
                rejectRow(row,
                          ProductCsv::tr("The specifications '%1' are already on line %2.")
                              .arg(combination)
                              .arg(lineOfCombination.value(combination)));
                return;
            }
            lineOfCombination.insert(combination, row.line);

            QString problem;
            const auto priceFen = price(row, ProductCsv::PriceColumn, true, &problem);
            if (!priceFen) {
                rejectRow(row, problem);
                return;
            }
            sku.insert(QStringLiteral("priceFen"), *priceFen);
            if (hasColumn(ProductCsv::OriginalPriceColumn)) {
                const auto original = price(row, ProductCsv::OriginalPriceColumn, false, &problem);
                if (!original) {
                    rejectRow(row, problem);
                    return;
                }
                sku.insert(QStringLiteral("originalPriceFen"), *original);
            }
            if (hasColumn(ProductCsv::CodeColumn))
                sku.insert(QStringLiteral("code"), cell(row, ProductCsv::CodeColumn));
            if (hasColumn(ProductCsv::StockColumn) && !cell(row, ProductCsv::StockColumn).isEmpty()) {
                const auto stock = integer(cell(row, ProductCsv::StockColumn), 0, CatalogRules::MaxStock);
                if (!stock) {
                    rejectRow(row,
                              ProductCsv::tr("The stock must be a whole number from 0 to %1, not '%2'.")
                                  .arg(CatalogRules::MaxStock)
                                  .arg(cell(row, ProductCsv::StockColumn)));
                    return;
                }
                const qint64 cachedStock = sku.value(QStringLiteral("stock")).toInteger();
                if (!skuId.isEmpty()) {
                    // An existing SKU's stock moves by a delta against the stock the file was made from (the
                    // cache's), never to an absolute value: sales the server took meanwhile are not undone.
                    if (*stock != cachedStock)
                        adjustments.append(QJsonObject{{QStringLiteral("productId"), args.value(QStringLiteral("id"))},
                                                       {QStringLiteral("skuId"), skuId},
                                                       {QStringLiteral("delta"), *stock - cachedStock}});
                } else {
                    sku.insert(QStringLiteral("stock"), *stock);
                }
            }
            skus.append(sku);
        }
        args.insert(QStringLiteral("skus"), skus);

        // What the file says is what the cache holds (prices compare in fen, texts trimmed, specifications with
        // sorted keys, so "12.3" equals "12.30"): nothing to check or queue, even for a product saved before a rule
        // was tightened.
        const bool saveNeeded = !cached || Json::toBytes(args) != Json::toBytes(base);
        if (saveNeeded) {
            // The shared rules have the last word (lengths, counts, ranges), as on the server.
            if (const auto draft = CatalogRules::normalizeProduct(args); !draft) {
                rejectRow(first, draft.error().message);
                return;
            }
        }
        const QJsonObject adjustArgs{{QStringLiteral("adjustments"), adjustments}};
        if (!adjustments.isEmpty()) {
            if (const auto checked = CatalogRules::normalizeStockAdjustments(adjustArgs); !checked) {
                rejectRow(first, checked.error().message);
                return;
            }
        }
        if (!saveNeeded && adjustments.isEmpty()) {
            ++m_result.productsUnchanged;
            return;
        }
        if (saveNeeded) {
            m_batch.append({kProductSave, args});
            ++m_result.operations;
        }
        if (!adjustments.isEmpty()) {
            m_batch.append({kAdjustStock, adjustArgs});
            ++m_result.operations;
        }
        ++(cached ? m_pendingChanged : m_pendingCreated);
    }

    Status flush()
    {
        if (!m_options.checkOnly && !m_batch.isEmpty()) {
            auto queued = m_store.enqueueBatch(m_batch);
            if (!queued) {
                m_result.operations -= int(m_batch.size());
                return queued.error();
            }
        }
        m_result.productsCreated += std::exchange(m_pendingCreated, 0);
        m_result.productsChanged += std::exchange(m_pendingChanged, 0);
        m_batch.clear();
        return {};
    }

    CacheStore& m_store;
    const ProductCsv::ImportOptions& m_options;
    ProductCsvImportResult& m_result;
    CategoryIndex m_categories;
    QList<int> m_columnOf;
    int m_headerSize = 0;

    QString m_groupKey;
    bool m_groupRejected = false;
    QList<CsvRow> m_group;
    QHash<QString, QStringList> m_idsByNameKey; // category id + '\n' + name → product ids
    QHash<QString, QJsonObject> m_queuedSaves;  // product id → args of its latest queued product.save
    bool m_anyLineWithoutId = false;
    QString m_scanKey;
    QHash<QString, int> m_firstLineOfKey;
    QSet<QString> m_splitKeys;

    QList<std::pair<QString, QJsonObject>> m_batch;
    int m_productsSinceCheckpoint = 0;
    int m_pendingCreated = 0;
    int m_pendingChanged = 0;
};

// Valid UTF-8 all through (a BOM or not) is UTF-8; anything else is taken as GB18030, a superset of GBK and GB2312.
Result<QStringDecoder> decoderFor(QIODevice& in, QString* encoding)
{
    if (!in.reset())
        return makeError(ErrorCode::Io, ProductCsv::tr("The file cannot be read from its start."));
    QStringDecoder utf8(QStringDecoder::Utf8);
    while (!in.atEnd()) {
        const QByteArray bytes = in.read(kReadChunk);
        if (bytes.isEmpty())
            break;
        const QString decoded = utf8.decode(bytes); // EncodedData decodes only when converted
        if (utf8.hasError())
            break;
    }
    const bool isUtf8 = !utf8.hasError();
    if (!in.reset())
        return makeError(ErrorCode::Io, ProductCsv::tr("The file cannot be read from its start."));
    if (isUtf8) {
        *encoding = QStringLiteral("UTF-8");
        return QStringDecoder(QStringDecoder::Utf8); // drops a BOM
    }
    // Named encodings come from ICU (Qt 6.4 on Debian has it); without ICU the file must be UTF-8.
    QStringDecoder gb18030("GB18030");
    if (!gb18030.isValid())
        return makeError(ErrorCode::InvalidArgument,
                         ProductCsv::tr("The file is not UTF-8. Save it as \"CSV UTF-8\" and import it again."));
    *encoding = QStringLiteral("GB18030");
    return gb18030;
}

} // namespace

int ProductCsvImportResult::productsRejected() const
{
    return productsRead - productsCreated - productsChanged - productsUnchanged;
}

QStringList ProductCsv::header(Language language)
{
    return language == Language::Chinese ? chineseHeader() : englishHeader();
}

ProductCsv::Language ProductCsv::languageFor(const QString& languageCode)
{
    return languageCode.startsWith(QLatin1String("zh")) ? Language::Chinese : Language::English;
}

Result<ProductCsvExportResult> ProductCsv::exportProducts(
    const CacheStore& store, QIODevice& out, Language language, const QStringList& ids, const Progress& progress)
{
    auto categories = CategoryIndex::load(store);
    if (!categories)
        return categories.error();
    qint64 total = ids.size();
    if (ids.isEmpty()) {
        auto count = store.rowCount(CacheStore::ProductEntity);
        if (!count)
            return count.error();
        total = *count;
    }
    auto write = [&out](const QString& text) -> Status {
        const QByteArray bytes = text.toUtf8();
        if (out.write(bytes) != bytes.size())
            return makeError(ErrorCode::Io, tr("Cannot write the file: %1").arg(out.errorString()));
        return {};
    };

    // The BOM makes Excel read the file as UTF-8 rather than the system's code page.
    QString text = QStringLiteral("\uFEFF");
    const QStringList cells = header(language);
    for (int i = 0; i < cells.size(); ++i) {
        if (i > 0)
            text += u',';
        appendField(text, cells.at(i), false);
    }
    text += QLatin1String("\r\n");

    ProductCsvExportResult result;
    QString after;
    qsizetype nextId = 0;
    while (true) {
        QList<CachedRow> chunk;
        if (ids.isEmpty()) {
            auto rows = store.rowsAfter(CacheStore::ProductEntity, after, kExportChunk);
            if (!rows)
                return rows.error();
            chunk = std::move(*rows);
        } else {
            for (; nextId < ids.size() && chunk.size() < kExportChunk; ++nextId) {
                auto row = store.row(CacheStore::ProductEntity, ids.at(nextId));
                if (!row)
                    return row.error();
                if (*row)
                    chunk.append(**row);
            }
        }
        if (chunk.isEmpty())
            break;
        after = chunk.constLast().id;
        for (const CachedRow& product : std::as_const(chunk)) {
            const QJsonObject& data = product.data;
            const QString categoryId = data.value(QStringLiteral("categoryId")).toString();
            const QJsonArray skus = data.value(QStringLiteral("skus")).toArray();
            const QJsonArray lines = skus.isEmpty() ? QJsonArray{QJsonObject()} : skus;
            for (const QJsonValue& value : lines) {
                const QJsonObject sku = value.toObject();
                const qint64 original = sku.value(QStringLiteral("originalPriceFen")).toInteger();
                const QList<std::pair<QString, bool>> fields{
                    {product.id, false},
                    {sku.value(QStringLiteral("id")).toString(), false},
                    {categories->pathById.value(categoryId), true},
                    {data.value(QStringLiteral("name")).toString(), true},
                    {data.value(QStringLiteral("subtitle")).toString(), true},
                    {data.value(QStringLiteral("keywords")).toString(), true},
                    {data.value(QStringLiteral("onShelf")).toBool() ? QStringLiteral("1") : QStringLiteral("0"), false},
                    {QString::number(data.value(QStringLiteral("sortWeight")).toInteger()), false},
                    {formatSpecs(sku.value(QStringLiteral("specs")).toObject()), true},
                    {sku.isEmpty() ? QString()
                                   : Money::fromFen(sku.value(QStringLiteral("priceFen")).toInteger()).toString(),
                     false},
                    {original > 0 ? Money::fromFen(original).toString() : QString(), false},
                    {sku.isEmpty() ? QString() : QString::number(sku.value(QStringLiteral("stock")).toInteger()),
                     false},
                    {sku.value(QStringLiteral("code")).toString(), true},
                };
                for (qsizetype i = 0; i < fields.size(); ++i) {
                    if (i > 0)
                        text += u',';
                    appendField(text, fields.at(i).first, fields.at(i).second);
                }
                text += QLatin1String("\r\n");
                ++result.lines;
            }
            ++result.products;
        }
        if (const Status s = write(text); !s)
            return s.error();
        text.clear();
        if (progress && !progress(result.products, total)) {
            result.cancelled = true;
            return result;
        }
    }
    if (const Status s = write(text); !s)
        return s.error();
    return result;
}

Result<ProductCsvImportResult>
ProductCsv::importProducts(CacheStore& store, QIODevice& in, const ImportOptions& options)
{
    ProductCsvImportResult result;
    auto detected = decoderFor(in, &result.encoding);
    if (!detected)
        return detected.error();
    // UTF-8's decoder drops a BOM; GB18030 files have none.
    auto decoder = [&result] {
        return result.encoding == QLatin1String("UTF-8") ? QStringDecoder(QStringDecoder::Utf8)
                                                         : QStringDecoder("GB18030");
    };
    ImportRun run(store, options, result);
    if (const Status s = run.prepare(); !s)
        return s.error();
    // Progress runs over both passes: the first counts for the first half.
    const qint64 size = in.size();
    const qint64 total = 2 * size;
    auto isBlank = [](const CsvReader::Record& record) {
        // Empty lines, and lines of empty cells that spreadsheets leave below the data, are skipped.
        return record.malformed.isEmpty() && std::all_of(record.fields.cbegin(),
                                                         record.fields.cend(),
                                                         [](const QString& f) { return f.trimmed().isEmpty(); });
    };

    CsvReader::Record record;
    {
        CsvReader reader(in, decoder());
        bool headerRead = false;
        int records = 0;
        while (reader.next(&record)) {
            if (isBlank(record))
                continue;
            if (!headerRead) {
                if (const Status s = run.readHeader(record); !s)
                    return s.error();
                headerRead = true;
                continue;
            }
            run.noteKey(record);
            if (++records % 5000 == 0 && options.progress && !options.progress(in.pos(), total)) {
                result.cancelled = true;
                return result;
            }
        }
        if (!headerRead)
            return makeError(ErrorCode::InvalidArgument,
                             tr("The file is empty: the first line must name the columns."));
    }
    if (const Status s = run.loadNameIndex(); !s)
        return s.error();
    if (!in.reset())
        return makeError(ErrorCode::Io, tr("The file cannot be read from its start."));

    CsvReader reader(in, decoder());
    bool headerSkipped = false;
    while (reader.next(&record)) {
        if (isBlank(record))
            continue;
        if (!headerSkipped) {
            headerSkipped = true;
            continue;
        }
        if (const Status s = run.addRecord(record); !s)
            return s.error();
        auto goOn = run.checkpoint(size + in.pos(), total);
        if (!goOn)
            return goOn.error();
        if (!*goOn) {
            result.cancelled = true;
            if (const Status s = run.cancel(); !s)
                return s.error();
            result.lines = reader.linesRead();
            return result;
        }
    }
    if (const Status s = run.finish(); !s)
        return s.error();
    result.lines = reader.linesRead();
    if (options.progress)
        options.progress(total, total);
    return result;
}

} // namespace xd
