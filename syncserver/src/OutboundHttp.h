#pragma once

#include "xiaodian/Result.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;

namespace xd::server {

// The server's calls to other services (WeChat login and Pay, the SMS gateway): asynchronous, on the server's
// thread, never blocking a request. One instance per server. Every call has a time limit and a response size
// limit; a transport failure, a timeout or an oversized answer is an `unavailable` error whose message names the
// host and path only (query strings carry secrets: jscode2session's AppSecret). HTTP error statuses are not
// errors here: the caller reads status and body (WeChat Pay answers 4xx with a JSON body that says why).
class OutboundHttp final : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        QByteArray method = "GET"; // GET, POST, PUT, DELETE
        QUrl url;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        int timeoutMs = 10'000;
    };
    struct Response
    {
        int status = 0;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QByteArray header(const QByteArray& name) const; // case-insensitive; empty when absent
    };
    using Callback = std::function<void(Result<Response>)>;

    explicit OutboundHttp(QObject* parent = nullptr);
    ~OutboundHttp() override;

    // Calls `done` exactly once, later (never from inside send()), on this object's thread. Redirects are not
    // followed (the 3xx is the answer). Calls still running when this object is destroyed end without a callback.
    void send(Request request, Callback done);

    static constexpr qint64 MaxResponseBytes = 4 * 1024 * 1024;

private:
    QNetworkAccessManager* m_network;
};

} // namespace xd::server
