#pragma once

#include "CommandContext.h"

#include <QHash>

namespace xd::server {

// review.reply and review.setHidden (docs/reviews.md). Argument rules shared with the desktop: xd::ReviewRules.
void registerReviewCommands(QHash<QString, CommandHandler>& handlers);

// Adds (`delta` = +1) or takes away (-1) one visible review of `rating` stars in the product's rating row
// (product_ratings), inside the caller's transaction: every write that makes a review visible or invisible calls it.
Status adjustProductRating(
    const db::Database& database, const QString& shopId, const QString& productId, int rating, int delta);

} // namespace xd::server
