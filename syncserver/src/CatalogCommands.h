#pragma once

#include "CommandContext.h"

#include <QHash>

namespace xd::server {

// category.save, category.delete, category.reorder, product.save, product.setShelf, product.delete. Argument rules
// shared with the desktop are in xd::CatalogRules; argument shapes in docs/sync-protocol.md. Every product write keeps
// the search grams (product_search_grams) in step in the same transaction.
void registerCatalogCommands(QHash<QString, CommandHandler>& handlers);

} // namespace xd::server
