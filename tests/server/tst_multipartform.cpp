// The multipart/form-data parser of image uploads: what wx.uploadFile sends, and the malformed bodies it must refuse.
#include "MultipartForm.h"

#include <QTest>

using xd::server::MultipartForm;

namespace {

const QByteArray JpegBytes("\xFF\xD8\xFF\xE0 not really a jpeg\r\n--almost a boundary\r\n", 44);

// The body wx.uploadFile builds: one file part under the field name the page chose, then the formData fields.
QByteArray wxBody(const QByteArray& boundary)
{
    return "--" + boundary +
           "\r\n"
           "Content-Disposition: form-data; name=\"picture\"; filename=\"wx_camera_1700000000.jpg\"\r\n"
           "Content-Type: image/jpeg\r\n"
           "\r\n" +
           JpegBytes + "\r\n--" + boundary +
           "\r\n"
           "Content-Disposition: form-data; name=\"purpose\"\r\n"
           "\r\n"
           "product\r\n--" +
           boundary + "--\r\n";
}

} // namespace

class tst_MultipartForm : public QObject
{
    Q_OBJECT

private slots:
    void parse_wxUploadFileBody_findsTheFileAndTheField();
    void parse_quotedBoundary_preambleAndEpilogue_areAccepted();
    void parse_malformed_isInvalidArgument_data();
    void parse_malformed_isInvalidArgument();
    void isMultipart_readsOnlyTheMediaType();
};

void tst_MultipartForm::parse_wxUploadFileBody_findsTheFileAndTheField()
{
    const QByteArray boundary = "----WebKitFormBoundaryAbC123";
    auto form = MultipartForm::parse("multipart/form-data; boundary=" + boundary, wxBody(boundary));
    QVERIFY2(form, qPrintable(form ? QString() : form.error().message));
    QCOMPARE(form->parts().size(), 2);
    QCOMPARE(form->files().size(), 1);
    const auto file = form->files().first();
    QCOMPARE(file.name, QByteArray("picture"));
    QCOMPARE(file.fileName, QByteArray("wx_camera_1700000000.jpg"));
    QCOMPARE(file.contentType, QByteArray("image/jpeg"));
    QCOMPARE(file.data, JpegBytes); // CRLFs and a look-alike boundary inside the data are data
    QCOMPARE(form->parts().at(1).name, QByteArray("purpose"));
    QVERIFY(!form->parts().at(1).hasFileName);
    QCOMPARE(form->parts().at(1).data, QByteArray("product"));
}

void tst_MultipartForm::parse_quotedBoundary_preambleAndEpilogue_areAccepted()
{
    const QByteArray boundary = "a b:c?d"; // spaces and ':' need quotes in the header
    const QByteArray body = "This is the preamble.\r\n" + wxBody(boundary) + "epilogue, ignored";
    auto form = MultipartForm::parse("Multipart/Form-Data; charset=utf-8; BOUNDARY=\"" + boundary + "\"", body);
    QVERIFY2(form, qPrintable(form ? QString() : form.error().message));
    QCOMPARE(form->files().size(), 1);
    QCOMPARE(form->files().first().data, JpegBytes);
    // Escaped quotes inside a quoted file name.
    const QByteArray escaped = "--x\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a \\\"b\\\".jpg\"\r\n\r\n"
                               "data\r\n--x--";
    auto named = MultipartForm::parse("multipart/form-data; boundary=x", escaped);
    QVERIFY(named);
    QCOMPARE(named->files().first().fileName, QByteArray("a \"b\".jpg"));
}

void tst_MultipartForm::parse_malformed_isInvalidArgument_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    const QByteArray type = "multipart/form-data; boundary=XyZ";
    const QByteArray part = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n\r\nDATA";

    QTest::newRow("no boundary parameter") << QByteArray("multipart/form-data") << (part + "\r\n--XyZ--");
    QTest::newRow("empty boundary") << QByteArray("multipart/form-data; boundary=") << (part + "\r\n--XyZ--");
    QTest::newRow("boundary of 71 characters")
        << QByteArray("multipart/form-data; boundary=" + QByteArray(71, 'b')) << (part + "\r\n--XyZ--");
    QTest::newRow("boundary with a forbidden character")
        << QByteArray("multipart/form-data; boundary=\"a<b\"") << (part + "\r\n--XyZ--");
    QTest::newRow("unterminated quoted boundary")
        << QByteArray("multipart/form-data; boundary=\"XyZ") << (part + "\r\n--XyZ--");
    QTest::newRow("not multipart") << QByteArray("image/jpeg") << (part + "\r\n--XyZ--");
    QTest::newRow("missing final boundary") << type << part;
    QTest::newRow("final boundary without its dashes") << type << (part + "\r\n--XyZ\r\n");
    QTest::newRow("boundary never occurs") << type << QByteArray("just some bytes");
    QTest::newRow("empty body") << type << QByteArray();
    QTest::newRow("no parts at all") << type << QByteArray("--XyZ--\r\n");
    QTest::newRow("LF-only line ends") << type
                                       << QByteArray("--XyZ\nContent-Disposition: form-data; name=\"file\"; "
                                                     "filename=\"a.jpg\"\n\nDATA\n--XyZ--\n");
    QTest::newRow("bare LF inside the headers")
        << type
        << QByteArray("--XyZ\r\nContent-Disposition: form-data; name=\"file\"\nContent-Type: image/jpeg\r\n\r\nDATA"
                      "\r\n--XyZ--");
    QTest::newRow("delimiter followed by junk") << type << (part + "\r\n--XyZjunk\r\n" + part + "\r\n--XyZ--");
    QTest::newRow("headers without a blank line")
        << type << QByteArray("--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n--XyZ--");
    QTest::newRow("no Content-Disposition")
        << type << QByteArray("--XyZ\r\nContent-Type: image/jpeg\r\n\r\nDATA\r\n--XyZ--");
    QTest::newRow("disposition not form-data")
        << type << QByteArray("--XyZ\r\nContent-Disposition: attachment; name=\"file\"\r\n\r\nDATA\r\n--XyZ--");
    QTest::newRow("no field name")
        << type << QByteArray("--XyZ\r\nContent-Disposition: form-data; filename=\"a.jpg\"\r\n\r\nDATA\r\n--XyZ--");
    QTest::newRow("empty field name")
        << type << QByteArray("--XyZ\r\nContent-Disposition: form-data; name=\"\"\r\n\r\nDATA\r\n--XyZ--");
    QTest::newRow("unterminated quoted name")
        << type << QByteArray("--XyZ\r\nContent-Disposition: form-data; name=\"file\r\n\r\nDATA\r\n--XyZ--");
    QTest::newRow("header line without a colon")
        << type << QByteArray("--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\nnonsense\r\n\r\nDATA\r\n--XyZ--");
    QTest::newRow("huge header block") << type
                                       << QByteArray("--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\nX-Pad: " +
                                                     QByteArray(9000, 'p') + "\r\n\r\nDATA\r\n--XyZ--");
    QByteArray many;
    for (int i = 0; i < MultipartForm::MaxParts + 1; ++i)
        many += "--XyZ\r\nContent-Disposition: form-data; name=\"f" + QByteArray::number(i) + "\"\r\n\r\nv\r\n";
    QTest::newRow("too many parts") << type << (many + "--XyZ--");
}

void tst_MultipartForm::parse_malformed_isInvalidArgument()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    auto form = MultipartForm::parse(contentType, body);
    QVERIFY(!form);
    QCOMPARE(form.error().code, xd::ErrorCode::InvalidArgument);
}

void tst_MultipartForm::isMultipart_readsOnlyTheMediaType()
{
    QVERIFY(MultipartForm::isMultipart("multipart/form-data; boundary=x"));
    QVERIFY(MultipartForm::isMultipart("MULTIPART/FORM-DATA"));
    QVERIFY(!MultipartForm::isMultipart("multipart/mixed; boundary=x"));
    QVERIFY(!MultipartForm::isMultipart("image/jpeg"));
    QVERIFY(!MultipartForm::isMultipart(""));
}

QTEST_GUILESS_MAIN(tst_MultipartForm)
#include "tst_multipartform.moc"
