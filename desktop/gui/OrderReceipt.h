#pragma once

#include "OrderService.h"

#include <QCoreApplication>

class QPagedPaintDevice;

namespace xd {

// An order as a document: the receipt that is printed (QtPrintSupport, with preview) or exported as PDF, and, with
// its history, the orders page's detail pane. Amounts in yuan from fen (xd::Money), never floating point.
class OrderReceipt
{
    Q_DECLARE_TR_FUNCTIONS(OrderReceipt)

public:
    // HTML for QTextDocument. `withHistory` adds the event timeline (the detail pane); the receipt leaves it out.
    static QString html(const Order& order, const QString& shopName, bool withHistory);
    // Lays the receipt out on `device` (a printer or a QPdfWriter), page after page.
    static void render(const Order& order, const QString& shopName, QPagedPaintDevice& device);
    // Writes the receipt as a PDF file (A5), titled with the order number.
    static Status exportPdf(const Order& order, const QString& shopName, const QString& path);
};

} // namespace xd
