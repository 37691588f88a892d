#pragma once

#include <QJsonObject>
#include <QList>
#include <QPixmap>
#include <QWidget>

class QCheckBox;
class QEvent;
class QFrame;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;

namespace xd {

class OpeningHoursEditor;
class PhotoStripWidget;
class StringListEditor;

// Everything customers see about the shop in the mini-program: name, intro, service items, opening hours, address
// and map position, phones, customer service, photos. A view: it shows the `shop` entity given to setProfile() and
// asks for changes with signals; it never talks to the server or the cache itself.
class ShopSettingsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShopSettingsPage)

public:
    explicit ShopSettingsPage(QWidget* parent = nullptr);
    ~ShopSettingsPage() override;

    // The `shop` entity's data (docs/sync-protocol.md). While the merchant has unsaved edits, a new profile (after
    // a pull) updates only the fields they have not touched, so nobody's typing is thrown away.
    void setProfile(const QJsonObject& profile);
    QJsonObject profile() const;
    // The shop.updateProfile arguments for what differs from the profile: only the changed fields, and the
    // latitude and longitude always together. Empty when nothing changed.
    QJsonObject changes() const;
    bool hasChanges() const;

    void setPhotos(const QList<QJsonObject>& photos);
    void setPhotoPixmap(const QString& id, const QPixmap& pixmap);

    // Shows or hides the note that edits are kept on this computer and sent when the connection is back.
    void setOfflineNotice(bool offline);

signals:
    // The changed fields only, in the shape of the shop.updateProfile arguments.
    void profileEdited(const QJsonObject& changes);
    void photoUploadRequested(const QString& filePath);
    void photoRemoveRequested(const QString& id);
    void photosReordered(const QStringList& ids);

public slots:
    // Checks the changed fields and emits profileEdited(); shows what is wrong instead when something is.
    bool save();
    // Puts every field back to the last profile.
    void revert();

protected:
    void changeEvent(QEvent* event) override;

private slots:
    void applyCoordinatePaste();
    void updateState();

private:
    QWidget* createProfileColumn();
    QWidget* createLocationColumn();
    void retranslateUi();
    // The fields as the shop entity has them, from what is on screen. Coordinates that cannot be read are kept as
    // their text, so that they count as a change and save() reports them.
    QJsonObject editedValues() const;
    void showField(const QString& key, const QJsonValue& value);
    QString problemWith(const QJsonObject& changes) const;
    enum class Message { None, Unsaved, Saved, Problem };
    void showMessage(Message kind, const QString& problem = QString());

    QJsonObject m_profile;
    // What the fields showed right after the last setProfile()/save(): the reference for "changed".
    QJsonObject m_shown;
    bool m_loading = false;
    Message m_message = Message::None;

    QLabel* m_titleLabel = nullptr;
    QLabel* m_descriptionLabel = nullptr;
    QFrame* m_offlineNoticeFrame = nullptr;
    QLabel* m_offlineNoticeLabel = nullptr;
    QScrollArea* m_contentScrollArea = nullptr;

    QGroupBox* m_basicsGroupBox = nullptr;
    QLabel* m_nameLabel = nullptr;
    QLineEdit* m_nameLineEdit = nullptr;
    QLabel* m_introLabel = nullptr;
    QPlainTextEdit* m_introPlainTextEdit = nullptr;
    QLabel* m_introCountLabel = nullptr;
    QLabel* m_serviceItemsLabel = nullptr;
    StringListEditor* m_serviceItemsEditor = nullptr;

    QGroupBox* m_photosGroupBox = nullptr;
    PhotoStripWidget* m_photoStripWidget = nullptr;

    QGroupBox* m_locationGroupBox = nullptr;
    QLabel* m_addressLabel = nullptr;
    QLineEdit* m_addressLineEdit = nullptr;
    QLabel* m_latitudeLabel = nullptr;
    QLineEdit* m_latitudeLineEdit = nullptr;
    QLabel* m_longitudeLabel = nullptr;
    QLineEdit* m_longitudeLineEdit = nullptr;
    QLabel* m_pasteLabel = nullptr;
    QLineEdit* m_coordinatePasteLineEdit = nullptr;
    QPushButton* m_coordinatePastePushButton = nullptr;
    QLabel* m_coordinateMessageLabel = nullptr;
    QLabel* m_phonesLabel = nullptr;
    StringListEditor* m_phonesEditor = nullptr;

    QGroupBox* m_openingHoursGroupBox = nullptr;
    OpeningHoursEditor* m_openingHoursEditor = nullptr;

    QGroupBox* m_customerServiceGroupBox = nullptr;
    QCheckBox* m_customerServiceCheckBox = nullptr;
    QLabel* m_greetingLabel = nullptr;
    QLineEdit* m_greetingLineEdit = nullptr;
    QLabel* m_autoReplyLabel = nullptr;
    QPlainTextEdit* m_autoReplyPlainTextEdit = nullptr;

    QLabel* m_messageLabel = nullptr;
    QPushButton* m_revertPushButton = nullptr;
    QPushButton* m_savePushButton = nullptr;
};

} // namespace xd
