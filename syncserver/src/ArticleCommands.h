#pragma once

#include "CommandContext.h"

#include <QHash>

namespace xd::server {

// article.save and article.delete. Argument rules shared with the desktop are in xd::ArticleRules (the body is
// sanitized there); argument shapes in docs/sync-protocol.md, the design in docs/articles.md.
void registerArticleCommands(QHash<QString, CommandHandler>& handlers);

} // namespace xd::server
