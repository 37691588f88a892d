#include "StaffPage.h"

#include "PageHeader.h"
#include "StaffAddDialog.h"
#include "StaffPasswordDialog.h"
#include "StaffTableModel.h"

#include <QEvent>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace xd {

StaffPage::StaffPage(QWidget* parent) : QWidget(parent)
{
    m_model = new StaffTableModel(this);

    m_titleLabel = createPageTitleLabel(this);
    m_descriptionLabel = createPageDescriptionLabel(this);

    m_readOnlyNoticeFrame = new QFrame(this);
    m_readOnlyNoticeFrame->setObjectName(QStringLiteral("readOnlyNoticeFrame"));
    m_readOnlyNoticeFrame->setStyleSheet(QStringLiteral("QFrame#readOnlyNoticeFrame { background: #f0f5ff; border: "
                                                        "1px solid #adc6ff; border-radius: 4px; }"
                                                        "QLabel { color: #10239e; }"));
    m_readOnlyNoticeLabel = new QLabel(m_readOnlyNoticeFrame);
    m_readOnlyNoticeLabel->setObjectName(QStringLiteral("readOnlyNoticeLabel"));
    m_readOnlyNoticeLabel->setWordWrap(true);
    auto* noticeLayout = new QHBoxLayout(m_readOnlyNoticeFrame);
    noticeLayout->setContentsMargins(10, 6, 10, 6);
    noticeLayout->addWidget(m_readOnlyNoticeLabel);

    m_actionsWidget = new QWidget(this);
    m_actionsWidget->setObjectName(QStringLiteral("actionsWidget"));
    m_addPushButton = new QPushButton(m_actionsWidget);
    m_addPushButton->setObjectName(QStringLiteral("addPushButton"));
    m_disablePushButton = new QPushButton(m_actionsWidget);
    m_disablePushButton->setObjectName(QStringLiteral("disablePushButton"));
    m_resetPasswordPushButton = new QPushButton(m_actionsWidget);
    m_resetPasswordPushButton->setObjectName(QStringLiteral("resetPasswordPushButton"));
    m_changeRolePushButton = new QPushButton(m_actionsWidget);
    m_changeRolePushButton->setObjectName(QStringLiteral("changeRolePushButton"));
    m_actionHintLabel = new QLabel(m_actionsWidget);
    m_actionHintLabel->setObjectName(QStringLiteral("actionHintLabel"));
    m_actionHintLabel->setForegroundRole(QPalette::PlaceholderText);
    auto* actionsLayout = new QHBoxLayout(m_actionsWidget);
    actionsLayout->setContentsMargins(0, 0, 0, 0);
    actionsLayout->addWidget(m_addPushButton);
    actionsLayout->addSpacing(12);
    actionsLayout->addWidget(m_disablePushButton);
    actionsLayout->addWidget(m_resetPasswordPushButton);
    actionsLayout->addWidget(m_changeRolePushButton);
    actionsLayout->addSpacing(12);
    actionsLayout->addWidget(m_actionHintLabel, 1);

    m_staffTableView = new QTableView(this);
    m_staffTableView->setObjectName(QStringLiteral("staffTableView"));
    m_staffTableView->setModel(m_model);
    m_staffTableView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_staffTableView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_staffTableView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_staffTableView->setAlternatingRowColors(true);
    m_staffTableView->setShowGrid(false);
    m_staffTableView->setWordWrap(false);
    m_staffTableView->verticalHeader()->hide();
    m_staffTableView->horizontalHeader()->setHighlightSections(false);
    m_staffTableView->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_staffTableView->horizontalHeader()->setStretchLastSection(true);
    m_staffTableView->setColumnWidth(StaffTableModel::Login, 220);
    m_staffTableView->setColumnWidth(StaffTableModel::DisplayName, 280);
    m_staffTableView->setColumnWidth(StaffTableModel::Role, 140);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 16, 24, 16);
    layout->setSpacing(8);
    layout->addWidget(m_titleLabel);
    layout->addWidget(m_descriptionLabel);
    layout->addWidget(m_readOnlyNoticeFrame);
    layout->addWidget(m_actionsWidget);
    layout->addWidget(m_staffTableView, 1);

    connect(m_addPushButton, &QPushButton::clicked, this, &StaffPage::addStaff);
    connect(m_disablePushButton, &QPushButton::clicked, this, &StaffPage::toggleSelectedDisabled);
    connect(m_resetPasswordPushButton, &QPushButton::clicked, this, &StaffPage::resetSelectedPassword);
    connect(m_changeRolePushButton, &QPushButton::clicked, this, &StaffPage::changeSelectedRole);
    connect(
        m_staffTableView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &StaffPage::updateActions);
    connect(m_staffTableView, &QTableView::doubleClicked, this, [this] {
        if (m_currentRole == Role::Owner && m_resetPasswordPushButton->isEnabled()) {
            resetSelectedPassword();
        }
    });

    retranslateUi();
    setCurrentStaff(QString(), Role::Clerk);
}

StaffPage::~StaffPage() = default;

void StaffPage::setStaff(const QList<QJsonObject>& staff)
{
    // The list is replaced on every pull; the selection follows the person, not the row.
    const QString selectedId = selectedStaffId();
    m_model->setStaff(staff);
    selectStaff(selectedId);
    updateActions();
}

void StaffPage::setCurrentStaff(const QString& id, Role role)
{
    m_model->setCurrentStaffId(id);
    m_currentRole = role;
    const bool owner = role == Role::Owner;
    m_actionsWidget->setVisible(owner);
    m_readOnlyNoticeFrame->setVisible(!owner);
    updateActions();
}

StaffTableModel* StaffPage::model() const
{
    return m_model;
}

QString StaffPage::selectedStaffId() const
{
    const QModelIndexList rows = m_staffTableView->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.constFirst().data(StaffTableModel::IdRole).toString();
}

void StaffPage::selectStaff(const QString& id)
{
    const QModelIndex index = m_model->indexFromId(id);
    if (!index.isValid()) {
        m_staffTableView->clearSelection();
        return;
    }
    m_staffTableView->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void StaffPage::addStaff()
{
    if (m_currentRole != Role::Owner) {
        return;
    }
    StaffAddDialog dialog(m_model->logins(), this);
    dialog.setObjectName(QStringLiteral("staffAddDialog"));
    if (dialog.exec() == QDialog::Accepted) {
        emit staffAddRequested(dialog.arguments());
    }
}

void StaffPage::toggleSelectedDisabled()
{
    const QString id = selectedStaffId();
    if (m_currentRole != Role::Owner || id.isEmpty()) {
        return;
    }
    const QModelIndex index = m_model->indexFromId(id);
    const QString name = index.data(StaffTableModel::DisplayNameRole).toString();
    if (index.data(StaffTableModel::DisabledRole).toBool()) {
        emit staffUpdateRequested(id, QJsonObject{{QStringLiteral("disabled"), false}});
        return;
    }
    if (!selfHarmReason(true).isEmpty()) {
        return;
    }
    if (confirm(tr("Disable account"),
                tr("Disable %1? They can no longer sign in, and their devices are signed out now.").arg(name),
                tr("Disable"))) {
        emit staffUpdateRequested(id, QJsonObject{{QStringLiteral("disabled"), true}});
    }
}

void StaffPage::resetSelectedPassword()
{
    const QString id = selectedStaffId();
    if (m_currentRole != Role::Owner || id.isEmpty()) {
        return;
    }
    const QString name = m_model->indexFromId(id).data(StaffTableModel::DisplayNameRole).toString();
    StaffPasswordDialog dialog(name, this);
    dialog.setObjectName(QStringLiteral("staffPasswordDialog"));
    if (dialog.exec() == QDialog::Accepted) {
        emit staffPasswordResetRequested(id, dialog.password());
    }
}

void StaffPage::changeSelectedRole()
{
    const QString id = selectedStaffId();
    if (m_currentRole != Role::Owner || id.isEmpty() || !selfHarmReason(false).isEmpty()) {
        return;
    }
    const QModelIndex index = m_model->indexFromId(id);
    const QString name = index.data(StaffTableModel::DisplayNameRole).toString();
    const bool owner = index.data(StaffTableModel::RoleNameRole).toString() == roleName(Role::Owner);
    const bool confirmed =
        owner ? confirm(tr("Change role"),
                        tr("Make %1 a clerk? They will no longer manage staff or shop-wide settings.").arg(name),
                        tr("Make clerk"))
              : confirm(tr("Change role"),
                        tr("Make %1 an owner? Owners manage staff and every setting, as you do.").arg(name),
                        tr("Make owner"));
    if (confirmed) {
        emit staffUpdateRequested(id,
                                  QJsonObject{{QStringLiteral("role"), roleName(owner ? Role::Clerk : Role::Owner)}});
    }
}

void StaffPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

void StaffPage::updateActions()
{
    const QString id = selectedStaffId();
    const QModelIndex index = m_model->indexFromId(id);
    const bool selected = index.isValid();
    const bool disabled = index.data(StaffTableModel::DisabledRole).toBool();
    const bool owner = index.data(StaffTableModel::RoleNameRole).toString() == roleName(Role::Owner);

    m_disablePushButton->setText(selected && disabled ? tr("&Enable") : tr("&Disable"));
    m_changeRolePushButton->setText(selected && owner ? tr("Make &clerk") : tr("Make &owner"));

    const QString disableBlocked = selected && !disabled ? selfHarmReason(true) : QString();
    const QString roleBlocked = selected ? selfHarmReason(false) : QString();
    m_disablePushButton->setEnabled(selected && disableBlocked.isEmpty());
    m_resetPasswordPushButton->setEnabled(selected && !disabled);
    m_changeRolePushButton->setEnabled(selected && !disabled && roleBlocked.isEmpty());
    m_disablePushButton->setToolTip(disableBlocked);
    m_changeRolePushButton->setToolTip(roleBlocked);
    m_actionHintLabel->setText(!selected ? tr("Select a staff member to change their account.")
                                         : (!disableBlocked.isEmpty() ? disableBlocked : roleBlocked));
}

void StaffPage::retranslateUi()
{
    m_titleLabel->setText(tr("Staff"));
    m_descriptionLabel->setText(tr("The accounts that sign in to this back office."));
    m_readOnlyNoticeLabel->setText(tr("Only the shop owner manages staff accounts. You can see the list."));
    m_addPushButton->setText(tr("&Add staff member…"));
    m_resetPasswordPushButton->setText(tr("Reset &password…"));
    m_staffTableView->setAccessibleName(tr("Staff"));
    m_model->retranslate();
    updateActions();
}

bool StaffPage::confirm(const QString& title, const QString& text, const QString& action)
{
    QMessageBox question(QMessageBox::Question, title, text, QMessageBox::NoButton, this);
    question.setObjectName(QStringLiteral("confirmMessageBox"));
    QPushButton* actionButton = question.addButton(action, QMessageBox::AcceptRole);
    question.addButton(QMessageBox::Cancel);
    question.setDefaultButton(QMessageBox::Cancel);
    question.exec();
    return question.clickedButton() == actionButton;
}

QString StaffPage::selfHarmReason(bool disabling) const
{
    const QModelIndex index = m_model->indexFromId(selectedStaffId());
    if (!index.isValid()) {
        return QString();
    }
    const bool owner = index.data(StaffTableModel::RoleNameRole).toString() == roleName(Role::Owner);
    if (index.data(StaffTableModel::IsCurrentStaffRole).toBool() && (disabling || owner)) {
        return disabling ? tr("You cannot disable your own account.") : tr("You cannot take away your own owner role.");
    }
    // The server keeps at least one enabled owner per shop.
    if (owner && !index.data(StaffTableModel::DisabledRole).toBool() && m_model->enabledOwnerCount() <= 1) {
        return tr("The shop needs at least one active owner.");
    }
    return QString();
}

} // namespace xd
