#pragma once

#include "xiaodian/Result.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace xd {

// article.save's arguments, checked and trimmed; `body` is already sanitized (RichText::sanitize).
struct ArticleDraft
{
    QString id;
    QString title;
    QString cover; // an image id or "" for none
    QString summary;
    QString body;
    QString category; // a free label, "" for none
    bool published = false;
    qint64 publishAtMs = 0; // 0: not given -- the server uses the time of the save when `published`
};

// The rules of the article operations' arguments for both sides (like CatalogRules): the server judges with them
// and the desktop's article editor checks with them before it queues article.save.
class ArticleRules
{
    Q_DECLARE_TR_FUNCTIONS(ArticleRules)

public:
    static constexpr int MaxTitleLength = 100;
    static constexpr int MaxSummaryLength = 300;
    // Counted on the sanitized body, which is what is stored and sent to every desktop and mini-program.
    static constexpr int MaxBodyLength = 200'000;
    static constexpr int MaxCategoryLength = 30;
    static constexpr int MaxCoverLength = 500;
    // Year 9999: a publish time beyond it is a typo, not a plan.
    static constexpr qint64 MaxPublishAtMs = 253'402'300'799'000LL;

    static Result<ArticleDraft> normalizeArticle(const QJsonObject& args);
    // article.delete: {"id": ...}.
    static Result<QString> normalizeDelete(const QJsonObject& args);

    // The public sees an article when it is published, not deleted, and its publish time has come.
    static bool isPublic(bool published, qint64 publishAtMs, qint64 nowMs);
};

} // namespace xd
