#include "ModulePage.h"

#include "PageHeader.h"

#include <QCoreApplication>
#include <QEvent>
#include <QFrame>
#include <QLabel>
#include <QVBoxLayout>

namespace xd {

ModulePage::ModulePage(
    const char* context, const char* titleSource, const char* descriptionSource, const QIcon& icon, QWidget* parent)
    : QWidget(parent), m_context(context), m_titleSource(titleSource), m_descriptionSource(descriptionSource)
{
    m_titleLabel = createPageTitleLabel(this, 1.8);

    m_descriptionLabel = createPageDescriptionLabel(this);

    auto* separatorFrame = new QFrame(this);
    separatorFrame->setObjectName(QStringLiteral("separatorFrame"));
    separatorFrame->setFrameShape(QFrame::HLine);
    separatorFrame->setFrameShadow(QFrame::Plain);
    // A quiet rule that separates the header from the content without drawing the eye. A style sheet, because
    // palette roles read here would be the unpolished defaults.
    separatorFrame->setStyleSheet(QStringLiteral("color: palette(midlight);"));

    // The empty state sits in the middle of the page, where the module's content will go.
    m_iconLabel = new QLabel(this);
    m_iconLabel->setObjectName(QStringLiteral("iconLabel"));
    m_iconLabel->setAlignment(Qt::AlignCenter);
    m_iconLabel->setPixmap(icon.pixmap(64, 64, QIcon::Disabled));

    m_notBuiltLabel = new QLabel(this);
    m_notBuiltLabel->setObjectName(QStringLiteral("notBuiltLabel"));
    m_notBuiltLabel->setAlignment(Qt::AlignCenter);
    m_notBuiltLabel->setWordWrap(true);
    m_notBuiltLabel->setForegroundRole(QPalette::PlaceholderText);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 24, 32, 24);
    layout->setSpacing(8);
    layout->addWidget(m_titleLabel);
    layout->addWidget(m_descriptionLabel);
    layout->addSpacing(8);
    layout->addWidget(separatorFrame);
    layout->addStretch(2);
    layout->addWidget(m_iconLabel);
    layout->addSpacing(4);
    layout->addWidget(m_notBuiltLabel);
    layout->addStretch(3);

    retranslateUi();
}

ModulePage::~ModulePage() = default;

QString ModulePage::title() const
{
    return m_titleLabel->text();
}

QString ModulePage::description() const
{
    return m_descriptionLabel->text();
}

void ModulePage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

void ModulePage::retranslateUi()
{
    m_titleLabel->setText(QCoreApplication::translate(m_context.constData(), m_titleSource.constData()));
    m_descriptionLabel->setText(QCoreApplication::translate(m_context.constData(), m_descriptionSource.constData()));
    m_notBuiltLabel->setText(tr("This module arrives in a later release."));
}

} // namespace xd
