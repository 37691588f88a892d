#pragma once

#include "ReviewService.h"

#include <QPointer>
#include <QWidget>

#include <functional>

class QComboBox;
class QDialog;
class QEvent;
class QLabel;
class QPushButton;
class QTableWidget;

namespace xd {

// The Reviews tab of the Products module: the customers' reviews, newest first, with rating, visibility and
// answered/unanswered filters; Reply… (owner and clerk) and Hide/Show on the product page (owner only), queued
// through the ReviewService so they work offline. A row whose operation has not reached the server yet says so.
class ReviewsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReviewsPage)

public:
    // Questions go through these, so that tests can answer and observe them.
    struct Prompts
    {
        std::function<void(const QString& message)> warn;
        // Runs the reply dialog; true when the user confirmed.
        std::function<bool(QDialog& dialog)> runDialog;
    };

    // The list shows at most this many reviews (newest first); the count says how many match.
    static constexpr int PageSize = 500;

    explicit ReviewsPage(QWidget* parent = nullptr);
    ~ReviewsPage() override;

    // nullptr when signed out. The page does not own the service.
    void setService(ReviewService* service);
    void setPrompts(Prompts prompts);

    QTableWidget* tableWidget() const { return m_reviewsTableWidget; }
    QString currentReviewId() const;
    void selectReview(const QString& id);
    ReviewQuery query() const;
    // "★★★★☆" for 4.
    static QString stars(int rating);

public slots:
    void reload();
    void replySelected();
    void toggleHiddenSelected();

protected:
    void changeEvent(QEvent* event) override;

private slots:
    void updateActions();

private:
    void retranslateUi();
    void report(const Status& status);
    std::optional<Review> currentReview() const;

    QPointer<ReviewService> m_service;
    Prompts m_prompts;
    QList<Review> m_reviews; // the rows shown, in table order

    QLabel* m_titleLabel = nullptr;
    QLabel* m_descriptionLabel = nullptr;
    QComboBox* m_ratingComboBox = nullptr;
    QComboBox* m_visibilityComboBox = nullptr;
    QComboBox* m_answerComboBox = nullptr;
    QLabel* m_countLabel = nullptr;
    QPushButton* m_replyPushButton = nullptr;
    QPushButton* m_hidePushButton = nullptr;
    QTableWidget* m_reviewsTableWidget = nullptr;
};

} // namespace xd
