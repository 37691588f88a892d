#include "OpeningHoursEditor.h"

#include <QCoreApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QTime>
#include <QTimeEdit>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <array>
#include <optional>

namespace xd {

namespace {

constexpr int DaysPerWeek = 7;
constexpr int MinutesPerDay = 24 * 60;
constexpr int MinutesPerWeek = DaysPerWeek * MinutesPerDay;

QString timeFormat()
{
    return QStringLiteral("HH:mm");
}

std::optional<int> minutesOf(const QString& text)
{
    const QTime time = QTime::fromString(text, timeFormat());
    if (!time.isValid()) {
        return std::nullopt;
    }
    return time.hour() * 60 + time.minute();
}

// One slot on one day, as a stretch of the week's minutes that may run past Sunday midnight into Monday.
struct Stretch
{
    int slot = 0;
    int day = 0;
    int start = 0;
    int length = 0;
};

bool overlap(const Stretch& a, const Stretch& b)
{
    const auto ahead = [](int from, int to) {
        return ((to - from) % MinutesPerWeek + MinutesPerWeek) % MinutesPerWeek;
    };
    return ahead(a.start, b.start) < a.length || ahead(b.start, a.start) < b.length;
}

// A chosen day must read as chosen at a glance: filled with the brand green.
QString dayButtonStyleSheet()
{
    return QStringLiteral("QToolButton { border: 1px solid palette(mid); border-radius: 3px; padding: 3px 5px; "
                          "background: palette(base); color: palette(text); }"
                          "QToolButton:hover { border-color: #07c160; }"
                          "QToolButton:checked { background: #07c160; border-color: #06ad56; color: white; }");
}

} // namespace

OpeningHoursEditor::OpeningHoursEditor(QWidget* parent) : QWidget(parent)
{
    m_emptyLabel = new QLabel(this);
    m_emptyLabel->setObjectName(QStringLiteral("emptyLabel"));
    m_emptyLabel->setForegroundRole(QPalette::PlaceholderText);

    m_addSlotPushButton = new QPushButton(this);
    m_addSlotPushButton->setObjectName(QStringLiteral("addSlotPushButton"));
    connect(m_addSlotPushButton, &QPushButton::clicked, this, &OpeningHoursEditor::addSlot);

    m_rowsLayout = new QVBoxLayout;
    m_rowsLayout->setContentsMargins(0, 0, 0, 0);
    m_rowsLayout->setSpacing(4);

    auto* addLayout = new QHBoxLayout;
    addLayout->setContentsMargins(0, 0, 0, 0);
    addLayout->addWidget(m_addSlotPushButton);
    addLayout->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    layout->addWidget(m_emptyLabel);
    layout->addLayout(m_rowsLayout);
    layout->addLayout(addLayout);

    retranslateUi();
    updateRows();
}

OpeningHoursEditor::~OpeningHoursEditor() = default;

QJsonArray OpeningHoursEditor::openingHours() const
{
    QJsonArray result;
    for (const SlotRow& row : m_rows) {
        QJsonArray days;
        for (int day = 1; day <= DaysPerWeek; ++day) {
            if (row.dayToolButtons.at(day - 1)->isChecked()) {
                days.append(day);
            }
        }
        result.append(QJsonObject{{QStringLiteral("days"), days},
                                  {QStringLiteral("open"), row.openTimeEdit->time().toString(timeFormat())},
                                  {QStringLiteral("close"), row.closeTimeEdit->time().toString(timeFormat())}});
    }
    return result;
}

void OpeningHoursEditor::setOpeningHours(const QJsonArray& openingHours)
{
    m_updating = true;
    while (!m_rows.isEmpty()) {
        delete m_rows.takeLast().rowWidget;
    }
    for (const QJsonValue& value : openingHours) {
        const QJsonObject slot = value.toObject();
        QList<int> days;
        const QJsonArray dayValues = slot.value(QStringLiteral("days")).toArray();
        for (const QJsonValue& day : dayValues) {
            days.append(day.toInt());
        }
        appendRow(days, slot.value(QStringLiteral("open")).toString(), slot.value(QStringLiteral("close")).toString());
    }
    m_updating = false;
    updateRows();
}

int OpeningHoursEditor::slotCount() const
{
    return static_cast<int>(m_rows.size());
}

QString OpeningHoursEditor::problemWith(const QJsonArray& openingHours)
{
    if (openingHours.size() > MaximumSlots) {
        return tr("At most %n time slots.", nullptr, MaximumSlots);
    }
    QList<Stretch> stretches;
    for (int index = 0; index < openingHours.size(); ++index) {
        const QJsonObject slot = openingHours.at(index).toObject();
        const int number = index + 1;
        const QJsonArray days = slot.value(QStringLiteral("days")).toArray();
        if (days.isEmpty()) {
            return tr("Time slot %1: choose at least one day.").arg(number);
        }
        const std::optional<int> open = minutesOf(slot.value(QStringLiteral("open")).toString());
        const std::optional<int> close = minutesOf(slot.value(QStringLiteral("close")).toString());
        if (!open || !close) {
            return tr("Time slot %1: enter the opening and closing time.").arg(number);
        }
        if (*open == *close) {
            return tr("Time slot %1: the closing time must differ from the opening time.").arg(number);
        }
        QSet<int> seen;
        for (const QJsonValue& dayValue : days) {
            const int day = dayValue.toInt();
            if (day < 1 || day > DaysPerWeek || seen.contains(day)) {
                return tr("Time slot %1: the days are not valid.").arg(number);
            }
            seen.insert(day);
            const int length = *close > *open ? *close - *open : *close + MinutesPerDay - *open;
            stretches.append(Stretch{number, day, (day - 1) * MinutesPerDay + *open, length});
        }
    }
    for (qsizetype i = 0; i < stretches.size(); ++i) {
        for (qsizetype j = i + 1; j < stretches.size(); ++j) {
            const Stretch& a = stretches.at(i);
            const Stretch& b = stretches.at(j);
            if (a.slot != b.slot && overlap(a, b)) {
                return tr("Time slots %1 and %2 overlap (%3).").arg(a.slot).arg(b.slot).arg(dayName(a.day));
            }
        }
    }
    return QString();
}

QString OpeningHoursEditor::dayName(int day)
{
    static const std::array<const char*, DaysPerWeek> names = {QT_TR_NOOP("Mon"),
                                                               QT_TR_NOOP("Tue"),
                                                               QT_TR_NOOP("Wed"),
                                                               QT_TR_NOOP("Thu"),
                                                               QT_TR_NOOP("Fri"),
                                                               QT_TR_NOOP("Sat"),
                                                               QT_TR_NOOP("Sun")};
    if (day < 1 || day > DaysPerWeek) {
        return QString();
    }
    return tr(names.at(static_cast<std::size_t>(day - 1)));
}

void OpeningHoursEditor::addSlot()
{
    if (m_rows.size() >= MaximumSlots) {
        return;
    }
    QSet<int> taken;
    const QJsonArray current = openingHours();
    for (const QJsonValue& slot : current) {
        const QJsonArray days = slot.toObject().value(QStringLiteral("days")).toArray();
        for (const QJsonValue& day : days) {
            taken.insert(day.toInt());
        }
    }
    QList<int> days;
    if (taken.isEmpty()) {
        days = {1, 2, 3, 4, 5};
    } else {
        for (int day = 1; day <= DaysPerWeek; ++day) {
            if (!taken.contains(day)) {
                days.append(day);
            }
        }
    }
    appendRow(days, QStringLiteral("09:00"), QStringLiteral("18:00"));
    updateRows();
    emit openingHoursChanged();
}

void OpeningHoursEditor::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

void OpeningHoursEditor::appendRow(const QList<int>& days, const QString& open, const QString& close)
{
    SlotRow row;
    row.rowWidget = new QWidget(this);
    row.rowWidget->setObjectName(QStringLiteral("slotWidget"));
    auto* layout = new QHBoxLayout(row.rowWidget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    for (int day = 1; day <= DaysPerWeek; ++day) {
        auto* dayToolButton = new QToolButton(row.rowWidget);
        dayToolButton->setObjectName(QStringLiteral("dayToolButton_%1").arg(day));
        dayToolButton->setCheckable(true);
        dayToolButton->setChecked(days.contains(day));
        dayToolButton->setAutoRaise(false);
        dayToolButton->setStyleSheet(dayButtonStyleSheet());
        connect(dayToolButton, &QToolButton::toggled, this, &OpeningHoursEditor::rowEdited);
        layout->addWidget(dayToolButton);
        row.dayToolButtons.append(dayToolButton);
    }
    layout->addSpacing(10);

    const auto makeTimeEdit = [&](const QString& name, const QString& text) {
        auto* timeEdit = new QTimeEdit(row.rowWidget);
        timeEdit->setObjectName(name);
        timeEdit->setDisplayFormat(timeFormat());
        const QTime time = QTime::fromString(text, timeFormat());
        timeEdit->setTime(time.isValid() ? time : QTime(0, 0));
        connect(timeEdit, &QTimeEdit::timeChanged, this, &OpeningHoursEditor::rowEdited);
        return timeEdit;
    };
    row.openTimeEdit = makeTimeEdit(QStringLiteral("openTimeEdit"), open);
    row.toLabel = new QLabel(row.rowWidget);
    row.closeTimeEdit = makeTimeEdit(QStringLiteral("closeTimeEdit"), close);
    row.nextDayLabel = new QLabel(row.rowWidget);
    row.nextDayLabel->setObjectName(QStringLiteral("nextDayLabel"));
    row.nextDayLabel->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(row.openTimeEdit);
    layout->addWidget(row.toLabel);
    layout->addWidget(row.closeTimeEdit);
    layout->addWidget(row.nextDayLabel);
    layout->addStretch(1);

    row.removeToolButton = new QToolButton(row.rowWidget);
    row.removeToolButton->setObjectName(QStringLiteral("removeSlotToolButton"));
    layout->addWidget(row.removeToolButton);
    QWidget* rowWidget = row.rowWidget;
    connect(row.removeToolButton, &QToolButton::clicked, this, [this, rowWidget] { removeRow(rowWidget); });

    m_rowsLayout->addWidget(row.rowWidget);
    m_rows.append(row);
    retranslateUi();
}

void OpeningHoursEditor::removeRow(QWidget* rowWidget)
{
    const auto it = std::find_if(
        m_rows.begin(), m_rows.end(), [rowWidget](const SlotRow& row) { return row.rowWidget == rowWidget; });
    if (it == m_rows.end()) {
        return;
    }
    m_rows.erase(it);
    // Later: the row's own remove button is still inside its clicked signal.
    rowWidget->hide();
    rowWidget->deleteLater();
    updateRows();
    emit openingHoursChanged();
}

void OpeningHoursEditor::rowEdited()
{
    if (m_updating) {
        return;
    }
    updateRows();
    emit openingHoursChanged();
}

void OpeningHoursEditor::updateRows()
{
    for (const SlotRow& row : m_rows) {
        const bool overnight = row.closeTimeEdit->time() <= row.openTimeEdit->time() &&
                               row.closeTimeEdit->time() != row.openTimeEdit->time();
        row.nextDayLabel->setVisible(overnight);
    }
    m_emptyLabel->setVisible(m_rows.isEmpty());
    m_addSlotPushButton->setEnabled(m_rows.size() < MaximumSlots);
}

void OpeningHoursEditor::retranslateUi()
{
    m_emptyLabel->setText(tr("No opening hours yet. Customers see none in the mini-program."));
    m_addSlotPushButton->setText(tr("Add time slot"));
    for (const SlotRow& row : m_rows) {
        for (int day = 1; day <= DaysPerWeek; ++day) {
            row.dayToolButtons.at(day - 1)->setText(dayName(day));
        }
        row.toLabel->setText(tr("to"));
        row.nextDayLabel->setText(tr("(next day)"));
        row.nextDayLabel->setToolTip(tr("Closes after midnight, on the following day."));
        row.removeToolButton->setText(tr("Remove"));
        row.removeToolButton->setToolTip(tr("Remove this time slot"));
    }
}

} // namespace xd
