#include "ProductEditorDialog.h"

#include "ImageThumbnailLoader.h"
#include "RichTextEditor.h"
#include "xiaodian/CatalogRules.h"
#include "xiaodian/Id.h"
#include "xiaodian/Money.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace xd {

namespace {

constexpr int SkuIdRole = Qt::UserRole;
constexpr int SkuSpecsRole = Qt::UserRole + 1;
constexpr int SkuImageRole = Qt::UserRole + 2;
constexpr int ImageIdRole = Qt::UserRole;

// `picture` scaled into a transparent ThumbnailSize square, centred: every icon in the list has the same size.
QPixmap squareThumbnail(const QPixmap& picture)
{
    const int side = ProductEditorDialog::ThumbnailSize;
    QPixmap square(side, side);
    square.fill(Qt::transparent);
    const QPixmap scaled = picture.scaled(side, side, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    QPainter painter(&square);
    painter.drawPixmap((side - scaled.width()) / 2, (side - scaled.height()) / 2, scaled);
    return square;
}

// A light frame: the image is there, its picture not (yet).
QPixmap placeholderThumbnail()
{
    const int side = ProductEditorDialog::ThumbnailSize;
    QPixmap square(side, side);
    square.fill(QColor(0xee, 0xee, 0xee));
    QPainter painter(&square);
    painter.setPen(QColor(0xbb, 0xbb, 0xbb));
    painter.drawRect(0, 0, side - 1, side - 1);
    return square;
}

QString specsKey(const QJsonObject& specs)
{
    return QString::fromUtf8(QJsonDocument(specs).toJson(QJsonDocument::Compact));
}

QString specsLabel(const QJsonObject& specs, const QStringList& order)
{
    QStringList parts;
    for (const QString& name : order)
        parts << specs.value(name).toString();
    return parts.isEmpty() ? ProductEditorDialog::tr("(single SKU)") : parts.join(QStringLiteral(" / "));
}

QString cellText(const QTableWidget* table, int row, int column)
{
    const QTableWidgetItem* item = table->item(row, column);
    return item ? item->text().trimmed() : QString();
}

} // namespace

ProductEditorDialog::ProductEditorDialog(QWidget* parent) : QDialog(parent), m_productId(Id::create())
{
    setObjectName(QStringLiteral("productEditorDialog"));
    setWindowTitle(tr("New product"));
    m_nameLineEdit = new QLineEdit(this);
    m_nameLineEdit->setObjectName(QStringLiteral("nameLineEdit"));
    m_nameLineEdit->setMaxLength(CatalogRules::MaxProductNameLength);
    m_subtitleLineEdit = new QLineEdit(this);
    m_subtitleLineEdit->setObjectName(QStringLiteral("subtitleLineEdit"));
    m_subtitleLineEdit->setMaxLength(CatalogRules::MaxSubtitleLength);
    m_keywordsLineEdit = new QLineEdit(this);
    m_keywordsLineEdit->setObjectName(QStringLiteral("keywordsLineEdit"));
    m_keywordsLineEdit->setMaxLength(CatalogRules::MaxKeywordsLength);
    m_categoryComboBox = new QComboBox(this);
    m_categoryComboBox->setObjectName(QStringLiteral("categoryComboBox"));
    m_categoryComboBox->addItem(tr("Uncategorised"), QString());
    m_onShelfCheckBox = new QCheckBox(tr("On shelf (customers see it)"), this);
    m_onShelfCheckBox->setObjectName(QStringLiteral("onShelfCheckBox"));
    m_sortWeightSpinBox = new QSpinBox(this);
    m_sortWeightSpinBox->setObjectName(QStringLiteral("sortWeightSpinBox"));
    m_sortWeightSpinBox->setRange(-int(CatalogRules::MaxSortWeight), int(CatalogRules::MaxSortWeight));
    m_sortWeightSpinBox->setToolTip(tr("Higher comes first in the mini-program's default order."));
    m_descriptionEditor = new RichTextEditor(this);
    m_descriptionEditor->setObjectName(QStringLiteral("descriptionEditor"));

    m_imagesListWidget = new QListWidget(this);
    m_imagesListWidget->setObjectName(QStringLiteral("imagesListWidget"));
    m_imagesListWidget->setViewMode(QListView::IconMode);
    m_imagesListWidget->setFlow(QListView::LeftToRight);
    m_imagesListWidget->setWrapping(false);
    m_imagesListWidget->setMovement(QListView::Static); // the order changes only through Up / Down
    m_imagesListWidget->setIconSize(QSize(ThumbnailSize, ThumbnailSize));
    m_imagesListWidget->setSpacing(4);
    m_imagesListWidget->setMaximumHeight(ThumbnailSize + 40); // room for a horizontal scroll bar
    m_placeholderIcon = QIcon(placeholderThumbnail());
    auto* addImage = new QPushButton(tr("Add image…"), this);
    addImage->setObjectName(QStringLiteral("addImageButton"));
    auto* removeImage = new QPushButton(tr("Remove"), this);
    removeImage->setObjectName(QStringLiteral("removeImageButton"));
    auto* imageUp = new QPushButton(tr("Up"), this);
    imageUp->setObjectName(QStringLiteral("imageUpButton"));
    auto* imageDown = new QPushButton(tr("Down"), this);
    imageDown->setObjectName(QStringLiteral("imageDownButton"));
    auto* imageButtons = new QVBoxLayout;
    for (QPushButton* b : {addImage, removeImage, imageUp, imageDown})
        imageButtons->addWidget(b);
    imageButtons->addStretch(1);
    auto* imagesRow = new QHBoxLayout;
    imagesRow->addWidget(m_imagesListWidget, 1);
    imagesRow->addLayout(imageButtons);

    m_specTableWidget = new QTableWidget(0, 2, this);
    m_specTableWidget->setObjectName(QStringLiteral("specTableWidget"));
    m_specTableWidget->setHorizontalHeaderLabels({tr("Specification"), tr("Values (separated by commas)")});
    m_specTableWidget->horizontalHeader()->setStretchLastSection(true);
    m_specTableWidget->setMaximumHeight(150);
    auto* addSpec = new QPushButton(tr("Add specification"), this);
    addSpec->setObjectName(QStringLiteral("addSpecButton"));
    auto* removeSpec = new QPushButton(tr("Remove specification"), this);
    removeSpec->setObjectName(QStringLiteral("removeSpecButton"));
    auto* generate = new QPushButton(tr("Generate SKUs"), this);
    generate->setObjectName(QStringLiteral("generateSkusButton"));
    auto* specButtons = new QHBoxLayout;
    specButtons->addWidget(addSpec);
    specButtons->addWidget(removeSpec);
    specButtons->addStretch(1);
    specButtons->addWidget(generate);

    m_skuTableWidget = new QTableWidget(0, SkuColumnCount, this);
    m_skuTableWidget->setObjectName(QStringLiteral("skuTableWidget"));
    m_skuTableWidget->setHorizontalHeaderLabels(
        {tr("Specifications"), tr("Price (yuan)"), tr("Original price (yuan)"), tr("Stock"), tr("Code")});
    m_skuTableWidget->horizontalHeader()->setSectionResizeMode(SpecsColumn, QHeaderView::Stretch);
    m_skuTableWidget->setIconSize(QSize(ThumbnailSize / 2, ThumbnailSize / 2)); // a SKU's own image, when it has one

    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #b00020"));
    m_errorLabel->hide();
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("buttonBox"));

    auto* form = new QFormLayout;
    form->addRow(tr("Name"), m_nameLineEdit);
    form->addRow(tr("Subtitle"), m_subtitleLineEdit);
    form->addRow(tr("Keywords"), m_keywordsLineEdit);
    form->addRow(tr("Category"), m_categoryComboBox);
    form->addRow(QString(), m_onShelfCheckBox);
    form->addRow(tr("Sort weight"), m_sortWeightSpinBox);
    form->addRow(tr("Images"), imagesRow);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("Description"), this));
    layout->addWidget(m_descriptionEditor, 1);
    layout->addWidget(new QLabel(tr("Specifications (at most %1)").arg(CatalogRules::MaxSpecDimensions), this));
    layout->addWidget(m_specTableWidget);
    layout->addLayout(specButtons);
    layout->addWidget(m_skuTableWidget, 1);
    layout->addWidget(m_errorLabel);
    layout->addWidget(buttons);
    resize(820, 860);

    connect(buttons, &QDialogButtonBox::accepted, this, &ProductEditorDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ProductEditorDialog::reject);
    connect(addSpec, &QPushButton::clicked, this, [this] {
        if (m_specTableWidget->rowCount() >= CatalogRules::MaxSpecDimensions) {
            showError(tr("A product has at most %1 specifications.").arg(CatalogRules::MaxSpecDimensions));
            return;
        }
        m_specTableWidget->insertRow(m_specTableWidget->rowCount());
    });
    connect(removeSpec, &QPushButton::clicked, this, [this] {
        if (m_specTableWidget->currentRow() >= 0)
            m_specTableWidget->removeRow(m_specTableWidget->currentRow());
    });
    connect(generate, &QPushButton::clicked, this, &ProductEditorDialog::generateSkus);
    connect(addImage, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Add an image"), QString(), tr("Images (*.jpg *.jpeg *.png)"));
        if (!path.isEmpty())
            addImageFile(path);
    });
    connect(removeImage, &QPushButton::clicked, this, [this] { delete m_imagesListWidget->currentItem(); });
    auto move = [this](int step) {
        const int row = m_imagesListWidget->currentRow();
        const int target = row + step;
        if (row < 0 || target < 0 || target >= m_imagesListWidget->count())
            return;
        QListWidgetItem* item = m_imagesListWidget->takeItem(row);
        m_imagesListWidget->insertItem(target, item);
        m_imagesListWidget->setCurrentRow(target);
    };
    connect(imageUp, &QPushButton::clicked, this, [move] { move(-1); });
    connect(imageDown, &QPushButton::clicked, this, [move] { move(1); });

    // A new product starts with one SKU without specifications.
    generateSkus();
}

ProductEditorDialog::~ProductEditorDialog() = default;

void ProductEditorDialog::setCategories(const QList<CatalogCategory>& categories)
{
    const QVariant current = m_categoryComboBox->currentData();
    while (m_categoryComboBox->count() > 1)
        m_categoryComboBox->removeItem(1);
    for (const CatalogCategory& c : categories)
        m_categoryComboBox->addItem(c.parentId.isEmpty() ? c.name : QStringLiteral("    ") + c.name, c.id);
    m_categoryComboBox->setCurrentIndex(std::max(0, m_categoryComboBox->findData(current)));
}

void ProductEditorDialog::setImageUploader(ImageUploader uploader)
{
    m_uploader = std::move(uploader);
    m_descriptionEditor->setImageUploader([this](const QString& path, std::function<void(Result<QString>)> done) {
        if (m_uploader)
            m_uploader(path, std::move(done));
    });
}

void ProductEditorDialog::setThumbnailLoader(ImageThumbnailLoader* loader)
{
    if (m_thumbnails)
        disconnect(m_thumbnails, nullptr, this, nullptr);
    m_thumbnails = loader;
    if (m_thumbnails) {
        connect(m_thumbnails, &ImageThumbnailLoader::loaded, this, &ProductEditorDialog::showThumbnail);
        QStringList shown = images();
        for (int r = 0; r < m_skuTableWidget->rowCount(); ++r)
            shown << m_skuTableWidget->item(r, SpecsColumn)->data(SkuImageRole).toString();
        shown.removeAll(QString());
        shown.removeDuplicates();
        for (const QString& id : std::as_const(shown)) {
            if (const QPixmap cached = m_thumbnails->thumbnail(id); !cached.isNull())
                showThumbnail(id, cached);
        }
    }
}

void ProductEditorDialog::addImageItem(const QString& imageId)
{
    auto* item = new QListWidgetItem(m_placeholderIcon, QString());
    item->setData(ImageIdRole, imageId);
    item->setToolTip(imageId);
    item->setData(Qt::AccessibleTextRole, imageId);
    m_imagesListWidget->addItem(item);
    if (m_thumbnails) {
        if (const QPixmap cached = m_thumbnails->thumbnail(imageId); !cached.isNull())
            showThumbnail(imageId, cached);
    }
}

void ProductEditorDialog::showThumbnail(const QString& imageId, const QPixmap& picture)
{
    // The same image may be listed twice; items removed meanwhile are simply not found.
    const QIcon icon(squareThumbnail(picture));
    for (int i = 0; i < m_imagesListWidget->count(); ++i) {
        if (m_imagesListWidget->item(i)->data(ImageIdRole).toString() == imageId)
            m_imagesListWidget->item(i)->setIcon(icon);
    }
    for (int r = 0; r < m_skuTableWidget->rowCount(); ++r) {
        QTableWidgetItem* label = m_skuTableWidget->item(r, SpecsColumn);
        if (label->data(SkuImageRole).toString() == imageId)
            label->setIcon(icon);
    }
}

void ProductEditorDialog::setSaver(Saver saver)
{
    m_saver = std::move(saver);
}

void ProductEditorDialog::setProduct(const QJsonObject& product)
{
    setWindowTitle(tr("Edit product"));
    m_productId = product.value(QStringLiteral("id")).toString();
    m_nameLineEdit->setText(product.value(QStringLiteral("name")).toString());
    m_subtitleLineEdit->setText(product.value(QStringLiteral("subtitle")).toString());
    m_keywordsLineEdit->setText(product.value(QStringLiteral("keywords")).toString());
    m_categoryComboBox->setCurrentIndex(
        std::max(0, m_categoryComboBox->findData(product.value(QStringLiteral("categoryId")).toString())));
    m_onShelfCheckBox->setChecked(product.value(QStringLiteral("onShelf")).toBool());
    m_sortWeightSpinBox->setValue(int(product.value(QStringLiteral("sortWeight")).toInteger()));
    m_descriptionEditor->setHtml(product.value(QStringLiteral("description")).toString());
    m_imagesListWidget->clear();
    for (const QJsonValue& image : product.value(QStringLiteral("images")).toArray())
        addImageItem(image.toString());

    // The dimensions from the SKUs: names from the first, values in order of appearance.
    const QJsonArray skus = product.value(QStringLiteral("skus")).toArray();
    QList<std::pair<QString, QStringList>> dimensions;
    if (!skus.isEmpty()) {
        for (const QString& name : skus.at(0).toObject().value(QStringLiteral("specs")).toObject().keys())
            dimensions.append({name, {}});
    }
    for (const QJsonValue& value : skus) {
        const QJsonObject specs = value.toObject().value(QStringLiteral("specs")).toObject();
        for (auto& [name, values] : dimensions) {
            const QString option = specs.value(name).toString();
            if (!values.contains(option))
                values << option;
        }
    }
    setSpecifications(dimensions);
    m_skuTableWidget->setRowCount(0);
    m_stockSeen.clear();
    for (const QJsonValue& value : skus) {
        const QJsonObject sku = value.toObject();
        const QString id = sku.value(QStringLiteral("id")).toString();
        const qint64 stock = sku.value(QStringLiteral("stock")).toInteger();
        m_stockSeen.insert(id, stock);
        const qint64 original = sku.value(QStringLiteral("originalPriceFen")).toInteger();
        addSkuRow(id,
                  sku.value(QStringLiteral("specs")).toObject(),
                  {Money::fromFen(sku.value(QStringLiteral("priceFen")).toInteger()).toString(),
                   original > 0 ? Money::fromFen(original).toString() : QString(),
                   QString::number(stock),
                   sku.value(QStringLiteral("code")).toString()},
                  sku.value(QStringLiteral("image")).toString());
    }
}

void ProductEditorDialog::setSpecifications(const QList<std::pair<QString, QStringList>>& dimensions)
{
    m_specTableWidget->setRowCount(0);
    for (const auto& [name, values] : dimensions) {
        const int row = m_specTableWidget->rowCount();
        m_specTableWidget->insertRow(row);
        m_specTableWidget->setItem(row, 0, new QTableWidgetItem(name));
        m_specTableWidget->setItem(row, 1, new QTableWidgetItem(values.join(QStringLiteral(", "))));
    }
}

void ProductEditorDialog::addSkuRow(const QString& id,
                                    const QJsonObject& specs,
                                    const QStringList& values,
                                    const QString& image)
{
    QStringList order;
    for (int r = 0; r < m_specTableWidget->rowCount(); ++r)
        order << cellText(m_specTableWidget, r, 0);
    order.removeAll(QString());
    const int row = m_skuTableWidget->rowCount();
    m_skuTableWidget->insertRow(row);
    auto* label = new QTableWidgetItem(specsLabel(specs, order.isEmpty() ? specs.keys() : order));
    label->setFlags(label->flags() & ~Qt::ItemIsEditable);
    label->setData(SkuIdRole, id);
    label->setData(SkuSpecsRole, specs);
    label->setData(SkuImageRole, image);
    if (!image.isEmpty()) {
        label->setIcon(m_placeholderIcon);
        label->setToolTip(image);
    }
    m_skuTableWidget->setItem(row, SpecsColumn, label);
    if (!image.isEmpty() && m_thumbnails) {
        if (const QPixmap cached = m_thumbnails->thumbnail(image); !cached.isNull())
            label->setIcon(QIcon(squareThumbnail(cached)));
    }
    for (int c = 0; c < values.size() && c + 1 < SkuColumnCount; ++c)
        m_skuTableWidget->setItem(row, c + 1, new QTableWidgetItem(values.at(c)));
}

bool ProductEditorDialog::generateSkus()
{
    // The dimensions as typed: names and their distinct values, in order.
    static const QRegularExpression separators(QStringLiteral("[,，、]"));
    QList<std::pair<QString, QStringList>> dimensions;
    for (int r = 0; r < m_specTableWidget->rowCount(); ++r) {
        const QString name = cellText(m_specTableWidget, r, 0);
        QStringList values;
        for (const QString& part : cellText(m_specTableWidget, r, 1).split(separators)) {
            const QString value = part.trimmed();
            if (!value.isEmpty() && !values.contains(value))
                values << value;
        }
        if (name.isEmpty() && values.isEmpty())
            continue;
        if (name.isEmpty() || values.isEmpty()) {
            showError(tr("Each specification needs a name and at least one value."));
            return false;
        }
        if (std::any_of(dimensions.cbegin(), dimensions.cend(), [&](const auto& d) { return d.first == name; })) {
            showError(tr("The specification %1 is listed twice.").arg(name));
            return false;
        }
        dimensions.append({name, values});
    }
    if (dimensions.size() > CatalogRules::MaxSpecDimensions) {
        showError(tr("A product has at most %1 specifications.").arg(CatalogRules::MaxSpecDimensions));
        return false;
    }
    qint64 combinations = 1;
    for (const auto& d : std::as_const(dimensions))
        combinations *= d.second.size();
    if (combinations > CatalogRules::MaxSkus) {
        showError(tr("These specifications make %1 combinations; a product has at most %2 SKUs.")
                      .arg(combinations)
                      .arg(CatalogRules::MaxSkus));
        return false;
    }

    // What the table holds now, by combination: kept when the combination survives.
    struct Kept
    {
        QString id;
        QStringList values;
        QString image;
    };
    QHash<QString, Kept> kept;
    for (int r = 0; r < m_skuTableWidget->rowCount(); ++r) {
        const QTableWidgetItem* label = m_skuTableWidget->item(r, SpecsColumn);
        QStringList values;
        for (int c = PriceColumn; c < SkuColumnCount; ++c)
            values << cellText(m_skuTableWidget, r, c);
        kept.insert(specsKey(label->data(SkuSpecsRole).toJsonObject()),
                    Kept{label->data(SkuIdRole).toString(), values, label->data(SkuImageRole).toString()});
    }

    // The cartesian product, the first dimension outermost.
    QList<QJsonObject> combos{QJsonObject()};
    for (const auto& [name, values] : std::as_const(dimensions)) {
        QList<QJsonObject> next;
        for (const QJsonObject& partial : std::as_const(combos)) {
            for (const QString& value : values) {
                QJsonObject specs = partial;
                specs.insert(name, value);
                next.append(specs);
            }
        }
        combos = next;
    }
    m_skuTableWidget->setRowCount(0);
    for (const QJsonObject& specs : std::as_const(combos)) {
        const auto it = kept.constFind(specsKey(specs));
        if (it != kept.cend())
            addSkuRow(it->id, specs, it->values, it->image);
        else
            addSkuRow(Id::create(), specs, {QString(), QString(), QStringLiteral("0"), QString()}, QString());
    }
    m_errorLabel->hide();
    return true;
}

void ProductEditorDialog::addImageFile(const QString& filePath)
{
    if (!m_uploader) {
        showError(tr("Images cannot be uploaded now (not signed in)."));
        return;
    }
    QPointer<ProductEditorDialog> self(this);
    m_uploader(filePath, [self](Result<QString> id) {
        if (!self)
            return;
        if (!id) {
            self->showError(id.error().message);
            return;
        }
        if (self->images().size() >= CatalogRules::MaxImages) {
            self->showError(tr("A product has at most %1 images.").arg(CatalogRules::MaxImages));
            return;
        }
        self->addImageItem(*id);
    });
}

QStringList ProductEditorDialog::images() const
{
    QStringList list;
    for (int i = 0; i < m_imagesListWidget->count(); ++i)
        list << m_imagesListWidget->item(i)->data(ImageIdRole).toString();
    return list;
}

Result<QJsonObject> ProductEditorDialog::product() const
{
    QJsonArray skus;
    for (int r = 0; r < m_skuTableWidget->rowCount(); ++r) {
        const QTableWidgetItem* label = m_skuTableWidget->item(r, SpecsColumn);
        const QString name = label->text();
        auto price = Money::parse(cellText(m_skuTableWidget, r, PriceColumn));
        if (!price)
            return makeError(ErrorCode::InvalidArgument,
                             tr("SKU %1: enter a price in yuan with at most two decimals, e.g. 12.50.").arg(name));
        qint64 original = 0;
        if (!cellText(m_skuTableWidget, r, OriginalPriceColumn).isEmpty()) {
            auto parsed = Money::parse(cellText(m_skuTableWidget, r, OriginalPriceColumn));
            if (!parsed)
                return makeError(ErrorCode::InvalidArgument,
                                 tr("SKU %1: the original price is in yuan, e.g. 15.00, or empty.").arg(name));
            original = parsed->fen();
        }
        bool stockOk = false;
        const qint64 stock = cellText(m_skuTableWidget, r, StockColumn).toLongLong(&stockOk);
        if (!stockOk)
            return makeError(ErrorCode::InvalidArgument, tr("SKU %1: the stock is a whole number.").arg(name));
        skus.append(QJsonObject{{QStringLiteral("id"), label->data(SkuIdRole).toString()},
                                {QStringLiteral("specs"), label->data(SkuSpecsRole).toJsonObject()},
                                {QStringLiteral("priceFen"), price->fen()},
                                {QStringLiteral("originalPriceFen"), original},
                                {QStringLiteral("stock"), stock},
                                {QStringLiteral("code"), cellText(m_skuTableWidget, r, CodeColumn)},
                                {QStringLiteral("image"), label->data(SkuImageRole).toString()}});
    }
    const QString category = m_categoryComboBox->currentData().toString();
    const QJsonObject product{{QStringLiteral("id"), m_productId},
                              {QStringLiteral("name"), m_nameLineEdit->text()},
                              {QStringLiteral("subtitle"), m_subtitleLineEdit->text()},
                              {QStringLiteral("keywords"), m_keywordsLineEdit->text()},
                              {QStringLiteral("categoryId"), category.isEmpty() ? QJsonValue() : QJsonValue(category)},
                              {QStringLiteral("onShelf"), m_onShelfCheckBox->isChecked()},
                              {QStringLiteral("sortWeight"), m_sortWeightSpinBox->value()},
                              {QStringLiteral("description"), m_descriptionEditor->html()},
                              {QStringLiteral("images"), QJsonArray::fromStringList(images())},
                              {QStringLiteral("skus"), skus}};
    // The server's rules, here first: the merchant hears about a mistake before anything is queued.
    if (auto checked = CatalogRules::normalizeProduct(product); !checked)
        return checked.error();
    return product;
}

QString ProductEditorDialog::errorText() const
{
    return m_errorLabel->isVisible() || !m_errorLabel->isHidden() ? m_errorLabel->text() : QString();
}

void ProductEditorDialog::showError(const QString& message)
{
    m_errorLabel->setText(message);
    m_errorLabel->show();
}

void ProductEditorDialog::accept()
{
    auto built = product();
    if (!built) {
        showError(built.error().message);
        return;
    }
    if (m_saver) {
        if (const Status saved = m_saver(*built, m_stockSeen); !saved) {
            showError(saved.error().message);
            return;
        }
    }
    QDialog::accept();
}

} // namespace xd
