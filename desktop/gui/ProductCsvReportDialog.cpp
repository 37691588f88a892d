#include "ProductCsvReportDialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTableWidget>
#include <QVBoxLayout>

namespace xd {

namespace {

QString csvField(const QString& text)
{
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n') && !text.contains(u'\r'))
        return text;
    return u'"' + QString(text).replace(QStringLiteral("\""), QStringLiteral("\"\"")) + u'"';
}

} // namespace

ProductCsvReportDialog::ProductCsvReportDialog(QWidget* parent) : QDialog(parent)
{
    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setObjectName(QStringLiteral("summaryLabel"));
    m_summaryLabel->setWordWrap(true);
    m_summaryLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_rejectionsTableWidget = new QTableWidget(0, ColumnCount, this);
    m_rejectionsTableWidget->setObjectName(QStringLiteral("rejectionsTableWidget"));
    m_rejectionsTableWidget->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_rejectionsTableWidget->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_rejectionsTableWidget->setWordWrap(true);
    m_rejectionsTableWidget->verticalHeader()->hide();
    m_rejectionsTableWidget->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_rejectionsTableWidget->horizontalHeader()->setSectionResizeMode(LineColumn, QHeaderView::ResizeToContents);
    m_rejectionsTableWidget->horizontalHeader()->setSectionResizeMode(ProductColumn, QHeaderView::Interactive);
    m_rejectionsTableWidget->horizontalHeader()->setSectionResizeMode(ReasonColumn, QHeaderView::Stretch);
    m_rejectionsTableWidget->setColumnWidth(ProductColumn, 180);

    m_buttonBox = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_buttonBox->setObjectName(QStringLiteral("buttonBox"));
    m_copyPushButton = m_buttonBox->addButton(QString(), QDialogButtonBox::ActionRole);
    m_copyPushButton->setObjectName(QStringLiteral("copyPushButton"));
    m_savePushButton = m_buttonBox->addButton(QString(), QDialogButtonBox::ActionRole);
    m_savePushButton->setObjectName(QStringLiteral("savePushButton"));
    connect(m_buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_copyPushButton, &QPushButton::clicked, this, &ProductCsvReportDialog::copyRejections);
    connect(m_savePushButton, &QPushButton::clicked, this, &ProductCsvReportDialog::chooseFileAndSave);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summaryLabel);
    layout->addWidget(m_rejectionsTableWidget, 1);
    layout->addWidget(m_buttonBox);
    resize(760, 420);
    retranslateUi();
}

ProductCsvReportDialog::~ProductCsvReportDialog() = default;

void ProductCsvReportDialog::setResult(const ProductCsvImportResult& result, const QString& fileName)
{
    m_result = result;
    m_fileName = fileName;
    rebuild();
}

QString ProductCsvReportDialog::rejectionsText() const
{
    QString text = tr("Line") + u'\t' + tr("Product") + u'\t' + tr("Reason") + u'\n';
    for (const ProductCsvRejection& rejection : m_result.rejections) {
        auto flat = [](QString s) {
            return s.replace(u'\t', u' ').replace(u'\n', u' ');
        };
        text += QString::number(rejection.line) + u'\t' + flat(rejection.productName) + u'\t' + flat(rejection.reason) +
                u'\n';
    }
    return text;
}

Status ProductCsvReportDialog::saveRejections(const QString& path) const
{
    QString text = QStringLiteral("\uFEFF") + csvField(tr("Line")) + u',' + csvField(tr("Product")) + u',' +
                   csvField(tr("Reason")) + QStringLiteral("\r\n");
    for (const ProductCsvRejection& rejection : m_result.rejections)
        text += QString::number(rejection.line) + u',' + csvField(rejection.productName) + u',' +
                csvField(rejection.reason) + QStringLiteral("\r\n");
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(ErrorCode::Io, tr("Cannot write %1: %2").arg(path, file.errorString()));
    file.write(text.toUtf8());
    if (!file.commit())
        return makeError(ErrorCode::Io, tr("Cannot write %1: %2").arg(path, file.errorString()));
    return {};
}

void ProductCsvReportDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        rebuild();
    }
    QDialog::changeEvent(event);
}

void ProductCsvReportDialog::copyRejections()
{
    QApplication::clipboard()->setText(rejectionsText());
}

void ProductCsvReportDialog::chooseFileAndSave()
{
    const QFileInfo imported(m_fileName);
    const QString suggested = imported.dir().filePath(tr("%1 - rejected lines.csv").arg(imported.completeBaseName()));
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save rejected lines"), suggested, tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (const Status saved = saveRejections(path); !saved)
        QMessageBox::warning(this, tr("Save rejected lines"), saved.error().message);
}

void ProductCsvReportDialog::rebuild()
{
    QStringList parts;
    if (m_result.cancelled)
        parts << tr("The import was cancelled; the products before that point were queued whole, the rest were not "
                    "read.");
    parts << tr("%1 products read from %n line(s) (%2).", nullptr, m_result.lines)
                 .arg(m_result.productsRead)
                 .arg(m_result.encoding);
    parts << tr("New: %1. Changed: %2. Unchanged: %3. Rejected: %4.")
                 .arg(m_result.productsCreated)
                 .arg(m_result.productsChanged)
                 .arg(m_result.productsUnchanged)
                 .arg(m_result.productsRejected());
    if (m_result.operations > 0)
        parts << tr("%n change(s) will be sent to the server with the next sync.", nullptr, m_result.operations);
    if (!m_result.ignoredColumns.isEmpty())
        parts << tr("Columns not used: %1.").arg(m_result.ignoredColumns.join(QStringLiteral(", ")));
    if (!m_result.rejections.isEmpty())
        parts << tr("Nothing was queued for the products of these lines. Correct them in the file and import it "
                    "again; products already imported are recognised and stay unchanged.");
    m_summaryLabel->setText(parts.join(u'\n'));

    m_rejectionsTableWidget->clearContents();
    m_rejectionsTableWidget->setRowCount(int(m_result.rejections.size()));
    for (int row = 0; row < m_result.rejections.size(); ++row) {
        const ProductCsvRejection& rejection = m_result.rejections.at(row);
        auto* lineItem = new QTableWidgetItem(QString::number(rejection.line));
        lineItem->setData(Qt::UserRole, rejection.line);
        m_rejectionsTableWidget->setItem(row, LineColumn, lineItem);
        m_rejectionsTableWidget->setItem(row, ProductColumn, new QTableWidgetItem(rejection.productName));
        m_rejectionsTableWidget->setItem(row, ReasonColumn, new QTableWidgetItem(rejection.reason));
    }
    m_rejectionsTableWidget->setVisible(!m_result.rejections.isEmpty());
    m_copyPushButton->setEnabled(!m_result.rejections.isEmpty());
    m_savePushButton->setEnabled(!m_result.rejections.isEmpty());
}

void ProductCsvReportDialog::retranslateUi()
{
    setWindowTitle(tr("Product import"));
    m_rejectionsTableWidget->setHorizontalHeaderLabels({tr("Line"), tr("Product"), tr("Reason")});
    m_copyPushButton->setText(tr("Copy"));
    m_copyPushButton->setToolTip(tr("Copy the rejected lines, to paste into a spreadsheet"));
    m_savePushButton->setText(tr("Save…"));
    m_savePushButton->setToolTip(tr("Save the rejected lines as a CSV file"));
}

} // namespace xd
