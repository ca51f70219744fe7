#include "connectionview.h"

#include "columnchooser.h"
#include "connectionmodel.h"
#include "engine.h"
#include "icons.h"
#include "sessionkind.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QStyle>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <utility>

ConnectionView::ConnectionView(Engine *engine, ConnectionModel *model, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_model(model)
    , m_title(new QLabel(this))
    , m_table(new QTableView(this))
    , m_sendButton(new QToolButton(this))
    , m_sendAllButton(new QToolButton(this))
    , m_disconnectButton(new QToolButton(this))
    , m_disconnectAction(new QAction(m_table))
{
    m_title->setObjectName(QStringLiteral("connectionsTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);

    auto setUp = [](QToolButton *button, const QString &name, const QString &icon) {
        button->setObjectName(name);
        button->setIcon(Icons::icon(icon));
        // Icons only: the side column must fit a 1024-pixel screen; the text is
        // in the tooltip and for assistive tools.
        button->setToolButtonStyle(Qt::ToolButtonIconOnly);
        button->setAutoRaise(true);
    };
    setUp(m_sendButton, QStringLiteral("sendToSelectedButton"), QStringLiteral("send"));
    setUp(m_sendAllButton, QStringLiteral("sendToAllButton"), QStringLiteral("send"));
    setUp(m_disconnectButton, QStringLiteral("disconnectButton"), QStringLiteral("disconnect"));
    connect(m_sendButton, &QToolButton::clicked, this, [this] { Q_EMIT sendRequested(false); });
    connect(m_sendAllButton, &QToolButton::clicked, this, [this] { Q_EMIT sendRequested(true); });
    connect(m_disconnectButton, &QToolButton::clicked, this, &ConnectionView::disconnectSelected);

    m_table->setObjectName(QStringLiteral("connectionTable"));
    m_table->setModel(model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    // A side column is narrow: the peer whole and its counters first, the
    // rest after them; the local address (the session's own) on demand from
    // the header's right-click menu. The reader's layout is kept.
    const int padding = 2 * style()->pixelMetric(QStyle::PM_FocusFrameHMargin) + 12;
    m_table->setColumnWidth(ConnectionModel::PeerColumn,
                            fontMetrics().horizontalAdvance(QStringLiteral("127.0.0.1:65535")) +
                                padding);
    // Counters as wide as their title or number, whichever is wider.
    for (const int column :
         {ConnectionModel::MessagesInColumn, ConnectionModel::MessagesOutColumn,
          ConnectionModel::BytesInColumn, ConnectionModel::BytesOutColumn,
          ConnectionModel::RoundTripMinColumn, ConnectionModel::RoundTripMeanColumn,
          ConnectionModel::RoundTripP99Column})
        header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    int visual = 1;
    for (const int column : {ConnectionModel::MessagesInColumn, ConnectionModel::MessagesOutColumn,
                             ConnectionModel::BytesInColumn, ConnectionModel::BytesOutColumn,
                             ConnectionModel::StateColumn})
        header->moveSection(header->visualIndex(column), visual++);
    header->setSectionHidden(ConnectionModel::LocalColumn, true);
    auto *columns = new ColumnChooser(header, QStringLiteral("connectionView/columns"));
    columns->restore();
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_disconnectAction->setObjectName(QStringLiteral("disconnectAction"));
    m_disconnectAction->setShortcut(QKeySequence::Delete);
    m_disconnectAction->setShortcutContext(Qt::WidgetShortcut);
    connect(m_disconnectAction, &QAction::triggered, this, &ConnectionView::disconnectSelected);
    m_table->addAction(m_disconnectAction);

    // The current row moves before the selection does: follow both.
    const auto selectionMoved = [this] {
        updateActions();
        Q_EMIT connectionSelected(selectedConnection());
    };
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            selectionMoved);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            selectionMoved);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &ConnectionView::updateActions);
    connect(model, &QAbstractItemModel::rowsInserted, this, &ConnectionView::updateActions);
    connect(model, &QAbstractItemModel::modelReset, this, &ConnectionView::updateActions);
    connect(engine, &Engine::sessionChanged, this, &ConnectionView::updateActions);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_title);
    buttons->addStretch();
    buttons->addWidget(m_sendButton);
    buttons->addWidget(m_sendAllButton);
    buttons->addWidget(m_disconnectButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_table);
    retranslate();
    updateActions();
}

void ConnectionView::retranslate()
{
    m_title->setText(tr("Connections"));
    m_table->setAccessibleName(tr("Connections"));
    // The buttons have no keys of their own for setText() to replace.
    for (const auto &[button, text] : {std::pair(m_sendButton, tr("Send to selected")),
                                       std::pair(m_sendAllButton, tr("Send to all")),
                                       std::pair(m_disconnectButton, tr("Disconnect"))}) {
        button->setText(text);
        button->setAccessibleName(text);
        button->setToolTip(text);
    }
    m_disconnectAction->setText(tr("Disconnect"));
}

void ConnectionView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ConnectionView::setSession(SessionId session)
{
    m_session = session;
    m_model->setSessionFilter(session);
    updateActions();
}

ConnectionId ConnectionView::selectedConnection() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid() || !m_table->selectionModel()->isRowSelected(current.row(), {}))
        return 0;
    return m_model->connectionAt(current.row());
}

void ConnectionView::disconnectSelected()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid())
        return;
    const SessionId session = m_model->data(current, ConnectionModel::SessionRole).toUInt();
    if (m_model->data(current, ConnectionModel::DatagramRole).toBool())
        return; // a UDP peer has no connection to close
    m_engine->disconnectConnection(session, m_model->connectionAt(current.row()));
}

void ConnectionView::updateActions()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    const bool selected = selectedConnection() != 0;
    const bool datagram =
        current.isValid() && m_model->data(current, ConnectionModel::DatagramRole).toBool();
    const Engine::SessionInfo info = m_engine->session(m_session);
    const bool server = info.id != 0 && SessionKind::isServer(info.config.kind);
    m_sendButton->setEnabled(selected);
    m_sendAllButton->setEnabled(server && m_model->rowCount() > 0);
    m_disconnectButton->setEnabled(selected && !datagram);
}
