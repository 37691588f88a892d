#pragma once

class QLabel;
class QWidget;

namespace xd {

// The heading a page starts with: a large bold title and a muted, word-wrapped description. Their object names are
// titleLabel and descriptionLabel (tests find them by these); the page sets the texts when it retranslates.
QLabel* createPageTitleLabel(QWidget* parent, double scale = 1.5);
QLabel* createPageDescriptionLabel(QWidget* parent);

} // namespace xd
