#include "FinanceReport.h"

#include "CsvField.h"
#include "OrderService.h"
#include "StatsCharts.h"
#include "xiaodian/Money.h"

#include <QFile>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>
#include <QUrl>

namespace xd {

namespace {

const QString kChartUrl = QStringLiteral("chart:turnover");

QString amount(qint64 fen)
{
    return Money::fromFen(fen).toString(); // "12.30", "-0.05": integer fen, two decimals
}

// The columns after the date: the same in the CSV sheet and the printed table.
QStringList figureCells(const stats::DayFigures& f)
{
    return {amount(f.grossFen),
            amount(f.refundFen),
            amount(f.netFen()),
            QString::number(f.paidOrders),
            QString::number(f.refundCount),
            amount(f.averageOrderValueFen()),
            amount(f.grossWechatFen),
            amount(f.grossCodFen),
            amount(f.grossBalanceFen),
            amount(f.refundWechatFen),
            amount(f.refundCodFen),
            amount(f.refundBalanceFen),
            amount(f.rechargeFen)};
}

QString esc(const QString& text)
{
    return text.toHtmlEscaped();
}

} // namespace

QByteArray FinanceReport::csv(const stats::Report& report)
{
    const QString wechat = OrderService::paymentMethodText(QStringLiteral("wechat_pay"));
    const QString cod = OrderService::paymentMethodText(QStringLiteral("cash_on_delivery"));
    const QString balance = OrderService::paymentMethodText(QStringLiteral("balance"));
    const QStringList header{tr("Date"),
                             tr("Turnover (yuan)"),
                             tr("Refunds (yuan)"),
                             tr("Net turnover (yuan)"),
                             tr("Paid orders"),
                             tr("Refunds (count)"),
                             tr("Average order value (yuan)"),
                             tr("%1 received (yuan)").arg(wechat),
                             tr("%1 received (yuan)").arg(cod),
                             tr("%1 received (yuan)").arg(balance),
                             tr("%1 refunded (yuan)").arg(wechat),
                             tr("%1 refunded (yuan)").arg(cod),
                             tr("%1 refunded (yuan)").arg(balance),
                             tr("Recharge income (yuan)")};
    QStringList lines;
    QStringList cells;
    for (const QString& title : header)
        cells << csv::field(title);
    lines << cells.join(QLatin1Char(','));
    for (const stats::DayFigures& day : report.days)
        lines << (QStringList{stats::dayText(day.day)} + figureCells(day)).join(QLatin1Char(','));
    lines << (QStringList{csv::field(tr("Total"))} + figureCells(report.totals)).join(QLatin1Char(','));
    // The BOM makes Excel read the file as UTF-8 rather than the system's code page.
    return QByteArray("\xEF\xBB\xBF") + lines.join(QStringLiteral("\r\n")).toUtf8() + "\r\n";
}

Status FinanceReport::writeCsv(const stats::Report& report, const QString& path)
{
    QSaveFile file(path);
    const QByteArray bytes = csv(report);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return makeError(ErrorCode::Io, tr("Cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

QString FinanceReport::periodText(const stats::Period& period)
{
    if (period.from == period.to)
        return stats::dayText(period.from);
    return QStringLiteral("%1 – %2").arg(stats::dayText(period.from), stats::dayText(period.to));
}

QString FinanceReport::html(const stats::Report& report, const QString& shopName, bool withChart)
{
    const stats::DayFigures& t = report.totals;
    auto row = [](const QString& label, const QString& value) {
        return QStringLiteral("<tr><td style=\"color:#6b7280; padding-right:16px\">%1</td>"
                              "<td align=\"right\">%2</td></tr>")
            .arg(esc(label), esc(value));
    };
    QString out = QStringLiteral("<html><body style=\"font-size:9pt\">");
    if (!shopName.isEmpty())
        out += QStringLiteral("<h2 style=\"margin:0\">%1</h2>").arg(esc(shopName));
    out += QStringLiteral("<h3>%1</h3>").arg(esc(tr("Finance report %1").arg(periodText(report.period))));
    out += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\">");
    out += row(tr("Turnover"), StatsCharts::groupedYuanText(t.grossFen));
    out += row(tr("Refunds"), StatsCharts::groupedYuanText(t.refundFen));
    out += row(tr("Net turnover"), StatsCharts::groupedYuanText(t.netFen()));
    out += row(tr("Paid orders"), QString::number(t.paidOrders));
    out += row(tr("Average order value"), StatsCharts::groupedYuanText(t.averageOrderValueFen()));
    for (const auto& [method, gross, refund] :
         {std::tuple{QStringLiteral("wechat_pay"), t.grossWechatFen, t.refundWechatFen},
          std::tuple{QStringLiteral("cash_on_delivery"), t.grossCodFen, t.refundCodFen},
          std::tuple{QStringLiteral("balance"), t.grossBalanceFen, t.refundBalanceFen}}) {
        out += row(OrderService::paymentMethodText(method),
                   tr("%1 received, %2 refunded")
                       .arg(StatsCharts::groupedYuanText(gross), StatsCharts::groupedYuanText(refund)));
    }
    out += row(tr("Recharge income"), StatsCharts::groupedYuanText(t.rechargeFen));
    out += QStringLiteral("</table>");
    if (withChart)
        out += QStringLiteral("<p><img src=\"%1\" width=\"640\"></p>").arg(kChartUrl);

    const QList<StatsCharts::Bucket> buckets = StatsCharts::bucketsOf(report.days);
    const bool byMonth = !buckets.isEmpty() && buckets.constFirst().first != buckets.constFirst().last;
    out += QStringLiteral("<h4>%1</h4>").arg(esc(byMonth ? tr("By month") : tr("By day")));
    out += QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\" border=\"0.5\" width=\"100%\"><tr>");
    for (const QString& title : {byMonth ? tr("Month") : tr("Date"),
                                 tr("Turnover"),
                                 tr("Refunds"),
                                 tr("Net"),
                                 tr("Paid orders"),
                                 tr("Average order value")})
        out += QStringLiteral("<th align=\"left\">%1</th>").arg(esc(title));
    out += QStringLiteral("</tr>");
    auto figureRow = [](const QString& label, const stats::DayFigures& f, bool bold) {
        const QString cell =
            bold ? QStringLiteral("<td align=\"right\"><b>%1</b></td>") : QStringLiteral("<td align=\"right\">%1</td>");
        return QStringLiteral("<tr><td>%1</td>").arg(esc(label)) +
               cell.arg(esc(StatsCharts::groupedYuanText(f.grossFen))) +
               cell.arg(esc(StatsCharts::groupedYuanText(f.refundFen))) +
               cell.arg(esc(StatsCharts::groupedYuanText(f.netFen()))) + cell.arg(f.paidOrders) +
               cell.arg(esc(StatsCharts::groupedYuanText(f.averageOrderValueFen()))) + QStringLiteral("</tr>");
    };
    for (const StatsCharts::Bucket& bucket : buckets)
        out += figureRow(byMonth ? bucket.longLabel : stats::dayText(bucket.first), bucket.figures, false);
    out += figureRow(tr("Total"), t, true);
    out += QStringLiteral("</table></body></html>");
    return out;
}

void FinanceReport::render(const stats::Report& report,
                           const QString& shopName,
                           const QImage& chart,
                           QPagedPaintDevice& device)
{
    QTextDocument document;
    if (!chart.isNull())
        document.addResource(QTextDocument::ImageResource, QUrl(kChartUrl), chart);
    document.setHtml(html(report, shopName, !chart.isNull()));
    document.print(&device);
}

Status
FinanceReport::exportPdf(const stats::Report& report, const QString& shopName, const QImage& chart, const QString& path)
{
    {
        QFile probe(path);
        if (!probe.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return makeError(ErrorCode::Io, tr("Cannot write %1: %2").arg(path, probe.errorString()));
    }
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setResolution(300);
    writer.setTitle(tr("Finance report %1").arg(periodText(report.period)));
    writer.setCreator(QStringLiteral("Xiaodian"));
    render(report, shopName, chart, writer);
    return {};
}

} // namespace xd
