#include "xiaodian/RichText.h"

#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <memory>
#include <mutex>

namespace xd {

using namespace Qt::StringLiterals;

namespace {

// Deeper than this the walk keeps only text: no editor makes such documents, and it bounds the recursion.
constexpr int MaxDepth = 64;

enum class Kind { Keep, Void, Drop, Block, Unwrap };

QString nameOf(const xmlNode* node)
{
    return QString::fromUtf8(reinterpret_cast<const char*>(node->name)).toLower();
}

Kind kindOf(const QString& name)
{
    static const QSet<QString> keep{u"p"_s,
                                    u"h1"_s,
                                    u"h2"_s,
                                    u"h3"_s,
                                    u"h4"_s,
                                    u"strong"_s,
                                    u"b"_s,
                                    u"em"_s,
                                    u"i"_s,
                                    u"u"_s,
                                    u"s"_s,
                                    u"blockquote"_s,
                                    u"ul"_s,
                                    u"ol"_s,
                                    u"li"_s,
                                    u"span"_s};
    // Content that is not text to show: code, styles, embedded documents, forms' option lists.
    static const QSet<QString> drop{
        u"script"_s,  u"style"_s,    u"iframe"_s, u"object"_s,   u"embed"_s, u"applet"_s, u"template"_s, u"noscript"_s,
        u"noembed"_s, u"noframes"_s, u"frame"_s,  u"frameset"_s, u"head"_s,  u"title"_s,  u"svg"_s,      u"math"_s,
        u"select"_s,  u"textarea"_s, u"button"_s, u"canvas"_s,   u"audio"_s, u"video"_s,  u"link"_s,     u"meta"_s,
        u"base"_s,    u"param"_s,    u"source"_s, u"track"_s,    u"input"_s};
    // Blocks of other editors (Word, web pages): their text stays a paragraph of its own.
    static const QSet<QString> block{
        u"div"_s,  u"section"_s, u"article"_s, u"header"_s,     u"footer"_s,  u"aside"_s,  u"nav"_s,
        u"main"_s, u"pre"_s,     u"h5"_s,      u"h6"_s,         u"table"_s,   u"tr"_s,     u"dl"_s,
        u"dt"_s,   u"dd"_s,      u"figure"_s,  u"figcaption"_s, u"address"_s, u"center"_s, u"caption"_s};
    if (name == QLatin1String("br") || name == QLatin1String("img"))
        return Kind::Void;
    if (keep.contains(name))
        return Kind::Keep;
    if (drop.contains(name))
        return Kind::Drop;
    if (block.contains(name))
        return Kind::Block;
    return Kind::Unwrap;
}

bool isParagraphLike(const QString& name)
{
    static const QSet<QString> names{u"p"_s,
                                     u"h1"_s,
                                     u"h2"_s,
                                     u"h3"_s,
                                     u"h4"_s,
                                     u"strong"_s,
                                     u"b"_s,
                                     u"em"_s,
                                     u"i"_s,
                                     u"u"_s,
                                     u"s"_s,
                                     u"span"_s,
                                     u"li"_s};
    return names.contains(name);
}

bool isBlockLevel(const QString& name)
{
    static const QSet<QString> names{
        u"p"_s, u"h1"_s, u"h2"_s, u"h3"_s, u"h4"_s, u"ul"_s, u"ol"_s, u"li"_s, u"blockquote"_s};
    return names.contains(name) || kindOf(name) == Kind::Block;
}

// A div holding paragraphs (what web pages and Word paste) is only a wrapper: its children are the paragraphs.
bool hasBlockChild(const xmlNode* node)
{
    for (const xmlNode* child = node->children; child; child = child->next) {
        if (child->type == XML_ELEMENT_NODE && isBlockLevel(nameOf(child)))
            return true;
    }
    return false;
}

bool mayHaveStyle(const QString& name)
{
    static const QSet<QString> names{u"span"_s, u"p"_s, u"h1"_s, u"h2"_s, u"h3"_s, u"h4"_s, u"li"_s, u"blockquote"_s};
    return names.contains(name);
}

QString escapeText(const QString& text)
{
    QString out;
    out.reserve(text.size() + text.size() / 8);
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '&':
            out += QLatin1String("&amp;");
            break;
        case '<':
            out += QLatin1String("&lt;");
            break;
        case '>':
            out += QLatin1String("&gt;");
            break;
        case '"':
            out += QLatin1String("&quot;");
            break;
        case 0xA0:
            out += QLatin1String("&nbsp;");
            break;
        default:
            // C0 controls other than tab and newlines have no place in a document.
            if (c.unicode() >= 0x20 || c == QLatin1Char('\t') || c == QLatin1Char('\n') || c == QLatin1Char('\r'))
                out += c;
        }
    }
    return out;
}

// A colour: #rgb, #rrggbb, rgb()/rgba() of plain numbers, or a colour name (letters only).
bool isSafeColor(const QString& value)
{
    static const QRegularExpression pattern(QStringLiteral(
        R"(^(#[0-9a-f]{3}|#[0-9a-f]{6}|rgba?\(\s*\d{1,3}%?\s*,\s*\d{1,3}%?\s*,\s*\d{1,3}%?\s*(,\s*(0|1|0?\.\d+)\s*)?\)|[a-z]{3,20})$)"));
    return pattern.match(value).hasMatch();
}

bool isSafeStyleValue(const QString& property, const QString& value)
{
    if (property == QLatin1String("color") || property == QLatin1String("background-color"))
        return isSafeColor(value);
    if (property == QLatin1String("text-align")) {
        static const QSet<QString> values{u"left"_s, u"right"_s, u"center"_s, u"justify"_s};
        return values.contains(value);
    }
    if (property == QLatin1String("font-weight")) {
        static const QSet<QString> values{u"normal"_s,
                                          u"bold"_s,
                                          u"bolder"_s,
                                          u"lighter"_s,
                                          u"100"_s,
                                          u"200"_s,
                                          u"300"_s,
                                          u"400"_s,
                                          u"500"_s,
                                          u"600"_s,
                                          u"700"_s,
                                          u"800"_s,
                                          u"900"_s};
        return values.contains(value);
    }
    if (property == QLatin1String("font-style")) {
        static const QSet<QString> values{u"normal"_s, u"italic"_s, u"oblique"_s};
        return values.contains(value);
    }
    if (property == QLatin1String("text-decoration")) {
        static const QSet<QString> words{u"none"_s, u"underline"_s, u"line-through"_s, u"overline"_s};
        const QStringList parts = value.split(QLatin1Char(' '), Qt::SkipEmptyParts);
        if (parts.isEmpty() || parts.size() > 3)
            return false;
        for (const QString& part : parts) {
            if (!words.contains(part))
                return false;
        }
        return true;
    }
    return false;
}

// Only the allowed properties with plain values survive; anything with url(), expression(), escapes or comments
// fails the value checks, which accept no such characters.
QString sanitizeStyle(const QString& style)
{
    QStringList kept;
    for (const QString& declaration : style.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const qsizetype colon = declaration.indexOf(QLatin1Char(':'));
        if (colon < 0)
            continue;
        const QString property = declaration.left(colon).trimmed().toLower();
        const QString value = declaration.mid(colon + 1).trimmed().toLower().simplified();
        if (isSafeStyleValue(property, value))
            kept << property + QLatin1String(": ") + value;
    }
    return kept.join(QLatin1String("; "));
}

// Our own image URLs (path only) or a bare image id; an empty string when the source is not allowed.
QString sanitizeImageSource(const QString& raw)
{
    static const QRegularExpression bareId(QStringLiteral("^[A-Za-z0-9_-]{1,128}$"));
    static const QRegularExpression ourPath(
        QStringLiteral("^/api/v1/shops/[A-Za-z0-9_-]{1,128}/images/[A-Za-z0-9_-]{1,128}(\\?[A-Za-z0-9_=&-]{0,64})?$"));
    const QString source = raw.trimmed();
    if (bareId.match(source).hasMatch())
        return source;
    if (ourPath.match(source).hasMatch())
        return source;
    const QUrl url(source, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return {};
    QString path = url.path(QUrl::FullyEncoded);
    if (url.hasQuery())
        path += QLatin1Char('?') + url.query(QUrl::FullyEncoded);
    return ourPath.match(path).hasMatch() ? path : QString();
}

QString attribute(const xmlNode* node, const char* name)
{
    xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
    if (!value)
        return {};
    const QString result = QString::fromUtf8(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return result;
}

class Writer
{
public:
    QString out;
    QStringList images;

    void children(const xmlNode* parent, int depth, bool inParagraph)
    {
        for (const xmlNode* child = parent->children; child; child = child->next)
            node(child, depth, inParagraph);
    }

    void node(const xmlNode* node, int depth, bool inParagraph)
    {
        if (node->type == XML_TEXT_NODE) {
            out += escapeText(QString::fromUtf8(reinterpret_cast<const char*>(node->content)));
            return;
        }
        if (node->type == XML_ENTITY_REF_NODE) {
            // The HTML parser resolves entities; an unresolved one is shown as the text it was.
            out += escapeText(QLatin1Char('&') + nameOf(node) + QLatin1Char(';'));
            return;
        }
        if (node->type != XML_ELEMENT_NODE)
            return; // comments, CDATA (script bodies), processing instructions
        const QString name = nameOf(node);
        const Kind kind = kindOf(name);
        if (kind == Kind::Drop)
            return;
        if (depth >= MaxDepth) {
            textOnly(node);
            return;
        }
        switch (kind) {
        case Kind::Void:
            if (name == QLatin1String("br")) {
                out += QLatin1String("<br/>");
            } else {
                const QString source = sanitizeImageSource(attribute(node, "src"));
                if (!source.isEmpty()) {
                    out += QLatin1String("<img src=\"") + escapeText(source) + QLatin1String("\"/>");
                    images << source;
                }
            }
            return;
        case Kind::Keep: {
            out += QLatin1Char('<') + name;
            if (mayHaveStyle(name)) {
                const QString style = sanitizeStyle(attribute(node, "style"));
                if (!style.isEmpty())
                    out += QLatin1String(" style=\"") + escapeText(style) + QLatin1Char('"');
            }
            out += QLatin1Char('>');
            children(node, depth + 1, inParagraph || isParagraphLike(name));
            out += QLatin1String("</") + name + QLatin1Char('>');
            return;
        }
        case Kind::Block:
            if (!inParagraph && !hasBlockChild(node)) {
                const qsizetype start = out.size();
                out += QLatin1String("<p>");
                const qsizetype contentStart = out.size();
                children(node, depth + 1, true);
                if (out.size() == contentStart)
                    out.truncate(start); // an empty block leaves no empty paragraph
                else
                    out += QLatin1String("</p>");
                return;
            }
            children(node, depth + 1, inParagraph);
            return;
        case Kind::Unwrap:
        case Kind::Drop:
            children(node, depth + 1, inParagraph);
            return;
        }
    }

private:
    // Iterative, so no nesting depth can exhaust the stack; only text nodes outside dropped elements count.
    void textOnly(const xmlNode* root)
    {
        const xmlNode* current = root->children;
        while (current && current != root) {
            bool descend = false;
            if (current->type == XML_TEXT_NODE)
                out += escapeText(QString::fromUtf8(reinterpret_cast<const char*>(current->content)));
            else if (current->type == XML_ELEMENT_NODE && kindOf(nameOf(current)) != Kind::Drop)
                descend = current->children != nullptr;
            if (descend) {
                current = current->children;
                continue;
            }
            while (current && current != root && !current->next)
                current = current->parent;
            if (current && current != root)
                current = current->next;
        }
    }
};

struct DocFree
{
    void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

const xmlNode* findBody(const xmlNode* node)
{
    for (; node; node = node->next) {
        if (node->type == XML_ELEMENT_NODE && nameOf(node) == QLatin1String("body"))
            return node;
        if (const xmlNode* found = node->type == XML_ELEMENT_NODE ? findBody(node->children) : nullptr)
            return found;
    }
    return nullptr;
}

Writer walk(const QString& html)
{
    static std::once_flag init;
    std::call_once(init, [] { xmlInitParser(); });
    Writer writer;
    const QByteArray utf8 = html.left(RichText::MaxInputLength).toUtf8();
    if (utf8.trimmed().isEmpty())
        return writer;
    // The HTML parser builds the tree a browser would (implied html/body, unclosed tags closed, entities resolved)
    // and never touches the network.
    std::unique_ptr<xmlDoc, DocFree> doc(
        htmlReadMemory(utf8.constData(),
                       int(utf8.size()),
                       nullptr,
                       "UTF-8",
                       HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_NODEFDTD));
    if (!doc)
        return writer;
    if (const xmlNode* body = findBody(doc->children))
        writer.children(body, 0, false);
    return writer;
}

} // namespace

QString RichText::sanitize(const QString& html)
{
    // Markup nested against HTML's rules (a list inside a paragraph) is written as nested, but a parser reads it back
    // differently (it closes the paragraph first). Walking the output again until nothing changes makes the result
    // a fixed point, so that sanitizing on the desktop and again on the server gives the same text. Well-formed
    // input settles on the second walk; tag soup within a few.
    QString out = walk(html).out;
    for (int pass = 0; pass < 4; ++pass) {
        QString again = walk(out).out;
        if (again == out)
            break;
        out = std::move(again);
    }
    return out.isNull() ? QStringLiteral("") : out;
}

QString RichText::plainText(const QString& html)
{
    // Paragraph ends and line breaks separate words; the rest of the markup goes.
    QString marked = html;
    marked.replace(QLatin1String("<br/>"), QLatin1String(" <br/>"));
    marked.replace(QLatin1String("</p>"), QLatin1String(" </p>"));
    const Writer writer = walk(marked);
    QString text;
    bool inTag = false;
    for (const QChar c : writer.out) {
        if (inTag) {
            inTag = c != QLatin1Char('>');
            continue;
        }
        if (c == QLatin1Char('<')) {
            inTag = true;
            continue;
        }
        text += c;
    }
    text.replace(QLatin1String("&lt;"), QLatin1String("<"));
    text.replace(QLatin1String("&gt;"), QLatin1String(">"));
    text.replace(QLatin1String("&quot;"), QLatin1String("\""));
    text.replace(QLatin1String("&nbsp;"), QLatin1String(" "));
    text.replace(QLatin1String("&amp;"), QLatin1String("&"));
    return text.simplified();
}

QStringList RichText::imageRefs(const QString& sanitizedHtml)
{
    return walk(sanitizedHtml).images;
}

} // namespace xd
