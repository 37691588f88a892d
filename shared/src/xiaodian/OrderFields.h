#pragma once

#include "xiaodian/Result.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace xd {

// The merchant's custom checkout fields (order_settings.custom_fields, docs/orders.md "Custom order fields"): the
// questions the mini-program asks at checkout ("配送时间段", "发票抬头"), and the customer's answers, which the order
// keeps as a snapshot [{id, label, type, value}] so that a later edit of the definitions never rewrites an order.
enum class OrderFieldType { Text, Number, Phone, Date, SingleChoice, MultipleChoice };

// Wire names: text | number | phone | date | single_choice | multiple_choice.
QString orderFieldTypeName(OrderFieldType type);
std::optional<OrderFieldType> parseOrderFieldType(const QString& name);

struct OrderFieldDefinition
{
    QString id; // stable key of the answer: 1..40 of [A-Za-z0-9_-]
    QString label;
    OrderFieldType type = OrderFieldType::Text;
    bool required = false;
    QStringList options; // the choices (single_choice, multiple_choice only)
    int position = 0;

    QJsonObject toJson() const; // {id, label, type, required, options, position}
    bool operator==(const OrderFieldDefinition& other) const = default;
};

// Pure rules, shared by the server (orderSettings.update, checkout) and the desktop (the settings editor).
class OrderFields
{
    Q_DECLARE_TR_FUNCTIONS(OrderFields)

public:
    static constexpr int MaxFields = 20;
    static constexpr int MaxIdLength = 40;
    static constexpr int MaxLabelLength = 30;
    static constexpr int MaxOptions = 20;
    static constexpr int MaxOptionLength = 30;
    static constexpr int MaxTextLength = 200;

    // A definition list as the merchant sends it: at most MaxFields objects, each with a unique id, a label of
    // 1..MaxLabelLength characters (trimmed), a known type, `required` (bool, default false), `position` (integer
    // >= 0, default the list index) and, for the two choice types only, 2..MaxOptions distinct options of
    // 1..MaxOptionLength characters. Unknown keys are refused. invalid_argument naming the field otherwise. The
    // result is sorted by position (stable).
    static Result<QList<OrderFieldDefinition>> parseDefinitions(const QJsonArray& fields);
    static QJsonArray toJson(const QList<OrderFieldDefinition>& definitions);

    // The customer's answers {fieldId: value} against the definitions: every id must be defined; a required field
    // needs a non-empty answer; text up to MaxTextLength characters; number a decimal ("12", "-3.5"; a JSON number
    // is accepted too); phone 5..20 of digits, '+', '-', ' '; date "yyyy-MM-dd" (a real date); single_choice one of
    // the options; multiple_choice an array of distinct options. Returns the snapshot the order keeps, in the
    // definitions' order, leaving out unanswered optional fields: [{id, label, type, value}] where value is a string
    // (an array of strings for multiple_choice).
    static Result<QJsonArray> checkAnswers(const QList<OrderFieldDefinition>& definitions, const QJsonObject& answers);
};

} // namespace xd
