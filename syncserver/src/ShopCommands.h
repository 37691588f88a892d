#pragma once

#include "CommandContext.h"

#include <QHash>

namespace xd::server {

// shop.updateProfile, shop.uploadPhoto, shop.reorderPhotos, shop.removePhoto. Argument shapes are in
// docs/sync-protocol.md; every argument is validated before anything is written.
void registerShopCommands(QHash<QString, CommandHandler>& handlers);

inline constexpr int MaxShopPhotos = 20;

} // namespace xd::server
