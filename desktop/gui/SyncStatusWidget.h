#pragma once

#include <QList>
#include <QPointer>
#include <QString>
#include <QWidget>

class QEvent;
class QLabel;
class QProgressBar;
class QToolButton;

namespace xd {

class RejectedOperationsDialog;

// An operation the server refused for good (a `rejected` push result). It stays in the outbox until the merchant
// discards it or asks to do it again.
struct RejectedOperation
{
    qint64 mid = 0;
    QString name;    // the mutation, e.g. "shop.updateProfile"
    QString summary; // what it did in the merchant's words, if the caller knows ("Intro, phones"); may be empty
    QString code;    // the server's error code, e.g. "permission_denied"
    QString message; // the server's reason

    friend bool operator==(const RejectedOperation&, const RejectedOperation&) = default;
};

// The sync state for the status bar: a coloured dot with the connection state, how many changes wait to be sent,
// the initial download's progress, and a warning button when the server refused changes.
class SyncStatusWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncStatusWidget)

public:
    enum class State {
        Offline,    // no connection; changes are kept locally
        Connecting, // opening the socket or authenticating
        Online,     // connected and up to date
        Syncing,    // pulling or pushing
        SignedOut,  // the server refused the session: sign in again
    };
    Q_ENUM(State)

    explicit SyncStatusWidget(QWidget* parent = nullptr);
    ~SyncStatusWidget() override;

    State state() const;
    int pendingCount() const;
    int progress() const;
    QList<RejectedOperation> rejected() const;

    // The words for `state`, translated: 在线, 离线, …
    static QString stateText(State state);
    // A readable name for a mutation ("shop.updateProfile" → "Shop profile"); the name itself when unknown.
    static QString operationTitle(const QString& mutationName);
    // A readable reason for a server error code, falling back to the server's message.
    static QString reasonText(const QString& code, const QString& message);

signals:
    void discardRequested(qint64 mid);
    void retryRequested(qint64 mid);

public slots:
    void setState(State state);
    // Operations saved locally and not yet accepted by the server.
    void setPendingCount(int count);
    // The initial sync's progress, 0–100; -1 hides the bar.
    void setProgress(int percent);
    void setRejected(const QList<RejectedOperation>& rejected);
    // Opens (or raises) the list of refused operations.
    void showRejected();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslateUi();

    State m_state = State::Offline;
    int m_pendingCount = 0;
    int m_progress = -1;
    QList<RejectedOperation> m_rejected;

    QLabel* m_dotLabel = nullptr;
    QLabel* m_stateLabel = nullptr;
    QLabel* m_pendingLabel = nullptr;
    QProgressBar* m_progressBar = nullptr;
    QToolButton* m_rejectedToolButton = nullptr;
    QPointer<RejectedOperationsDialog> m_rejectedDialog;
};

} // namespace xd
