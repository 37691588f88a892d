#pragma once

#include <QFrame>

class QLabel;

namespace xd {

// One figure as the dashboard and the statistics page show it: a caption, the value in large type, and up to two
// lines under it: a muted note, and the comparison (the earlier value, then how it changed, coloured). The labels are
// named after the card:
// "<name>Card" holds "<name>CaptionLabel", "<name>ValueLabel", "<name>NoteLabel" and "<name>ChangeLabel", so
// tests and style sheets find them.
class FigureCard final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FigureCard)

public:
    // Which way a change went, for its colour.
    enum class Trend { None, Up, Down };

    explicit FigureCard(const QString& name, QWidget* parent = nullptr);
    ~FigureCard() override;

    void setCaption(const QString& text);
    void setValue(const QString& text);
    void setNote(const QString& text);
    // "Yesterday ¥80.00 ▲ 25.00%": `compared` plain, `delta` in the trend's colour; both empty hide the line.
    void setComparison(const QString& compared, const QString& delta, Trend trend);

    QString value() const;
    QString note() const;
    QString change() const; // the comparison as plain text: compared + " " + delta
    Trend trend() const { return m_trend; }

private:
    QLabel* m_captionLabel = nullptr;
    QLabel* m_valueLabel = nullptr;
    QLabel* m_noteLabel = nullptr;
    QLabel* m_changeLabel = nullptr;
    QString m_change;
    Trend m_trend = Trend::None;
};

} // namespace xd
