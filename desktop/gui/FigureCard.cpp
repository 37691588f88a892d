#include "FigureCard.h"

#include <QLabel>
#include <QVBoxLayout>

namespace xd {

namespace {

QLabel* cardLabel(QWidget* parent, const QString& name)
{
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

FigureCard::FigureCard(const QString& name, QWidget* parent) : QFrame(parent)
{
    setObjectName(name + QStringLiteral("Card"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);

    m_captionLabel = cardLabel(this, name + QStringLiteral("CaptionLabel"));
    m_captionLabel->setForegroundRole(QPalette::PlaceholderText);
    m_valueLabel = cardLabel(this, name + QStringLiteral("ValueLabel"));
    QFont valueFont = m_valueLabel->font();
    valueFont.setPointSizeF(valueFont.pointSizeF() * 1.6);
    valueFont.setBold(true);
    m_valueLabel->setFont(valueFont);
    m_noteLabel = cardLabel(this, name + QStringLiteral("NoteLabel"));
    m_noteLabel->setForegroundRole(QPalette::PlaceholderText);
    m_changeLabel = cardLabel(this, name + QStringLiteral("ChangeLabel"));
    m_changeLabel->setTextFormat(Qt::RichText);
    m_changeLabel->setForegroundRole(QPalette::PlaceholderText);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 8, 12, 8);
    layout->setSpacing(2);
    layout->addWidget(m_captionLabel);
    layout->addWidget(m_valueLabel);
    layout->addWidget(m_noteLabel);
    layout->addWidget(m_changeLabel);
}

FigureCard::~FigureCard() = default;

void FigureCard::setCaption(const QString& text)
{
    m_captionLabel->setText(text);
}

void FigureCard::setValue(const QString& text)
{
    m_valueLabel->setText(text);
}

void FigureCard::setNote(const QString& text)
{
    m_noteLabel->setText(text);
    m_noteLabel->setVisible(!text.isEmpty());
}

void FigureCard::setComparison(const QString& compared, const QString& delta, Trend trend)
{
    m_trend = trend;
    m_change = delta.isEmpty() ? compared : compared.isEmpty() ? delta : compared + QLatin1Char(' ') + delta;
    m_changeLabel->setVisible(!m_change.isEmpty());
    // WeChat's green for a rise and its red for a fall; the muted text colour when nothing changed.
    const QString colour = trend == Trend::Up     ? QStringLiteral("#07a356")
                           : trend == Trend::Down ? QStringLiteral("#d93026")
                                                  : QString();
    QString html = compared.toHtmlEscaped();
    if (!delta.isEmpty()) {
        if (!html.isEmpty())
            html += QStringLiteral("&nbsp;");
        html += colour.isEmpty()
                    ? delta.toHtmlEscaped()
                    : QStringLiteral("<span style=\"color:%1\">%2</span>").arg(colour, delta.toHtmlEscaped());
    }
    m_changeLabel->setText(html);
}

QString FigureCard::value() const
{
    return m_valueLabel->text();
}

QString FigureCard::note() const
{
    return m_noteLabel->text();
}

QString FigureCard::change() const
{
    return m_change;
}

} // namespace xd
