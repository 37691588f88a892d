#include "xiaodian/OrderFields.h"

#include "xiaodian/Json.h"

#include <QDate>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace xd {

namespace {

const QString kId = QStringLiteral("id");
const QString kLabel = QStringLiteral("label");
const QString kType = QStringLiteral("type");
const QString kRequired = QStringLiteral("required");
const QString kOptions = QStringLiteral("options");
const QString kPosition = QStringLiteral("position");
const QString kValue = QStringLiteral("value");

Error invalid(const QString& message)
{
    return makeError(ErrorCode::InvalidArgument, message);
}

bool isChoice(OrderFieldType type)
{
    return type == OrderFieldType::SingleChoice || type == OrderFieldType::MultipleChoice;
}

Result<OrderFieldDefinition> parseDefinition(const QJsonValue& value, int index)
{
    if (!value.isObject())
        return invalid(OrderFields::tr("Checkout field %1 must be an object.").arg(index + 1));
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() != kId && it.key() != kLabel && it.key() != kType && it.key() != kRequired &&
            it.key() != kOptions && it.key() != kPosition)
            return invalid(OrderFields::tr("Checkout field %1 has an unknown key '%2'.").arg(index + 1).arg(it.key()));
    }
    OrderFieldDefinition definition;
    static const QRegularExpression idPattern(QStringLiteral("^[A-Za-z0-9_-]+$"));
    definition.id = object.value(kId).toString();
    if (!object.value(kId).isString() || definition.id.isEmpty() || definition.id.size() > OrderFields::MaxIdLength ||
        !idPattern.match(definition.id).hasMatch())
        return invalid(OrderFields::tr("Checkout field %1 needs an id of 1 to %2 letters, digits, '_' or '-'.")
                           .arg(index + 1)
                           .arg(OrderFields::MaxIdLength));
    definition.label = object.value(kLabel).toString().trimmed();
    if (!object.value(kLabel).isString() || definition.label.isEmpty() ||
        definition.label.size() > OrderFields::MaxLabelLength)
        return invalid(OrderFields::tr("Checkout field '%1' needs a label of 1 to %2 characters.")
                           .arg(definition.id)
                           .arg(OrderFields::MaxLabelLength));
    const auto type = parseOrderFieldType(object.value(kType).toString());
    if (!type)
        return invalid(OrderFields::tr("Checkout field '%1' has an unknown type.").arg(definition.id));
    definition.type = *type;
    const QJsonValue required = object.value(kRequired);
    if (!required.isUndefined() && !required.isNull() && !required.isBool())
        return invalid(OrderFields::tr("'required' of checkout field '%1' must be true or false.").arg(definition.id));
    definition.required = required.toBool(false);
    const QJsonValue position = object.value(kPosition);
    if (position.isUndefined() || position.isNull()) {
        definition.position = index;
    } else {
        const auto number = Json::wholeNumber(position, 0, 1000);
        if (!number)
            return invalid(OrderFields::tr("The position of checkout field '%1' must be a whole number from 0 to 1000.")
                               .arg(definition.id));
        definition.position = int(*number);
    }
    const QJsonValue options = object.value(kOptions);
    if (!options.isUndefined() && !options.isNull() && !options.isArray())
        return invalid(OrderFields::tr("The options of checkout field '%1' must be a list.").arg(definition.id));
    const QJsonArray list = options.toArray();
    if (!isChoice(definition.type)) {
        if (!list.isEmpty())
            return invalid(OrderFields::tr("Only choice fields have options ('%1').").arg(definition.id));
        return definition;
    }
    if (list.size() < 2 || list.size() > OrderFields::MaxOptions)
        return invalid(OrderFields::tr("Choice field '%1' needs 2 to %2 options.")
                           .arg(definition.id)
                           .arg(OrderFields::MaxOptions));
    for (const QJsonValue& option : list) {
        const QString text = option.toString().trimmed();
        if (!option.isString() || text.isEmpty() || text.size() > OrderFields::MaxOptionLength)
            return invalid(OrderFields::tr("Every option of '%1' needs 1 to %2 characters.")
                               .arg(definition.id)
                               .arg(OrderFields::MaxOptionLength));
        if (definition.options.contains(text))
            return invalid(OrderFields::tr("Option '%1' of '%2' appears twice.").arg(text, definition.id));
        definition.options.append(text);
    }
    return definition;
}

// One answer, normalised to what the order keeps; an empty result means "not answered".
Result<QJsonValue> checkAnswer(const OrderFieldDefinition& field, const QJsonValue& value)
{
    if (value.isUndefined() || value.isNull())
        return QJsonValue();
    if (field.type == OrderFieldType::MultipleChoice) {
        if (!value.isArray())
            return invalid(OrderFields::tr("'%1' takes a list of choices.").arg(field.label));
        QJsonArray chosen;
        QSet<QString> seen;
        for (const QJsonValue& item : value.toArray()) {
            const QString text = item.toString();
            if (!item.isString() || !field.options.contains(text))
                return invalid(OrderFields::tr("'%1' is not a choice of '%2'.").arg(text, field.label));
            if (seen.contains(text))
                return invalid(OrderFields::tr("'%1' is chosen twice in '%2'.").arg(text, field.label));
            seen.insert(text);
            chosen.append(text);
        }
        return chosen.isEmpty() ? QJsonValue() : QJsonValue(chosen);
    }
    QString text;
    if (value.isString()) {
        text = value.toString().trimmed();
    } else if (value.isDouble() && field.type == OrderFieldType::Number) {
        const double number = value.toDouble();
        if (!std::isfinite(number))
            return invalid(OrderFields::tr("'%1' needs a number.").arg(field.label));
        text = QString::number(number, 'g', 15);
    } else {
        return invalid(OrderFields::tr("'%1' needs text.").arg(field.label));
    }
    if (text.isEmpty())
        return QJsonValue();
    switch (field.type) {
    case OrderFieldType::Text:
        if (text.size() > OrderFields::MaxTextLength)
            return invalid(
                OrderFields::tr("'%1' takes at most %2 characters.").arg(field.label).arg(OrderFields::MaxTextLength));
        break;
    case OrderFieldType::Number: {
        static const QRegularExpression pattern(QStringLiteral("^-?[0-9]{1,12}(\\.[0-9]{1,6})?$"));
        if (!pattern.match(text).hasMatch())
            return invalid(OrderFields::tr("'%1' needs a number.").arg(field.label));
        break;
    }
    case OrderFieldType::Phone: {
        static const QRegularExpression pattern(QStringLiteral("^\\+?[0-9][0-9 -]{3,18}[0-9]$"));
        if (!pattern.match(text).hasMatch())
            return invalid(OrderFields::tr("'%1' needs a phone number.").arg(field.label));
        break;
    }
    case OrderFieldType::Date:
        if (text.size() != 10 || !QDate::fromString(text, QStringLiteral("yyyy-MM-dd")).isValid())
            return invalid(OrderFields::tr("'%1' needs a date like 2026-01-31.").arg(field.label));
        break;
    case OrderFieldType::SingleChoice:
        if (!field.options.contains(text))
            return invalid(OrderFields::tr("'%1' is not a choice of '%2'.").arg(text, field.label));
        break;
    case OrderFieldType::MultipleChoice:
        break;
    }
    return QJsonValue(text);
}

} // namespace

QString orderFieldTypeName(OrderFieldType type)
{
    switch (type) {
    case OrderFieldType::Text:
        return QStringLiteral("text");
    case OrderFieldType::Number:
        return QStringLiteral("number");
    case OrderFieldType::Phone:
        return QStringLiteral("phone");
    case OrderFieldType::Date:
        return QStringLiteral("date");
    case OrderFieldType::SingleChoice:
        return QStringLiteral("single_choice");
    case OrderFieldType::MultipleChoice:
        return QStringLiteral("multiple_choice");
    }
    return QStringLiteral("text");
}

std::optional<OrderFieldType> parseOrderFieldType(const QString& name)
{
    for (const OrderFieldType type : {OrderFieldType::Text,
                                      OrderFieldType::Number,
                                      OrderFieldType::Phone,
                                      OrderFieldType::Date,
                                      OrderFieldType::SingleChoice,
                                      OrderFieldType::MultipleChoice}) {
        if (orderFieldTypeName(type) == name)
            return type;
    }
    return std::nullopt;
}

QJsonObject OrderFieldDefinition::toJson() const
{
    return QJsonObject{{kId, id},
                       {kLabel, label},
                       {kType, orderFieldTypeName(type)},
                       {kRequired, required},
                       {kOptions, QJsonArray::fromStringList(options)},
                       {kPosition, position}};
}

Result<QList<OrderFieldDefinition>> OrderFields::parseDefinitions(const QJsonArray& fields)
{
    if (fields.size() > MaxFields)
        return invalid(tr("A shop has at most %1 checkout fields.").arg(MaxFields));
    QList<OrderFieldDefinition> definitions;
    QSet<QString> ids;
    for (int i = 0; i < fields.size(); ++i) {
        auto definition = parseDefinition(fields.at(i), i);
        if (!definition)
            return definition.error();
        if (ids.contains(definition->id))
            return invalid(tr("Two checkout fields have the id '%1'.").arg(definition->id));
        ids.insert(definition->id);
        definitions.append(*definition);
    }
    std::stable_sort(
        definitions.begin(), definitions.end(), [](const OrderFieldDefinition& a, const OrderFieldDefinition& b) {
            return a.position < b.position;
        });
    return definitions;
}

QJsonArray OrderFields::toJson(const QList<OrderFieldDefinition>& definitions)
{
    QJsonArray array;
    for (const OrderFieldDefinition& definition : definitions)
        array.append(definition.toJson());
    return array;
}

Result<QJsonArray> OrderFields::checkAnswers(const QList<OrderFieldDefinition>& definitions, const QJsonObject& answers)
{
    for (auto it = answers.begin(); it != answers.end(); ++it) {
        const bool known = std::any_of(definitions.cbegin(),
                                       definitions.cend(),
                                       [&](const OrderFieldDefinition& field) { return field.id == it.key(); });
        if (!known)
            return invalid(tr("The shop asks no question '%1'.").arg(it.key()));
    }
    QJsonArray snapshot;
    for (const OrderFieldDefinition& field : definitions) {
        auto answer = checkAnswer(field, answers.value(field.id));
        if (!answer)
            return answer.error();
        if (answer->isUndefined() || answer->isNull()) {
            if (field.required)
                return invalid(tr("Please fill in '%1'.").arg(field.label));
            continue;
        }
        snapshot.append(QJsonObject{
            {kId, field.id}, {kLabel, field.label}, {kType, orderFieldTypeName(field.type)}, {kValue, *answer}});
    }
    return snapshot;
}

} // namespace xd
