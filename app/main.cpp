#include "accessibility.h"
#include "capturereadrunner.h"
#include "engine.h"
#include "fontwarmup.h"
#include "headlessrunner.h"
#include "icons.h"
#include "language.h"
#include "mainwindow.h"
#include "sessionkind.h"
#include "standardstreams.h"
#include "trafficstore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLocale>
#include <QProcess>
#include <QScopeGuard>
#include <QTimer>
#include <QTranslator>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

namespace {

bool hasDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY") ||
           !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
           !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

// 0, or 1 with a message when what was printed could not be written.
int flushStdout()
{
    if (std::fflush(stdout) == 0 && !std::ferror(stdout))
        return 0;
    std::fprintf(stderr, "socketscope: cannot write to standard output: %s\n",
                 std::strerror(errno));
    return 1;
}

int runHeadless(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("SocketScope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SOCKETSCOPE_VERSION));
    // Messages follow the system language; the JSON keywords never change.
    QTranslator translator;
    if (translator.load(QLocale::system(), QStringLiteral("socketscope"), QStringLiteral("_"),
                        QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(&translator);
    if (app.arguments().value(1) == u"read")
        return CaptureReadRunner::run(app.arguments().mid(2));
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
    StandardStreams::reopenClosed();
    const QString first = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    if (first == u"--help" || first == u"-h") {
        QCoreApplication app(argc, argv);
        std::fputs(HeadlessRunner::usage().toLocal8Bit().constData(), stdout);
        return flushStdout();
    }
    if (first == u"--version" || first == u"-v") {
        std::fputs("socketscope " SOCKETSCOPE_VERSION "\n", stdout);
        return flushStdout();
    }
    if (HeadlessRunner::isSubcommand(first))
        return runHeadless(argc, argv);
    if (!first.isEmpty() && !first.startsWith(u"--")) {
        QStringList kinds;
        for (const SessionKind::Definition &kind : SessionKind::all()) {
            if (!kind.variantOption) // "relay --udp" is listed as relay
                kinds << QString::fromLatin1(kind.keyword);
        }
        std::fprintf(stderr,
                     "socketscope: unknown subcommand \"%s\": use %s or read, or no argument "
                     "for the window. Try \"socketscope --help\".\n",
                     argv[1], qPrintable(kinds.join(QStringLiteral(", "))));
        return HeadlessRunner::UsageError;
    }
    if (!hasDisplay()) {
        std::fputs("socketscope: no display found (DISPLAY is not set), so the window cannot "
                   "open; without one, run it headless, e.g. \"socketscope tcp-server "
                   "127.0.0.1:9999\" (see socketscope --help).\n",
                   stderr);
        return 1;
    }

    FontWarmUp fonts;

    // QGuiApplication takes "-session"/"--session" for X11 session management
    // and removes it from the arguments, so ours are taken out beforehand.
    QStringList sessionSpecs;
    std::vector<char *> qtArgs;
    for (int i = 0; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if ((arg == "--session" || arg == "-session") && i + 1 < argc) {
            sessionSpecs << QString::fromLocal8Bit(argv[++i]);
        } else if (arg.startsWith("--session=")) {
            sessionSpecs << QString::fromLocal8Bit(arg.mid(10));
        } else {
            qtArgs.push_back(argv[i]);
        }
    }
    int qtArgc = int(qtArgs.size());
    qtArgs.push_back(nullptr);

    QApplication app(qtArgc, qtArgs.data());
    // Before any widget: an assistive tool may ask for one as soon as it exists.
    Accessibility::install();
    // Every way out of main() waits for the font thread before the
    // application (and with it fontconfig) is torn down.
    const auto joinFonts = qScopeGuard([&fonts] { fonts.wait(); });
    QApplication::setApplicationName(QStringLiteral("SocketScope"));
    QApplication::setOrganizationName(QStringLiteral("SocketScope"));
    QApplication::setApplicationVersion(QStringLiteral(SOCKETSCOPE_VERSION));
    QApplication::setWindowIcon(Icons::icon(QStringLiteral("socketscope")));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("SocketScope"));
    const QCommandLineOption lang(QStringLiteral("lang"),
                                  QStringLiteral("Language of the window: en or zh_CN."),
                                  QStringLiteral("LANGUAGE"));
    const QCommandLineOption session(
        QStringLiteral("session"),
        QStringLiteral("Start a session, e.g. \"tcp-server 127.0.0.1:9999\" (repeatable)."),
        QStringLiteral("SPEC"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral(
            "Save a picture of the window to FILE after --screenshot-delay ms, then quit."),
        QStringLiteral("FILE"));
    const QCommandLineOption delay(QStringLiteral("screenshot-delay"),
                                   QStringLiteral("Milliseconds before the screenshot (1500)."),
                                   QStringLiteral("MS"), QStringLiteral("1500"));
    const QCommandLineOption fresh(QStringLiteral("no-restore"),
                                   QStringLiteral("Do not restore the saved sessions and layout."));
    const QCommandLineOption shown(
        QStringLiteral("exit-when-shown"),
        QStringLiteral("Print \"shown\" once the window is painted, then quit (start-up timing)."));
    parser.addOptions({lang, session, screenshot, delay, fresh, shown});
    if (!parser.parse(app.arguments())) {
        std::fprintf(stderr, "socketscope: %s\n", qPrintable(parser.errorText()));
        return HeadlessRunner::UsageError;
    }
    const QString language = parser.value(lang);
    if (!language.isEmpty() && language != u"en" && language != u"zh_CN") {
        std::fprintf(stderr, "socketscope: --lang takes en or zh_CN, not \"%s\".\n",
                     qPrintable(language));
        return HeadlessRunner::UsageError;
    }
    QList<SessionConfig> sessions;
    for (const QString &spec : std::as_const(sessionSpecs)) {
        SessionConfig config;
        QString error;
        if (!SessionConfig::fromArguments(QProcess::splitCommand(spec), &config, &error)) {
            std::fprintf(stderr, "socketscope: --session \"%s\": %s\n", qPrintable(spec),
                         qPrintable(error));
            return HeadlessRunner::UsageError;
        }
        sessions.append(config);
    }
    // --lang wins, then the choice saved from the menu, then the system's.
    Language::apply(!language.isEmpty() ? language : Language::saved());

    TrafficStore store;
    Engine engine(&store);
    // While the font configuration is still loading: icons need no fonts.
    Icons::preload();
    fonts.wait();
    MainWindow window(&engine);
    if (!parser.isSet(fresh) && !parser.isSet(screenshot))
        window.restoreSettings();
    for (const SessionConfig &config : std::as_const(sessions))
        window.addAndStart(config);
    window.show();

    if (parser.isSet(shown)) {
        QTimer::singleShot(0, &window, [&window] {
            window.repaint(); // the first full paint, as a person sees it
            std::fputs("shown\n", stdout);
            std::fflush(stdout);
            QCoreApplication::exit(0);
        });
    }
    if (parser.isSet(screenshot)) {
        const QString file = parser.value(screenshot);
        QTimer::singleShot(parser.value(delay).toInt(), &window, [&window, file] {
            const bool ok = window.grab().save(file);
            if (!ok)
                std::fprintf(stderr, "socketscope: cannot write %s\n", qPrintable(file));
            QCoreApplication::exit(ok ? 0 : 1);
        });
    }
    return app.exec();
}
