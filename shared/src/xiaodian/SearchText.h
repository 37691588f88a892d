#pragma once

#include <QSet>
#include <QString>
#include <QStringList>

namespace xd {

// Chinese substring search without a tokenizer: texts and queries are normalised the same way, and an index of our
// own keeps every unigram and bigram of the normalised text. A query term is found through its grams (a 1-character
// term through its unigram, longer terms through their bigrams), then confirmed by an exact substring test on the
// normalised text. Trigram indexes (FTS5 trigram, pg_trgm) cannot serve the 1- and 2-character terms that most
// Chinese product queries are.
namespace SearchText {

// NFKC (full-width Latin, digits and punctuation become half-width; compatibility forms fold), lowercase, every run
// of whitespace one space, trimmed.
QString normalize(const QString& text);

// The distinct grams of normalised text: each character (code point) that is not a space, and each pair of
// neighbouring characters where neither is a space.
QSet<QString> grams(const QString& normalizedText);

// The search terms of a user's query: normalised, split at spaces, duplicates dropped, in their order.
QStringList terms(const QString& query);

// The grams that a document containing `term` (normalised, no spaces) must have: its unigram when it is one
// character long, else its bigrams.
QSet<QString> queryGrams(const QString& term);

} // namespace SearchText
} // namespace xd
