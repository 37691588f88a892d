#pragma once

#include "CatalogService.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace xd {

// The categories module: a two-level tree in the merchant's order. Add (top level or under the selected top-level
// category), rename, delete (refused with the reason while products or subcategories use it — checked here first,
// then by the server), and reorder among siblings by dragging or with Up/Down, which queues category.reorder.
class CategoriesPage final : public QWidget
{
    Q_OBJECT

public:
    explicit CategoriesPage(QWidget* parent = nullptr);
    ~CategoriesPage() override;
    Q_DISABLE_COPY_MOVE(CategoriesPage)

    void setCatalog(CatalogService* catalog);
    QTreeWidget* tree() const { return m_categoriesTreeWidget; }
    QString errorText() const;

    // The actions behind the buttons; `name` empty asks the user.
    void addCategory(bool underSelected, const QString& name = {});
    void renameSelected(const QString& name = {});
    void deleteSelected();
    // Moves the category to `index` among its siblings (what a drop or Up/Down does).
    void moveCategory(const QString& id, int index);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void refresh();
    void afterDrop();
    QString selectedId() const;
    void showResult(const Result<qint64>& result);

    CatalogService* m_catalog = nullptr;
    QList<CatalogCategory> m_categories;
    QTreeWidget* m_categoriesTreeWidget = nullptr;
    QPushButton* m_addButton = nullptr;
    QPushButton* m_addChildButton = nullptr;
    QPushButton* m_renameButton = nullptr;
    QPushButton* m_deleteButton = nullptr;
    QPushButton* m_upButton = nullptr;
    QPushButton* m_downButton = nullptr;
    QLabel* m_errorLabel = nullptr;
};

} // namespace xd
