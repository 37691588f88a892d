#pragma once

#include <QSet>
#include <QString>
#include <QStringList>

namespace xd {

// Chinese substring search without a tokenizer: texts and queries are normalised the same way, and an index of our
// own keeps every unigram and bigram of the normalised text (the server's index also every trigram: indexGrams). A
// query term is found through its grams (a 1-character term through its unigram, longer terms through their bigrams,
// or on the server terms of 3+ characters through their trigrams), then confirmed by an exact substring test on the
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

// What the server's index keeps (product_search_grams): grams() plus every run of three neighbouring characters
// without a space. Trigrams make a long term selective even when each of its pairs is common (a model number
// "x12345": "12", "23", ... are everywhere, "x12" and "345" together are not).
QSet<QString> indexGrams(const QString& normalizedText);

// The grams of indexGrams() that a document containing `term` (normalised, no spaces) must have: its unigram, its
// bigram, or for 3 or more characters its trigrams.
QSet<QString> indexQueryGrams(const QString& term);

} // namespace SearchText
} // namespace xd
