#include "ServerProcess.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QTimer>

#ifdef Q_OS_UNIX
#include <csignal>
#endif

QByteArray ServerProcess::Reply::header(const QByteArray& name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

ServerProcess::ServerProcess(QString dataDir) : m_dataDir(std::move(dataDir)) {}

ServerProcess::~ServerProcess()
{
    stop();
}

bool ServerProcess::start(const QStringList& extraArgs, quint16 port, Demo demo)
{
    m_sharedArgs.clear();
    for (qsizetype i = 0; i + 1 < extraArgs.size(); ++i) {
        if (extraArgs[i] == QLatin1String("--config") || extraArgs[i] == QLatin1String("--database"))
            m_sharedArgs << extraArgs[i] << extraArgs[i + 1];
    }
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(QStringLiteral(XD_SYNCSERVER_PATH));
    QStringList args{QStringLiteral("--port"), QString::number(port), QStringLiteral("--data-dir"), m_dataDir};
    if (demo == Demo::Seed)
        args << QStringLiteral("--demo");
    m_process->setArguments(args + extraArgs);
    m_process->start();
    if (!m_process->waitForStarted(10000))
        return false;
    const QRegularExpression listening(QStringLiteral("listening on http://127\\.0\\.0\\.1:(\\d+)\\n"));
    const QRegularExpression demoLines(
        QStringLiteral("demo shop: (.*) \\(id ([0-9a-f-]{36})\\)\\ndemo login: .*password \"([^\"]+)\"\\n"));
    QString out;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 30000 && m_process->state() == QProcess::Running) {
        m_process->waitForReadyRead(100);
        out += QString::fromUtf8(m_process->readAllStandardOutput());
        const auto portMatch = listening.match(out);
        const auto demoMatch = demoLines.match(out);
        if (portMatch.hasMatch() && (demo == Demo::None || demoMatch.hasMatch())) {
            m_port = quint16(portMatch.captured(1).toUInt());
            if (demo == Demo::None)
                return true;
            m_demoShopName = demoMatch.captured(1);
            m_demoShopId = demoMatch.captured(2);
            m_demoPassword = demoMatch.captured(3);
            return true;
        }
    }
    m_stderr += m_process->readAllStandardError();
    return false;
}

QString ServerProcess::errorText() const
{
    QByteArray text = m_stderr;
    if (m_process)
        text += m_process->readAllStandardError();
    return QString::fromUtf8(text);
}

void ServerProcess::stop()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    m_process->terminate();
    if (!m_process->waitForFinished(15000))
        kill();
}

void ServerProcess::kill()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    m_process->kill();
    m_process->waitForFinished(15000);
}

bool ServerProcess::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}

QString ServerProcess::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

QString ServerProcess::webSocketUrl() const
{
    return QStringLiteral("ws://127.0.0.1:%1/sync/v1").arg(m_port);
}

QString ServerProcess::runCommand(const QStringList& args, const QByteArray& stdinText, int* exitCode) const
{
    QProcess process;
    process.start(QStringLiteral(XD_SYNCSERVER_PATH),
                  args + m_sharedArgs + QStringList{QStringLiteral("--data-dir"), m_dataDir});
    process.waitForStarted(10000);
    if (!stdinText.isEmpty())
        process.write(stdinText);
    process.closeWriteChannel();
    process.waitForFinished(30000);
    if (exitCode)
        *exitCode = process.exitCode();
    return QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
}

ServerProcess::Reply ServerProcess::request(const QByteArray& method,
                                            const QString& path,
                                            const QByteArray& body,
                                            const QString& token,
                                            const QList<QPair<QByteArray, QByteArray>>& headers) const
{
    QNetworkAccessManager network;
    QNetworkRequest request(QUrl(baseUrl() + path));
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toLatin1());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    for (const auto& [name, value] : headers)
        request.setRawHeader(name, value);
    QNetworkReply* reply = network.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(30000, &loop, &QEventLoop::quit);
    loop.exec();
    Reply out;
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.body = reply->readAll();
    out.json = QJsonDocument::fromJson(out.body).object();
    for (const auto& pair : reply->rawHeaderPairs())
        out.headers.append(pair);
    delete reply;
    return out;
}

ServerProcess::Reply ServerProcess::requestJson(const QByteArray& method,
                                                const QString& path,
                                                const QJsonObject& body,
                                                const QString& token) const
{
    return request(method, path, QJsonDocument(body).toJson(QJsonDocument::Compact), token);
}

QString ServerProcess::login(const QString& shop, const QString& user, const QString& password) const
{
    const Reply reply = requestJson("POST",
                                    QStringLiteral("/admin/v1/auth/login"),
                                    QJsonObject{{QStringLiteral("shop"), shop},
                                                {QStringLiteral("login"), user},
                                                {QStringLiteral("password"), password}});
    return reply.status == 200 ? reply.json.value(QStringLiteral("token")).toString() : QString();
}

QString ServerProcess::createShop(const QString& name, QString* ownerToken, QString* ownerPassword) const
{
    int exitCode = -1;
    const QString out = runCommand({QStringLiteral("shop"),
                                    QStringLiteral("create"),
                                    QStringLiteral("--name"),
                                    name,
                                    QStringLiteral("--owner"),
                                    QStringLiteral("bob")},
                                   {},
                                   &exitCode);
    if (exitCode != 0)
        return {};
    const QString password = QRegularExpression(QStringLiteral("password: (\\S+)")).match(out).captured(1);
    if (ownerPassword)
        *ownerPassword = password;
    if (ownerToken)
        *ownerToken = login(name, QStringLiteral("bob"), password);
    return QRegularExpression(QStringLiteral("\\(id ([0-9a-f-]{36})")).match(out).captured(1);
}
