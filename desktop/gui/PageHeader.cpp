#include "PageHeader.h"

#include <QLabel>

namespace xd {

QLabel* createPageTitleLabel(QWidget* parent, double scale)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QStringLiteral("titleLabel"));
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * scale);
    font.setBold(true);
    label->setFont(font);
    return label;
}

QLabel* createPageDescriptionLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QStringLiteral("descriptionLabel"));
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

} // namespace xd
