#pragma once

#include "CacheStore.h"
#include "ProductCsv.h"

#include <QBuffer>
#include <QStringList>

// The product CSV sheet in memory, for the tests of the importer and exporter (header only).
namespace xd::test {

// Every product of `store` as the exporter writes it; empty (and a warning) when the export fails.
inline QByteArray exportAll(const CacheStore& store, ProductCsv::Language language = ProductCsv::Language::Chinese)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    const auto exported = ProductCsv::exportProducts(store, buffer, language);
    if (!exported) {
        qWarning("%s", qPrintable(exported.error().toString()));
        return {};
    }
    return buffer.data();
}

// Imports `bytes` as if read from a file.
inline Result<ProductCsvImportResult>
importBytes(CacheStore& store, const QByteArray& bytes, const ProductCsv::ImportOptions& options = {})
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    return ProductCsv::importProducts(store, buffer, options);
}

// The rejected lines of an import, "line: reason" one a line, for failure messages.
inline QString rejectionsText(const ProductCsvImportResult& result)
{
    QStringList lines;
    for (const ProductCsvRejection& r : result.rejections)
        lines << QStringLiteral("%1: %2").arg(r.line).arg(r.reason);
    return lines.join(u'\n');
}

} // namespace xd::test
