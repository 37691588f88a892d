#pragma once

#include <QObject>

class QSocketNotifier;

namespace xd::server {

// Turns SIGTERM and SIGINT into a Qt signal delivered on the event loop (self-pipe trick), so shutdown
// runs as ordinary code: stop accepting, let the running handler finish, close the database. One per process.
class SignalWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SignalWatcher)

public:
    explicit SignalWatcher(QObject* parent = nullptr);
    ~SignalWatcher() override;

signals:
    void terminationRequested(int signalNumber);

private:
    void readSignal();

    QSocketNotifier* m_notifier = nullptr;
};

} // namespace xd::server
