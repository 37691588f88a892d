#include "ProductCsvActions.h"

#include "LanguageManager.h"
#include "ProductCsvReportDialog.h"

#include <QDate>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QProgressDialog>
#include <QSaveFile>
#include <QStandardPaths>

#include <memory>

namespace xd {

namespace {

constexpr int kProgressSteps = 1000; // a permille bar: import totals are bytes, beyond int

// A modal progress dialog that shows at once; setValue() lets events through, so Cancel can be clicked.
std::unique_ptr<QProgressDialog> makeProgressDialog(QWidget* parent, const QString& label, const QString& cancel)
{
    auto dialog = std::make_unique<QProgressDialog>(label, cancel, 0, kProgressSteps, parent);
    dialog->setObjectName(QStringLiteral("csvProgressDialog"));
    dialog->setWindowModality(Qt::WindowModal);
    dialog->setMinimumDuration(0);
    dialog->setAutoClose(false);
    dialog->setAutoReset(false);
    dialog->setValue(0);
    return dialog;
}

ProductCsv::Progress progressInto(QProgressDialog& dialog)
{
    return [&dialog](qint64 done, qint64 total) {
        dialog.setValue(total > 0 ? int(done * kProgressSteps / total) : 0);
        return !dialog.wasCanceled();
    };
}

} // namespace

ProductCsvActions::ProductCsvActions(CacheStore& store, QWidget* dialogParent)
    : QObject(dialogParent), m_store(store), m_dialogParent(dialogParent),
      m_language(ProductCsv::languageFor(LanguageManager::savedLanguage()))
{}

ProductCsvActions::~ProductCsvActions() = default;

void ProductCsvActions::setLanguage(ProductCsv::Language language)
{
    m_language = language;
}

void ProductCsvActions::exportProducts(const QStringList& ids)
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString suggested =
        QDir(folder).filePath(tr("products-%1.csv").arg(QDate::currentDate().toString(Qt::ISODate)));
    const QString path =
        QFileDialog::getSaveFileName(m_dialogParent, tr("Export products"), suggested, tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        exportTo(path, ids);
}

void ProductCsvActions::importProducts()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    const QString path = QFileDialog::getOpenFileName(
        m_dialogParent, tr("Import products"), folder, tr("CSV files (*.csv *.txt);;All files (*)"));
    if (!path.isEmpty())
        importFrom(path);
}

bool ProductCsvActions::exportTo(const QString& path, const QStringList& ids)
{
    // QSaveFile: a cancelled or failed export leaves no half-written file behind (nor destroys an older one).
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        QMessageBox::warning(
            m_dialogParent, tr("Export products"), tr("Cannot write %1: %2").arg(path, file.errorString()));
        return false;
    }
    auto progress = makeProgressDialog(m_dialogParent, tr("Exporting products…"), tr("Cancel"));
    const auto exported = ProductCsv::exportProducts(m_store, file, m_language, ids, progressInto(*progress));
    progress->close();
    if (!exported) {
        file.cancelWriting();
        QMessageBox::warning(m_dialogParent, tr("Export products"), exported.error().message);
        return false;
    }
    if (exported->cancelled) {
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        QMessageBox::warning(
            m_dialogParent, tr("Export products"), tr("Cannot write %1: %2").arg(path, file.errorString()));
        return false;
    }
    return true;
}

void ProductCsvActions::importFrom(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        QMessageBox::warning(
            m_dialogParent, tr("Import products"), tr("Cannot read %1: %2").arg(path, file.errorString()));
        return;
    }
    auto progress = makeProgressDialog(
        m_dialogParent, tr("Importing products from %1…").arg(QFileInfo(path).fileName()), tr("Cancel"));
    ProductCsv::ImportOptions options;
    options.progress = progressInto(*progress);
    const auto imported = ProductCsv::importProducts(m_store, file, options);
    progress->close();
    progress.reset();
    if (!imported) {
        QMessageBox::warning(m_dialogParent, tr("Import products"), imported.error().message);
        return;
    }
    emit importFinished(*imported);
    ProductCsvReportDialog report(m_dialogParent);
    report.setResult(*imported, path);
    report.exec();
}

} // namespace xd
