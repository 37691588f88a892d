#pragma once

#include "ArticleEditorDialog.h"

#include <QPointer>
#include <QWidget>

#include <functional>

class QComboBox;
class QEvent;
class QShowEvent;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace xd {

class ArticleService;
class ArticleTableModel;

// The Articles module: the shop's articles in a paged table with a title filter, a state filter and a sort order;
// new, edit, delete, publish and take back to draft. Edits go through the ArticleService (validated and queued for
// sync); rows changed here and not yet on the server are marked.
class ArticlesPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ArticlesPage)

public:
    // Questions and messages go through these, so that tests can answer them.
    struct Prompts
    {
        std::function<bool(const QString& title)> confirmDelete;
        std::function<void(const QString& message)> warn;
        // Runs the editor; true when the user saved.
        std::function<bool(ArticleEditorDialog& dialog)> runEditor;
    };

    explicit ArticlesPage(QWidget* parent = nullptr);
    ~ArticlesPage() override;

    // nullptr when signed out. The page does not own the service.
    void setService(ArticleService* service);
    void setPrompts(Prompts prompts);
    // What the editor's uploads use; unset, the editor offers no picture buttons.
    void setUploaders(RichTextEditor::ImageUploader bodyImages, ArticleEditorDialog::CoverUploader covers);
    // See ArticleEditorDialog::setImageLocation.
    void setImageLocation(const QUrl& serverUrl, const QString& shopId);

    ArticleTableModel* model() const { return m_model; }
    QTableView* tableView() const { return m_articlesTableView; }
    QString selectedArticleId() const;
    void selectArticle(const QString& id);

public slots:
    void newArticle();
    void editSelected();
    void deleteSelected();
    void publishSelected();
    void unpublishSelected();
    void reload();

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private slots:
    // After a change that did not come from this page (a pull, an acknowledgement): at most one reload per
    // ReloadDelayMs while visible, none while hidden (the next show reloads), so an initial sync of 100,000
    // articles does not count them again for every page it stores.
    void scheduleReload();
    void applyFilter();
    void updateActions();

private:
    void retranslateUi();
    void runEditor(ArticleEditorDialog& dialog);
    void report(const Status& status);

    QPointer<ArticleService> m_service;
    ArticleTableModel* m_model = nullptr;
    Prompts m_prompts;
    RichTextEditor::ImageUploader m_bodyUploader;
    ArticleEditorDialog::CoverUploader m_coverUploader;
    QUrl m_serverUrl;
    QString m_shopId;
    QTimer* m_filterTimer = nullptr;
    QTimer* m_reloadTimer = nullptr;
    bool m_reloadPending = false;

    QLabel* m_titleLabel = nullptr;
    QLabel* m_descriptionLabel = nullptr;
    QLineEdit* m_searchLineEdit = nullptr;
    QComboBox* m_stateComboBox = nullptr;
    QComboBox* m_sortComboBox = nullptr;
    QLabel* m_countLabel = nullptr;
    QPushButton* m_newPushButton = nullptr;
    QPushButton* m_editPushButton = nullptr;
    QPushButton* m_deletePushButton = nullptr;
    QPushButton* m_publishPushButton = nullptr;
    QPushButton* m_unpublishPushButton = nullptr;
    QTableView* m_articlesTableView = nullptr;
};

} // namespace xd
