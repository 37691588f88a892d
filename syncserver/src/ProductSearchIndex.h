#pragma once

#include "xiaodian/Result.h"

#include <QString>

namespace xd::db {
class Database;
}

namespace xd::server {

// Keeps product_search_grams in step with products.search_text (see docs/catalog.md). Called inside the writing
// transaction of every product change; bulk loaders (imports, the benchmark's generator) use it the same way.
class ProductSearchIndex
{
public:
    // The normalised text that is indexed: name, subtitle and keywords.
    static QString searchText(const QString& name, const QString& subtitle, const QString& keywords);

    // Moves the product's grams from those of `oldText` to those of `newText` (either may be empty: a new or a deleted
    // product), touching only the difference: renaming one word of a long name rewrites a few rows, not all.
    static Status reindex(const db::Database& database,
                          const QString& shopId,
                          const QString& productId,
                          const QString& oldText,
                          const QString& newText);
};

} // namespace xd::server
