#include "RejectedOperationsDialog.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace xd {

RejectedOperationsDialog::RejectedOperationsDialog(QWidget* parent) : QDialog(parent)
{
    m_explanationLabel = new QLabel(this);
    m_explanationLabel->setObjectName(QStringLiteral("explanationLabel"));
    m_explanationLabel->setWordWrap(true);

    m_operationsTableWidget = new QTableWidget(0, ColumnCount, this);
    m_operationsTableWidget->setObjectName(QStringLiteral("operationsTableWidget"));
    m_operationsTableWidget->setSelectionMode(QAbstractItemView::NoSelection);
    m_operationsTableWidget->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_operationsTableWidget->setFocusPolicy(Qt::NoFocus);
    m_operationsTableWidget->setShowGrid(false);
    m_operationsTableWidget->setWordWrap(true);
    m_operationsTableWidget->verticalHeader()->hide();
    m_operationsTableWidget->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_operationsTableWidget->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_operationsTableWidget->horizontalHeader()->setSectionResizeMode(Operation, QHeaderView::ResizeToContents);
    m_operationsTableWidget->horizontalHeader()->setSectionResizeMode(Reason, QHeaderView::Stretch);
    m_operationsTableWidget->horizontalHeader()->setSectionResizeMode(Actions, QHeaderView::ResizeToContents);

    m_buttonBox = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_buttonBox->setObjectName(QStringLiteral("buttonBox"));
    connect(m_buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_explanationLabel);
    layout->addWidget(m_operationsTableWidget, 1);
    layout->addWidget(m_buttonBox);
    resize(640, 320);
    retranslateUi();
}

RejectedOperationsDialog::~RejectedOperationsDialog() = default;

void RejectedOperationsDialog::setOperations(const QList<RejectedOperation>& operations)
{
    if (operations == m_operations) {
        return;
    }
    m_operations = operations;
    rebuild();
}

QList<RejectedOperation> RejectedOperationsDialog::operations() const
{
    return m_operations;
}

void RejectedOperationsDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        rebuild();
    }
    QDialog::changeEvent(event);
}

void RejectedOperationsDialog::rebuild()
{
    m_operationsTableWidget->clearContents();
    m_operationsTableWidget->setRowCount(static_cast<int>(m_operations.size()));
    for (int row = 0; row < m_operations.size(); ++row) {
        const RejectedOperation& operation = m_operations.at(row);
        QString title = SyncStatusWidget::operationTitle(operation.name);
        if (!operation.summary.isEmpty()) {
            title = tr("%1: %2").arg(title, operation.summary);
        }
        auto* operationItem = new QTableWidgetItem(title);
        operationItem->setToolTip(QStringLiteral("%1 #%2").arg(operation.name).arg(operation.mid));
        m_operationsTableWidget->setItem(row, Operation, operationItem);

        auto* reasonItem = new QTableWidgetItem(SyncStatusWidget::reasonText(operation.code, operation.message));
        reasonItem->setToolTip(QStringLiteral("%1: %2").arg(operation.code, operation.message));
        m_operationsTableWidget->setItem(row, Reason, reasonItem);

        auto* actionsWidget = new QWidget(m_operationsTableWidget);
        actionsWidget->setObjectName(QStringLiteral("actionsWidget_%1").arg(operation.mid));
        auto* retryButton = new QToolButton(actionsWidget);
        retryButton->setObjectName(QStringLiteral("retryToolButton_%1").arg(operation.mid));
        retryButton->setText(tr("Retry"));
        retryButton->setToolTip(tr("Send this change again as a new operation"));
        auto* discardButton = new QToolButton(actionsWidget);
        discardButton->setObjectName(QStringLiteral("discardToolButton_%1").arg(operation.mid));
        discardButton->setText(tr("Discard"));
        discardButton->setToolTip(tr("Give up this change; the server's data stays as it is"));
        auto* actionsLayout = new QHBoxLayout(actionsWidget);
        actionsLayout->setContentsMargins(4, 2, 4, 2);
        actionsLayout->setSpacing(4);
        actionsLayout->addWidget(retryButton);
        actionsLayout->addWidget(discardButton);
        m_operationsTableWidget->setCellWidget(row, Actions, actionsWidget);

        const qint64 mid = operation.mid;
        connect(retryButton, &QToolButton::clicked, this, [this, mid] { emit retryRequested(mid); });
        connect(discardButton, &QToolButton::clicked, this, [this, mid] { emit discardRequested(mid); });
    }
}

void RejectedOperationsDialog::retranslateUi()
{
    setWindowTitle(tr("Changes the server refused"));
    m_explanationLabel->setText(tr("The server did not accept these changes, so they are not in the shop. Retry a "
                                   "change once the reason is sorted out, or discard it."));
    m_operationsTableWidget->setHorizontalHeaderLabels({tr("Change"), tr("Reason"), QString()});
}

} // namespace xd
