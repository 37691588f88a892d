#pragma once

#include "xiaodian/Result.h"

#include <QByteArray>
#include <QString>

namespace xd::server {

// Uploaded images (shop photos and catalog images) are judged by their bytes alone: the magic number says JPEG or
// PNG, QImageReader reads the size from the header and then decodes the whole file once. File names and declared
// content types are never trusted.
inline constexpr qint64 MaxImageBytes = 5 * 1024 * 1024;
inline constexpr qint64 MaxImagePixels = 25'000'000;
inline constexpr int MinImageSide = 16;
inline constexpr int MaxImageSide = 8000;
// The catalog's renditions: the longer side of a list thumbnail and of the detail page's picture.
inline constexpr int ThumbnailSide = 240;
inline constexpr int MediumSide = 750;

struct ImageInfo
{
    QString contentType; // image/jpeg | image/png
    int width = 0;       // as shown (after the EXIF orientation of a phone's JPEG)
    int height = 0;
};

// One stored form of an image: its bytes and their SHA-256 (the blob key).
struct ImageRendition
{
    QByteArray data;
    QString sha256;
    QString contentType;
    int width = 0;
    int height = 0;
};

struct PreparedImage
{
    ImageRendition original; // the uploaded picture without its metadata (EXIF/GPS, XMP, comments, PNG text)
    ImageRendition medium;   // at most MediumSide; the original itself when it is no larger (never upscaled)
    ImageRendition thumbnail;
};

QString sha256Hex(const QByteArray& bytes);

// InvalidArgument (with the reason) unless `bytes` is a JPEG or PNG within the limits that decodes completely. The
// header's size is checked before anything is decoded, and the decode runs under an allocation limit, so a small file
// that claims to be a huge picture (a decompression bomb) is refused cheaply, as is a JPEG of too many scans. Then the
// renditions (scaled once each, smooth) and the original without metadata. Pure and thread-safe: no database, no
// shared state, so it may run on any thread. A 25-megapixel JPEG costs 0.2-0.4 s of one core here
// (docs/performance.md).
Result<PreparedImage> prepareImage(const QByteArray& bytes);

} // namespace xd::server
