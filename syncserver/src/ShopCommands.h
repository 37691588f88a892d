#pragma once

#include "CommandContext.h"

#include <QHash>

namespace xd::server {

// shop.updateProfile, shop.uploadPhoto, shop.reorderPhotos, shop.removePhoto. Argument shapes are in
// docs/sync-protocol.md; every argument is validated before anything is written.
void registerShopCommands(QHash<QString, CommandHandler>& handlers);

inline constexpr int MaxShopPhotos = 20;
inline constexpr qint64 MaxPhotoBytes = 5 * 1024 * 1024;
inline constexpr qint64 MaxPhotoPixels = 25'000'000;

} // namespace xd::server
