#pragma once

#include <QRegularExpression>
#include <QStringList>
#include <QWidget>

class QEvent;
class QLabel;
class QLineEdit;
class QListWidget;
class QToolButton;

namespace xd {

// An ordered list of short texts (service items, phone numbers): type one and add it, edit in place (double-click),
// remove, move up and down. Blank entries and duplicates are never kept.
class StringListEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StringListEditor)

public:
    explicit StringListEditor(QWidget* parent = nullptr);
    ~StringListEditor() override;

    QStringList items() const;
    void setItems(const QStringList& items);

    void setMaximumItems(int maximum);
    void setMaximumItemLength(int maximum);
    // Items must match `pattern` in full; `hint` says what is expected when one does not.
    void setItemPattern(const QRegularExpression& pattern, const QString& hint);
    void setPlaceholderText(const QString& text);
    // The list is as tall as `rows` entries; more scroll.
    void setVisibleRows(int rows);

signals:
    void itemsChanged();

public slots:
    // Adds the text in the input field, as the Add button does.
    void addPendingItem();

protected:
    void changeEvent(QEvent* event) override;

private slots:
    void removeSelected();
    void moveSelected(int delta);
    void updateButtons();

private:
    void retranslateUi();
    void showProblem(const QString& problem);
    // Why `text` cannot be an item (empty when it can); `exceptRow` is the row being edited, if any.
    QString problemWith(const QString& text, int exceptRow) const;

    QLineEdit* m_inputLineEdit = nullptr;
    QToolButton* m_addToolButton = nullptr;
    QListWidget* m_itemsListWidget = nullptr;
    QToolButton* m_removeToolButton = nullptr;
    QToolButton* m_upToolButton = nullptr;
    QToolButton* m_downToolButton = nullptr;
    QLabel* m_problemLabel = nullptr;

    int m_maximumItems = 50;
    int m_maximumItemLength = 50;
    QRegularExpression m_itemPattern;
    QString m_itemPatternHint;
    QStringList m_lastItems;
    bool m_updating = false;
};

} // namespace xd
