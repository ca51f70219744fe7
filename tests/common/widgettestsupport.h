#pragma once

// Shared by the GUI tests: finding a named control, and typing into it the
// way a person does.

#include <QCoreApplication>
#include <QInputMethodEvent>
#include <QLatin1String>
#include <QString>
#include <QTest>
#include <QWidget>

namespace WidgetTest {

// The child named `name` (its objectName); a missing one ends the test run,
// since every later step would fail on a null pointer.
template <typename T> T *child(QWidget *parent, const char *name)
{
    T *widget = parent->findChild<T *>(QLatin1String(name));
    if (!widget)
        qFatal("no child %s", name);
    return widget;
}

// ASCII through key presses; other text the way an input method commits it.
inline void type(QWidget *widget, const QString &text)
{
    bool ascii = true;
    for (const QChar c : text)
        ascii = ascii && c.unicode() < 0x80;
    if (ascii) {
        QTest::keyClicks(widget, text);
        return;
    }
    QInputMethodEvent event;
    event.setCommitString(text);
    QCoreApplication::sendEvent(widget, &event);
}

} // namespace WidgetTest
