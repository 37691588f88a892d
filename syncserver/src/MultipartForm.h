#pragma once

#include "xiaodian/Result.h"

#include <QByteArray>
#include <QList>

namespace xd::server {

// A multipart/form-data body (RFC 7578), as wx.uploadFile sends it: one file part under a field name the client
// chooses, plus optional text fields. Qt has no server-side parser (QHttpMultiPart only builds bodies), so this is a
// small strict one of ours: CRLF line ends, the boundary from the Content-Type (quoted or not), every part with a
// Content-Disposition of form-data and a name, and the closing delimiter required. Anything else is InvalidArgument.
struct MultipartPart
{
    QByteArray name;     // the form field
    QByteArray fileName; // the client's file name, when it sent one (never trusted for anything)
    bool hasFileName = false;
    QByteArray contentType; // the part's declared type, empty when absent (never trusted either)
    QByteArray data;
};

class MultipartForm
{
public:
    static constexpr int MaxParts = 20;
    static constexpr int MaxHeaderBytes = 8 * 1024; // the header block of one part

    // True when a Content-Type header names multipart/form-data (whatever its parameters).
    static bool isMultipart(const QByteArray& contentType);
    static Result<MultipartForm> parse(const QByteArray& contentType, const QByteArray& body);

    const QList<MultipartPart>& parts() const { return m_parts; }
    // The parts that carry a file (a filename parameter); an upload wants exactly one.
    QList<MultipartPart> files() const;

private:
    QList<MultipartPart> m_parts;
};

} // namespace xd::server
