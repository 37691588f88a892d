#pragma once

#include <QDialog>
#include <QList>
#include <QString>

#include <utility>

class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QTableWidget;

namespace xd {

// Ship one order or a batch: one carrier, a tracking number per order. OK stays disabled until all are filled.
class ShipDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShipDialog)

public:
    explicit ShipDialog(QWidget* parent = nullptr);
    // (order id, order number) pairs, in the order shown.
    void setOrders(const QList<std::pair<QString, QString>>& orders);
    QString carrier() const;
    // (order id, tracking number) pairs.
    QList<std::pair<QString, QString>> trackingNumbers() const;

private:
    void updateOk();

    QList<std::pair<QString, QString>> m_orders;
    QComboBox* m_carrierComboBox = nullptr;
    QTableWidget* m_trackingTableWidget = nullptr;
    QPushButton* m_okButton = nullptr;
};

// A refund: all that is left (only when answering a refund request) or a part, in yuan, with a reason.
class RefundDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RefundDialog)

public:
    explicit RefundDialog(QWidget* parent = nullptr);
    // `refundableFen`: what may still be paid back; `fullAllowed`: whether "all" is a choice (a refund request).
    void setOrder(const QString& number, qint64 refundableFen, bool fullAllowed);
    // The amount in fen, or -1 when the text is not a valid amount.
    qint64 amountFen() const;
    QString reason() const;

private:
    void updateOk();

    qint64 m_refundableFen = 0;
    QLabel* m_summaryLabel = nullptr;
    QRadioButton* m_fullRadioButton = nullptr;
    QRadioButton* m_partRadioButton = nullptr;
    QLineEdit* m_amountLineEdit = nullptr;
    QLineEdit* m_reasonLineEdit = nullptr;
    QPushButton* m_okButton = nullptr;
};

// One line of text for an order: a cancellation reason, a note, a remark, a pickup code.
class OrderTextDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderTextDialog)

public:
    OrderTextDialog(
        const QString& title, const QString& label, int maxLength, bool required, QWidget* parent = nullptr);
    void setText(const QString& text);
    QString text() const;

private:
    QLineEdit* m_textLineEdit = nullptr;
    QPushButton* m_okButton = nullptr;
};

} // namespace xd
