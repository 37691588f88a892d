#include "xiaodian/SearchText.h"

namespace xd::SearchText {

namespace {

// Code points rather than UTF-16 units: a rare character outside the BMP (CJK extension B) is one gram, not two
// halves of a surrogate pair.
QStringList characters(const QString& text)
{
    QStringList out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const bool pair = text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate();
        out << text.mid(i, pair ? 2 : 1);
        if (pair)
            ++i;
    }
    return out;
}

} // namespace

QString normalize(const QString& text)
{
    return text.normalized(QString::NormalizationForm_KC).toLower().simplified();
}

QSet<QString> grams(const QString& normalizedText)
{
    QSet<QString> out;
    const QStringList chars = characters(normalizedText);
    for (qsizetype i = 0; i < chars.size(); ++i) {
        if (chars[i] == QLatin1String(" "))
            continue;
        out.insert(chars[i]);
        if (i + 1 < chars.size() && chars[i + 1] != QLatin1String(" "))
            out.insert(chars[i] + chars[i + 1]);
    }
    return out;
}

QStringList terms(const QString& query)
{
    QStringList out = normalize(query).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    out.removeDuplicates();
    return out;
}

QSet<QString> queryGrams(const QString& term)
{
    const QStringList chars = characters(term);
    if (chars.size() == 1)
        return {chars.first()};
    QSet<QString> out;
    for (qsizetype i = 0; i + 1 < chars.size(); ++i)
        out.insert(chars[i] + chars[i + 1]);
    return out;
}

QSet<QString> indexGrams(const QString& normalizedText)
{
    QSet<QString> out = grams(normalizedText);
    const QStringList chars = characters(normalizedText);
    const QLatin1String space(" ");
    for (qsizetype i = 0; i + 2 < chars.size(); ++i) {
        if (chars[i] != space && chars[i + 1] != space && chars[i + 2] != space)
            out.insert(chars[i] + chars[i + 1] + chars[i + 2]);
    }
    return out;
}

QSet<QString> indexQueryGrams(const QString& term)
{
    const QStringList chars = characters(term);
    if (chars.size() < 3)
        return queryGrams(term);
    QSet<QString> out;
    for (qsizetype i = 0; i + 2 < chars.size(); ++i)
        out.insert(chars[i] + chars[i + 1] + chars[i + 2]);
    return out;
}

} // namespace xd::SearchText
