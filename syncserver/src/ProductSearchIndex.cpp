#include "ProductSearchIndex.h"

#include "xiaodian/SearchText.h"
#include "xiaodian/db/Database.h"

#include <QSqlQuery>
#include <QStringList>
#include <QVariantList>

namespace xd::server {

QString ProductSearchIndex::searchText(const QString& name, const QString& subtitle, const QString& keywords)
{
    return SearchText::normalize(name + QLatin1Char(' ') + subtitle + QLatin1Char(' ') + keywords);
}

Status ProductSearchIndex::reindex(const db::Database& database,
                                   const QString& shopId,
                                   const QString& productId,
                                   const QString& oldText,
                                   const QString& newText)
{
    const QSet<QString> oldGrams = SearchText::indexGrams(oldText);
    const QSet<QString> newGrams = SearchText::indexGrams(newText);
    const QStringList removed = QSet<QString>(oldGrams).subtract(newGrams).values();
    const QStringList added = QSet<QString>(newGrams).subtract(oldGrams).values();
    constexpr qsizetype Batch = 200;
    for (qsizetype from = 0; from < removed.size(); from += Batch) {
        const QStringList chunk = removed.mid(from, Batch);
        QVariantList values{shopId, productId};
        for (const QString& gram : chunk)
            values << gram;
        auto deleted = database.exec(QStringLiteral("DELETE FROM product_search_grams WHERE shop_id = ? AND "
                                                    "product_id = ? AND gram IN (%1)")
                                         .arg(db::placeholders(chunk.size())),
                                     values);
        if (!deleted)
            return deleted.error();
    }
    for (qsizetype from = 0; from < added.size(); from += Batch) {
        const QStringList chunk = added.mid(from, Batch);
        QStringList rows;
        QVariantList values;
        for (const QString& gram : chunk) {
            rows << QStringLiteral("(?, ?, ?)");
            values << shopId << gram << productId;
        }
        auto inserted = database.exec(QStringLiteral("INSERT INTO product_search_grams (shop_id, gram, product_id) "
                                                     "VALUES %1 ON CONFLICT DO NOTHING")
                                          .arg(rows.join(QStringLiteral(", "))),
                                      values);
        if (!inserted)
            return inserted.error();
    }
    return {};
}

} // namespace xd::server
