#pragma once

#include "xiaodian/Result.h"
#include "xiaodian/Stats.h"

#include <QDate>
#include <QList>
#include <QWidget>

class QComboBox;
class QDateEdit;
class QEvent;
class QLabel;

namespace xd {

// The period chooser of the finance and statistics pages: a list of presets (today, yesterday, this week, this
// month, last month, the last 7 or 30 days) and a custom range of two dates. It only chooses: the presets are the
// shared stats::periodOf around the shop's today (setToday), a custom range is checked by stats::checkedRange, so a
// reversed or too long range is an error with a plain message (shown next to the dates) and never a report.
class PeriodPicker final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PeriodPicker)

public:
    enum class Choice { Today, Yesterday, ThisWeek, ThisMonth, LastMonth, Last7Days, Last30Days, Custom };
    Q_ENUM(Choice)

    explicit PeriodPicker(QWidget* parent = nullptr);
    ~PeriodPicker() override;

    // The presets offered, in order (Custom always comes last, whether listed or not). Default: all of them.
    void setChoices(const QList<Choice>& choices);
    QList<Choice> choices() const { return m_choices; }

    // The shop's local day the presets are relative to (StatsService::today()). Emits periodChanged when the
    // chosen preset's period moves (a new day).
    void setToday(QDate today);
    QDate today() const { return m_today; }

    Choice choice() const;
    void setChoice(Choice choice); // emits periodChanged when it changes
    // Switches to Custom with this range (not checked here: period() says what is wrong with it).
    void setCustomRange(QDate from, QDate to);

    // The chosen period, or InvalidArgument (reversed range, longer than stats::MaxPeriodDays, invalid date).
    Result<stats::Period> period() const;

    static QString choiceText(Choice choice); // in the current language

signals:
    void periodChanged();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();
    void onChoiceChanged();
    void updateRangeLabel();
    static Result<stats::Period> presetPeriod(Choice choice, QDate today);

    QList<Choice> m_choices;
    QDate m_today;
    stats::Period m_lastPreset; // where a custom range starts
    QComboBox* m_periodComboBox = nullptr;
    QDateEdit* m_fromDateEdit = nullptr;
    QDateEdit* m_toDateEdit = nullptr;
    QLabel* m_rangeLabel = nullptr;
};

} // namespace xd
