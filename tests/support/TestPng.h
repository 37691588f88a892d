#pragma once

#include <QByteArray>

// PNG files made byte by byte, for tests of uploads that must not depend on an image library in the test process:
// a valid picture, or a header that claims any size over a few bytes of data (a decompression bomb).

// PNG chunk checksum (CRC-32, polynomial 0xEDB88320), bit by bit: enough for a test image.
inline quint32 testPngCrc32(const QByteArray& data)
{
    quint32 crc = 0xFFFFFFFFu;
    for (const char byte : data) {
        crc ^= quint8(byte);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

inline QByteArray testPngBigEndian(quint32 value)
{
    QByteArray out;
    for (const int shift : {24, 16, 8, 0})
        out.append(char((value >> shift) & 0xFF));
    return out;
}

// An 8-bit RGB PNG whose header says width x height, with `scanlines` (each row: filter byte, then 3 bytes a pixel)
// as its image data.
inline QByteArray testPng(quint32 width, quint32 height, const QByteArray& scanlines)
{
    const auto chunk = [](const QByteArray& type, const QByteArray& data) {
        return testPngBigEndian(quint32(data.size())) + type + data + testPngBigEndian(testPngCrc32(type + data));
    };
    const QByteArray ihdr = testPngBigEndian(width) + testPngBigEndian(height) + QByteArray("\x08\x02\x00\x00\x00", 5);
    const QByteArray idat = qCompress(scanlines).mid(4); // zlib stream without Qt's length prefix
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) + chunk("IDAT", idat) + chunk("IEND", {});
}

// A valid grey picture of width x height.
inline QByteArray testSolidPng(quint32 width, quint32 height)
{
    QByteArray scanlines;
    for (quint32 y = 0; y < height; ++y)
        scanlines.append('\0').append(QByteArray(int(width) * 3, '\x7f'));
    return testPng(width, height, scanlines);
}
