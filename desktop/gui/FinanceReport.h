#pragma once

#include "xiaodian/Result.h"
#include "xiaodian/Stats.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QImage>
#include <QString>

class QPagedPaintDevice;

namespace xd {

// A period's finance report as files: the CSV sheet (one row per day and a totals row, amounts in yuan with two
// decimals from integer fen) and the printed / PDF report (totals, the turnover chart when given, the days or, for
// long periods, the months). The figures are the report's, nothing is recomputed here.
class FinanceReport
{
    Q_DECLARE_TR_FUNCTIONS(FinanceReport)

public:
    // UTF-8 with a BOM (Excel), CRLF line ends, headers in the current language, dates yyyy-MM-dd.
    static QByteArray csv(const stats::Report& report);
    static Status writeCsv(const stats::Report& report, const QString& path);

    // "2026-11-01 – 2026-11-25" (one date for a one-day period).
    static QString periodText(const stats::Period& period);

    // HTML for QTextDocument; the chart, when not null, is the image resource "chart:turnover".
    static QString html(const stats::Report& report, const QString& shopName, bool withChart);
    // Lays the report out on `device` (a printer or a QPdfWriter), page after page.
    static void
    render(const stats::Report& report, const QString& shopName, const QImage& chart, QPagedPaintDevice& device);
    // Writes the report as an A4 PDF file.
    static Status
    exportPdf(const stats::Report& report, const QString& shopName, const QImage& chart, const QString& path);
};

} // namespace xd
