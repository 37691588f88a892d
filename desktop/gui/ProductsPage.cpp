#include "ProductsPage.h"

#include "ImageThumbnailLoader.h"
#include "ProductEditorDialog.h"
#include "ProductTableModel.h"
#include "xiaodian/CatalogRules.h"
#include "xiaodian/Money.h"

#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace xd {

ProductsPage::ProductsPage(QWidget* parent)
    : QWidget(parent), m_thumbnails(new ImageThumbnailLoader(this)), m_model(new ProductTableModel(this))
{
    setObjectName(QStringLiteral("productsPage"));
    m_searchLineEdit = new QLineEdit(this);
    m_searchLineEdit->setObjectName(QStringLiteral("searchLineEdit"));
    m_searchLineEdit->setClearButtonEnabled(true);
    m_categoryComboBox = new QComboBox(this);
    m_categoryComboBox->setObjectName(QStringLiteral("categoryComboBox"));
    m_shelfComboBox = new QComboBox(this);
    m_shelfComboBox->setObjectName(QStringLiteral("shelfComboBox"));
    m_shelfComboBox->addItems({QString(), QString(), QString()});

    auto makeButton = [this](const char* name) {
        auto* button = new QPushButton(this);
        button->setObjectName(QString::fromLatin1(name));
        return button;
    };
    m_newButton = makeButton("newProductButton");
    m_editButton = makeButton("editProductButton");
    m_deleteButton = makeButton("deleteProductButton");
    m_onShelfButton = makeButton("onShelfButton");
    m_offShelfButton = makeButton("offShelfButton");
    m_priceButton = makeButton("priceButton");
    m_stockButton = makeButton("stockButton");

    m_productsTableView = new QTableView(this);
    m_productsTableView->setObjectName(QStringLiteral("productsTableView"));
    m_productsTableView->setModel(m_model);
    m_productsTableView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_productsTableView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_productsTableView->setSortingEnabled(true);
    m_productsTableView->sortByColumn(ProductTableModel::UpdatedColumn, Qt::DescendingOrder);
    m_productsTableView->verticalHeader()->hide();
    // Fixed row height: the view never asks every row for its size hint (that would fetch every page).
    m_productsTableView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_productsTableView->horizontalHeader()->setSectionResizeMode(ProductTableModel::NameColumn, QHeaderView::Stretch);
    m_productsTableView->setAlternatingRowColors(true);
    m_productsTableView->setWordWrap(false);
    // Fixed widths: ResizeToContents would read every row, i.e. fetch every page.
    m_productsTableView->setColumnWidth(ProductTableModel::CategoryColumn, 160);
    m_productsTableView->setColumnWidth(ProductTableModel::UpdatedColumn, 140);

    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("countLabel"));
    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #b00020"));
    m_errorLabel->hide();

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_searchLineEdit, 2);
    filters->addWidget(m_categoryComboBox, 1);
    filters->addWidget(m_shelfComboBox);
    auto* tools = new QHBoxLayout;
    for (QPushButton* button :
         {m_newButton, m_editButton, m_deleteButton, m_onShelfButton, m_offShelfButton, m_priceButton, m_stockButton})
        tools->addWidget(button);
    tools->addStretch(1);
    m_extraToolsLayout = new QHBoxLayout;
    tools->addLayout(m_extraToolsLayout);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addLayout(tools);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_productsTableView, 1);
    layout->addWidget(m_countLabel);

    m_filterTimer = new QTimer(this);
    m_filterTimer->setSingleShot(true);
    m_filterTimer->setInterval(FilterDelayMs);
    connect(m_filterTimer, &QTimer::timeout, this, &ProductsPage::applyFilter);
    // Pulls of an initial sync change the products many times a second: the table re-counts at most every 200 ms,
    // or less often when a reload is slow (see refreshProducts), and not at all while the page is hidden.
    m_reloadTimer = new QTimer(this);
    m_reloadTimer->setSingleShot(true);
    m_reloadTimer->setInterval(200);
    connect(m_reloadTimer, &QTimer::timeout, this, [this] {
        if (isVisible())
            refreshProducts();
        else
            m_reloadWhenShown = true;
    });
    connect(m_searchLineEdit, &QLineEdit::textChanged, m_filterTimer, qOverload<>(&QTimer::start));
    connect(m_categoryComboBox, &QComboBox::activated, this, &ProductsPage::applyFilter);
    connect(m_shelfComboBox, &QComboBox::activated, this, &ProductsPage::applyFilter);
    connect(m_newButton, &QPushButton::clicked, this, &ProductsPage::newProduct);
    connect(m_editButton, &QPushButton::clicked, this, [this] {
        const QStringList ids = selectedIds();
        if (ids.size() == 1)
            editProduct(ids.first());
    });
    connect(m_productsTableView, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        editProduct(m_model->idAt(index.row()));
    });
    connect(m_deleteButton, &QPushButton::clicked, this, &ProductsPage::deleteSelected);
    connect(m_onShelfButton, &QPushButton::clicked, this, [this] { setSelectedOnShelf(true); });
    connect(m_offShelfButton, &QPushButton::clicked, this, [this] { setSelectedOnShelf(false); });
    connect(m_priceButton, &QPushButton::clicked, this, &ProductsPage::changeSelectedPrices);
    connect(m_stockButton, &QPushButton::clicked, this, &ProductsPage::changeSelectedStock);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ProductsPage::updateActions);
    connect(m_productsTableView->selectionModel(),
            &QItemSelectionModel::selectionChanged,
            this,
            &ProductsPage::updateActions);

    retranslateUi();
    setCatalog(nullptr);
}

ProductsPage::~ProductsPage() = default;

void ProductsPage::setCatalog(CatalogService* catalog)
{
    if (m_catalog)
        disconnect(m_catalog, nullptr, this, nullptr);
    m_catalog = catalog;
    setEnabled(catalog != nullptr);
    if (catalog) {
        connect(catalog, &CatalogService::productsChanged, this, [this] {
            // An edit made here shows at once; changes from elsewhere are batched.
            if (!m_reloadTimer->isActive())
                m_reloadTimer->start();
        });
        connect(catalog, &CatalogService::categoriesChanged, this, &ProductsPage::refreshCategories);
    }
    refreshCategories();
    m_model->setCatalog(catalog);
    updateActions();
}

void ProductsPage::setImageUploader(ImageUploader uploader)
{
    m_uploader = std::move(uploader);
}

void ProductsPage::setImageLocation(const QUrl& serverUrl, const QString& shopId)
{
    m_thumbnails->setImageLocation(serverUrl, shopId);
}

void ProductsPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ProductsPage::retranslateUi()
{
    m_searchLineEdit->setPlaceholderText(tr("Filter by name, keyword or SKU code"));
    m_shelfComboBox->setItemText(0, tr("On and off shelf"));
    m_shelfComboBox->setItemText(1, tr("On shelf"));
    m_shelfComboBox->setItemText(2, tr("Off shelf"));
    m_newButton->setText(tr("New…"));
    m_editButton->setText(tr("Edit…"));
    m_deleteButton->setText(tr("Delete"));
    m_onShelfButton->setText(tr("Put on shelf"));
    m_offShelfButton->setText(tr("Take off shelf"));
    m_priceButton->setText(tr("Change price…"));
    m_stockButton->setText(tr("Change stock…"));
    refreshCategories();
    updateActions();
}

void ProductsPage::refreshCategories()
{
    const QVariant current = m_categoryComboBox->currentData();
    m_categoryComboBox->clear();
    m_categoryComboBox->addItem(tr("All categories"), QString());
    m_categoryComboBox->addItem(tr("Uncategorised"), QStringLiteral("-"));
    if (m_catalog) {
        const auto categories = m_catalog->categories().valueOr(QList<CatalogCategory>());
        for (const CatalogCategory& c : categories)
            m_categoryComboBox->addItem(c.parentId.isEmpty() ? c.name : QStringLiteral("    ") + c.name, c.id);
    }
    const int index = m_categoryComboBox->findData(current);
    m_categoryComboBox->setCurrentIndex(std::max(0, index));
}

void ProductsPage::applyFilter()
{
    m_filterTimer->stop();
    ProductFilter filter;
    filter.text = m_searchLineEdit->text();
    const QString category = m_categoryComboBox->currentData().toString();
    filter.uncategorisedOnly = category == QLatin1String("-");
    filter.categoryId = filter.uncategorisedOnly ? QString() : category;
    filter.shelf = ProductFilter::Shelf(std::max(0, m_shelfComboBox->currentIndex()));
    m_model->setFilter(filter);
}

void ProductsPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_reloadWhenShown)
        refreshProducts();
}

void ProductsPage::refreshProducts()
{
    m_reloadWhenShown = false;
    // Keep the selection by id across the reload (rows move when sort keys change).
    const QStringList selected = selectedIds();
    QElapsedTimer timer;
    timer.start();
    m_model->reload();
    // Reloads triggered from elsewhere (pulls, acknowledgements) never take more than about a sixth of the time: a
    // huge outbox (a CSV import of thousands of products) makes the optimistic overlay slow to rebuild.
    m_reloadTimer->setInterval(int(std::clamp<qint64>(5 * timer.elapsed(), 200, 5'000)));
    if (selected.isEmpty())
        return;
    QItemSelection selection;
    const int visible = std::min(m_model->rowCount(), ProductTableModel::PageSize * 2);
    for (int row = 0; row < visible; ++row) {
        if (selected.contains(m_model->idAt(row)))
            selection.select(m_model->index(row, 0), m_model->index(row, ProductTableModel::ColumnCount - 1));
    }
    m_productsTableView->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
}

QStringList ProductsPage::selectedIds() const
{
    QStringList ids;
    const QModelIndexList rows = m_productsTableView->selectionModel()->selectedRows();
    for (const QModelIndex& index : rows)
        ids << m_model->idAt(index.row());
    ids.removeAll(QString());
    return ids;
}

void ProductsPage::updateActions()
{
    const int selected = int(m_productsTableView->selectionModel()->selectedRows().size());
    const bool on = m_catalog != nullptr;
    m_newButton->setEnabled(on && m_catalog->can(QStringLiteral("product.save")));
    m_editButton->setEnabled(on && selected == 1);
    m_deleteButton->setEnabled(on && selected > 0 && m_catalog->can(QStringLiteral("product.delete")));
    m_onShelfButton->setEnabled(on && selected > 0 && m_catalog->can(QStringLiteral("product.setShelf")));
    m_offShelfButton->setEnabled(m_onShelfButton->isEnabled());
    m_priceButton->setEnabled(on && selected > 0 && m_catalog->can(QStringLiteral("product.setPrice")));
    m_stockButton->setEnabled(on && selected > 0 && m_catalog->can(QStringLiteral("product.adjustStock")));
    m_countLabel->setText(selected > 0 ? tr("%n products, %1 selected", nullptr, m_model->rowCount()).arg(selected)
                                       : tr("%n products", nullptr, m_model->rowCount()));
}

void ProductsPage::showResult(const Result<qint64>& result)
{
    if (result) {
        m_reloadTimer->stop();
        refreshProducts();
        m_errorLabel->hide();
        m_errorLabel->clear();
        return;
    }
    m_errorLabel->setText(result.error().message);
    m_errorLabel->show();
    emit errorShown(result.error().message);
}

void ProductsPage::newProduct()
{
    editProduct(QString());
}

void ProductsPage::editProduct(const QString& id)
{
    if (!m_catalog)
        return;
    auto* dialog = new ProductEditorDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setCategories(m_catalog->categories().valueOr(QList<CatalogCategory>()));
    if (m_uploader)
        dialog->setImageUploader(m_uploader);
    dialog->setThumbnailLoader(m_thumbnails);
    if (!id.isEmpty()) {
        auto product = m_catalog->product(id);
        if (!product || !*product) {
            showResult(product ? Result<qint64>(makeError(ErrorCode::NotFound, tr("The product no longer exists.")))
                               : Result<qint64>(product.error()));
            dialog->deleteLater();
            return;
        }
        dialog->setProduct(**product);
    }
    // The dialog stays open with the reason when the catalog refuses the save.
    dialog->setSaver([this](const QJsonObject& product, const QHash<QString, qint64>& stockSeen) -> Status {
        auto mid = m_catalog->saveProduct(product, stockSeen);
        if (!mid)
            return mid.error();
        showResult(mid);
        return {};
    });
    dialog->open();
}

void ProductsPage::deleteSelected()
{
    const QStringList ids = selectedIds();
    if (ids.isEmpty() || !m_catalog)
        return;
    auto* box = new QMessageBox(QMessageBox::Question,
                                tr("Delete products"),
                                tr("Delete %n products? Customers will no longer see them.", nullptr, int(ids.size())),
                                QMessageBox::Yes | QMessageBox::Cancel,
                                this);
    box->setObjectName(QStringLiteral("deleteProductsMessageBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, ids, box](int) {
        if (box->clickedButton() != box->button(QMessageBox::Yes))
            return;
        Result<qint64> result = makeError(ErrorCode::InvalidArgument, QString());
        for (const QString& id : ids) {
            result = m_catalog->deleteProduct(id);
            if (!result)
                break;
        }
        showResult(result);
    });
    box->open();
}

void ProductsPage::setSelectedOnShelf(bool onShelf)
{
    if (m_catalog)
        showResult(m_catalog->setShelf(selectedIds(), onShelf));
}

void ProductsPage::changeSelectedPrices()
{
    const QStringList ids = selectedIds();
    if (ids.isEmpty() || !m_catalog)
        return;
    auto* dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("priceDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Change the price of %n products", nullptr, int(ids.size())));
    auto* percentRadio = new QRadioButton(tr("Every SKU at this percentage of its price:"), dialog);
    percentRadio->setObjectName(QStringLiteral("percentRadioButton"));
    percentRadio->setChecked(true);
    auto* percentSpin = new QSpinBox(dialog);
    percentSpin->setObjectName(QStringLiteral("percentSpinBox"));
    percentSpin->setRange(1, 1000);
    percentSpin->setValue(100);
    percentSpin->setSuffix(QStringLiteral("%"));
    auto* fixedRadio = new QRadioButton(tr("Every SKU at this price (yuan):"), dialog);
    fixedRadio->setObjectName(QStringLiteral("fixedPriceRadioButton"));
    auto* priceEdit = new QLineEdit(dialog);
    priceEdit->setObjectName(QStringLiteral("priceLineEdit"));
    priceEdit->setPlaceholderText(QStringLiteral("12.50"));
    auto* error = new QLabel(dialog);
    error->setObjectName(QStringLiteral("priceErrorLabel"));
    error->setStyleSheet(QStringLiteral("color: #b00020"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    auto* form = new QFormLayout(dialog);
    form->addRow(percentRadio, percentSpin);
    form->addRow(fixedRadio, priceEdit);
    form->addRow(error);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, dialog, [=, this] {
        PriceRule rule;
        if (fixedRadio->isChecked()) {
            auto price = Money::parse(priceEdit->text());
            if (!price) {
                error->setText(tr("Enter a price in yuan with at most two decimals, e.g. 12.50."));
                return;
            }
            rule.priceFen = price->fen();
        } else {
            rule.basisPoints = qint64(percentSpin->value()) * 100;
        }
        auto result = m_catalog->changePrices(ids, rule);
        if (!result) {
            error->setText(result.error().message);
            return;
        }
        showResult(result);
        dialog->accept();
    });
    dialog->open();
}

void ProductsPage::changeSelectedStock()
{
    const QStringList ids = selectedIds();
    if (ids.isEmpty() || !m_catalog)
        return;
    auto* dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("stockDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Change the stock of %n products", nullptr, int(ids.size())));
    auto* explanation = new QLabel(tr("Pieces to add to every SKU (negative: to take away). The change is added to "
                                      "the stock the server holds then, so sales meanwhile are not undone."),
                                   dialog);
    explanation->setWordWrap(true);
    auto* deltaSpin = new QSpinBox(dialog);
    deltaSpin->setObjectName(QStringLiteral("stockDeltaSpinBox"));
    deltaSpin->setRange(-int(std::min<qint64>(CatalogRules::MaxStock, 99'999'999)),
                        int(std::min<qint64>(CatalogRules::MaxStock, 99'999'999)));
    auto* error = new QLabel(dialog);
    error->setObjectName(QStringLiteral("stockErrorLabel"));
    error->setWordWrap(true);
    error->setStyleSheet(QStringLiteral("color: #b00020"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(explanation);
    layout->addWidget(deltaSpin);
    layout->addWidget(error);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, dialog, [=, this] {
        auto result = m_catalog->adjustStock(ids, deltaSpin->value());
        if (!result) {
            error->setText(result.error().message);
            return;
        }
        showResult(result);
        dialog->accept();
    });
    dialog->open();
}

} // namespace xd
