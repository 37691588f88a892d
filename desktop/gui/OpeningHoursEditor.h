#pragma once

#include <QJsonArray>
#include <QList>
#include <QWidget>

class QEvent;
class QLabel;
class QPushButton;
class QTimeEdit;
class QToolButton;
class QVBoxLayout;

namespace xd {

// Opening hours as time slots: each slot has the days it applies to (1 = Monday … 7 = Sunday) and an opening and
// closing time. A closing time at or before the opening time means the slot ends the next day (a bar open
// 18:00–02:00). The value is the `openingHours` list of the shop entity:
// [{"days":[1,2],"open":"09:00","close":"18:00"}].
class OpeningHoursEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OpeningHoursEditor)

public:
    static constexpr int MaximumSlots = 14;

    explicit OpeningHoursEditor(QWidget* parent = nullptr);
    ~OpeningHoursEditor() override;

    QJsonArray openingHours() const;
    void setOpeningHours(const QJsonArray& openingHours);
    int slotCount() const;

    // Why `openingHours` cannot be saved, for the merchant; empty when it can. Checks that every slot has a day
    // and two different times, and that no two slots overlap (overnight slots included).
    static QString problemWith(const QJsonArray& openingHours);
    // "Mon" … "Sun" for 1 … 7, translated.
    static QString dayName(int day);

signals:
    void openingHoursChanged();

public slots:
    // A new slot Monday to Friday, 09:00–18:00, or the days no slot has yet.
    void addSlot();

protected:
    void changeEvent(QEvent* event) override;

private:
    struct SlotRow
    {
        QWidget* rowWidget = nullptr;
        QList<QToolButton*> dayToolButtons;
        QTimeEdit* openTimeEdit = nullptr;
        QLabel* toLabel = nullptr;
        QTimeEdit* closeTimeEdit = nullptr;
        QLabel* nextDayLabel = nullptr;
        QToolButton* removeToolButton = nullptr;
    };

    void appendRow(const QList<int>& days, const QString& open, const QString& close);
    void removeRow(QWidget* rowWidget);
    void rowEdited();
    void updateRows();
    void retranslateUi();

    QVBoxLayout* m_rowsLayout = nullptr;
    QLabel* m_emptyLabel = nullptr;
    QPushButton* m_addSlotPushButton = nullptr;
    QList<SlotRow> m_rows;
    bool m_updating = false;
};

} // namespace xd
