#pragma once

#include "CatalogService.h"

#include <QDialog>
#include <QHash>
#include <QIcon>
#include <QJsonObject>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;
class QTableWidget;

namespace xd {

class ImageThumbnailLoader;
class RichTextEditor;

// Creates or edits one product: its texts, category, shelf state, sort weight, rich-text description, ordered images
// and a specification builder — up to five dimensions (规格: 大杯, 中杯 / 温度: 热, 冰) whose combinations make the SKU
// table (price and original price in yuan, stock, code). The images show as thumbnails when a loader is given (a
// placeholder while loading, offline or failed; the id in the tooltip), and so does a SKU's own image. Regenerating
// keeps the id and values of every SKU whose combination still exists. Checked with CatalogRules before the saver runs;
// refusals show in the dialog.
class ProductEditorDialog final : public QDialog
{
    Q_OBJECT

public:
    using ImageUploader =
        std::function<void(const QString& filePath, std::function<void(Result<QString /*image id*/>)> done)>;
    using Saver = std::function<Status(const QJsonObject& product, const QHash<QString, qint64>& stockSeen)>;
    enum SkuColumn { SpecsColumn, PriceColumn, OriginalPriceColumn, StockColumn, CodeColumn, SkuColumnCount };
    // The side of the image list's icons, in pixels (thumbnails are scaled into it, keeping their proportions).
    static constexpr int ThumbnailSize = 64;

    explicit ProductEditorDialog(QWidget* parent = nullptr);
    ~ProductEditorDialog() override;
    Q_DISABLE_COPY_MOVE(ProductEditorDialog)

    void setCategories(const QList<CatalogCategory>& categories);
    void setImageUploader(ImageUploader uploader);
    // Where the image list's thumbnails come from (not owned; the page keeps it, and its cache, for the session).
    void setThumbnailLoader(ImageThumbnailLoader* loader);
    void setSaver(Saver saver);
    // An existing product (wire shape with "id" and "skus"); without it the dialog creates a new one.
    void setProduct(const QJsonObject& product);

    // The specification dimensions as typed: name → values.
    void setSpecifications(const QList<std::pair<QString, QStringList>>& dimensions);
    // Rebuilds the SKU table from the dimensions; false (with the reason shown) when there are too many.
    bool generateSkus();
    void addImageFile(const QString& filePath);
    QStringList images() const;

    // The product as product.save takes it, or the first problem found.
    Result<QJsonObject> product() const;
    // For SKUs that existed when the dialog opened: the stock it showed then.
    QHash<QString, qint64> stockSeen() const { return m_stockSeen; }
    QString errorText() const;

public slots:
    void accept() override;

private:
    void showError(const QString& message);
    void addImageItem(const QString& imageId);
    void showThumbnail(const QString& imageId, const QPixmap& picture);
    void addSkuRow(const QString& id, const QJsonObject& specs, const QStringList& values, const QString& image);

    QString m_productId;
    QHash<QString, qint64> m_stockSeen;
    ImageUploader m_uploader;
    Saver m_saver;
    ImageThumbnailLoader* m_thumbnails = nullptr;
    QIcon m_placeholderIcon;
    QLineEdit* m_nameLineEdit = nullptr;
    QLineEdit* m_subtitleLineEdit = nullptr;
    QLineEdit* m_keywordsLineEdit = nullptr;
    QComboBox* m_categoryComboBox = nullptr;
    QCheckBox* m_onShelfCheckBox = nullptr;
    QSpinBox* m_sortWeightSpinBox = nullptr;
    RichTextEditor* m_descriptionEditor = nullptr;
    QListWidget* m_imagesListWidget = nullptr;
    QTableWidget* m_specTableWidget = nullptr;
    QTableWidget* m_skuTableWidget = nullptr;
    QLabel* m_errorLabel = nullptr;
};

} // namespace xd
