#pragma once

#include "SyncStatusWidget.h"

#include <QDialog>
#include <QList>

class QDialogButtonBox;
class QEvent;
class QLabel;
class QTableWidget;

namespace xd {

// The operations the server refused, each with its reason and two ways out: discard it, or try it again.
class RejectedOperationsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RejectedOperationsDialog)

public:
    enum Column { Operation, Reason, Actions, ColumnCount };

    explicit RejectedOperationsDialog(QWidget* parent = nullptr);
    ~RejectedOperationsDialog() override;

    void setOperations(const QList<RejectedOperation>& operations);
    QList<RejectedOperation> operations() const;

signals:
    void discardRequested(qint64 mid);
    void retryRequested(qint64 mid);

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    void retranslateUi();

    QList<RejectedOperation> m_operations;
    QLabel* m_explanationLabel = nullptr;
    QTableWidget* m_operationsTableWidget = nullptr;
    QDialogButtonBox* m_buttonBox = nullptr;
};

} // namespace xd
