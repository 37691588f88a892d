#pragma once

#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>

// A real syncserver child process for tests: started on a free port of 127.0.0.1 in its own data folder.
class ServerProcess
{
public:
    struct Reply
    {
        int status = 0;
        QJsonObject json;
        QByteArray body;
        QByteArray header(const QByteArray& name) const;
        QList<QPair<QByteArray, QByteArray>> headers;
    };

    explicit ServerProcess(QString dataDir);
    ~ServerProcess();

    enum class Demo { Seed, None };
    // Starts with --demo (unless Demo::None) plus `extraArgs`; false (with the server's stderr in errorText()) if it
    // did not come up. A second server on the same database starts with Demo::None (--demo would reset the password).
    bool start(const QStringList& extraArgs = {}, quint16 port = 0, Demo demo = Demo::Seed);
    void stop(); // SIGTERM, wait
    void kill(); // SIGKILL, wait
    bool isRunning() const;

    quint16 port() const { return m_port; }
    QString baseUrl() const;
    QString webSocketUrl() const;
    QString demoShopId() const { return m_demoShopId; }
    QString demoShopName() const { return m_demoShopName; }
    QString demoPassword() const { return m_demoPassword; }
    QString dataDir() const { return m_dataDir; }
    QString errorText() const;

    // Runs `syncserver <args>` against the same data folder and database (shop create, staff add) and returns its
    // stdout and stderr.
    QString runCommand(const QStringList& args, const QByteArray& stdinText = {}, int* exitCode = nullptr) const;

    Reply request(const QByteArray& method,
                  const QString& path,
                  const QByteArray& body = {},
                  const QString& token = {},
                  const QList<QPair<QByteArray, QByteArray>>& headers = {}) const;
    Reply requestJson(const QByteArray& method,
                      const QString& path,
                      const QJsonObject& body,
                      const QString& token = {}) const;
    // Signs in and returns the token (empty on failure).
    QString login(const QString& shop, const QString& user, const QString& password) const;
    // `shop create --name <name> --owner bob`, then signs bob in (unless `ownerToken` is null): the new shop's id
    // (empty on failure). `ownerPassword`, when given, receives bob's generated password.
    QString createShop(const QString& name, QString* ownerToken, QString* ownerPassword = nullptr) const;

private:
    QString m_dataDir;
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
    QString m_demoShopId;
    QString m_demoShopName;
    QString m_demoPassword;
    QByteArray m_stderr;
    QStringList m_sharedArgs; // --config / --database of start(), repeated for runCommand()
};
