#include "PeriodPicker.h"

#include <QComboBox>
#include <QDateEdit>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>

namespace xd {

namespace {

const QList<PeriodPicker::Choice> AllPresets{PeriodPicker::Choice::Today,
                                             PeriodPicker::Choice::Yesterday,
                                             PeriodPicker::Choice::ThisWeek,
                                             PeriodPicker::Choice::ThisMonth,
                                             PeriodPicker::Choice::LastMonth,
                                             PeriodPicker::Choice::Last7Days,
                                             PeriodPicker::Choice::Last30Days};

QDateEdit* dateEdit(QWidget* parent, const char* name)
{
    auto* edit = new QDateEdit(parent);
    edit->setObjectName(QLatin1String(name));
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    return edit;
}

} // namespace

PeriodPicker::PeriodPicker(QWidget* parent) : QWidget(parent), m_today(QDate::currentDate())
{
    m_periodComboBox = new QComboBox(this);
    m_periodComboBox->setObjectName(QStringLiteral("periodComboBox"));
    m_periodComboBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_fromDateEdit = dateEdit(this, "fromDateEdit");
    m_toDateEdit = dateEdit(this, "toDateEdit");
    m_rangeLabel = new QLabel(this);
    m_rangeLabel->setObjectName(QStringLiteral("rangeLabel"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_periodComboBox);
    layout->addWidget(m_fromDateEdit);
    layout->addWidget(m_toDateEdit);
    layout->addWidget(m_rangeLabel, 1);

    connect(m_periodComboBox, &QComboBox::currentIndexChanged, this, &PeriodPicker::onChoiceChanged);
    for (QDateEdit* edit : {m_fromDateEdit, m_toDateEdit})
        connect(edit, &QDateEdit::dateChanged, this, [this] {
            updateRangeLabel();
            emit periodChanged();
        });

    setChoices(AllPresets);
}

PeriodPicker::~PeriodPicker() = default;

void PeriodPicker::setChoices(const QList<Choice>& choices)
{
    const Choice current = m_periodComboBox->count() > 0 ? choice() : Choice::Today;
    m_choices.clear();
    for (Choice choice : choices) {
        if (choice != Choice::Custom && !m_choices.contains(choice))
            m_choices.append(choice);
    }
    m_choices.append(Choice::Custom);
    {
        const QSignalBlocker blocker(m_periodComboBox);
        m_periodComboBox->clear();
        for (Choice choice : std::as_const(m_choices))
            m_periodComboBox->addItem(choiceText(choice), QVariant::fromValue(choice));
        const int index = int(m_choices.indexOf(current));
        m_periodComboBox->setCurrentIndex(index >= 0 ? index : 0);
    }
    onChoiceChanged();
}

void PeriodPicker::setToday(QDate today)
{
    if (!today.isValid() || today == m_today)
        return;
    m_today = today;
    if (choice() == Choice::Custom)
        return updateRangeLabel(); // a custom range does not move with the days
    updateRangeLabel();
    emit periodChanged();
}

PeriodPicker::Choice PeriodPicker::choice() const
{
    return m_periodComboBox->currentData().value<Choice>();
}

void PeriodPicker::setChoice(Choice choice)
{
    const int index = int(m_choices.indexOf(choice));
    if (index >= 0)
        m_periodComboBox->setCurrentIndex(index); // onChoiceChanged when it changes
}

void PeriodPicker::setCustomRange(QDate from, QDate to)
{
    {
        const QSignalBlocker fromBlocker(m_fromDateEdit);
        const QSignalBlocker toBlocker(m_toDateEdit);
        const QSignalBlocker comboBlocker(m_periodComboBox);
        m_fromDateEdit->setDate(from);
        m_toDateEdit->setDate(to);
        m_periodComboBox->setCurrentIndex(int(m_choices.indexOf(Choice::Custom)));
    }
    m_fromDateEdit->setVisible(true);
    m_toDateEdit->setVisible(true);
    updateRangeLabel();
    emit periodChanged();
}

Result<stats::Period> PeriodPicker::period() const
{
    if (choice() != Choice::Custom)
        return presetPeriod(choice(), m_today);
    const QDate from = m_fromDateEdit->date();
    const QDate to = m_toDateEdit->date();
    auto checked = stats::checkedRange(from, to);
    if (checked)
        return checked;
    // The shared message is plain English; these say the same in the desktop's language.
    if (from.isValid() && to.isValid() && to < from)
        return Error{ErrorCode::InvalidArgument, tr("The end date is before the start date.")};
    if (from.isValid() && to.isValid() && from.daysTo(to) + 1 > stats::MaxPeriodDays)
        return Error{ErrorCode::InvalidArgument,
                     tr("A report covers at most %1 days; choose a shorter range.").arg(stats::MaxPeriodDays)};
    return checked;
}

QString PeriodPicker::choiceText(Choice choice)
{
    switch (choice) {
    case Choice::Today:
        return tr("Today");
    case Choice::Yesterday:
        return tr("Yesterday");
    case Choice::ThisWeek:
        return tr("This week");
    case Choice::ThisMonth:
        return tr("This month");
    case Choice::LastMonth:
        return tr("Last month");
    case Choice::Last7Days:
        return tr("Last 7 days");
    case Choice::Last30Days:
        return tr("Last 30 days");
    case Choice::Custom:
        return tr("Custom range");
    }
    return {};
}

void PeriodPicker::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void PeriodPicker::retranslateUi()
{
    for (int i = 0; i < m_periodComboBox->count(); ++i)
        m_periodComboBox->setItemText(i, choiceText(m_choices.value(i)));
    m_fromDateEdit->setToolTip(tr("First day"));
    m_toDateEdit->setToolTip(tr("Last day"));
    updateRangeLabel();
}

void PeriodPicker::onChoiceChanged()
{
    const bool custom = choice() == Choice::Custom;
    if (custom && m_fromDateEdit->isHidden()) {
        // A custom range starts from the period shown so far, or the last 30 days.
        const QSignalBlocker fromBlocker(m_fromDateEdit);
        const QSignalBlocker toBlocker(m_toDateEdit);
        const stats::Period start = stats::Period{m_today.addDays(-29), m_today};
        m_fromDateEdit->setDate(m_lastPreset.from.isValid() ? m_lastPreset.from : start.from);
        m_toDateEdit->setDate(m_lastPreset.to.isValid() ? m_lastPreset.to : start.to);
    }
    if (!custom) {
        if (auto preset = presetPeriod(choice(), m_today); preset)
            m_lastPreset = *preset;
    }
    m_fromDateEdit->setVisible(custom);
    m_toDateEdit->setVisible(custom);
    updateRangeLabel();
    emit periodChanged();
}

void PeriodPicker::updateRangeLabel()
{
    const auto chosen = period();
    if (!chosen) {
        m_rangeLabel->setText(chosen.error().message);
        m_rangeLabel->setStyleSheet(QStringLiteral("color: #d93026;"));
        return;
    }
    m_rangeLabel->setStyleSheet(QString());
    const QString from = stats::dayText(chosen->from);
    m_rangeLabel->setText(
        chosen->days() == 1 ? from : tr("%1 to %2, %3 days").arg(from, stats::dayText(chosen->to)).arg(chosen->days()));
}

Result<stats::Period> PeriodPicker::presetPeriod(Choice choice, QDate today)
{
    switch (choice) {
    case Choice::Today:
        return stats::periodOf(stats::PeriodKind::Today, today, today);
    case Choice::Yesterday:
        return stats::periodOf(stats::PeriodKind::Yesterday, today, today);
    case Choice::ThisWeek:
        return stats::periodOf(stats::PeriodKind::ThisWeek, today, today);
    case Choice::ThisMonth:
        return stats::periodOf(stats::PeriodKind::ThisMonth, today, today);
    case Choice::LastMonth:
        return stats::periodOf(stats::PeriodKind::LastMonth, today, today);
    case Choice::Last7Days:
        return stats::Period{today.addDays(-6), today};
    case Choice::Last30Days:
        return stats::Period{today.addDays(-29), today};
    case Choice::Custom:
        break;
    }
    return Error{ErrorCode::InvalidArgument, QStringLiteral("not a preset")};
}

} // namespace xd
