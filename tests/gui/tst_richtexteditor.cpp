#include "GuiTestHelpers.h"
#include "RichTextEditor.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextCursor>
#include <QTextEdit>
#include <QToolBar>

using xd::RichTextEditor;
using xd::test::savePictureFile;
using xd::test::saveScreenshot;

namespace {

QAction* action(RichTextEditor& editor, const char* name)
{
    auto* found = editor.findChild<QAction*>(QLatin1String(name));
    Q_ASSERT(found);
    return found;
}

// What html() must never contain, whatever the input.
void verifyClean(const QString& html)
{
    const QString lower = html.toLower();
    QVERIFY2(!lower.contains(QLatin1String("<style")), qPrintable(html));
    QVERIFY2(!lower.contains(QLatin1String("<script")), qPrintable(html));
    QVERIFY2(!lower.contains(QLatin1String("<html")), qPrintable(html));
    QVERIFY2(!lower.contains(QLatin1String("<body")), qPrintable(html));
    QVERIFY2(!lower.contains(QLatin1String("-qt-")), qPrintable(html));
    QVERIFY2(!lower.contains(QLatin1String("font-family")), qPrintable(html));
    QVERIFY2(!lower.contains(QLatin1String("<!doctype")), qPrintable(html));
}

// Through the real clipboard and QTextEdit::paste(), as Ctrl+V does.
void paste(RichTextEditor& editor, const QString& html, const QString& text = {})
{
    auto* mime = new QMimeData;
    if (!html.isEmpty())
        mime->setHtml(html);
    if (!text.isEmpty())
        mime->setText(text);
    QGuiApplication::clipboard()->setMimeData(mime);
    editor.textEdit()->paste();
}

} // namespace

class TestRichTextEditor : public QObject
{
    Q_OBJECT

private slots:
    void emptyEditor_htmlIsEmpty();
    void toolbar_boldListHeading_giveTagsWithoutQtCss();
    void typedSpecialCharacters_areEscaped();
    void colourAndAlignment_areKept();
    void setHtml_roundTrips_andDoesNotSignalChanged();
    void setHtml_dropsScriptsAndStyleSheets();
    void pasteFromWeb_keepsStructureOnly();
    void pasteFromWord_dropsStylesAndConditionalComments();
    void pastePlainText_isInsertedAsText();
    void clearFormatting_removesFormatsAndList();
    void toggleList_twice_removesTheList();
    void insertImage_usesUploaderUrl();
    void insertImage_uploadFails_reportsAndInsertsNothing();
    void insertImage_unsafeUrlFromUploader_isRefused();
    void imageButton_hiddenWithoutUploader();
    void storedImagesWithUnsafeUrls_areDropped();
};

void TestRichTextEditor::emptyEditor_htmlIsEmpty()
{
    RichTextEditor editor;
    QCOMPARE(editor.html(), QString());
    QVERIFY(editor.isEmpty());
    editor.textEdit()->setPlainText(QStringLiteral("\n\n  \n"));
    QCOMPARE(editor.html(), QString());
}

void TestRichTextEditor::toolbar_boldListHeading_giveTagsWithoutQtCss()
{
    RichTextEditor editor;
    editor.resize(640, 400);
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    QSignalSpy changed(&editor, &RichTextEditor::changed);
    QTextEdit* edit = editor.textEdit();
    edit->setFocus();

    // A heading through the style box, then body text with a bold word, then a bulleted and a numbered list.
    QTest::keyClicks(edit, QStringLiteral("Spring menu"));
    auto* headingBox = editor.findChild<QComboBox*>(QStringLiteral("headingComboBox"));
    QVERIFY(headingBox);
    headingBox->setCurrentIndex(2);
    emit headingBox->activated(2);
    QTest::keyClick(edit, Qt::Key_Return);
    editor.setHeadingLevel(0);
    QTest::keyClicks(edit, QStringLiteral("Try our "));
    action(editor, "boldAction")->trigger();
    QTest::keyClicks(edit, QStringLiteral("new tea"));
    action(editor, "boldAction")->trigger();
    QTest::keyClicks(edit, QStringLiteral(" today."));
    QTest::keyClick(edit, Qt::Key_Return);
    action(editor, "bulletListAction")->trigger();
    QTest::keyClicks(edit, QStringLiteral("green"));
    QTest::keyClick(edit, Qt::Key_Return);
    QTest::keyClicks(edit, QStringLiteral("black"));
    QTest::keyClick(edit, Qt::Key_Return);
    QTest::keyClick(edit, Qt::Key_Return); // an empty item ends the list
    action(editor, "numberedListAction")->trigger();
    action(editor, "italicAction")->trigger();
    QTest::keyClicks(edit, QStringLiteral("first"));
    action(editor, "italicAction")->trigger();
    action(editor, "underlineAction")->trigger();
    QTest::keyClicks(edit, QStringLiteral("second"));

    const QString html = editor.html();
    verifyClean(html);
    QCOMPARE(html,
             QStringLiteral("<h2>Spring menu</h2><p>Try our <strong>new tea</strong> today.</p>"
                            "<ul><li>green</li><li>black</li></ul><ol><li><em>first</em><u>second</u></li></ol>"));
    QVERIFY(!changed.isEmpty());
    QVERIFY(edit->toHtml().contains(QLatin1String("<style"))); // what html() must not pass on
    QVERIFY(saveScreenshot(&editor, QStringLiteral("richtexteditor")));
}

void TestRichTextEditor::typedSpecialCharacters_areEscaped()
{
    RichTextEditor editor;
    editor.textEdit()->setPlainText(QStringLiteral("<script>alert(\"x\")</script> & 价格<5元"));
    const QString html = editor.html();
    verifyClean(html);
    QCOMPARE(html, QStringLiteral("<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; 价格&lt;5元</p>"));
}

void TestRichTextEditor::colourAndAlignment_areKept()
{
    RichTextEditor editor;
    QTextEdit* edit = editor.textEdit();
    edit->setPlainText(QStringLiteral("red title"));
    QTextCursor cursor = edit->textCursor();
    cursor.select(QTextCursor::Document);
    edit->setTextCursor(cursor);
    editor.setTextColor(QColor(0xcc, 0x00, 0x11));
    action(editor, "alignCenterAction")->trigger();
    QCOMPARE(editor.html(),
             QStringLiteral("<p style=\"text-align: center\"><span style=\"color: #cc0011\">red title</span></p>"));
    action(editor, "alignRightAction")->trigger();
    QCOMPARE(editor.html(),
             QStringLiteral("<p style=\"text-align: right\"><span style=\"color: #cc0011\">red title</span></p>"));
}

void TestRichTextEditor::setHtml_roundTrips_andDoesNotSignalChanged()
{
    const QString body = QStringLiteral(
        "<h1>标题</h1><p>正文 <strong>加粗</strong> <em>斜体</em> <u>下划线</u></p><p><br/></p>"
        "<ol><li>一</li><li>二</li></ol><p style=\"text-align: center\"><img src=\"/api/v1/shops/s/images/i\"/></p>");
    RichTextEditor editor;
    QSignalSpy changed(&editor, &RichTextEditor::changed);
    editor.setHtml(body);
    QCOMPARE(changed.size(), 0);
    QCOMPARE(editor.html(), body);
    // Stable: loading its own output gives the same output again.
    RichTextEditor again;
    again.setHtml(editor.html());
    QCOMPARE(again.html(), body);
}

void TestRichTextEditor::setHtml_dropsScriptsAndStyleSheets()
{
    RichTextEditor editor;
    editor.setHtml(QStringLiteral("<html><head><style>p { font-weight: bold; color: red }</style>"
                                  "<script>alert(1)</script></head><body><p>hello</p>"
                                  "<SCRIPT type=\"text/javascript\">document.cookie</SCRIPT>"
                                  "<p onclick=\"steal()\">world</p></body></html>"));
    const QString html = editor.html();
    verifyClean(html);
    QCOMPARE(html, QStringLiteral("<p>hello</p><p>world</p>"));
}

void TestRichTextEditor::pasteFromWeb_keepsStructureOnly()
{
    RichTextEditor editor;
    paste(editor,
          QStringLiteral("<html><body><!--StartFragment--><h2 style=\"font-family:Arial;color:#333\">News</h2>"
                         "<p style=\"font-size:20px;background:yellow\"><span style=\"color:red\">Big</span> "
                         "<b>sale</b> <a href=\"javascript:evil()\">here</a></p>"
                         "<script>alert('pasted')</script><img src=\"https://tracker.example/p.gif\">"
                         "<ul><li>one</li></ul><!--EndFragment--></body></html>"),
          QStringLiteral("News Big sale here one"));
    const QString html = editor.html();
    verifyClean(html);
    QVERIFY2(!html.contains(QLatin1String("alert")), qPrintable(html));
    QVERIFY2(!html.contains(QLatin1String("color")), qPrintable(html));
    QVERIFY2(!html.contains(QLatin1String("<img")), qPrintable(html));
    QVERIFY2(!html.contains(QLatin1String("href")), qPrintable(html));
    QVERIFY2(!html.contains(QLatin1String("background")), qPrintable(html));
    QVERIFY2(html.contains(QLatin1String("<h2>News</h2>")), qPrintable(html));
    QVERIFY2(html.contains(QLatin1String("<strong>sale</strong>")), qPrintable(html));
    QVERIFY2(html.contains(QLatin1String("<ul><li>one</li></ul>")), qPrintable(html));
}

void TestRichTextEditor::pasteFromWord_dropsStylesAndConditionalComments()
{
    RichTextEditor editor;
    paste(editor,
          QStringLiteral(
              "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><meta charset=utf-8>"
              "<style><!-- p.MsoNormal { mso-style-parent:\"\"; font-weight:bold; font-family:宋体 } --></style>"
              "<!--[if gte mso 9]><xml><o:OfficeDocumentSettings>secret</o:OfficeDocumentSettings></xml><![endif]-->"
              "</head><body><p class=MsoNormal style='mso-pagination:widow-orphan'><span lang=EN-US "
              "style='font-size:14.0pt;font-family:\"Times New Roman\"'>Plain Word text<o:p></o:p></span></p>"
              "</body></html>"));
    const QString html = editor.html();
    verifyClean(html);
    QCOMPARE(html, QStringLiteral("<p>Plain Word text</p>"));
}

void TestRichTextEditor::pastePlainText_isInsertedAsText()
{
    RichTextEditor editor;
    paste(editor, QString(), QStringLiteral("<b>not bold</b>"));
    QCOMPARE(editor.html(), QStringLiteral("<p>&lt;b&gt;not bold&lt;/b&gt;</p>"));
}

void TestRichTextEditor::clearFormatting_removesFormatsAndList()
{
    RichTextEditor editor;
    editor.setHtml(QStringLiteral("<ul><li><strong><span style=\"color:#ff0000\">x</span></strong></li></ul>"
                                  "<h2 style=\"text-align: center\">y</h2>"));
    QTextCursor cursor = editor.textEdit()->textCursor();
    cursor.select(QTextCursor::Document);
    editor.textEdit()->setTextCursor(cursor);
    action(editor, "clearFormattingAction")->trigger();
    QCOMPARE(editor.html(), QStringLiteral("<p>x</p><p>y</p>"));
}

void TestRichTextEditor::toggleList_twice_removesTheList()
{
    RichTextEditor editor;
    editor.textEdit()->setPlainText(QStringLiteral("a\nb"));
    QTextCursor cursor = editor.textEdit()->textCursor();
    cursor.select(QTextCursor::Document);
    editor.textEdit()->setTextCursor(cursor);
    editor.toggleList(false);
    QCOMPARE(editor.html(), QStringLiteral("<ul><li>a</li><li>b</li></ul>"));
    editor.toggleList(true);
    QCOMPARE(editor.html(), QStringLiteral("<ol><li>a</li><li>b</li></ol>"));
    editor.toggleList(true);
    QCOMPARE(editor.html(), QStringLiteral("<p>a</p><p>b</p>"));
}

void TestRichTextEditor::insertImage_usesUploaderUrl()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.png"));
    QVERIFY(savePictureFile(path, 1200, 600, Qt::green));

    RichTextEditor editor;
    QString uploadedPath;
    std::function<void(xd::Result<QString>)> answer;
    editor.setImageUploader([&](const QString& file, std::function<void(xd::Result<QString>)> done) {
        uploadedPath = file;
        answer = std::move(done);
    });
    QVERIFY(action(editor, "imageAction")->isVisible() || !editor.isVisible());
    editor.textEdit()->setPlainText(QStringLiteral("before"));
    editor.textEdit()->moveCursor(QTextCursor::End);
    editor.insertImageFile(path);
    QCOMPARE(uploadedPath, path);
    QCOMPARE(editor.html(), QStringLiteral("<p>before</p>")); // nothing until the server has answered
    // The user keeps typing at the start meanwhile; the picture still lands where it was asked for.
    editor.textEdit()->moveCursor(QTextCursor::Start);
    editor.textEdit()->insertPlainText(QStringLiteral("> "));
    answer(QStringLiteral("/api/v1/shops/s1/images/img1"));
    QCOMPARE(editor.html(), QStringLiteral("<p>&gt; before<img src=\"/api/v1/shops/s1/images/img1\"/></p>"));
}

void TestRichTextEditor::insertImage_uploadFails_reportsAndInsertsNothing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.png"));
    QVERIFY(savePictureFile(path, 10, 10, Qt::red));
    RichTextEditor editor;
    editor.setImageUploader([](const QString&, std::function<void(xd::Result<QString>)> done) {
        done(xd::makeError(xd::ErrorCode::Unavailable, QStringLiteral("server unreachable")));
    });
    QSignalSpy failed(&editor, &RichTextEditor::imageUploadFailed);
    editor.insertImageFile(path);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("server unreachable"));
    QCOMPARE(editor.html(), QString());

    // Not a picture at all: refused before anything is uploaded.
    bool uploaded = false;
    editor.setImageUploader([&](const QString&, std::function<void(xd::Result<QString>)>) { uploaded = true; });
    const QString text = dir.filePath(QStringLiteral("notes.png"));
    QFile file(text);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not a picture");
    file.close();
    editor.insertImageFile(text);
    QVERIFY(!uploaded);
    QCOMPARE(failed.size(), 2);
}

void TestRichTextEditor::insertImage_unsafeUrlFromUploader_isRefused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.png"));
    QVERIFY(savePictureFile(path, 10, 10, Qt::red));
    RichTextEditor editor;
    editor.setImageUploader([](const QString&, std::function<void(xd::Result<QString>)> done) {
        done(QStringLiteral("javascript:alert(1)"));
    });
    QSignalSpy failed(&editor, &RichTextEditor::imageUploadFailed);
    editor.insertImageFile(path);
    QCOMPARE(failed.size(), 1);
    QCOMPARE(editor.html(), QString());
}

void TestRichTextEditor::imageButton_hiddenWithoutUploader()
{
    RichTextEditor editor;
    QVERIFY(!action(editor, "imageAction")->isVisible());
    editor.setImageUploader([](const QString&, std::function<void(xd::Result<QString>)>) {});
    QVERIFY(action(editor, "imageAction")->isVisible());
    editor.setImageUploader({});
    QVERIFY(!action(editor, "imageAction")->isVisible());
}

void TestRichTextEditor::storedImagesWithUnsafeUrls_areDropped()
{
    RichTextEditor editor;
    editor.setHtml(QStringLiteral("<p>a<img src=\"data:image/png;base64,AAAA\"><img src=\"file:///etc/passwd\">"
                                  "<img src=\"//evil.example/x.png\"><img src=\"https://cdn.example/other.png\">"
                                  "<img src=\"/api/v1/shops/s1/images/ok\"></p>"));
    QCOMPARE(editor.html(), QStringLiteral("<p>a<img src=\"/api/v1/shops/s1/images/ok\"/></p>"));
}

QTEST_MAIN(TestRichTextEditor)
#include "tst_richtexteditor.moc"
