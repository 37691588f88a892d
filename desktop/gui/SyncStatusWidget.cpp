#include "SyncStatusWidget.h"

#include "RejectedOperationsDialog.h"

#include <QCoreApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPixmap>
#include <QProgressBar>
#include <QStyle>
#include <QToolButton>

#include <algorithm>

namespace xd {

namespace {

QColor stateColor(SyncStatusWidget::State state)
{
    switch (state) {
    case SyncStatusWidget::State::Online:
        return QColor(0x07, 0xc1, 0x60);
    case SyncStatusWidget::State::Syncing:
        return QColor(0x1f, 0x7a, 0xf0);
    case SyncStatusWidget::State::Connecting:
        return QColor(0xf5, 0xa6, 0x23);
    case SyncStatusWidget::State::SignedOut:
        return QColor(0xd9, 0x30, 0x26);
    case SyncStatusWidget::State::Offline:
        break;
    }
    return QColor(0x8f, 0x95, 0x9e);
}

QPixmap dot(const QColor& color, qreal devicePixelRatio)
{
    constexpr int Size = 10;
    QPixmap pixmap(QSize(Size, Size) * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    painter.drawEllipse(QRectF(1, 1, Size - 2, Size - 2));
    return pixmap;
}

} // namespace

SyncStatusWidget::SyncStatusWidget(QWidget* parent) : QWidget(parent)
{
    m_rejectedToolButton = new QToolButton(this);
    m_rejectedToolButton->setObjectName(QStringLiteral("rejectedToolButton"));
    m_rejectedToolButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_rejectedToolButton->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
    m_rejectedToolButton->setIconSize(QSize(16, 16));
    m_rejectedToolButton->setAutoRaise(true);
    m_rejectedToolButton->setStyleSheet(QStringLiteral("QToolButton { color: #d93026; font-weight: bold; }"));
    m_rejectedToolButton->hide();
    connect(m_rejectedToolButton, &QToolButton::clicked, this, &SyncStatusWidget::showRejected);

    m_progressBar = new QProgressBar(this);
    m_progressBar->setObjectName(QStringLiteral("progressBar"));
    m_progressBar->setRange(0, 100);
    m_progressBar->setFixedWidth(200);
    m_progressBar->setTextVisible(true);
    m_progressBar->hide();

    m_pendingLabel = new QLabel(this);
    m_pendingLabel->setObjectName(QStringLiteral("pendingLabel"));
    m_pendingLabel->hide();

    m_dotLabel = new QLabel(this);
    m_dotLabel->setObjectName(QStringLiteral("dotLabel"));
    m_stateLabel = new QLabel(this);
    m_stateLabel->setObjectName(QStringLiteral("stateLabel"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 8, 0);
    layout->setSpacing(6);
    layout->addWidget(m_rejectedToolButton);
    layout->addWidget(m_progressBar);
    layout->addWidget(m_pendingLabel);
    layout->addSpacing(6);
    layout->addWidget(m_dotLabel);
    layout->addWidget(m_stateLabel);

    retranslateUi();
}

SyncStatusWidget::~SyncStatusWidget() = default;

SyncStatusWidget::State SyncStatusWidget::state() const
{
    return m_state;
}

int SyncStatusWidget::pendingCount() const
{
    return m_pendingCount;
}

int SyncStatusWidget::progress() const
{
    return m_progress;
}

QList<RejectedOperation> SyncStatusWidget::rejected() const
{
    return m_rejected;
}

QString SyncStatusWidget::stateText(State state)
{
    switch (state) {
    case State::Offline:
        return tr("Offline");
    case State::Connecting:
        return tr("Connecting…");
    case State::Online:
        return tr("Online");
    case State::Syncing:
        return tr("Syncing…");
    case State::SignedOut:
        return tr("Signed out");
    }
    return QString();
}

QString SyncStatusWidget::operationTitle(const QString& mutationName)
{
    struct Title
    {
        const char* name;
        const char* title;
    };
    static constexpr Title titles[] = {
        {"shop.updateProfile", QT_TR_NOOP("Shop profile")},
        {"shop.uploadPhoto", QT_TR_NOOP("Add shop photo")},
        {"shop.reorderPhotos", QT_TR_NOOP("Reorder shop photos")},
        {"shop.removePhoto", QT_TR_NOOP("Remove shop photo")},
        {"staff.add", QT_TR_NOOP("Add staff member")},
        {"staff.update", QT_TR_NOOP("Change staff account")},
        {"staff.resetPassword", QT_TR_NOOP("Reset staff password")},
        {"article.save", QT_TR_NOOP("Save article")},
        {"article.delete", QT_TR_NOOP("Delete article")},
        {"order.accept", QT_TR_NOOP("Accept order")},
        {"order.ship", QT_TR_NOOP("Ship order")},
        {"order.readyForPickup", QT_TR_NOOP("Order ready for pickup")},
        {"order.startService", QT_TR_NOOP("Start the order's service")},
        {"order.complete", QT_TR_NOOP("Complete order")},
        {"order.markCollected", QT_TR_NOOP("Cash collected for order")},
        {"order.cancel", QT_TR_NOOP("Cancel order")},
        {"order.refund", QT_TR_NOOP("Refund order")},
        {"order.rejectRefund", QT_TR_NOOP("Reject refund")},
        {"order.remark", QT_TR_NOOP("Order remark")},
        {"review.reply", QT_TR_NOOP("Reply to review")},
        {"review.setHidden", QT_TR_NOOP("Hide or show review")},
    };
    for (const Title& title : titles) {
        if (mutationName == QLatin1StringView(title.name)) {
            return tr(title.title);
        }
    }
    return mutationName;
}

QString SyncStatusWidget::reasonText(const QString& code, const QString& message)
{
    struct Reason
    {
        const char* code;
        const char* text;
    };
    static constexpr Reason reasons[] = {
        {"permission_denied", QT_TR_NOOP("Your account is not allowed to do this.")},
        {"invalid_argument", QT_TR_NOOP("The server did not accept the values.")},
        {"not_found", QT_TR_NOOP("It no longer exists; someone may have removed it.")},
        {"already_exists", QT_TR_NOOP("It already exists.")},
        {"conflict", QT_TR_NOOP("It clashes with a change made elsewhere.")},
    };
    for (const Reason& reason : reasons) {
        if (code == QLatin1StringView(reason.code)) {
            // The server's own words follow, as they name the field or the rule.
            return message.isEmpty() ? tr(reason.text) : tr("%1 (%2)").arg(tr(reason.text), message);
        }
    }
    return message.isEmpty() ? code : message;
}

void SyncStatusWidget::setState(State state)
{
    m_state = state;
    retranslateUi();
}

void SyncStatusWidget::setPendingCount(int count)
{
    m_pendingCount = std::max(0, count);
    retranslateUi();
}

void SyncStatusWidget::setProgress(int percent)
{
    m_progress = percent < 0 ? -1 : std::min(percent, 100);
    m_progressBar->setVisible(m_progress >= 0);
    if (m_progress >= 0) {
        m_progressBar->setValue(m_progress);
    }
}

void SyncStatusWidget::setRejected(const QList<RejectedOperation>& rejected)
{
    m_rejected = rejected;
    retranslateUi();
    if (m_rejectedDialog) {
        m_rejectedDialog->setOperations(m_rejected);
        if (m_rejected.isEmpty()) {
            m_rejectedDialog->close();
        }
    }
}

void SyncStatusWidget::showRejected()
{
    if (!m_rejectedDialog) {
        m_rejectedDialog = new RejectedOperationsDialog(window());
        m_rejectedDialog->setObjectName(QStringLiteral("rejectedOperationsDialog"));
        m_rejectedDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(
            m_rejectedDialog, &RejectedOperationsDialog::discardRequested, this, &SyncStatusWidget::discardRequested);
        connect(m_rejectedDialog, &RejectedOperationsDialog::retryRequested, this, &SyncStatusWidget::retryRequested);
    }
    m_rejectedDialog->setOperations(m_rejected);
    m_rejectedDialog->show();
    m_rejectedDialog->raise();
    m_rejectedDialog->activateWindow();
}

void SyncStatusWidget::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

void SyncStatusWidget::retranslateUi()
{
    m_dotLabel->setPixmap(dot(stateColor(m_state), devicePixelRatioF()));
    m_stateLabel->setText(stateText(m_state));
    QString tip;
    switch (m_state) {
    case State::Offline:
        tip = tr("Not connected to the shop server. Changes are kept on this computer and sent later.");
        break;
    case State::Connecting:
        tip = tr("Connecting to the shop server.");
        break;
    case State::Online:
        tip = tr("Connected; this computer has the shop's latest data.");
        break;
    case State::Syncing:
        tip = tr("Exchanging changes with the shop server.");
        break;
    case State::SignedOut:
        tip = tr("The server ended this session. Sign in again to sync.");
        break;
    }
    m_stateLabel->setToolTip(tip);
    m_dotLabel->setToolTip(tip);

    m_pendingLabel->setText(tr("%n change(s) not synced", nullptr, m_pendingCount));
    m_pendingLabel->setToolTip(tr("Saved on this computer; sent to the server when connected."));
    m_pendingLabel->setVisible(m_pendingCount > 0);

    m_progressBar->setFormat(tr("Downloading %p%"));
    m_progressBar->setToolTip(tr("First download of the shop's data"));

    const int rejectedCount = static_cast<int>(m_rejected.size());
    m_rejectedToolButton->setText(tr("%n change(s) refused", nullptr, rejectedCount));
    m_rejectedToolButton->setToolTip(tr("The server refused some changes. Click to see why."));
    m_rejectedToolButton->setVisible(rejectedCount > 0);
}

} // namespace xd
