#pragma once

#include <QApplication>
#include <QColor>
#include <QDir>
#include <QImage>
#include <QString>
#include <QTest>
#include <QTimer>
#include <QWidget>

#include <functional>

namespace xd::test {

// Runs `handle` on the modal dialog once it is up, from inside the dialog's own event loop.
inline void whenModalDialogShows(const std::function<void(QWidget*)>& handle)
{
    auto* timer = new QTimer(qApp);
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, qApp, [timer, handle] {
        if (QWidget* dialog = QApplication::activeModalWidget()) {
            timer->stop();
            timer->deleteLater();
            handle(dialog);
        }
    });
    timer->start();
}

// Types `text` into `widget` key by key, Chinese included: QTest::keyClicks() knows only Latin-1 keys, so other
// characters arrive as key events that carry just their text, as an input method delivers them.
inline void typeText(QWidget* widget, const QString& text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x80) {
            QTest::keyClick(widget, c.toLatin1());
        } else {
            QTest::sendKeyEvent(QTest::Click, widget, Qt::Key_unknown, QString(c), Qt::NoModifier);
        }
    }
}

// Writes a `width` x `height` picture of one `color` to `path`, in the format its suffix names: a file to upload.
inline bool savePictureFile(const QString& path, int width, int height, const QColor& color)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(color);
    return image.save(path);
}

// Saves `widget` as a picture for a human to look at, next to the test executable.
inline bool saveScreenshot(QWidget* widget, const QString& name)
{
    const QString path = QDir(QStringLiteral(XD_SCREENSHOT_DIR)).filePath(name + QStringLiteral(".png"));
    const bool saved = widget->grab().save(path);
    qInfo("Screenshot: %s", qPrintable(path));
    return saved;
}

} // namespace xd::test
