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
    bool turned = false; // the file asks to be shown rotated or mirrored (EXIF orientation)
};

// Progressive JPEGs decode scan by scan; a few kilobytes of tiny scans can keep the decoder busy for minutes on the
// server's thread. Real pictures have about ten; 0xFF 0xDA is a start-of-scan marker wherever it occurs (entropy-coded
// data stuffs every 0xFF with 0x00).
constexpr int MaxJpegScans = 100;

int jpegScans(const QByteArray& bytes)
{
    int scans = 0;
    for (qsizetype at = bytes.indexOf("\xFF\xDA"); at >= 0; at = bytes.indexOf("\xFF\xDA", at + 2))
        ++scans;
    return scans;
}

quint32 bigEndian(const QByteArray& bytes, qsizetype at, int size)
{
    quint32 value = 0;
    for (int i = 0; i < size; ++i)
        value = (value << 8) | quint8(bytes.at(at + i));
    return value;
}

// A phone's photo carries EXIF (GPS position, camera serial, time), XMP and comments: none of it may reach customers.
// The stored original keeps the segments decoding and colour need, byte for byte: JFIF (APP0), ICC profile (APP2),
// Adobe (APP14), and everything from the first scan on. Empty when the structure is broken.
QByteArray jpegWithoutMetadata(const QByteArray& bytes)
{
    QByteArray out("\xFF\xD8", 2);
    qsizetype at = 2;
    while (at < bytes.size()) {
        if (quint8(bytes.at(at)) != 0xFF)
            return {};
        while (at < bytes.size() && quint8(bytes.at(at)) == 0xFF)
            ++at; // fill bytes
        if (at >= bytes.size())
            return {};
        const quint8 marker = quint8(bytes.at(at++));
        if (marker == 0xD9 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
            out.append(char(0xFF)).append(char(marker));
            if (marker == 0xD9)
                return out;
            continue;
        }
        if (at + 2 > bytes.size())
            return {};
        const qsizetype length = bigEndian(bytes, at, 2);
        if (length < 2 || at + length > bytes.size())
            return {};
        if (marker == 0xDA) { // start of scan: the rest is picture data
            out.append(char(0xFF)).append(char(marker)).append(bytes.mid(at));
            return out;
        }
        const bool metadata = (marker >= 0xE1 && marker <= 0xEF && marker != 0xE2 && marker != 0xEE) || marker == 0xFE;
        if (!metadata)
            out.append(char(0xFF)).append(char(marker)).append(bytes.mid(at, length));
        at += length;
    }
    return {};
}

// PNG: the critical chunks and the ancillary ones that change how it looks; text (tEXt, zTXt, iTXt), eXIf and tIME go.
QByteArray pngWithoutMetadata(const QByteArray& bytes)
{
    static const QList<QByteArray> kept{"tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "pHYs", "bKGD"};
    QByteArray out = bytes.left(8);
    qsizetype at = 8;
    while (at + 12 <= bytes.size()) {
        const qsizetype length = bigEndian(bytes, at, 4);
        if (length > bytes.size() - at - 12)
            return {};
        const QByteArray type = bytes.mid(at + 4, 4);
        const bool critical = type.at(0) >= 'A' && type.at(0) <= 'Z';
        if (critical || kept.contains(type))
            out.append(bytes.mid(at, length + 12));
        at += length + 12;
        if (type == "IEND")
            return out;
    }
    return {};
}

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
    if (format == "jpeg" && jpegScans(bytes) > MaxJpegScans)
        return invalid(QStringLiteral("a JPEG has at most %1 scans").arg(MaxJpegScans));
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
    out.turned = reader.transformation() != QImageIOHandler::TransformationNone;
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
ImageRendition encoded(const QImage& image, int jpegQuality = 85)
{
    const bool alpha = image.hasAlphaChannel();
    QByteArray data;
    QBuffer buffer(&data);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, alpha ? "png" : "jpeg");
    if (!alpha)
        writer.setQuality(jpegQuality);
    writer.write(alpha ? image : image.convertToFormat(QImage::Format_RGB32));
    return rendition(data, alpha ? QStringLiteral("image/png") : QStringLiteral("image/jpeg"), image.size());
}

} // namespace

QString sha256Hex(const QByteArray& bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

Result<PreparedImage> prepareImage(const QByteArray& bytes)
{
    auto decoded = decode(bytes);
    if (!decoded)
        return decoded.error();
    const QImage& image = decoded->image;
    PreparedImage prepared;
    // The original without its metadata. A picture that is stored turned (EXIF orientation) loses that instruction
    // with the EXIF, so it is stored upright instead, re-encoded once at high quality.
    if (decoded->turned) {
        prepared.original = encoded(image, 92);
    } else {
        const QByteArray clean = decoded->info.contentType == QLatin1String("image/jpeg") ? jpegWithoutMetadata(bytes)
                                                                                          : pngWithoutMetadata(bytes);
        if (clean.isEmpty())
            return invalid(QStringLiteral("the image is damaged: its structure cannot be read"));
        prepared.original = rendition(clean, decoded->info.contentType, image.size());
    }
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
