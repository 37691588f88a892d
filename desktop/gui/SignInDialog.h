#pragma once

#include <QDialog>
#include <QString>
#include <QUrl>

#include <functional>

class QCheckBox;
class QDialogButtonBox;
class QEvent;
class QLabel;
class QLineEdit;
class QProgressBar;

namespace xd {

// Signs a staff member in: server address, shop, login, password, "remember me". The sign-in itself is injected, so
// the dialog knows nothing of HTTP; it validates the fields, shows that it is busy, and shows the error it is given.
class SignInDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignInDialog)

public:
    struct Credentials
    {
        QUrl serverUrl;
        QString shop; // the shop's name or id
        QString login;
        QString password;
        bool remember = false;
    };
    // Reports back through the second argument: an empty error means success and the dialog accepts.
    using SignInFunction = std::function<void(const Credentials&, std::function<void(const QString& error)>)>;

    explicit SignInDialog(SignInFunction signIn, QWidget* parent = nullptr);
    ~SignInDialog() override;

    static QUrl defaultServerUrl();
    // The message for refused credentials. It never says which field was wrong, as the server does not either.
    static QString wrongCredentialsMessage();
    static QString serverUnreachableMessage();

    // Fills the fields, e.g. from the last session; the password only if given.
    void setCredentials(const Credentials& credentials);
    Credentials credentials() const;
    bool isBusy() const;

public slots:
    void showError(const QString& error);
    // Validates and, when all is well, runs the sign-in function (as the Sign in button does).
    void signIn();
    void reject() override;

protected:
    void changeEvent(QEvent* event) override;

private:
    void setBusy(bool busy);
    void finish(quint64 attempt, const QString& error);
    QString problem(QLineEdit** field) const;
    void retranslateUi();

    SignInFunction m_signIn;
    bool m_busy = false;
    // Answers of attempts the merchant has given up on (Cancel) are ignored.
    quint64 m_attempt = 0;

    QLabel* m_titleLabel = nullptr;
    QLabel* m_serverLabel = nullptr;
    QLineEdit* m_serverLineEdit = nullptr;
    QLabel* m_shopLabel = nullptr;
    QLineEdit* m_shopLineEdit = nullptr;
    QLabel* m_loginLabel = nullptr;
    QLineEdit* m_loginLineEdit = nullptr;
    QLabel* m_passwordLabel = nullptr;
    QLineEdit* m_passwordLineEdit = nullptr;
    QCheckBox* m_rememberCheckBox = nullptr;
    QLabel* m_errorLabel = nullptr;
    QProgressBar* m_busyProgressBar = nullptr;
    QLabel* m_busyLabel = nullptr;
    QDialogButtonBox* m_buttonBox = nullptr;
};

} // namespace xd
