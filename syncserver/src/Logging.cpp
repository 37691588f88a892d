#include "Logging.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

Q_LOGGING_CATEGORY(lcServer, "xd.server")
Q_LOGGING_CATEGORY(lcHttp, "xd.http")

namespace xd::server {

namespace {

const char* levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "critical";
    case QtFatalMsg:
        return "fatal";
    }
    return "info";
}

void jsonHandler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    const QJsonObject line{
        {QStringLiteral("ts"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("level"), QLatin1String(levelName(type))},
        {QStringLiteral("category"), QLatin1String(context.category ? context.category : "default")},
        {QStringLiteral("msg"), message},
    };
    const QByteArray bytes = QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

} // namespace

void installLogging(LogFormat format, const QString& rules)
{
    if (format == LogFormat::Json) {
        qInstallMessageHandler(jsonHandler);
    } else {
        qSetMessagePattern(
            QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{if-debug}debug%{endif}%{if-info}info%{endif}"
                           "%{if-warning}warning%{endif}%{if-critical}critical%{endif}"
                           "%{if-fatal}fatal%{endif} %{category} %{message}"));
    }
    // Our categories log at info by default; debug is opt-in through rules.
    QString allRules = QStringLiteral("xd.*.debug=false\n");
    if (!rules.isEmpty())
        allRules += QString(rules).replace(QLatin1Char(';'), QLatin1Char('\n'));
    QLoggingCategory::setFilterRules(allRules);
}

} // namespace xd::server
