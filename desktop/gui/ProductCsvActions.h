#pragma once

#include "ProductCsv.h"

#include <QObject>
#include <QStringList>

class QWidget;

namespace xd {

class CacheStore;

// The products page's "Export CSV…" and "Import CSV…": a file chooser, the work in chunks on the GUI thread under a
// modal QProgressDialog whose Cancel stops between chunks (an import never queues part of a product), then for an
// import the report of what was queued and which lines were rejected. The cache connection stays on this thread.
class ProductCsvActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProductCsvActions)

public:
    // Dialogs are children of `dialogParent`.
    ProductCsvActions(CacheStore& store, QWidget* dialogParent);
    ~ProductCsvActions() override;

    // The header's language; by default the merchant's saved language.
    void setLanguage(ProductCsv::Language language);

public slots:
    // Ask for a file, then export all products (`ids` empty) or those given.
    void exportProducts(const QStringList& ids = {});
    void importProducts();

public:
    // The same without the file chooser (tests, drag and drop). False when it failed or was cancelled.
    bool exportTo(const QString& path, const QStringList& ids = {});
    // Runs the import and shows the report; the result also goes out with importFinished.
    void importFrom(const QString& path);

signals:
    void importFinished(const ProductCsvImportResult& result);

private:
    CacheStore& m_store;
    QWidget* m_dialogParent = nullptr;
    ProductCsv::Language m_language;
};

} // namespace xd
