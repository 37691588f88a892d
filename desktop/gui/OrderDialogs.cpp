#include "OrderDialogs.h"

#include "xiaodian/Money.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace xd {

namespace {

QDialogButtonBox* okCancel(QDialog* dialog, QPushButton** ok)
{
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    buttons->setObjectName(QStringLiteral("buttonBox"));
    QObject::connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    *ok = buttons->button(QDialogButtonBox::Ok);
    return buttons;
}

} // namespace

ShipDialog::ShipDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Ship orders"));
    m_carrierComboBox = new QComboBox(this);
    m_carrierComboBox->setObjectName(QStringLiteral("carrierComboBox"));
    m_carrierComboBox->setEditable(true);
    // Carriers' own names (brands), the same in every language.
    for (const char* carrier : {"顺丰速运",
                                "中通快递",
                                "圆通速递",
                                "韵达快递",
                                "申通快递",
                                "京东物流",
                                "中国邮政 EMS",
                                "极兔速递",
                                "德邦快递"})
        m_carrierComboBox->addItem(QString::fromUtf8(carrier));
    m_carrierComboBox->setCurrentIndex(-1);
    m_carrierComboBox->lineEdit()->setPlaceholderText(tr("Choose or type a carrier"));
    m_trackingTableWidget = new QTableWidget(0, 2, this);
    m_trackingTableWidget->setObjectName(QStringLiteral("trackingTableWidget"));
    m_trackingTableWidget->setHorizontalHeaderLabels({tr("Order number"), tr("Tracking number")});
    m_trackingTableWidget->horizontalHeader()->setStretchLastSection(true);
    m_trackingTableWidget->verticalHeader()->hide();
    m_trackingTableWidget->setColumnWidth(0, 160);
    auto* form = new QFormLayout;
    form->addRow(tr("Carrier:"), m_carrierComboBox);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_trackingTableWidget, 1);
    layout->addWidget(okCancel(this, &m_okButton));
    connect(m_carrierComboBox, &QComboBox::currentTextChanged, this, &ShipDialog::updateOk);
    connect(m_trackingTableWidget, &QTableWidget::itemChanged, this, &ShipDialog::updateOk);
    resize(460, 300);
    updateOk();
}

void ShipDialog::setOrders(const QList<std::pair<QString, QString>>& orders)
{
    m_orders = orders;
    m_trackingTableWidget->setRowCount(int(orders.size()));
    for (int i = 0; i < orders.size(); ++i) {
        auto* number = new QTableWidgetItem(orders.at(i).second);
        number->setFlags(Qt::ItemIsEnabled);
        m_trackingTableWidget->setItem(i, 0, number);
        m_trackingTableWidget->setItem(i, 1, new QTableWidgetItem);
    }
    setWindowTitle(orders.size() == 1 ? tr("Ship order %1").arg(orders.constFirst().second)
                                      : tr("Ship %n order(s)", nullptr, int(orders.size())));
    updateOk();
}

QString ShipDialog::carrier() const
{
    return m_carrierComboBox->currentText().trimmed();
}

QList<std::pair<QString, QString>> ShipDialog::trackingNumbers() const
{
    QList<std::pair<QString, QString>> numbers;
    for (int i = 0; i < m_orders.size(); ++i) {
        const QTableWidgetItem* item = m_trackingTableWidget->item(i, 1);
        numbers.append({m_orders.at(i).first, item ? item->text().trimmed() : QString()});
    }
    return numbers;
}

void ShipDialog::updateOk()
{
    bool complete = !carrier().isEmpty() && !m_orders.isEmpty();
    for (const auto& [id, number] : trackingNumbers())
        complete = complete && !number.isEmpty();
    m_okButton->setEnabled(complete);
}

RefundDialog::RefundDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Refund"));
    m_summaryLabel = new QLabel(this);
    m_summaryLabel->setWordWrap(true);
    m_fullRadioButton = new QRadioButton(this);
    m_fullRadioButton->setObjectName(QStringLiteral("fullRadioButton"));
    m_partRadioButton = new QRadioButton(tr("A part:"), this);
    m_partRadioButton->setObjectName(QStringLiteral("partRadioButton"));
    m_amountLineEdit = new QLineEdit(this);
    m_amountLineEdit->setObjectName(QStringLiteral("amountLineEdit"));
    m_amountLineEdit->setPlaceholderText(tr("yuan, e.g. 12.50"));
    m_reasonLineEdit = new QLineEdit(this);
    m_reasonLineEdit->setObjectName(QStringLiteral("reasonLineEdit"));
    m_reasonLineEdit->setMaxLength(200);
    auto* partLayout = new QHBoxLayout;
    partLayout->addWidget(m_partRadioButton);
    partLayout->addWidget(m_amountLineEdit, 1);
    auto* form = new QFormLayout;
    form->addRow(tr("Reason:"), m_reasonLineEdit);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summaryLabel);
    layout->addWidget(m_fullRadioButton);
    layout->addLayout(partLayout);
    layout->addLayout(form);
    layout->addWidget(okCancel(this, &m_okButton));
    connect(m_fullRadioButton, &QRadioButton::toggled, this, &RefundDialog::updateOk);
    connect(m_partRadioButton, &QRadioButton::toggled, this, &RefundDialog::updateOk);
    connect(m_amountLineEdit, &QLineEdit::textChanged, this, [this] {
        if (!m_amountLineEdit->text().isEmpty())
            m_partRadioButton->setChecked(true);
        updateOk();
    });
    connect(m_reasonLineEdit, &QLineEdit::textChanged, this, &RefundDialog::updateOk);
    updateOk();
}

void RefundDialog::setOrder(const QString& number, qint64 refundableFen, bool fullAllowed)
{
    m_refundableFen = refundableFen;
    setWindowTitle(tr("Refund order %1").arg(number));
    const QString left = Money::fromFen(refundableFen).toString();
    m_summaryLabel->setText(tr("¥%1 can still be paid back. The money goes back the way it was paid.").arg(left));
    m_fullRadioButton->setText(tr("All: ¥%1").arg(left));
    m_fullRadioButton->setVisible(fullAllowed);
    m_fullRadioButton->setChecked(fullAllowed);
    m_partRadioButton->setChecked(!fullAllowed);
    updateOk();
}

qint64 RefundDialog::amountFen() const
{
    if (m_fullRadioButton->isChecked())
        return m_refundableFen;
    auto amount = Money::parse(m_amountLineEdit->text());
    return amount && !amount->isNegative() ? amount->fen() : -1;
}

QString RefundDialog::reason() const
{
    return m_reasonLineEdit->text().trimmed();
}

void RefundDialog::updateOk()
{
    const qint64 amount = amountFen();
    m_okButton->setEnabled(amount > 0 && amount <= m_refundableFen && !reason().isEmpty());
}

OrderTextDialog::OrderTextDialog(
    const QString& title, const QString& label, int maxLength, bool required, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(title);
    m_textLineEdit = new QLineEdit(this);
    m_textLineEdit->setObjectName(QStringLiteral("textLineEdit"));
    m_textLineEdit->setMaxLength(maxLength);
    m_textLineEdit->setMinimumWidth(320);
    auto* labelWidget = new QLabel(label, this);
    labelWidget->setWordWrap(true);
    labelWidget->setBuddy(m_textLineEdit);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(labelWidget);
    layout->addWidget(m_textLineEdit);
    layout->addWidget(okCancel(this, &m_okButton));
    if (required) {
        m_okButton->setEnabled(false);
        connect(m_textLineEdit, &QLineEdit::textChanged, this, [this](const QString& text) {
            m_okButton->setEnabled(!text.trimmed().isEmpty());
        });
    }
}

void OrderTextDialog::setText(const QString& text)
{
    m_textLineEdit->setText(text);
}

QString OrderTextDialog::text() const
{
    return m_textLineEdit->text().trimmed();
}

} // namespace xd
