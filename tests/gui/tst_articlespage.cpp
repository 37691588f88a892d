#include "ArticleEditorDialog.h"
#include "ArticleService.h"
#include "ArticleTableModel.h"
#include "ArticlesPage.h"
#include "DesktopSession.h"
#include "GuiTestHelpers.h"
#include "InMemorySecretStore.h"
#include "LanguageManager.h"
#include "MainWindow.h"
#include "SessionController.h"
#include "SyncStatusWidget.h"
#include "TestCache.h"
#include "TestPictureServer.h"
#include "xiaodian/Id.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QBuffer>
#include <QClipboard>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QTextEdit>

using namespace xd;
using xd::test::savePictureFile;
using xd::test::saveScreenshot;
using xd::test::TestCache;
using xd::test::typeText;

namespace {

constexpr qint64 Hour = 3'600'000;

QJsonObject wireArticle(const QString& title, bool published, qint64 publishAtMs, qint64 updatedAtMs)
{
    return QJsonObject{{QStringLiteral("title"), title},
                       {QStringLiteral("cover"), QString()},
                       {QStringLiteral("summary"), QStringLiteral("about ") + title},
                       {QStringLiteral("body"), QStringLiteral("<p>body of ") + title + QStringLiteral("</p>")},
                       {QStringLiteral("category"), QStringLiteral("新闻")},
                       {QStringLiteral("published"), published},
                       {QStringLiteral("publishAtMs"), publishAtMs},
                       {QStringLiteral("viewCount"), 3},
                       {QStringLiteral("createdAtMs"), updatedAtMs},
                       {QStringLiteral("updatedAtMs"), updatedAtMs}};
}

sync::SyncRow articleRow(const QString& id, const QJsonObject& data, qint64 version = 1)
{
    return sync::SyncRow{QStringLiteral("article"), id, version, false, data};
}

template <typename T> T* child(QObject* parent, const char* name)
{
    auto* found = parent->findChild<T*>(QLatin1String(name));
    Q_ASSERT_X(found, "child", name);
    return found;
}

} // namespace

class TestArticlesPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void model_passesModelTester_andPagesLazily();
    void pulledArticle_showsUp_andTombstoneRemovesIt();
    void newArticle_editorRoundTrip_enqueuesSaveWithSanitizedBody();
    void editor_refusesEmptyTitle_andPastSchedule_andOverlongSummary();
    void editor_coverUpload_putsTheImageIdInTheArguments();
    void editor_cancelWithChanges_asksBeforeDiscarding();
    void editor_loadsCoverThumbnailAndBodyImagesFromTheServer();
    void editArticle_prefillsTheEditor_andKeepsTheId();
    void filter_byTitleAndState_throughTheWidgets();
    void delete_asksFirst_andEnqueuesArticleDelete();
    void publishAndUnpublish_buttonsFollowTheState();
    void signedOut_pageIsDisabled();
    void sessionEndsWhileEditing_savesNothing_andDoesNotCrash();
    void sessionController_putsTheArticlesPageInItsModule();

private:
    void seed(const QList<sync::SyncRow>& rows);
    void select(const QString& title);

    std::unique_ptr<TestCache> m_cache;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<ArticleService> m_service;
    std::unique_ptr<ArticlesPage> m_page;
    qint64 m_now = 0;
    QStringList m_warnings;
};

void TestArticlesPage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestArticlesPage::init()
{
    m_cache = std::make_unique<TestCache>();
    QVERIFY(m_cache->open());
    m_now = QDateTime::currentMSecsSinceEpoch();
    m_clock = std::make_unique<ManualClock>(m_now);
    m_service = std::make_unique<ArticleService>(*m_cache->store, *m_clock, Role::Clerk);
    m_page = std::make_unique<ArticlesPage>();
    m_warnings.clear();
    m_page->setPrompts({{}, [this](const QString& message) { m_warnings << message; }, {}});
    m_page->setService(m_service.get());
    m_page->resize(1000, 600);
}

void TestArticlesPage::cleanup()
{
    m_page.reset();
    m_service.reset();
    m_cache.reset();
}

void TestArticlesPage::seed(const QList<sync::SyncRow>& rows)
{
    QVERIFY(m_cache->store->applyPullPage(rows, QStringLiteral("1.-1."), 1, false));
    m_page->reload(); // pulls reload the page later (pulledArticle_showsUp… tests that path)
}

void TestArticlesPage::select(const QString& title)
{
    ArticleTableModel* model = m_page->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->articleAt(row).title == title) {
            m_page->tableView()->selectRow(row);
            return;
        }
    }
    QFAIL(qPrintable(QStringLiteral("no row titled ") + title));
}

void TestArticlesPage::model_passesModelTester_andPagesLazily()
{
    QList<sync::SyncRow> rows;
    for (int i = 0; i < 1000; ++i)
        rows << articleRow(Id::create(),
                           wireArticle(QStringLiteral("post %1").arg(i), i % 2 == 0, m_now - i * 1000, m_now));
    seed(rows);
    QCOMPARE(m_page->model()->rowCount(), 1000);
    QAbstractItemModelTester tester(m_page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    // The view shows the top rows; a model reading everything would have loaded five pages.
    ArticleTableModel fresh;
    fresh.setService(m_service.get());
    QTableView view;
    view.setModel(&fresh);
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.resize(600, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCOMPARE(fresh.pageLoads(), 1);
    view.scrollToBottom();
    QTest::qWait(20);
    QCOMPARE(fresh.pageLoads(), 2);
    QCOMPARE(fresh.index(999, ArticleTableModel::Title).data().toString(), QStringLiteral("post 999"));
    QVERIFY(saveScreenshot(m_page.get(), QStringLiteral("articlespage")));
}

void TestArticlesPage::pulledArticle_showsUp_andTombstoneRemovesIt()
{
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QCOMPARE(m_page->model()->rowCount(), 0);
    const QString id = Id::create();
    QVERIFY(m_cache->store->applyPullPage(
        {articleRow(id, wireArticle(QStringLiteral("从服务器来"), true, m_now - Hour, m_now))},
        QStringLiteral("1.-1."),
        1,
        false));
    QTRY_COMPARE(m_page->model()->rowCount(), 1);
    const QModelIndex title = m_page->model()->index(0, ArticleTableModel::Title);
    QCOMPARE(title.data().toString(), QStringLiteral("从服务器来"));
    QCOMPARE(m_page->model()->index(0, ArticleTableModel::Category).data().toString(), QStringLiteral("新闻"));
    QCOMPARE(m_page->model()->index(0, ArticleTableModel::State).data().toString(), QStringLiteral("Published"));
    QVERIFY(!title.data(ArticleTableModel::PendingRole).toBool());
    QCOMPARE(child<QLabel>(m_page.get(), "countLabel")->text(), QStringLiteral("1 article(s)"));

    QVERIFY(m_cache->store->applyPullPage(
        {sync::SyncRow{QStringLiteral("article"), id, 2, true, {}}}, QStringLiteral("2.-1."), 2, false));
    QTRY_COMPARE(m_page->model()->rowCount(), 0);

    // Hidden, the page does not reload for every pull; showing it again brings it up to date.
    m_page->hide();
    QVERIFY(
        m_cache->store->applyPullPage({articleRow(Id::create(), wireArticle(QStringLiteral("later"), false, 0, m_now))},
                                      QStringLiteral("3.-1."),
                                      3,
                                      false));
    QTest::qWait(300);
    QCOMPARE(m_page->model()->rowCount(), 0);
    m_page->show();
    QCOMPARE(m_page->model()->rowCount(), 1);
}

void TestArticlesPage::newArticle_editorRoundTrip_enqueuesSaveWithSanitizedBody()
{
    bool ran = false;
    m_page->setPrompts({{}, {}, [&](ArticleEditorDialog& dialog) {
                            ran = true;
                            dialog.show();
                            typeText(child<QLineEdit>(&dialog, "titleLineEdit"), QStringLiteral("春季上新 Spring"));
                            typeText(child<QLineEdit>(&dialog, "categoryLineEdit"), QStringLiteral("News"));
                            typeText(child<QPlainTextEdit>(&dialog, "summaryPlainTextEdit"), QStringLiteral("short"));
                            RichTextEditor* body = dialog.bodyEditor();
                            QTextEdit* edit = body->textEdit();
                            edit->setFocus();
                            QTest::keyClicks(edit, QStringLiteral("Hello "));
                            body->findChild<QAction*>(QStringLiteral("boldAction"))->trigger();
                            QTest::keyClicks(edit, QStringLiteral("world"));
                            // A paste from a web page with a script in it.
                            auto* mime = new QMimeData;
                            mime->setHtml(QStringLiteral("<p>pasted<script>alert(1)</script></p>"));
                            QGuiApplication::clipboard()->setMimeData(mime);
                            edit->paste();
                            child<QRadioButton>(&dialog, "publishNowRadioButton")->click();
                            saveScreenshot(&dialog, QStringLiteral("articleeditor"));
                            child<QDialogButtonBox>(&dialog, "buttonBox")->button(QDialogButtonBox::Ok)->click();
                            return dialog.result() == QDialog::Accepted;
                        }});
    child<QPushButton>(m_page.get(), "newPushButton")->click();
    QVERIFY(ran);
    QVERIFY2(m_warnings.isEmpty(), qPrintable(m_warnings.join(QLatin1Char('\n'))));

    const auto pending = m_cache->store->pendingOperations();
    QCOMPARE(pending->size(), 1);
    const OutboxEntry& entry = pending->constFirst();
    QCOMPARE(entry.name, QStringLiteral("article.save"));
    QVERIFY(Id::isValid(entry.args.value(QStringLiteral("id")).toString()));
    QCOMPARE(entry.args.value(QStringLiteral("title")).toString(), QStringLiteral("春季上新 Spring"));
    QCOMPARE(entry.args.value(QStringLiteral("category")).toString(), QStringLiteral("News"));
    QCOMPARE(entry.args.value(QStringLiteral("summary")).toString(), QStringLiteral("short"));
    QCOMPARE(entry.args.value(QStringLiteral("cover")).toString(), QString());
    QCOMPARE(entry.args.value(QStringLiteral("published")).toBool(), true);
    const QString body = entry.args.value(QStringLiteral("body")).toString();
    QVERIFY2(body.startsWith(QLatin1String("<p>Hello <strong>world")), qPrintable(body));
    QVERIFY2(body.contains(QLatin1String("pasted")), qPrintable(body));
    QVERIFY2(!body.contains(QLatin1String("script")) && !body.contains(QLatin1String("alert")), qPrintable(body));
    QVERIFY2(!body.contains(QLatin1String("<style")), qPrintable(body));

    // The new row is in the table, marked as not synced, and selected. (The outbox stamped it with the system clock,
    // which has moved on from the page's manual one.)
    m_clock->setNowMs(QDateTime::currentMSecsSinceEpoch() + 1000);
    QCOMPARE(m_page->model()->rowCount(), 1);
    const QModelIndex state = m_page->model()->index(0, ArticleTableModel::State);
    QCOMPARE(state.data().toString(), QStringLiteral("Published (not synced)"));
    QVERIFY(state.data(ArticleTableModel::PendingRole).toBool());
    QCOMPARE(m_page->selectedArticleId(), entry.args.value(QStringLiteral("id")).toString());
}

void TestArticlesPage::editor_refusesEmptyTitle_andPastSchedule_andOverlongSummary()
{
    ArticleEditorDialog dialog;
    dialog.setClock([this] { return m_clock->nowMs(); });
    dialog.show();
    auto* ok = child<QDialogButtonBox>(&dialog, "buttonBox")->button(QDialogButtonBox::Ok);
    ok->click();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.errorText(), QStringLiteral("Give the article a title."));

    typeText(child<QLineEdit>(&dialog, "titleLineEdit"), QStringLiteral("t"));
    dialog.setPublishing(ArticleEditorDialog::Publishing::Scheduled, m_now - Hour);
    ok->click();
    QVERIFY(dialog.isVisible());
    QVERIFY2(dialog.errorText().contains(QLatin1String("passed")), qPrintable(dialog.errorText()));

    dialog.setPublishing(ArticleEditorDialog::Publishing::Scheduled, m_now + 2 * Hour);
    child<QPlainTextEdit>(&dialog, "summaryPlainTextEdit")->setPlainText(QString(301, QLatin1Char('s')));
    ok->click();
    QVERIFY(dialog.isVisible());
    QVERIFY2(dialog.errorText().contains(QLatin1String("300")), qPrintable(dialog.errorText()));

    child<QPlainTextEdit>(&dialog, "summaryPlainTextEdit")->setPlainText(QStringLiteral("fine"));
    ok->click();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const QJsonObject args = dialog.arguments();
    QCOMPARE(args.value(QStringLiteral("published")).toBool(), true);
    QCOMPARE(args.value(QStringLiteral("publishAtMs")).toInteger() / 60'000, (m_now + 2 * Hour) / 60'000);
    QVERIFY(!args.contains(QStringLiteral("id")));
}

void TestArticlesPage::editor_coverUpload_putsTheImageIdInTheArguments()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cover.png"));
    QVERIFY(savePictureFile(path, 320, 180, Qt::darkGreen));

    ArticleEditorDialog dialog;
    std::function<void(Result<QString>)> answer;
    dialog.setCoverUploader(
        [&](const QString&, std::function<void(Result<QString>)> done) { answer = std::move(done); });
    typeText(child<QLineEdit>(&dialog, "titleLineEdit"), QStringLiteral("with cover"));
    dialog.uploadCover(path);
    QVERIFY(answer);
    // OK waits for the upload.
    child<QDialogButtonBox>(&dialog, "buttonBox")->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QVERIFY(dialog.errorText().contains(QLatin1String("Wait")));
    answer(QStringLiteral("img-01"));
    QVERIFY(!child<QLabel>(&dialog, "coverPreviewLabel")->pixmap().isNull());
    QCOMPARE(dialog.arguments().value(QStringLiteral("cover")).toString(), QStringLiteral("img-01"));
    child<QPushButton>(&dialog, "coverRemovePushButton")->click();
    QCOMPARE(dialog.arguments().value(QStringLiteral("cover")).toString(), QString());

    // A failed upload says why and keeps no cover.
    dialog.setCoverUploader([](const QString&, std::function<void(Result<QString>)> done) {
        done(makeError(ErrorCode::InvalidArgument, QStringLiteral("too large")));
    });
    dialog.uploadCover(path);
    QVERIFY(dialog.errorText().contains(QLatin1String("too large")));
    QCOMPARE(dialog.arguments().value(QStringLiteral("cover")).toString(), QString());
}

void TestArticlesPage::editor_loadsCoverThumbnailAndBodyImagesFromTheServer()
{
    PictureServer server;
    const QString shopId = Id::create();
    Article article;
    article.id = Id::create();
    article.title = QStringLiteral("with pictures");
    article.cover = Id::create();
    article.body = QStringLiteral("<p>a<img src=\"/api/v1/shops/%1/images/%2\"/></p>").arg(shopId, Id::create());
    ArticleEditorDialog dialog;
    dialog.setArticle(article);
    QSignalSpy changed(dialog.bodyEditor(), &RichTextEditor::changed);
    dialog.setImageLocation(server.url(), shopId);
    dialog.bodyEditor()->setHtml(article.body); // loaded again now that the server is known
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto* preview = child<QLabel>(&dialog, "coverPreviewLabel");
    QTRY_VERIFY(!preview->pixmap().isNull());
    QVERIFY(server.paths.contains(QStringLiteral("/api/v1/shops/%1/images/%2?size=thumb").arg(shopId, article.cover)));
    QTRY_VERIFY(server.paths.size() >= 2);
    QVERIFY(server.paths.filter(QStringLiteral("?")).size() == 1); // the body picture is the original
    const QUrl bodyImage(article.body.section(QLatin1Char('"'), 1, 1));
    QTRY_VERIFY(
        !dialog.bodyEditor()->textEdit()->document()->resource(QTextDocument::ImageResource, bodyImage).isNull());
    QCOMPARE(dialog.bodyEditor()->html(), article.body);
    QCOMPARE(changed.size(), 0); // a picture arriving is not an edit
    QVERIFY(!dialog.isModified());
}

void TestArticlesPage::editor_cancelWithChanges_asksBeforeDiscarding()
{
    Article article;
    article.id = Id::create();
    article.title = QStringLiteral("kept");
    article.body = QStringLiteral("<p>body</p>");
    ArticleEditorDialog dialog;
    int asked = 0;
    bool discard = false;
    dialog.setDiscardPrompt([&] {
        ++asked;
        return discard;
    });
    dialog.setArticle(article);
    dialog.show();
    QVERIFY(!dialog.isModified()); // loading is not editing
    dialog.reject();
    QCOMPARE(asked, 0);
    QVERIFY(!dialog.isVisible());

    dialog.show();
    typeText(child<QLineEdit>(&dialog, "titleLineEdit"), QStringLiteral("!"));
    QVERIFY(dialog.isModified());
    dialog.reject();
    QCOMPARE(asked, 1);
    QVERIFY(dialog.isVisible()); // the user kept editing
    discard = true;
    dialog.reject();
    QCOMPARE(asked, 2);
    QVERIFY(!dialog.isVisible());
}

void TestArticlesPage::editArticle_prefillsTheEditor_andKeepsTheId()
{
    const QString id = Id::create();
    QJsonObject data = wireArticle(QStringLiteral("original"), true, m_now + 5 * Hour, m_now);
    data.insert(QStringLiteral("body"), QStringLiteral("<h2>Menu</h2><ul><li>tea</li></ul>"));
    data.insert(QStringLiteral("cover"), QStringLiteral("img-9"));
    seed({articleRow(id, data)});
    select(QStringLiteral("original"));
    bool ran = false;
    m_page->setPrompts({{}, {}, [&](ArticleEditorDialog& dialog) {
                            ran = true;
                            auto* title = child<QLineEdit>(&dialog, "titleLineEdit");
                            [&] {
                                QCOMPARE(title->text(), QStringLiteral("original"));
                                QCOMPARE(child<QLineEdit>(&dialog, "categoryLineEdit")->text(), QStringLiteral("新闻"));
                                QCOMPARE(dialog.bodyEditor()->html(),
                                         QStringLiteral("<h2>Menu</h2><ul><li>tea</li></ul>"));
                                QCOMPARE(dialog.publishing(), ArticleEditorDialog::Publishing::Scheduled);
                                QVERIFY(child<QDateTimeEdit>(&dialog, "scheduleDateTimeEdit")->isEnabled());
                            }();
                            title->setText(QStringLiteral("edited"));
                            dialog.accept();
                            return dialog.result() == QDialog::Accepted;
                        }});
    child<QPushButton>(m_page.get(), "editPushButton")->click();
    QVERIFY(ran);
    const auto pending = m_cache->store->pendingOperations();
    QCOMPARE(pending->size(), 1);
    const QJsonObject args = pending->constFirst().args;
    QCOMPARE(args.value(QStringLiteral("id")).toString(), id);
    QCOMPARE(args.value(QStringLiteral("title")).toString(), QStringLiteral("edited"));
    QCOMPARE(args.value(QStringLiteral("cover")).toString(), QStringLiteral("img-9"));
    QCOMPARE(args.value(QStringLiteral("publishAtMs")).toInteger() / 60'000, (m_now + 5 * Hour) / 60'000);
    QCOMPARE(m_page->model()->rowCount(), 1);
    QCOMPARE(m_page->model()->index(0, 0).data().toString(), QStringLiteral("edited"));
}

void TestArticlesPage::filter_byTitleAndState_throughTheWidgets()
{
    seed({articleRow(Id::create(), wireArticle(QStringLiteral("Tea news"), true, m_now - Hour, m_now)),
          articleRow(Id::create(), wireArticle(QStringLiteral("Tea draft"), false, 0, m_now)),
          articleRow(Id::create(), wireArticle(QStringLiteral("Coffee later"), true, m_now + Hour, m_now))});
    QCOMPARE(m_page->model()->rowCount(), 3);
    auto* search = child<QLineEdit>(m_page.get(), "searchLineEdit");
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    typeText(search, QStringLiteral("tea"));
    QTRY_COMPARE(m_page->model()->rowCount(), 2);
    auto* state = child<QComboBox>(m_page.get(), "stateComboBox");
    state->setCurrentIndex(state->findData(int(ArticleQuery::StateFilter::Draft)));
    QCOMPARE(m_page->model()->rowCount(), 1);
    QCOMPARE(m_page->model()->index(0, 0).data().toString(), QStringLiteral("Tea draft"));
    search->clear();
    QTRY_COMPARE(m_page->model()->rowCount(), 1);
    state->setCurrentIndex(state->findData(int(ArticleQuery::StateFilter::Scheduled)));
    QCOMPARE(m_page->model()->index(0, 0).data().toString(), QStringLiteral("Coffee later"));
    QCOMPARE(m_page->model()->index(0, ArticleTableModel::State).data().toString(), QStringLiteral("Scheduled"));
    state->setCurrentIndex(state->findData(int(ArticleQuery::StateFilter::Any)));
    QCOMPARE(m_page->model()->rowCount(), 3);
    typeText(search, QStringLiteral("nothing"));
    QTRY_COMPARE(m_page->model()->rowCount(), 0);
    QCOMPARE(child<QLabel>(m_page.get(), "countLabel")->text(), QStringLiteral("0 article(s)"));
}

void TestArticlesPage::delete_asksFirst_andEnqueuesArticleDelete()
{
    const QString id = Id::create();
    seed({articleRow(id, wireArticle(QStringLiteral("doomed"), false, 0, m_now))});
    select(QStringLiteral("doomed"));
    QString asked;
    bool agree = false;
    m_page->setPrompts({[&](const QString& title) {
                            asked = title;
                            return agree;
                        },
                        {},
                        {}});
    auto* remove = child<QPushButton>(m_page.get(), "deletePushButton");
    QVERIFY(remove->isEnabled());
    remove->click();
    QCOMPARE(asked, QStringLiteral("doomed"));
    QCOMPARE(m_cache->store->pendingCount(), 0); // said no
    asked.clear();
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    m_page->tableView()->setFocus();
    QTest::keyClick(m_page->tableView(), Qt::Key_Delete); // the key asks too
    QCOMPARE(asked, QStringLiteral("doomed"));
    QCOMPARE(m_cache->store->pendingCount(), 0);
    agree = true;
    remove->click();
    const auto pending = m_cache->store->pendingOperations();
    QCOMPARE(pending->size(), 1);
    QCOMPARE(pending->constFirst().name, QStringLiteral("article.delete"));
    QCOMPARE(pending->constFirst().args, (QJsonObject{{QStringLiteral("id"), id}}));
    QCOMPARE(m_page->model()->rowCount(), 0);
    QVERIFY(!remove->isEnabled());
}

void TestArticlesPage::publishAndUnpublish_buttonsFollowTheState()
{
    const QString id = Id::create();
    seed({articleRow(id, wireArticle(QStringLiteral("draft"), false, 0, m_now))});
    auto* publish = child<QPushButton>(m_page.get(), "publishPushButton");
    auto* unpublish = child<QPushButton>(m_page.get(), "unpublishPushButton");
    QVERIFY(!publish->isEnabled()); // nothing selected
    select(QStringLiteral("draft"));
    QVERIFY(publish->isEnabled());
    QVERIFY(!unpublish->isEnabled());
    publish->click();
    auto pending = m_cache->store->pendingOperations();
    QCOMPARE(pending->size(), 1);
    QCOMPARE(pending->at(0).name, QStringLiteral("article.save"));
    QCOMPARE(pending->at(0).args.value(QStringLiteral("published")).toBool(), true);
    QCOMPARE(pending->at(0).args.value(QStringLiteral("body")).toString(), QStringLiteral("<p>body of draft</p>"));
    // The selection followed the article through the reload; now it is published.
    QCOMPARE(m_page->selectedArticleId(), id);
    QVERIFY(!publish->isEnabled());
    QVERIFY(unpublish->isEnabled());
    unpublish->click();
    pending = m_cache->store->pendingOperations();
    QCOMPARE(pending->size(), 2);
    QCOMPARE(pending->at(1).args.value(QStringLiteral("published")).toBool(), false);
    QVERIFY(publish->isEnabled());
}

void TestArticlesPage::signedOut_pageIsDisabled()
{
    seed({articleRow(Id::create(), wireArticle(QStringLiteral("x"), false, 0, m_now))});
    m_page->setService(nullptr);
    QVERIFY(!m_page->isEnabled());
    QCOMPARE(m_page->model()->rowCount(), 0);
    m_page->newArticle(); // does nothing, and does not crash
    m_page->setService(m_service.get());
    QVERIFY(m_page->isEnabled());
    QCOMPARE(m_page->model()->rowCount(), 1);
}

void TestArticlesPage::sessionEndsWhileEditing_savesNothing_andDoesNotCrash()
{
    m_page->setPrompts({{}, {}, [&](ArticleEditorDialog& dialog) {
                            typeText(child<QLineEdit>(&dialog, "titleLineEdit"), QStringLiteral("orphan"));
                            dialog.setPublishing(ArticleEditorDialog::Publishing::Scheduled,
                                                 QDateTime::currentMSecsSinceEpoch() + Hour);
                            m_page->setService(nullptr); // signed out meanwhile (the session ended elsewhere)
                            m_service.reset();
                            dialog.accept(); // asks the clock of the service that is gone
                            return dialog.result() == QDialog::Accepted;
                        }});
    m_page->newArticle();
    QCOMPARE(m_cache->store->pendingCount(), 0);
    QVERIFY(m_warnings.isEmpty());
}

void TestArticlesPage::sessionController_putsTheArticlesPageInItsModule()
{
    LanguageManager languages;
    MainWindow window(&languages);
    InMemorySecretStore keychain;
    const SystemClock clock;
    QTemporaryDir dir;
    DesktopSession session(keychain, clock, dir.filePath(QStringLiteral("caches")));
    SessionController controller(window, session);
    auto* page = qobject_cast<ArticlesPage*>(window.page(MainWindow::Module::Articles));
    QVERIFY(page);
    QCOMPARE(page, controller.articlesPage());
    QVERIFY(!page->isEnabled()); // nobody signed in yet
    // A rejected article operation is named for people in the sync status, in the desktop's language.
    QVERIFY(languages.useLanguageForSession(QStringLiteral("zh_CN")));
    QCOMPARE(SyncStatusWidget::operationTitle(QStringLiteral("article.save")), QStringLiteral("保存文章"));
    QVERIFY(languages.useLanguageForSession(QStringLiteral("en")));
    QCOMPARE(SyncStatusWidget::operationTitle(QStringLiteral("article.save")), QStringLiteral("Save article"));
    QCOMPARE(SyncStatusWidget::operationTitle(QStringLiteral("article.delete")), QStringLiteral("Delete article"));
}

QTEST_MAIN(TestArticlesPage)
#include "tst_articlespage.moc"
