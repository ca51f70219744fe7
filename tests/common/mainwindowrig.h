#pragma once

// Shared by the GUI tests that drive the whole window: a store, the engine
// that records into it and the main window on top, as the program builds them.

#include "engine.h"
#include "mainwindow.h"
#include "trafficstore.h"

#include <QString>

struct MainWindowRig
{
    TrafficStore store;
    Engine engine{&store};
    MainWindow window{&engine};

    // The window's child named `name` (its objectName); null with a warning
    // naming it when missing, so the failing check that follows says why.
    template <typename T> T *find(const char *name) const
    {
        T *child = window.findChild<T *>(QString::fromLatin1(name));
        if (!child)
            qWarning("no child %s", name);
        return child;
    }
};
