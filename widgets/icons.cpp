#include "icons.h"

#include <QCoreApplication>
#include <QHash>

namespace {

QHash<QString, QIcon> &cache()
{
    static QHash<QString, QIcon> icons;
    return icons;
}

void clearCache()
{
    cache().clear();
}

} // namespace

namespace Icons {

QIcon icon(const QString &name)
{
    QHash<QString, QIcon> &icons = cache();
    auto it = icons.constFind(name);
    if (it != icons.cend())
        return *it;
    // Icons hold pixmaps, which must go before the application does.
    if (icons.isEmpty())
        qAddPostRoutine(clearCache);
    return *icons.insert(name, QIcon(QStringLiteral(":/icons/") + name + QStringLiteral(".svg")));
}

void preload()
{
    for (const char *name :
         {"socketscope", "add", "remove", "start", "stop", "clear", "pause", "follow", "copy",
          "send", "disconnect", "filter", "dir-in", "dir-out", "dir-state", "dir-error"})
        icon(QString::fromLatin1(name));
}

} // namespace Icons
