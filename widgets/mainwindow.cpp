#include "mainwindow.h"

#include "engine.h"
#include "trafficlogmodel.h"

#include <QHeaderView>
#include <QTableView>

MainWindow::MainWindow(Engine *engine, QWidget *parent)
    : QMainWindow(parent)
    , m_engine(engine)
    , m_logModel(new TrafficLogModel(engine->store(), this))
    , m_logView(new QTableView(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("SocketScope"));
    m_logView->setObjectName(QStringLiteral("trafficLog"));
    m_logView->setAccessibleName(tr("Traffic log"));
    m_logView->setModel(m_logModel);
    m_logView->verticalHeader()->hide();
    m_logView->horizontalHeader()->setStretchLastSection(true);
    m_logView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_logView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    setCentralWidget(m_logView);
    resize(1280, 800);
}
