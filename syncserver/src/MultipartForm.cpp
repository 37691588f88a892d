#include "MultipartForm.h"

#include <QString>

namespace xd::server {

namespace {

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, QStringLiteral("malformed multipart body: %1").arg(message));
}

struct HeaderValue
{
    QByteArray value;                                // before the first ';', lowercased
    QList<std::pair<QByteArray, QByteArray>> params; // names lowercased, values unquoted
};

// `type/subtype; name=token; name="quoted \"string\""`. False on a malformed parameter list.
bool parseHeaderValue(const QByteArray& text, HeaderValue* out)
{
    qsizetype i = text.indexOf(';');
    out->value = text.left(i < 0 ? text.size() : i).trimmed().toLower();
    while (i >= 0 && i < text.size()) {
        ++i; // past ';'
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t'))
            ++i;
        if (i == text.size())
            break; // a trailing ';' is harmless
        const qsizetype equals = text.indexOf('=', i);
        if (equals < 0)
            return false;
        const QByteArray name = text.mid(i, equals - i).trimmed().toLower();
        if (name.isEmpty())
            return false;
        i = equals + 1;
        QByteArray value;
        if (i < text.size() && text[i] == '"') {
            ++i;
            bool closed = false;
            while (i < text.size()) {
                const char c = text[i++];
                if (c == '\\' && i < text.size()) {
                    value.append(text[i++]);
                } else if (c == '"') {
                    closed = true;
                    break;
                } else {
                    value.append(c);
                }
            }
            if (!closed)
                return false;
            while (i < text.size() && (text[i] == ' ' || text[i] == '\t'))
                ++i;
            if (i < text.size() && text[i] != ';')
                return false;
        } else {
            const qsizetype end = text.indexOf(';', i);
            value = text.mid(i, (end < 0 ? text.size() : end) - i).trimmed();
            i = end;
        }
        out->params.append({name, value});
        if (i >= text.size())
            break;
    }
    return true;
}

QByteArray param(const HeaderValue& header, const QByteArray& name, bool* present = nullptr)
{
    for (const auto& [key, value] : header.params) {
        if (key == name) {
            if (present)
                *present = true;
            return value;
        }
    }
    if (present)
        *present = false;
    return {};
}

// RFC 2046: 1 to 70 characters from a small set, not ending in a space.
bool validBoundary(const QByteArray& boundary)
{
    if (boundary.isEmpty() || boundary.size() > 70 || boundary.endsWith(' '))
        return false;
    static const QByteArray allowed("'()+_,-./:=? ");
    for (const char c : boundary) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || allowed.contains(c)))
            return false;
    }
    return true;
}

// After a delimiter: optional spaces/tabs (transport padding), then CRLF. Returns the position after the CRLF, or -1.
qsizetype afterLineEnd(const QByteArray& body, qsizetype i)
{
    while (i < body.size() && (body[i] == ' ' || body[i] == '\t'))
        ++i;
    return body.mid(i, 2) == "\r\n" ? i + 2 : -1;
}

Result<MultipartPart> parsePart(const QByteArray& block)
{
    const qsizetype headerEnd = block.indexOf("\r\n\r\n");
    // A part with no headers at all starts with the blank line.
    const bool noHeaders = block.startsWith("\r\n");
    if (!noHeaders && headerEnd < 0)
        return invalid(QStringLiteral("a part's headers do not end with a blank line"));
    const qsizetype headerSize = noHeaders ? 0 : headerEnd;
    if (headerSize > MultipartForm::MaxHeaderBytes)
        return invalid(QStringLiteral("a part's headers are too long"));
    MultipartPart part;
    bool disposition = false;
    const QList<QByteArray> lines = noHeaders ? QList<QByteArray>() : block.left(headerSize).split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        // Every line but the last ends with the CR of its CRLF (the last one's CRLF starts the blank line).
        QByteArray line = lines.at(i);
        if (i + 1 < lines.size()) {
            if (!line.endsWith('\r'))
                return invalid(QStringLiteral("a header line does not end with CRLF"));
            line.chop(1);
        }
        if (line.contains('\r'))
            return invalid(QStringLiteral("a header line holds a bare CR"));
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return invalid(QStringLiteral("a header line has no name"));
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-disposition") {
            HeaderValue header;
            if (!parseHeaderValue(value, &header) || header.value != "form-data")
                return invalid(QStringLiteral("a part's Content-Disposition is not form-data"));
            bool hasName = false;
            part.name = param(header, "name", &hasName);
            if (!hasName || part.name.isEmpty())
                return invalid(QStringLiteral("a part has no field name"));
            part.fileName = param(header, "filename", &part.hasFileName);
            disposition = true;
        } else if (name == "content-type") {
            part.contentType = value;
        }
    }
    if (!disposition)
        return invalid(QStringLiteral("a part has no Content-Disposition"));
    part.data = block.mid(noHeaders ? 2 : headerEnd + 4);
    return part;
}

} // namespace

bool MultipartForm::isMultipart(const QByteArray& contentType)
{
    HeaderValue header;
    parseHeaderValue(contentType, &header);
    return header.value == "multipart/form-data";
}

Result<MultipartForm> MultipartForm::parse(const QByteArray& contentType, const QByteArray& body)
{
    HeaderValue header;
    if (!parseHeaderValue(contentType, &header) || header.value != "multipart/form-data")
        return invalid(QStringLiteral("the Content-Type is not multipart/form-data with valid parameters"));
    const QByteArray boundary = param(header, "boundary");
    if (!validBoundary(boundary))
        return invalid(QStringLiteral("the boundary is missing or not 1 to 70 allowed characters"));

    // The first delimiter opens the body, or follows a preamble on a line of its own.
    const QByteArray dashBoundary = "--" + boundary;
    const QByteArray delimiter = "\r\n" + dashBoundary;
    qsizetype at = 0;
    if (!body.startsWith(dashBoundary)) {
        at = body.indexOf(delimiter);
        if (at < 0)
            return invalid(QStringLiteral("the boundary never occurs"));
        at += 2;
    }
    qsizetype pos = at + dashBoundary.size();
    if (body.mid(pos, 2) == "--")
        return invalid(QStringLiteral("the body has no parts"));
    pos = afterLineEnd(body, pos);
    if (pos < 0)
        return invalid(QStringLiteral("a delimiter is not followed by CRLF"));

    MultipartForm form;
    for (;;) {
        const qsizetype next = body.indexOf(delimiter, pos);
        if (next < 0)
            return invalid(QStringLiteral("the closing boundary is missing"));
        if (form.m_parts.size() == MaxParts)
            return invalid(QStringLiteral("more than %1 parts").arg(MaxParts));
        auto part = parsePart(body.mid(pos, next - pos));
        if (!part)
            return part.error();
        form.m_parts.append(*part);
        pos = next + delimiter.size();
        if (body.mid(pos, 2) == "--")
            break; // the close delimiter; what follows is the epilogue, ignored
        pos = afterLineEnd(body, pos);
        if (pos < 0)
            return invalid(QStringLiteral("a delimiter is not followed by CRLF"));
    }
    return form;
}

QList<MultipartPart> MultipartForm::files() const
{
    QList<MultipartPart> out;
    for (const MultipartPart& part : m_parts) {
        if (part.hasFileName)
            out.append(part);
    }
    return out;
}

} // namespace xd::server
