// The start-up reference: a bare QMainWindow that prints "shown" once it has
// been painted, as `socketscope --exit-when-shown` does, then quits.
#include <QApplication>
#include <QMainWindow>
#include <QTimer>

#include <cstdio>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QMainWindow window;
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
