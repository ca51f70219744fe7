// The start-up reference: a bare QMainWindow, shown, painted once (grabbed to a
// file, as `socketscope --screenshot` does), then quit.
#include <QApplication>
#include <QMainWindow>
#include <QTimer>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QMainWindow window;
    window.resize(1280, 800);
    window.show();
    const QString file = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("bare.png");
    QTimer::singleShot(0, &window, [&] { QApplication::exit(window.grab().save(file) ? 0 : 1); });
    return app.exec();
}
