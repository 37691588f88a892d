#pragma once

#include "ProductCsv.h"

#include <QDialog>

class QDialogButtonBox;
class QEvent;
class QLabel;
class QPushButton;
class QTableWidget;

namespace xd {

// What a product CSV import did: counts, then every rejected line with its reason, which can be copied (tab-separated,
// for a spreadsheet) or saved as a CSV file next to the imported one.
class ProductCsvReportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProductCsvReportDialog)

public:
    enum Column { LineColumn, ProductColumn, ReasonColumn, ColumnCount };

    explicit ProductCsvReportDialog(QWidget* parent = nullptr);
    ~ProductCsvReportDialog() override;

    void setResult(const ProductCsvImportResult& result, const QString& fileName);
    // The rejections as text: a header line, then "line<TAB>product<TAB>reason" per rejection.
    QString rejectionsText() const;
    // Writes the rejections as a UTF-8 CSV (with a BOM, for Excel).
    Status saveRejections(const QString& path) const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void copyRejections();
    void chooseFileAndSave();
    void rebuild();
    void retranslateUi();

    ProductCsvImportResult m_result;
    QString m_fileName;
    QLabel* m_summaryLabel = nullptr;
    QTableWidget* m_rejectionsTableWidget = nullptr;
    QPushButton* m_copyPushButton = nullptr;
    QPushButton* m_savePushButton = nullptr;
    QDialogButtonBox* m_buttonBox = nullptr;
};

} // namespace xd
