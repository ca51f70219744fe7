#include "logcontextmenu.h"

#include "fileactions.h"
#include "languagewatcher.h"
#include "logview.h"
#include "payloadcopy.h"
#include "trafficevent.h"
#include "trafficlogmodel.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QItemSelectionModel>
#include <QMenu>
#include <QTableView>

LogContextMenu::LogContextMenu(LogView *view, FileActions *fileActions)
    : QObject(view)
    , m_view(view)
    , m_fileActions(fileActions)
    , m_menu(new QMenu(view))
{
    setObjectName(QStringLiteral("logContextMenu"));
    m_menu->setObjectName(QStringLiteral("logContextMenu"));
    m_copyAction = m_menu->addAction(QString());
    m_copyAction->setObjectName(QStringLiteral("logCopyRowsAction"));
    // Shown for the reader; the table itself handles the key (see LogView).
    m_copyAction->setShortcut(QKeySequence::Copy);
    m_copyAction->setShortcutContext(Qt::WidgetShortcut);
    connect(m_copyAction, &QAction::triggered, m_view, &LogView::copySelection);

    m_copyAsMenu = m_menu->addMenu(QString());
    m_copyAsMenu->setObjectName(QStringLiteral("copyPayloadAsMenu"));
    m_hexAction = m_copyAsMenu->addAction(QString());
    m_hexAction->setObjectName(QStringLiteral("copyPayloadHexAction"));
    connect(m_hexAction, &QAction::triggered, this, [this] { copyPayload(PayloadForm::Hex); });
    m_cArrayAction = m_copyAsMenu->addAction(QString());
    m_cArrayAction->setObjectName(QStringLiteral("copyPayloadCArrayAction"));
    connect(m_cArrayAction, &QAction::triggered, this,
            [this] { copyPayload(PayloadForm::CArray); });
    m_pythonAction = m_copyAsMenu->addAction(QString());
    m_pythonAction->setObjectName(QStringLiteral("copyPayloadPythonAction"));
    connect(m_pythonAction, &QAction::triggered, this,
            [this] { copyPayload(PayloadForm::PythonBytes); });

    m_menu->addSeparator();
    m_exportMenu = m_menu->addMenu(QString());
    m_exportMenu->setObjectName(QStringLiteral("exportSelectedRowsContextMenu"));
    const QList<QAction *> exports = fileActions->exportActions(FileActions::Scope::SelectedRows);
    for (int i = 0; i < exports.size(); ++i) {
        if (i == FileActions::CaptureEntry)
            m_exportMenu->addSeparator();
        m_exportMenu->addAction(exports.at(i));
    }

    QTableView *table = m_view->table();
    table->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(table, &QWidget::customContextMenuRequested, this, &LogContextMenu::popupAt);
    new LanguageWatcher([this] { retranslate(); }, this);
    retranslate();
}

void LogContextMenu::retranslate()
{
    m_menu->setAccessibleName(tr("Log rows"));
    m_copyAction->setText(tr("&Copy"));
    m_copyAsMenu->menuAction()->setText(tr("Copy &payload as"));
    m_copyAsMenu->setAccessibleName(tr("Copy payload as"));
    m_hexAction->setText(tr("&Hex"));
    m_cArrayAction->setText(tr("&C array"));
    m_pythonAction->setText(tr("&Python bytes"));
    m_exportMenu->menuAction()->setText(tr("&Export selected rows"));
    m_exportMenu->setAccessibleName(tr("Export selected rows"));
}

void LogContextMenu::popupAt(const QPoint &pos)
{
    QTableView *table = m_view->table();
    const QModelIndex index = table->indexAt(pos);
    if (!index.isValid())
        return;
    QItemSelectionModel *selection = table->selectionModel();
    if (!selection->isRowSelected(index.row(), index.parent()))
        selection->setCurrentIndex(index,
                                   QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);

    const auto kind = EventKind(index.data(TrafficLogModel::KindRole).toInt());
    const bool wire = kind == EventKind::Received || kind == EventKind::Sent;
    m_payload = wire ? index.data(TrafficLogModel::PayloadRole).toByteArray() : QByteArray();
    // Copy-as is for wire bytes; a state event's text is copied with Copy.
    m_copyAsMenu->setEnabled(!m_payload.isEmpty());
    const bool rows = !m_view->selectedSeqs().isEmpty();
    m_copyAction->setEnabled(rows);
    m_exportMenu->setEnabled(rows);
    m_fileActions->updateEnabled();
    m_menu->popup(table->viewport()->mapToGlobal(pos));
}

void LogContextMenu::copyPayload(PayloadForm form)
{
    QString text;
    switch (form) {
    case PayloadForm::Hex:
        text = PayloadCopy::toHex(m_payload);
        break;
    case PayloadForm::CArray:
        text = PayloadCopy::toCArray(m_payload);
        break;
    case PayloadForm::PythonBytes:
        text = PayloadCopy::toPythonBytes(m_payload);
        break;
    }
    QGuiApplication::clipboard()->setText(text);
}
