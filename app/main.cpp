#include "engine.h"
#include "headlessrunner.h"
#include "mainwindow.h"
#include "trafficstore.h"

#include <QApplication>
#include <QCoreApplication>

#include <cstdio>

namespace {

bool hasDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
           !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

int runHeadless(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("SocketScope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SOCKETSCOPE_VERSION));
    HeadlessRunner runner;
    if (!runner.configure(app.arguments().mid(1)))
        return runner.helpShown() ? HeadlessRunner::Ok : HeadlessRunner::UsageError;
    QObject::connect(&runner, &HeadlessRunner::exitRequested, &app,
                     [](int code) { QCoreApplication::exit(code); });
    runner.start();
    return app.exec();
}

} // namespace

int main(int argc, char **argv)
{
    const QString first = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    if (first == u"--help" || first == u"-h") {
        QCoreApplication app(argc, argv);
        std::fputs(HeadlessRunner::usage().toLocal8Bit().constData(), stdout);
        return 0;
    }
    if (first == u"--version" || first == u"-v") {
        std::fputs("socketscope " SOCKETSCOPE_VERSION "\n", stdout);
        return 0;
    }
    if (HeadlessRunner::isSubcommand(first))
        return runHeadless(argc, argv);
    if (!first.isEmpty()) {
        std::fprintf(stderr,
                     "socketscope: unknown subcommand or option \"%s\". Try \"socketscope "
                     "--help\".\n",
                     argv[1]);
        return HeadlessRunner::UsageError;
    }
    if (!hasDisplay()) {
        std::fputs("socketscope: no display found (DISPLAY is not set), so the window cannot "
                   "open; without one, run it headless, e.g. \"socketscope tcp-server "
                   "127.0.0.1:9999\" (see socketscope --help).\n",
                   stderr);
        return 1;
    }

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("SocketScope"));
    QApplication::setOrganizationName(QStringLiteral("SocketScope"));
    QApplication::setApplicationVersion(QStringLiteral(SOCKETSCOPE_VERSION));
    TrafficStore store;
    Engine engine(&store);
    MainWindow window(&engine);
    window.show();
    return app.exec();
}
