#include "ShopSettingsPage.h"

#include "GeoCoordinate.h"
#include "OpeningHoursEditor.h"
#include "PageHeader.h"
#include "PhotoStripWidget.h"
#include "StringListEditor.h"

#include <QCheckBox>
#include <QEvent>
#include <QFormLayout>
#include <QFrame>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QVBoxLayout>

#include <array>

namespace xd {

namespace {

// The server's limits for shop.updateProfile (syncserver ShopCommands).
constexpr int MaxNameLength = 100;
constexpr int MaxIntroLength = 5000;
constexpr int MaxServiceItems = 50;
constexpr int MaxServiceItemLength = 50;
constexpr int MaxAddressLength = 200;
constexpr int MaxPhones = 5;
constexpr int MaxPhoneLength = 20;
constexpr int MaxGreetingLength = 200;
constexpr int MaxAutoReplyLength = 500;

const QString NameKey = QStringLiteral("name");
const QString IntroKey = QStringLiteral("intro");
const QString ServiceItemsKey = QStringLiteral("serviceItems");
const QString OpeningHoursKey = QStringLiteral("openingHours");
const QString AddressKey = QStringLiteral("address");
const QString LatitudeKey = QStringLiteral("latitudeE6");
const QString LongitudeKey = QStringLiteral("longitudeE6");
const QString PhonesKey = QStringLiteral("phones");
const QString CustomerServiceKey = QStringLiteral("customerService");
const QString EnabledKey = QStringLiteral("enabled");
const QString GreetingKey = QStringLiteral("greeting");
const QString AutoReplyKey = QStringLiteral("autoReply");

const std::array<const QString*, 9> EditableKeys = {&NameKey,
                                                    &IntroKey,
                                                    &ServiceItemsKey,
                                                    &OpeningHoursKey,
                                                    &AddressKey,
                                                    &LatitudeKey,
                                                    &LongitudeKey,
                                                    &PhonesKey,
                                                    &CustomerServiceKey};

QStringList toStringList(const QJsonValue& value)
{
    QStringList result;
    const QJsonArray array = value.toArray();
    for (const QJsonValue& item : array) {
        result.append(item.toString());
    }
    return result;
}

// A coordinate field's value: null when empty, the integer millionths when readable, else the text itself.
QJsonValue coordinateValue(const QLineEdit* lineEdit)
{
    const QString text = lineEdit->text().trimmed();
    if (text.isEmpty()) {
        return QJsonValue::Null;
    }
    if (const std::optional<qint64> value = GeoCoordinate::parseDegreesE6(text)) {
        return QJsonValue(*value);
    }
    return text;
}

QString coordinateText(const QJsonValue& value)
{
    if (value.isString()) {
        return value.toString();
    }
    if (value.isDouble()) {
        return GeoCoordinate::formatDegreesE6(value.toInteger());
    }
    return QString();
}

QGroupBox* createGroupBox(const QString& objectName, QWidget* parent)
{
    auto* groupBox = new QGroupBox(parent);
    groupBox->setObjectName(objectName);
    return groupBox;
}

QLabel* createFormLabel(const QString& objectName, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    return label;
}

QLabel* createHintLabel(const QString& objectName, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QString problemStyleSheet()
{
    return QStringLiteral("color: #d93026;");
}

QString okStyleSheet()
{
    return QStringLiteral("color: #06ad56;");
}

} // namespace

ShopSettingsPage::ShopSettingsPage(QWidget* parent) : QWidget(parent)
{
    m_titleLabel = createPageTitleLabel(this);
    m_descriptionLabel = createHintLabel(QStringLiteral("descriptionLabel"), this);

    m_offlineNoticeFrame = new QFrame(this);
    m_offlineNoticeFrame->setObjectName(QStringLiteral("offlineNoticeFrame"));
    m_offlineNoticeFrame->setStyleSheet(QStringLiteral("QFrame#offlineNoticeFrame { background: #fff7e6; border: 1px "
                                                       "solid #ffd591; border-radius: 4px; }"
                                                       "QLabel { color: #873800; }"));
    m_offlineNoticeLabel = new QLabel(m_offlineNoticeFrame);
    m_offlineNoticeLabel->setObjectName(QStringLiteral("offlineNoticeLabel"));
    m_offlineNoticeLabel->setWordWrap(true);
    auto* noticeLayout = new QHBoxLayout(m_offlineNoticeFrame);
    noticeLayout->setContentsMargins(10, 6, 10, 6);
    noticeLayout->addWidget(m_offlineNoticeLabel);
    m_offlineNoticeFrame->hide();

    auto* columnsWidget = new QWidget(this);
    columnsWidget->setObjectName(QStringLiteral("columnsWidget"));
    auto* columnsLayout = new QHBoxLayout(columnsWidget);
    columnsLayout->setContentsMargins(0, 0, 8, 0);
    columnsLayout->setSpacing(16);
    // The right column holds the widest rows (a time slot's seven days and two times).
    columnsLayout->addWidget(createProfileColumn(), 5);
    columnsLayout->addWidget(createLocationColumn(), 6);

    m_contentScrollArea = new QScrollArea(this);
    m_contentScrollArea->setObjectName(QStringLiteral("contentScrollArea"));
    m_contentScrollArea->setWidgetResizable(true);
    m_contentScrollArea->setFrameShape(QFrame::NoFrame);
    m_contentScrollArea->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_contentScrollArea->setWidget(columnsWidget);

    m_messageLabel = new QLabel(this);
    m_messageLabel->setObjectName(QStringLiteral("messageLabel"));
    m_messageLabel->setWordWrap(true);
    m_revertPushButton = new QPushButton(this);
    m_revertPushButton->setObjectName(QStringLiteral("revertPushButton"));
    m_savePushButton = new QPushButton(this);
    m_savePushButton->setObjectName(QStringLiteral("savePushButton"));
    m_savePushButton->setDefault(true);
    connect(m_revertPushButton, &QPushButton::clicked, this, &ShopSettingsPage::revert);
    connect(m_savePushButton, &QPushButton::clicked, this, &ShopSettingsPage::save);

    auto* separatorFrame = new QFrame(this);
    separatorFrame->setObjectName(QStringLiteral("separatorFrame"));
    separatorFrame->setFrameShape(QFrame::HLine);
    separatorFrame->setFrameShadow(QFrame::Plain);
    separatorFrame->setStyleSheet(QStringLiteral("color: palette(midlight);"));

    auto* buttonsLayout = new QHBoxLayout;
    buttonsLayout->setContentsMargins(0, 0, 0, 0);
    buttonsLayout->addWidget(m_messageLabel, 1);
    buttonsLayout->addWidget(m_revertPushButton);
    buttonsLayout->addWidget(m_savePushButton);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 16, 24, 12);
    layout->setSpacing(8);
    layout->addWidget(m_titleLabel);
    layout->addWidget(m_descriptionLabel);
    layout->addWidget(m_offlineNoticeFrame);
    layout->addWidget(m_contentScrollArea, 1);
    layout->addWidget(separatorFrame);
    layout->addLayout(buttonsLayout);

    retranslateUi();
    m_shown = editedValues();
    updateState();
}

ShopSettingsPage::~ShopSettingsPage() = default;

QWidget* ShopSettingsPage::createProfileColumn()
{
    auto* column = new QWidget(this);
    column->setObjectName(QStringLiteral("profileColumnWidget"));

    m_basicsGroupBox = createGroupBox(QStringLiteral("basicsGroupBox"), column);
    m_nameLabel = createFormLabel(QStringLiteral("nameLabel"), m_basicsGroupBox);
    m_nameLineEdit = new QLineEdit(m_basicsGroupBox);
    m_nameLineEdit->setObjectName(QStringLiteral("nameLineEdit"));
    m_nameLineEdit->setMaxLength(MaxNameLength);
    m_nameLabel->setBuddy(m_nameLineEdit);

    m_introLabel = createFormLabel(QStringLiteral("introLabel"), m_basicsGroupBox);
    m_introPlainTextEdit = new QPlainTextEdit(m_basicsGroupBox);
    m_introPlainTextEdit->setObjectName(QStringLiteral("introPlainTextEdit"));
    m_introPlainTextEdit->setTabChangesFocus(true);
    m_introPlainTextEdit->setFixedHeight(m_introPlainTextEdit->fontMetrics().lineSpacing() * 4 + 12);
    m_introLabel->setBuddy(m_introPlainTextEdit);
    m_introCountLabel = createHintLabel(QStringLiteral("introCountLabel"), m_basicsGroupBox);
    m_introCountLabel->setAlignment(Qt::AlignRight);

    m_serviceItemsLabel = createFormLabel(QStringLiteral("serviceItemsLabel"), m_basicsGroupBox);
    m_serviceItemsEditor = new StringListEditor(m_basicsGroupBox);
    m_serviceItemsEditor->setObjectName(QStringLiteral("serviceItemsEditor"));
    m_serviceItemsEditor->setMaximumItems(MaxServiceItems);
    m_serviceItemsEditor->setMaximumItemLength(MaxServiceItemLength);

    auto* introLayout = new QVBoxLayout;
    introLayout->setContentsMargins(0, 0, 0, 0);
    introLayout->setSpacing(2);
    introLayout->addWidget(m_introPlainTextEdit);
    introLayout->addWidget(m_introCountLabel);

    auto* basicsLayout = new QFormLayout(m_basicsGroupBox);
    basicsLayout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    basicsLayout->addRow(m_nameLabel, m_nameLineEdit);
    basicsLayout->addRow(m_introLabel, introLayout);
    basicsLayout->addRow(m_serviceItemsLabel, m_serviceItemsEditor);

    m_photosGroupBox = createGroupBox(QStringLiteral("photosGroupBox"), column);
    m_photoStripWidget = new PhotoStripWidget(m_photosGroupBox);
    m_photoStripWidget->setObjectName(QStringLiteral("photoStripWidget"));
    auto* photosLayout = new QVBoxLayout(m_photosGroupBox);
    photosLayout->addWidget(m_photoStripWidget);

    auto* layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);
    layout->addWidget(m_basicsGroupBox);
    layout->addWidget(m_photosGroupBox);
    layout->addStretch(1);

    connect(m_nameLineEdit, &QLineEdit::textChanged, this, &ShopSettingsPage::updateState);
    connect(m_introPlainTextEdit, &QPlainTextEdit::textChanged, this, &ShopSettingsPage::updateState);
    connect(m_serviceItemsEditor, &StringListEditor::itemsChanged, this, &ShopSettingsPage::updateState);
    connect(m_photoStripWidget, &PhotoStripWidget::uploadRequested, this, &ShopSettingsPage::photoUploadRequested);
    connect(m_photoStripWidget, &PhotoStripWidget::removeRequested, this, &ShopSettingsPage::photoRemoveRequested);
    connect(m_photoStripWidget, &PhotoStripWidget::reorderRequested, this, &ShopSettingsPage::photosReordered);
    return column;
}

QWidget* ShopSettingsPage::createLocationColumn()
{
    auto* column = new QWidget(this);
    column->setObjectName(QStringLiteral("locationColumnWidget"));

    m_locationGroupBox = createGroupBox(QStringLiteral("locationGroupBox"), column);
    m_addressLabel = createFormLabel(QStringLiteral("addressLabel"), m_locationGroupBox);
    m_addressLineEdit = new QLineEdit(m_locationGroupBox);
    m_addressLineEdit->setObjectName(QStringLiteral("addressLineEdit"));
    m_addressLineEdit->setMaxLength(MaxAddressLength);
    m_addressLabel->setBuddy(m_addressLineEdit);

    m_latitudeLabel = createFormLabel(QStringLiteral("latitudeLabel"), m_locationGroupBox);
    m_latitudeLineEdit = new QLineEdit(m_locationGroupBox);
    m_latitudeLineEdit->setObjectName(QStringLiteral("latitudeLineEdit"));
    m_latitudeLabel->setBuddy(m_latitudeLineEdit);
    m_longitudeLabel = createFormLabel(QStringLiteral("longitudeLabel"), m_locationGroupBox);
    m_longitudeLineEdit = new QLineEdit(m_locationGroupBox);
    m_longitudeLineEdit->setObjectName(QStringLiteral("longitudeLineEdit"));
    m_longitudeLabel->setBuddy(m_longitudeLineEdit);

    m_pasteLabel = createFormLabel(QStringLiteral("pasteLabel"), m_locationGroupBox);
    m_coordinatePasteLineEdit = new QLineEdit(m_locationGroupBox);
    m_coordinatePasteLineEdit->setObjectName(QStringLiteral("coordinatePasteLineEdit"));
    m_coordinatePasteLineEdit->setClearButtonEnabled(true);
    m_pasteLabel->setBuddy(m_coordinatePasteLineEdit);
    m_coordinatePastePushButton = new QPushButton(m_locationGroupBox);
    m_coordinatePastePushButton->setObjectName(QStringLiteral("coordinatePastePushButton"));
    m_coordinateMessageLabel = createHintLabel(QStringLiteral("coordinateMessageLabel"), m_locationGroupBox);
    m_coordinateMessageLabel->hide();

    m_phonesLabel = createFormLabel(QStringLiteral("phonesLabel"), m_locationGroupBox);
    m_phonesEditor = new StringListEditor(m_locationGroupBox);
    m_phonesEditor->setObjectName(QStringLiteral("phonesEditor"));
    m_phonesEditor->setMaximumItems(MaxPhones);
    m_phonesEditor->setMaximumItemLength(MaxPhoneLength);
    m_phonesEditor->setVisibleRows(3);

    auto* coordinatesLayout = new QHBoxLayout;
    coordinatesLayout->setContentsMargins(0, 0, 0, 0);
    coordinatesLayout->addWidget(m_latitudeLineEdit, 1);
    coordinatesLayout->addSpacing(8);
    coordinatesLayout->addWidget(m_longitudeLabel);
    coordinatesLayout->addWidget(m_longitudeLineEdit, 1);

    auto* pasteLayout = new QHBoxLayout;
    pasteLayout->setContentsMargins(0, 0, 0, 0);
    pasteLayout->addWidget(m_coordinatePasteLineEdit, 1);
    pasteLayout->addWidget(m_coordinatePastePushButton);

    auto* locationLayout = new QFormLayout(m_locationGroupBox);
    locationLayout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    locationLayout->addRow(m_addressLabel, m_addressLineEdit);
    locationLayout->addRow(m_latitudeLabel, coordinatesLayout);
    locationLayout->addRow(m_pasteLabel, pasteLayout);
    locationLayout->addRow(QString(), m_coordinateMessageLabel);
    locationLayout->addRow(m_phonesLabel, m_phonesEditor);

    m_openingHoursGroupBox = createGroupBox(QStringLiteral("openingHoursGroupBox"), column);
    m_openingHoursEditor = new OpeningHoursEditor(m_openingHoursGroupBox);
    m_openingHoursEditor->setObjectName(QStringLiteral("openingHoursEditor"));
    auto* openingHoursLayout = new QVBoxLayout(m_openingHoursGroupBox);
    openingHoursLayout->addWidget(m_openingHoursEditor);

    m_customerServiceGroupBox = createGroupBox(QStringLiteral("customerServiceGroupBox"), column);
    m_customerServiceCheckBox = new QCheckBox(m_customerServiceGroupBox);
    m_customerServiceCheckBox->setObjectName(QStringLiteral("customerServiceCheckBox"));
    m_greetingLabel = createFormLabel(QStringLiteral("greetingLabel"), m_customerServiceGroupBox);
    m_greetingLineEdit = new QLineEdit(m_customerServiceGroupBox);
    m_greetingLineEdit->setObjectName(QStringLiteral("greetingLineEdit"));
    m_greetingLineEdit->setMaxLength(MaxGreetingLength);
    m_greetingLabel->setBuddy(m_greetingLineEdit);
    m_autoReplyLabel = createFormLabel(QStringLiteral("autoReplyLabel"), m_customerServiceGroupBox);
    m_autoReplyPlainTextEdit = new QPlainTextEdit(m_customerServiceGroupBox);
    m_autoReplyPlainTextEdit->setObjectName(QStringLiteral("autoReplyPlainTextEdit"));
    m_autoReplyPlainTextEdit->setTabChangesFocus(true);
    m_autoReplyPlainTextEdit->setFixedHeight(m_autoReplyPlainTextEdit->fontMetrics().lineSpacing() * 3 + 12);
    m_autoReplyLabel->setBuddy(m_autoReplyPlainTextEdit);

    auto* customerServiceLayout = new QFormLayout(m_customerServiceGroupBox);
    customerServiceLayout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    customerServiceLayout->addRow(m_customerServiceCheckBox);
    customerServiceLayout->addRow(m_greetingLabel, m_greetingLineEdit);
    customerServiceLayout->addRow(m_autoReplyLabel, m_autoReplyPlainTextEdit);

    auto* layout = new QVBoxLayout(column);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);
    layout->addWidget(m_locationGroupBox);
    layout->addWidget(m_openingHoursGroupBox);
    layout->addWidget(m_customerServiceGroupBox);
    layout->addStretch(1);

    connect(m_addressLineEdit, &QLineEdit::textChanged, this, &ShopSettingsPage::updateState);
    connect(m_latitudeLineEdit, &QLineEdit::textChanged, this, &ShopSettingsPage::updateState);
    connect(m_longitudeLineEdit, &QLineEdit::textChanged, this, &ShopSettingsPage::updateState);
    connect(m_coordinatePastePushButton, &QPushButton::clicked, this, &ShopSettingsPage::applyCoordinatePaste);
    connect(m_coordinatePasteLineEdit, &QLineEdit::returnPressed, this, &ShopSettingsPage::applyCoordinatePaste);
    connect(m_coordinatePasteLineEdit, &QLineEdit::textChanged, this, [this] {
        m_coordinatePastePushButton->setEnabled(!m_coordinatePasteLineEdit->text().trimmed().isEmpty());
    });
    connect(m_phonesEditor, &StringListEditor::itemsChanged, this, &ShopSettingsPage::updateState);
    connect(m_openingHoursEditor, &OpeningHoursEditor::openingHoursChanged, this, &ShopSettingsPage::updateState);
    connect(m_customerServiceCheckBox, &QCheckBox::toggled, this, &ShopSettingsPage::updateState);
    connect(m_greetingLineEdit, &QLineEdit::textChanged, this, &ShopSettingsPage::updateState);
    connect(m_autoReplyPlainTextEdit, &QPlainTextEdit::textChanged, this, &ShopSettingsPage::updateState);
    m_coordinatePastePushButton->setEnabled(false);
    return column;
}

void ShopSettingsPage::setProfile(const QJsonObject& profile)
{
    // Keep what the merchant is editing; refresh everything else.
    const QJsonObject edited = editedValues();
    const QStringList dirtyKeys = changes().keys();
    m_profile = profile;
    m_loading = true;
    for (const QString* key : EditableKeys) {
        showField(*key, profile.value(*key));
    }
    m_shown = editedValues();
    for (const QString& key : dirtyKeys) {
        showField(key, edited.value(key));
    }
    m_loading = false;
    if (dirtyKeys.isEmpty()) {
        showMessage(Message::None);
    }
    updateState();
}

QJsonObject ShopSettingsPage::profile() const
{
    return m_profile;
}

QJsonObject ShopSettingsPage::changes() const
{
    const QJsonObject edited = editedValues();
    QJsonObject result;
    for (const QString* key : EditableKeys) {
        if (edited.value(*key) != m_shown.value(*key)) {
            result.insert(*key, edited.value(*key));
        }
    }
    // The server takes a position only whole.
    if (result.contains(LatitudeKey) || result.contains(LongitudeKey)) {
        result.insert(LatitudeKey, edited.value(LatitudeKey));
        result.insert(LongitudeKey, edited.value(LongitudeKey));
    }
    return result;
}

bool ShopSettingsPage::hasChanges() const
{
    return !changes().isEmpty();
}

void ShopSettingsPage::setPhotos(const QList<QJsonObject>& photos)
{
    m_photoStripWidget->setPhotos(photos);
}

void ShopSettingsPage::setPhotoPixmap(const QString& id, const QPixmap& pixmap)
{
    m_photoStripWidget->setPhotoPixmap(id, pixmap);
}

void ShopSettingsPage::setOfflineNotice(bool offline)
{
    m_offlineNoticeFrame->setVisible(offline);
}

bool ShopSettingsPage::save()
{
    const QJsonObject changed = changes();
    if (changed.isEmpty()) {
        return false;
    }
    const QString problem = problemWith(changed);
    if (!problem.isEmpty()) {
        showMessage(Message::Problem, problem);
        return false;
    }
    for (auto it = changed.begin(); it != changed.end(); ++it) {
        m_profile.insert(it.key(), it.value());
    }
    // Show the values as they were sent: trimmed text, coordinates with six decimals.
    m_loading = true;
    for (auto it = changed.begin(); it != changed.end(); ++it) {
        showField(it.key(), it.value());
    }
    m_loading = false;
    m_shown = editedValues();
    updateState();
    showMessage(Message::Saved);
    emit profileEdited(changed);
    return true;
}

void ShopSettingsPage::revert()
{
    m_loading = true;
    for (const QString* key : EditableKeys) {
        showField(*key, m_profile.value(*key));
    }
    m_loading = false;
    m_shown = editedValues();
    m_coordinatePasteLineEdit->clear();
    m_coordinateMessageLabel->clear();
    m_coordinateMessageLabel->hide();
    showMessage(Message::None);
    updateState();
}

void ShopSettingsPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

void ShopSettingsPage::applyCoordinatePaste()
{
    const QString text = m_coordinatePasteLineEdit->text();
    if (text.trimmed().isEmpty()) {
        return;
    }
    GeoCoordinate::PairError error = GeoCoordinate::PairError::None;
    const std::optional<GeoCoordinate::Pair> pair = GeoCoordinate::parsePair(text, &error);
    if (!pair) {
        QString message;
        switch (error) {
        case GeoCoordinate::PairError::LatitudeOutOfRange:
            message = tr("The latitude must be between -90 and 90 degrees.");
            break;
        case GeoCoordinate::PairError::LongitudeOutOfRange:
            message = tr("The longitude must be between -180 and 180 degrees.");
            break;
        case GeoCoordinate::PairError::NotANumber:
        case GeoCoordinate::PairError::NotAPair:
        case GeoCoordinate::PairError::None:
            message = tr("Cannot read \"%1\". Paste latitude and longitude in decimal degrees, separated by a comma, "
                         "e.g. 31.230416,121.473701.")
                          .arg(text.trimmed());
            break;
        }
        m_coordinateMessageLabel->setStyleSheet(problemStyleSheet());
        m_coordinateMessageLabel->setText(message);
        m_coordinateMessageLabel->show();
        return;
    }
    m_latitudeLineEdit->setText(GeoCoordinate::formatDegreesE6(pair->latitudeE6));
    m_longitudeLineEdit->setText(GeoCoordinate::formatDegreesE6(pair->longitudeE6));
    m_coordinatePasteLineEdit->clear();
    m_coordinateMessageLabel->setStyleSheet(okStyleSheet());
    m_coordinateMessageLabel->setText(
        pair->swapped ? tr("Filled in. The longitude came first, as in Amap; the two were put in their places.")
                      : tr("Filled in latitude and longitude."));
    m_coordinateMessageLabel->show();
}

void ShopSettingsPage::updateState()
{
    if (m_loading) {
        return;
    }
    const bool changed = hasChanges();
    m_savePushButton->setEnabled(changed);
    m_revertPushButton->setEnabled(changed);
    const bool serviceOn = m_customerServiceCheckBox->isChecked();
    m_greetingLineEdit->setEnabled(serviceOn);
    m_autoReplyPlainTextEdit->setEnabled(serviceOn);
    const qsizetype introLength = m_introPlainTextEdit->toPlainText().trimmed().size();
    m_introCountLabel->setText(QStringLiteral("%1 / %2").arg(introLength).arg(MaxIntroLength));
    m_introCountLabel->setStyleSheet(introLength > MaxIntroLength ? problemStyleSheet() : QString());
    if (changed && m_message != Message::Problem) {
        showMessage(Message::Unsaved);
    } else if (!changed && m_message != Message::Saved) {
        showMessage(Message::None);
    }
}

void ShopSettingsPage::retranslateUi()
{
    m_titleLabel->setText(tr("Shop settings"));
    m_descriptionLabel->setText(tr("What customers see about your shop in the mini-program."));
    m_offlineNoticeLabel->setText(tr("Offline: your changes are saved on this computer and sync automatically when "
                                     "the connection is back."));

    m_basicsGroupBox->setTitle(tr("Shop profile"));
    m_nameLabel->setText(tr("Shop &name:"));
    m_nameLineEdit->setPlaceholderText(tr("As customers should see it"));
    m_introLabel->setText(tr("&Introduction:"));
    m_introPlainTextEdit->setPlaceholderText(tr("A few words about the shop, its story and what makes it special"));
    m_serviceItemsLabel->setText(tr("Services:"));
    m_serviceItemsEditor->setPlaceholderText(tr("e.g. Free Wi-Fi, Parking, Delivery"));

    m_photosGroupBox->setTitle(tr("Shop photos"));

    m_locationGroupBox->setTitle(tr("Address and contact"));
    m_addressLabel->setText(tr("&Address:"));
    m_addressLineEdit->setPlaceholderText(tr("Street, number, building — for the navigation button"));
    m_latitudeLabel->setText(tr("La&titude:"));
    m_latitudeLineEdit->setPlaceholderText(tr("e.g. 31.230416"));
    m_longitudeLabel->setText(tr("L&ongitude:"));
    m_longitudeLineEdit->setPlaceholderText(tr("e.g. 121.473701"));
    m_pasteLabel->setText(tr("From a &map:"));
    m_coordinatePasteLineEdit->setPlaceholderText(tr("Paste \"latitude,longitude\" from a map tool"));
    m_coordinatePastePushButton->setText(tr("Fill in"));
    m_coordinatePasteLineEdit->setToolTip(
        tr("Use Amap or Tencent Maps (GCJ-02, as WeChat uses). Baidu Maps coordinates point a few hundred metres "
           "off."));
    m_phonesLabel->setText(tr("Phones:"));
    m_phonesEditor->setPlaceholderText(tr("e.g. 021-63212345 or 13800138000"));
    static const QRegularExpression phonePattern(QStringLiteral("^\\+?[0-9][0-9 ()-]{2,19}$"));
    m_phonesEditor->setItemPattern(phonePattern,
                                   tr("A phone number has digits, and may have spaces, -, ( ) and a leading +."));

    m_openingHoursGroupBox->setTitle(tr("Opening hours"));

    m_customerServiceGroupBox->setTitle(tr("Online customer service"));
    m_customerServiceCheckBox->setText(tr("Customers can chat with the shop in the mini-program"));
    m_greetingLabel->setText(tr("&Greeting:"));
    m_greetingLineEdit->setPlaceholderText(tr("Shown when a customer opens the chat"));
    m_autoReplyLabel->setText(tr("A&uto reply:"));
    m_autoReplyPlainTextEdit->setPlaceholderText(tr("Sent automatically when nobody answers, e.g. outside opening "
                                                    "hours"));

    m_revertPushButton->setText(tr("&Revert"));
    m_revertPushButton->setToolTip(tr("Discard the changes not saved yet"));
    m_savePushButton->setText(tr("&Save"));
    if (m_message == Message::Unsaved || m_message == Message::Saved) {
        showMessage(m_message);
    }
}

QJsonObject ShopSettingsPage::editedValues() const
{
    return QJsonObject{
        {NameKey, m_nameLineEdit->text().trimmed()},
        {IntroKey, m_introPlainTextEdit->toPlainText().trimmed()},
        {ServiceItemsKey, QJsonArray::fromStringList(m_serviceItemsEditor->items())},
        {OpeningHoursKey, m_openingHoursEditor->openingHours()},
        {AddressKey, m_addressLineEdit->text().trimmed()},
        {LatitudeKey, coordinateValue(m_latitudeLineEdit)},
        {LongitudeKey, coordinateValue(m_longitudeLineEdit)},
        {PhonesKey, QJsonArray::fromStringList(m_phonesEditor->items())},
        {CustomerServiceKey,
         QJsonObject{{EnabledKey, m_customerServiceCheckBox->isChecked()},
                     {GreetingKey, m_greetingLineEdit->text().trimmed()},
                     {AutoReplyKey, m_autoReplyPlainTextEdit->toPlainText().trimmed()}}},
    };
}

void ShopSettingsPage::showField(const QString& key, const QJsonValue& value)
{
    if (key == NameKey) {
        m_nameLineEdit->setText(value.toString());
    } else if (key == IntroKey) {
        m_introPlainTextEdit->setPlainText(value.toString());
    } else if (key == ServiceItemsKey) {
        m_serviceItemsEditor->setItems(toStringList(value));
    } else if (key == OpeningHoursKey) {
        m_openingHoursEditor->setOpeningHours(value.toArray());
    } else if (key == AddressKey) {
        m_addressLineEdit->setText(value.toString());
    } else if (key == LatitudeKey) {
        m_latitudeLineEdit->setText(coordinateText(value));
    } else if (key == LongitudeKey) {
        m_longitudeLineEdit->setText(coordinateText(value));
    } else if (key == PhonesKey) {
        m_phonesEditor->setItems(toStringList(value));
    } else if (key == CustomerServiceKey) {
        const QJsonObject service = value.toObject();
        m_customerServiceCheckBox->setChecked(service.value(EnabledKey).toBool(false));
        m_greetingLineEdit->setText(service.value(GreetingKey).toString());
        m_autoReplyPlainTextEdit->setPlainText(service.value(AutoReplyKey).toString());
    }
}

QString ShopSettingsPage::problemWith(const QJsonObject& changes) const
{
    if (changes.contains(NameKey) && changes.value(NameKey).toString().isEmpty()) {
        m_nameLineEdit->setFocus();
        return tr("Enter the shop name.");
    }
    if (changes.contains(IntroKey) && changes.value(IntroKey).toString().size() > MaxIntroLength) {
        m_introPlainTextEdit->setFocus();
        return tr("The introduction has at most %1 characters; it has %2 now.")
            .arg(MaxIntroLength)
            .arg(changes.value(IntroKey).toString().size());
    }
    if (changes.contains(LatitudeKey)) {
        const QJsonValue latitude = changes.value(LatitudeKey);
        const QJsonValue longitude = changes.value(LongitudeKey);
        if (latitude.isNull() != longitude.isNull()) {
            (latitude.isNull() ? m_latitudeLineEdit : m_longitudeLineEdit)->setFocus();
            return tr("Enter both latitude and longitude, or clear both.");
        }
        if (latitude.isString()) {
            m_latitudeLineEdit->setFocus();
            return tr("The latitude \"%1\" is not a number of degrees such as 31.230416.").arg(latitude.toString());
        }
        if (longitude.isString()) {
            m_longitudeLineEdit->setFocus();
            return tr("The longitude \"%1\" is not a number of degrees such as 121.473701.").arg(longitude.toString());
        }
        if (!latitude.isNull() && !GeoCoordinate::isLatitudeE6(latitude.toInteger())) {
            m_latitudeLineEdit->setFocus();
            return tr("The latitude must be between -90 and 90 degrees.");
        }
        if (!longitude.isNull() && !GeoCoordinate::isLongitudeE6(longitude.toInteger())) {
            m_longitudeLineEdit->setFocus();
            return tr("The longitude must be between -180 and 180 degrees.");
        }
    }
    if (changes.contains(OpeningHoursKey)) {
        const QString problem = OpeningHoursEditor::problemWith(changes.value(OpeningHoursKey).toArray());
        if (!problem.isEmpty()) {
            return tr("Opening hours: %1").arg(problem);
        }
    }
    if (changes.contains(CustomerServiceKey)) {
        const qsizetype length = changes.value(CustomerServiceKey).toObject().value(AutoReplyKey).toString().size();
        if (length > MaxAutoReplyLength) {
            m_autoReplyPlainTextEdit->setFocus();
            return tr("The auto reply has at most %1 characters; it has %2 now.").arg(MaxAutoReplyLength).arg(length);
        }
    }
    return QString();
}

void ShopSettingsPage::showMessage(Message kind, const QString& problem)
{
    m_message = kind;
    switch (kind) {
    case Message::None:
        m_messageLabel->clear();
        break;
    case Message::Unsaved:
        m_messageLabel->setText(tr("Unsaved changes."));
        break;
    case Message::Saved:
        m_messageLabel->setText(tr("Changes saved."));
        break;
    case Message::Problem:
        m_messageLabel->setText(problem);
        break;
    }
    m_messageLabel->setStyleSheet(kind == Message::Problem ? problemStyleSheet() : QString());
    m_messageLabel->setForegroundRole(kind == Message::Problem ? QPalette::WindowText : QPalette::PlaceholderText);
}

} // namespace xd
