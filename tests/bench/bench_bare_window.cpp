// The start-up reference: a bare QMainWindow that prints "shown" once it has
// been painted, as `socketscope --exit-when-shown` does, then quits.
//
// Two variants split the reference's time for the report:
//   --no-window  prints "shown" in main, before QApplication: only the cost of
//                starting a program linked against Qt Widgets.
//   --label      a QMainWindow showing one QLabel: the first text any window
//                draws costs loading the system's font configuration.
#include <QApplication>
#include <QLabel>
#include <QMainWindow>
#include <QTimer>

#include <cstdio>
#include <cstring>

int main(int argc, char **argv)
{
    const bool noWindow = argc > 1 && std::strcmp(argv[1], "--no-window") == 0;
    const bool label = argc > 1 && std::strcmp(argv[1], "--label") == 0;
    if (noWindow) {
        std::fputs("shown\n", stdout);
        return 0;
    }
    QApplication app(argc, argv);
    QMainWindow window;
    if (label)
        window.setCentralWidget(new QLabel(QStringLiteral("SocketScope")));
    window.resize(1280, 800);
    window.show();
    QTimer::singleShot(0, &window, [&window] {
        window.repaint();
        std::fputs("shown\n", stdout);
        std::fflush(stdout);
        QApplication::exit(0);
    });
    return app.exec();
}
