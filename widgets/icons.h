#pragma once

#include <QIcon>
#include <QString>

// The program's icons, one QIcon per file for the whole process. Qt's SVG icon
// engine parses a file whenever an icon is made from it and again when it is
// first drawn; sharing one QIcon per file parses each once and lets every
// button that shows it use the same rendered pixmaps.
namespace Icons {

// The icon in :/icons/<name>.svg, e.g. icon(u"send").
QIcon icon(const QString &name);

// Makes every icon the window shows at start-up. Meant to run while something
// else the window needs (the font configuration) is still loading.
void preload();

} // namespace Icons
