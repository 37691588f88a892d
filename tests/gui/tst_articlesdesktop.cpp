// The articles module as a merchant meets it, against a real syncserver process: sign in, write an article with a
// cover and a picture in its body (both uploaded for real), publish it, and find it on the server as written.
#include "ArticleEditorDialog.h"
#include "ArticleTableModel.h"
#include "ArticlesPage.h"
#include "DesktopFixture.h"
#include "GuiTestHelpers.h"
#include "MainWindow.h"
#include "SessionController.h"
#include "SignInDialog.h"
#include "SyncStatusWidget.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>

using namespace xd;

class tst_ArticlesDesktop : public QObject, private test::DesktopServerFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void signedIn_writeArticleWithPictures_serverHasIt();
};

void tst_ArticlesDesktop::initTestCase()
{
    QString error;
    QVERIFY2(startServer(&error), qPrintable(error));
}

void tst_ArticlesDesktop::signedIn_writeArticleWithPictures_serverHasIt()
{
    test::WiredDesktop desktop(m_dir.filePath(QStringLiteral("caches")));
    MainWindow& window = desktop.window;
    SessionController& controller = desktop.controller;
    const QStringList& warnings = desktop.warnings;
    QVERIFY(desktop.show());
    auto* page = qobject_cast<ArticlesPage*>(window.page(MainWindow::Module::Articles));
    QVERIFY(page);
    QVERIFY(!page->isEnabled());

    controller.setSignInPrefill(
        QUrl(m_server->baseUrl()), m_server->demoShopName(), QStringLiteral("owner"), m_server->demoPassword());
    controller.showSignIn();
    auto* stateLabel = window.findChild<QLabel*>(QStringLiteral("stateLabel"));
    auto* pendingLabel = window.findChild<QLabel*>(QStringLiteral("pendingLabel"));
    QVERIFY(stateLabel && pendingLabel);
    const QString onlineText = SyncStatusWidget::stateText(SyncStatusWidget::State::Online);
    QVERIFY2(QTest::qWaitFor([&] { return stateLabel->text() == onlineText; }, 20000),
             qPrintable(stateLabel->text() + warnings.join(QLatin1Char('\n'))));
    QVERIFY(page->isEnabled());
    window.setCurrentModule(MainWindow::Module::Articles);

    QTemporaryDir pictures;
    const QString coverPath = pictures.filePath(QStringLiteral("cover.png"));
    const QString bodyPath = pictures.filePath(QStringLiteral("body.jpg"));
    QVERIFY(test::savePictureFile(coverPath, 640, 360, QColor(0x07, 0xc1, 0x60)));
    QVERIFY(test::savePictureFile(bodyPath, 400, 300, QColor(0xfa, 0x8c, 0x16)));

    // Write it in the editor, as a person would; the uploads go to the server for real.
    bool saved = false;
    page->setPrompts(
        {{}, {}, [&](ArticleEditorDialog& dialog) {
             dialog.show();
             test::typeText(dialog.findChild<QLineEdit*>(QStringLiteral("titleLineEdit")),
                            QStringLiteral("新品：桂花乌龙"));
             dialog.uploadCover(coverPath);
             QTextEdit* edit = dialog.bodyEditor()->textEdit();
             edit->setFocus();
             QTest::keyClicks(edit, QStringLiteral("Fresh tea "));
             dialog.bodyEditor()->insertImageFile(bodyPath);
             const bool uploaded = QTest::qWaitFor(
                 [&] {
                     return dialog.arguments().value(QStringLiteral("cover")).toString().size() > 0 &&
                            dialog.bodyEditor()->html().contains(QLatin1String("<img"));
                 },
                 20000);
             if (!uploaded)
                 return false;
             dialog.findChild<QRadioButton*>(QStringLiteral("publishNowRadioButton"))->click();
             test::saveScreenshot(&dialog, QStringLiteral("articleeditor_signedin"));
             dialog.findChild<QDialogButtonBox*>(QStringLiteral("buttonBox"))->button(QDialogButtonBox::Ok)->click();
             saved = dialog.result() == QDialog::Accepted;
             return saved;
         }});
    page->newArticle();
    QVERIFY2(saved, qPrintable(warnings.join(QLatin1Char('\n'))));
    const QString id = page->selectedArticleId();
    QVERIFY(!id.isEmpty());

    // Sent, accepted, pulled back: the row is no longer marked, and the server has the article as written.
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                     const QModelIndex index = page->model()->indexFromId(id);
                     return index.isValid() && !index.data(ArticleTableModel::PendingRole).toBool() &&
                            !pendingLabel->isVisible();
                 },
                 20000),
             qPrintable(warnings.join(QLatin1Char('\n'))));
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
    const QString token = m_server->login(m_server->demoShopName(), QStringLiteral("owner"), m_server->demoPassword());
    const auto stored = m_server->request("GET", QStringLiteral("/admin/v1/articles/") + id, {}, token);
    QCOMPARE(stored.status, 200);
    QCOMPARE(stored.json.value(QStringLiteral("title")).toString(), QStringLiteral("新品：桂花乌龙"));
    QCOMPARE(stored.json.value(QStringLiteral("published")).toBool(), true);
    QVERIFY(!stored.json.value(QStringLiteral("cover")).toString().isEmpty());
    const QString storedBody = stored.json.value(QStringLiteral("body")).toString();
    QVERIFY2(storedBody.startsWith(QLatin1String("<p>Fresh tea <img src=\"/api/v1/shops/") + m_server->demoShopId() +
                                   QLatin1String("/images/")),
             qPrintable(storedBody));
    // The public sees it too.
    const auto shown = m_server->request(
        "GET", QStringLiteral("/api/v1/shops/%1/articles/%2").arg(m_server->demoShopId(), id), {}, {});
    QCOMPARE(shown.status, 200);
    QVERIFY(test::saveScreenshot(&window, QStringLiteral("articles_signedin")));
}

QTEST_MAIN(tst_ArticlesDesktop)
#include "tst_articlesdesktop.moc"
