#pragma once

#include "CatalogService.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace xd {

class ImageThumbnailLoader;
class ProductTableModel;

// The products module: a filter box (debounced), category and shelf filters, the windowed products table with sortable
// columns and multi-selection, bulk shelf / price / stock changes through small dialogs, and new / edit / delete
// through ProductEditorDialog. Everything goes through the CatalogService; refusals are shown on the page.
class ProductsPage final : public QWidget
{
    Q_OBJECT

public:
    using ImageUploader =
        std::function<void(const QString& filePath, std::function<void(Result<QString /*image id*/>)> done)>;
    static constexpr int FilterDelayMs = 150;

    explicit ProductsPage(QWidget* parent = nullptr);
    ~ProductsPage() override;
    Q_DISABLE_COPY_MOVE(ProductsPage)

    // nullptr when signed out: the page empties and disables itself.
    void setCatalog(CatalogService* catalog);
    void setImageUploader(ImageUploader uploader);
    // Where the editor's image thumbnails load from (/api/v1/shops/{shopId}/images/{id}?size=thumb); they stay cached
    // until the location changes. An empty location (signed out, or offline at sign-in) leaves placeholders.
    void setImageLocation(const QUrl& serverUrl, const QString& shopId);
    // Where the CSV import/export buttons go (toolbar, right of the edit buttons).
    QHBoxLayout* extraToolsLayout() const { return m_extraToolsLayout; }

    ProductTableModel* model() const { return m_model; }
    QStringList selectedIds() const;

    // The actions behind the buttons (the dialogs they open are modal).
    void newProduct();
    void editProduct(const QString& id);
    void deleteSelected();
    void setSelectedOnShelf(bool onShelf);
    void changeSelectedPrices();
    void changeSelectedStock();

signals:
    void errorShown(const QString& message);

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void retranslateUi();
    void applyFilter();
    void refreshCategories();
    void refreshProducts();
    void updateActions();
    void showResult(const Result<qint64>& result);

    CatalogService* m_catalog = nullptr;
    ImageUploader m_uploader;
    ImageThumbnailLoader* m_thumbnails = nullptr;
    ProductTableModel* m_model = nullptr;
    QLineEdit* m_searchLineEdit = nullptr;
    QComboBox* m_categoryComboBox = nullptr;
    QComboBox* m_shelfComboBox = nullptr;
    QTableView* m_productsTableView = nullptr;
    QPushButton* m_newButton = nullptr;
    QPushButton* m_editButton = nullptr;
    QPushButton* m_deleteButton = nullptr;
    QPushButton* m_onShelfButton = nullptr;
    QPushButton* m_offShelfButton = nullptr;
    QPushButton* m_priceButton = nullptr;
    QPushButton* m_stockButton = nullptr;
    QHBoxLayout* m_extraToolsLayout = nullptr;
    QLabel* m_countLabel = nullptr;
    QLabel* m_errorLabel = nullptr;
    QTimer* m_filterTimer = nullptr;
    QTimer* m_reloadTimer = nullptr;
    bool m_reloadWhenShown = false;
};

} // namespace xd
