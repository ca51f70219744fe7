#pragma once

#include <QString>

// What Qt 6.4's own accessibility (AT-SPI on Linux) leaves out, so that
// automation tools and screen readers can read and operate every control:
// - labels get a Text interface (the status bar, the editor's Type, errors);
// - menu items are named without their access key ("会话(&S)" reads 会话) and
//   a press through AT-SPI closes the menus, as a click does;
// - a button's menu is in the tree below it, and opens without holding up
//   the tool's call;
// - a combo box takes the item an assistive tool selects in its list (Qt
//   only offers "Toggle" there, which selected without choosing).
namespace Accessibility {

// Installs the factory; safe to call more than once. Call it before the first
// widget is made: an active bridge asks for widgets' interfaces as they are
// made, and Qt keeps the first one for the widget's life.
void install();

// "&Start" -> "Start", "启动(&S)" -> "启动": a name to read out, without the
// keyboard mnemonic in either of its forms.
QString withoutMnemonic(QString text);

} // namespace Accessibility
