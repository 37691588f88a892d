#include "CsvField.h"

namespace xd::csv {

QString field(const QString& value, bool isText)
{
    QString cell = value;
    if (isText && !cell.isEmpty()) {
        const QChar first = cell.at(0);
        if (first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\'' || first == u'\t' ||
            first == u'\r')
            cell.prepend(QLatin1Char('\''));
    }
    if (!cell.contains(u',') && !cell.contains(u'"') && !cell.contains(u'\n') && !cell.contains(u'\r'))
        return cell;
    cell.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + cell + QLatin1Char('"');
}

} // namespace xd::csv
