#include "OutboundHttp.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace xd::server {

namespace {

// What an error message may say about the call: scheme, host, port and path; never the query (jscode2session's
// secret) nor user info. Qt's own errorString() may quote the full URL, so it never reaches a message.
QString describe(const QUrl& url)
{
    return url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

QString transportProblem(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
        return QStringLiteral("connection refused");
    case QNetworkReply::RemoteHostClosedError:
        return QStringLiteral("the remote host closed the connection");
    case QNetworkReply::HostNotFoundError:
        return QStringLiteral("host not found");
    case QNetworkReply::SslHandshakeFailedError:
        return QStringLiteral("TLS handshake failed");
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
        return QStringLiteral("network failure");
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return QStringLiteral("proxy failure");
    case QNetworkReply::ProtocolUnknownError:
    case QNetworkReply::ProtocolInvalidOperationError:
    case QNetworkReply::ProtocolFailure:
        return QStringLiteral("protocol error");
    default:
        return QStringLiteral("transport error %1").arg(int(error));
    }
}

} // namespace

QByteArray OutboundHttp::Response::header(const QByteArray& name) const
{
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

OutboundHttp::OutboundHttp(QObject* parent) : QObject(parent), m_network(new QNetworkAccessManager(this))
{
    // An API answers where it was asked: a redirect is handed to the caller as a 3xx, never followed (following
    // it could carry a signed request or a secret in the query to another host).
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

OutboundHttp::~OutboundHttp()
{
    // Calls still running are dropped without a callback: their callers (the server's APIs) are going away too.
    const QList<QNetworkReply*> replies = m_network->findChildren<QNetworkReply*>();
    for (QNetworkReply* reply : replies) {
        reply->disconnect(this);
        reply->abort();
    }
}

void OutboundHttp::send(Request request, Callback done)
{
    const QByteArray method = request.method.toUpper();
    const bool knownMethod = method == "GET" || method == "POST" || method == "PUT" || method == "DELETE";
    const QUrl url = request.url;
    const bool httpUrl = url.isValid() && !url.host().isEmpty() &&
                         (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"));
    if (!knownMethod || !httpUrl || request.timeoutMs <= 0) {
        const QString message = !knownMethod
                                    ? QStringLiteral("unsupported HTTP method %1").arg(QString::fromLatin1(method))
                                : !httpUrl ? QStringLiteral("not an absolute http(s) URL: %1").arg(describe(url))
                                           : QStringLiteral("the time limit must be positive");
        // Later, never from inside send(): the caller may hold locks or be half-way through its own state.
        QTimer::singleShot(
            0, this, [done = std::move(done), message] { done(makeError(ErrorCode::InvalidArgument, message)); });
        return;
    }

    QNetworkRequest networkRequest(url);
    for (const auto& [name, value] : request.headers)
        networkRequest.setRawHeader(name, value);
    // The whole call has one deadline (below); Qt's transfer timeout only measures silence, a slow drip beats it.
    networkRequest.setTransferTimeout(0);

    QNetworkReply* reply = m_network->sendCustomRequest(networkRequest, method, request.body);

    struct Pending
    {
        Callback done;
        QByteArray body;
        bool timedOut = false;
        bool oversized = false;
    };
    auto pending = std::make_shared<Pending>();
    pending->done = std::move(done);
    const QString where = QStringLiteral("%1 %2").arg(QString::fromLatin1(method), describe(url));

    auto* deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, this, [reply, pending] {
        pending->timedOut = true;
        reply->abort(); // emits finished()
    });
    deadline->start(request.timeoutMs);

    // The body is taken as it arrives so that an endless or huge answer is cut at the limit, not buffered.
    auto take = [reply, pending] {
        if (pending->oversized)
            return;
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if ((length.isValid() && length.toLongLong() > MaxResponseBytes) ||
            pending->body.size() + reply->bytesAvailable() > MaxResponseBytes) {
            pending->oversized = true;
            reply->abort();
            return;
        }
        pending->body += reply->readAll();
    };
    connect(reply, &QNetworkReply::metaDataChanged, this, take);
    connect(reply, &QNetworkReply::readyRead, this, take);

    connect(reply, &QNetworkReply::finished, this, [reply, pending, where, take] {
        reply->deleteLater();
        if (!pending->done)
            return; // finished() twice (abort inside finished): the first one answered
        const Callback callback = std::exchange(pending->done, nullptr);
        if (pending->timedOut)
            return callback(makeError(ErrorCode::Unavailable, QStringLiteral("%1 timed out").arg(where)));
        if (!pending->oversized)
            take();
        if (pending->oversized) {
            return callback(
                makeError(ErrorCode::Unavailable,
                          QStringLiteral("%1 answered more than %2 bytes").arg(where).arg(MaxResponseBytes)));
        }
        // An HTTP status, even 4xx/5xx, is an answer for the caller to read; only transport failures are errors.
        const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
        if (!status.isValid() || status.toInt() <= 0) {
            return callback(makeError(ErrorCode::Unavailable,
                                      QStringLiteral("%1 failed: %2").arg(where, transportProblem(reply->error()))));
        }
        Response response;
        response.status = status.toInt();
        response.headers = reply->rawHeaderPairs();
        response.body = std::move(pending->body);
        callback(std::move(response));
    });
}

} // namespace xd::server
