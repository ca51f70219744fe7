#pragma once

#include <QMainWindow>

class Engine;
class TrafficStore;
class TrafficLogModel;
class QTableView;

// The SocketScope window. For now: the live traffic log over the engine's store.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(Engine *engine, QWidget *parent = nullptr);

private:
    Engine *m_engine;
    TrafficLogModel *m_logModel;
    QTableView *m_logView;
};
