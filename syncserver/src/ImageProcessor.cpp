#include "ImageProcessor.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>

namespace xd::server {

namespace {

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

struct Decoded
{
    ImageInfo info;
    QImage image;
};

Result<Decoded> decode(const QByteArray& bytes)
{
    if (bytes.isEmpty())
        return invalid(QStringLiteral("the upload is empty"));
    if (bytes.size() > MaxImageBytes)
        return invalid(QStringLiteral("an image is at most %1 MiB").arg(MaxImageBytes / (1024 * 1024)));
    Decoded out;
    QByteArray format;
    if (bytes.startsWith("\xFF\xD8\xFF")) {
        out.info.contentType = QStringLiteral("image/jpeg");
        format = "jpeg";
    } else if (bytes.startsWith("\x89PNG\r\n\x1A\n")) {
        out.info.contentType = QStringLiteral("image/png");
        format = "png";
    } else {
        return invalid(QStringLiteral("an image must be a JPEG or PNG file"));
    }
    QByteArray copy = bytes;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, format);
    const QSize size = reader.size();
    if (!size.isValid())
        return invalid(QStringLiteral("the image cannot be read: %1").arg(reader.errorString()));
    if (size.width() < MinImageSide || size.height() < MinImageSide || size.width() > MaxImageSide ||
        size.height() > MaxImageSide)
        return invalid(QStringLiteral("an image is %1 to %2 pixels wide and high").arg(MinImageSide).arg(MaxImageSide));
    // A small, highly compressed file can still decode to hundreds of MiB on the server's thread: cap the pixels.
    if (qint64(size.width()) * size.height() > MaxImagePixels)
        return invalid(QStringLiteral("an image has at most %1 megapixels").arg(MaxImagePixels / 1'000'000));
    reader.setAllocationLimit(int((MaxImagePixels * 4) / (1024 * 1024)) + 1);
    // Phones store portraits sideways plus an EXIF orientation: renditions are turned upright like the original shows.
    reader.setAutoTransform(true);
    // Decode it once: a header that lies about the rest of the file is caught here, not in a customer's phone.
    out.image = reader.read();
    if (out.image.isNull())
        return invalid(QStringLiteral("the image is damaged: %1").arg(reader.errorString()));
    out.info.width = out.image.width();
    out.info.height = out.image.height();
    return out;
}

ImageRendition rendition(QByteArray data, const QString& contentType, QSize size)
{
    return ImageRendition{data, sha256Hex(data), contentType, size.width(), size.height()};
}

// `source` (the original or a smaller copy of it) at the size the original scales to for `side`: a thumbnail made
// from the medium picture keeps the original's proportions, not the medium one's rounding.
QImage shrunk(const QImage& source, QSize original, int side)
{
    return source.scaled(
        original.scaled(side, side, Qt::KeepAspectRatio), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
}

// Encoded as JPEG, or PNG when it has transparency (a logo on a clear background).
ImageRendition encoded(const QImage& image)
{
    const bool alpha = image.hasAlphaChannel();
    QByteArray data;
    QBuffer buffer(&data);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, alpha ? "png" : "jpeg");
    if (!alpha)
        writer.setQuality(85);
    writer.write(alpha ? image : image.convertToFormat(QImage::Format_RGB32));
    return rendition(data, alpha ? QStringLiteral("image/png") : QStringLiteral("image/jpeg"), image.size());
}

} // namespace

QString sha256Hex(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

Result<ImageInfo> inspectImage(const QByteArray& bytes)
{
    auto decoded = decode(bytes);
    if (!decoded)
        return decoded.error();
    return decoded->info;
}

Result<PreparedImage> prepareImage(const QByteArray& bytes)
{
    auto decoded = decode(bytes);
    if (!decoded)
        return decoded.error();
    const QImage& image = decoded->image;
    PreparedImage prepared;
    prepared.original = rendition(bytes, decoded->info.contentType, image.size());
    const int longer = qMax(image.width(), image.height());
    // Never upscaled: a picture no larger than a rendition is that rendition. The thumbnail is scaled from the medium
    // picture, which is much cheaper than from 25 megapixels and looks the same at 240 px.
    QImage medium = image;
    if (longer > MediumSide) {
        medium = shrunk(image, image.size(), MediumSide);
        prepared.medium = encoded(medium);
    } else {
        prepared.medium = prepared.original;
    }
    prepared.thumbnail =
        longer > ThumbnailSide ? encoded(shrunk(medium, image.size(), ThumbnailSide)) : prepared.original;
    return prepared;
}

} // namespace xd::server
