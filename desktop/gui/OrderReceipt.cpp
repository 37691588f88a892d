#include "OrderReceipt.h"

#include "xiaodian/Money.h"

#include <QDateTime>
#include <QFile>
#include <QPageSize>
#include <QPdfWriter>
#include <QTextDocument>

namespace xd {

namespace {

QString esc(const QString& text)
{
    return text.toHtmlEscaped();
}

QString yuan(qint64 fen)
{
    return QStringLiteral("¥") + Money::fromFen(fen).toString();
}

QString timeText(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
}

QString row(const QString& label, const QString& value)
{
    return QStringLiteral("<tr><td style=\"color:#6b7280; padding-right:12px\">%1</td><td>%2</td></tr>")
        .arg(esc(label), esc(value));
}

} // namespace

QString OrderReceipt::html(const Order& order, const QString& shopName, bool withHistory)
{
    QString out;
    out += QStringLiteral("<html><body style=\"font-size:10pt\">");
    if (!shopName.isEmpty())
        out += QStringLiteral("<h2 style=\"margin:0\">%1</h2>").arg(esc(shopName));
    out += QStringLiteral("<h3>%1</h3>").arg(esc(tr("Order %1").arg(order.number)));
    out += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"1\">");
    out += row(tr("State"), OrderService::stateText(order.state) + (order.pending ? tr(" (not synced)") : QString()));
    out += row(tr("Placed"), timeText(order.placedAtMs));
    if (order.paidAtMs > 0)
        out += row(tr("Paid"), timeText(order.paidAtMs));
    out += row(tr("Payment"), OrderService::paymentMethodText(order.paymentMethod));
    out += row(tr("Fulfilment"), OrderService::fulfilmentText(order.fulfilment));
    if (!order.customerNickname.isEmpty())
        out += row(tr("Customer"), order.customerNickname);
    if (!order.contactName.isEmpty() || !order.contactPhone.isEmpty())
        out += row(tr("Contact"), QStringLiteral("%1 %2").arg(order.contactName, order.contactPhone).trimmed());
    if (!order.address.isEmpty())
        out += row(tr("Address"), order.address);
    if (order.fulfilment == QLatin1String("pickup") && withHistory && !order.pickupCode.isEmpty())
        out += row(tr("Pickup code"), order.pickupCode);
    if (order.appointmentAtMs > 0)
        out += row(tr("Appointment"), timeText(order.appointmentAtMs));
    if (!order.carrier.isEmpty() || !order.trackingNo.isEmpty())
        out += row(tr("Shipment"), QStringLiteral("%1 %2").arg(order.carrier, order.trackingNo).trimmed());
    for (const OrderCustomField& field : order.customFields)
        out += row(field.label, field.displayValue());
    if (!order.buyerNote.isEmpty())
        out += row(tr("Buyer note"), order.buyerNote);
    if (!order.merchantRemark.isEmpty())
        out += row(tr("Merchant remark"), order.merchantRemark);
    if (!order.refundReason.isEmpty())
        out += row(tr("Refund reason"), order.refundReason);
    out += QStringLiteral("</table>");

    out += QStringLiteral("<h4>%1</h4><table width=\"100%\" cellspacing=\"0\" cellpadding=\"2\" border=\"0\">")
               .arg(esc(tr("Items")));
    out += QStringLiteral("<tr style=\"background:#f3f4f6\"><th align=\"left\">%1</th><th align=\"right\">%2</th>"
                          "<th align=\"right\">%3</th><th align=\"right\">%4</th></tr>")
               .arg(esc(tr("Item")), esc(tr("Price")), esc(tr("Qty")), esc(tr("Total")));
    for (const OrderItem& item : order.items) {
        QString name = esc(item.productName);
        if (!item.skuLabel.isEmpty())
            name += QStringLiteral(" <span style=\"color:#6b7280\">%1</span>").arg(esc(item.skuLabel));
        if (item.refundedQuantity > 0)
            name += QStringLiteral(" <i>%1</i>").arg(esc(tr("(%1 refunded)").arg(item.refundedQuantity)));
        out +=
            QStringLiteral("<tr><td>%1</td><td align=\"right\">%2</td><td align=\"right\">%3</td>"
                           "<td align=\"right\">%4</td></tr>")
                .arg(name, esc(yuan(item.unitPriceFen)), QString::number(item.quantity), esc(yuan(item.lineTotalFen)));
    }
    out += QStringLiteral("</table><table align=\"right\" cellspacing=\"0\" cellpadding=\"1\">");
    auto amount = [](const QString& label, qint64 fen, bool bold = false) {
        const QString value = esc(yuan(fen));
        return QStringLiteral("<tr><td align=\"right\" style=\"padding-right:12px\">%1</td><td align=\"right\">%2</td>"
                              "</tr>")
            .arg(esc(label), bold ? QStringLiteral("<b>%1</b>").arg(value) : value);
    };
    out += amount(tr("Goods"), order.goodsFen);
    if (order.discountFen > 0)
        out += amount(tr("Discount"), -order.discountFen);
    if (order.deliveryFeeFen > 0 || order.fulfilment == QLatin1String("delivery"))
        out += amount(tr("Delivery fee"), order.deliveryFeeFen);
    out += amount(tr("Payable"), order.payableFen, true);
    if (order.paidFen > 0)
        out += amount(tr("Paid"), order.paidFen);
    if (order.refundedFen > 0)
        out += amount(tr("Refunded"), order.refundedFen);
    out += QStringLiteral("</table><br clear=\"all\"/>");

    if (withHistory && !order.events.isEmpty()) {
        out += QStringLiteral("<h4>%1</h4><table cellspacing=\"0\" cellpadding=\"1\">").arg(esc(tr("History")));
        for (const OrderEvent& event : order.events) {
            QString what = OrderService::actionText(event.action);
            // "Shipped → Shipped" says nothing twice: the new state only when its name adds something.
            const QString toText = OrderService::stateText(event.to);
            if (!event.to.isEmpty() && event.to != event.from && toText != what)
                what += QStringLiteral(" → ") + toText;
            if (event.amountFen != 0)
                what += QStringLiteral(" · ") + yuan(event.amountFen);
            QString line =
                QStringLiteral("<tr><td style=\"color:#6b7280; padding-right:12px\">%1</td><td>%2 "
                               "<span style=\"color:#6b7280\">(%3)</span>")
                    .arg(esc(timeText(event.atMs)), esc(what), esc(OrderService::actorText(event.actorKind)));
            if (!event.note.isEmpty())
                line += QStringLiteral("<br/><i>%1</i>").arg(esc(event.note));
            out += line + QStringLiteral("</td></tr>");
        }
        out += QStringLiteral("</table>");
    }
    out += QStringLiteral("</body></html>");
    return out;
}

void OrderReceipt::render(const Order& order, const QString& shopName, QPagedPaintDevice& device)
{
    QTextDocument document;
    document.setHtml(html(order, shopName, false));
    document.print(&device);
}

Status OrderReceipt::exportPdf(const Order& order, const QString& shopName, const QString& path)
{
    {
        QFile probe(path);
        if (!probe.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return makeError(ErrorCode::Io, tr("Cannot write %1: %2").arg(path, probe.errorString()));
    }
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A5));
    writer.setResolution(300);
    writer.setTitle(tr("Order %1").arg(order.number));
    writer.setCreator(QStringLiteral("Xiaodian"));
    render(order, shopName, writer);
    return {};
}

} // namespace xd
