#pragma once

#include <QString>
#include <QStringList>

namespace xd {

// The allowlist HTML sanitizer for what the WeChat mini-program's <rich-text> component shows: product descriptions
// and article bodies. A real HTML parse (libxml2's HTML parser, which works without a QGuiApplication -- the server
// is a QCoreApplication), then a walk that writes only what is allowed:
//   - elements p, br, h1-h4, strong/b, em/i, u, s, blockquote, ul, ol, li, span, img; other containers (div, a,
//     font, table, ...) are unwrapped and keep their text; div-like blocks become <p> outside a paragraph;
//   - script, style, iframe, object, embed, template, head, svg, math and the like are dropped with their content;
//   - attributes: only `style` (on span, p, h1-h4, li, blockquote) with the properties color, background-color,
//     text-align, font-weight, font-style, text-decoration and plain values; and `src` on img;
//   - img src: only our own shop image URLs "/api/v1/shops/{shopId}/images/{imageId}" (an http(s) URL whose path
//     is that is reduced to the path, so stored bodies do not depend on the server's host name) or a bare image id
//     (letters, digits, '-', '_'); anything else (javascript:, data:, other hosts) drops the image.
// The output is a well-formed fragment (void elements written as <br/> and <img .../>, every element closed,
// text and attributes escaped). sanitize(sanitize(x)) == sanitize(x), so both sides may run it.
class RichText
{
public:
    // Longest input sanitize() parses; longer input is cut there first (the callers refuse it anyway).
    static constexpr int MaxInputLength = 2'000'000;

    static QString sanitize(const QString& html);
    // The text without markup, whitespace collapsed: for search, summaries and length checks.
    static QString plainText(const QString& html);
    // The image references (the src values kept by sanitize) of a sanitized fragment, in document order.
    static QStringList imageRefs(const QString& sanitizedHtml);
};

} // namespace xd
