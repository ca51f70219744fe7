#include "sessionmodel.h"

#include "languagewatcher.h"
#include "sessionkind.h"

SessionModel::SessionModel(Engine *engine, QObject *parent)
    : QAbstractTableModel(parent)
    , m_engine(engine)
{
    m_rows = engine->sessions();
    connect(engine, &Engine::sessionAdded, this, &SessionModel::onAdded);
    connect(engine, &Engine::sessionRemoved, this, &SessionModel::onRemoved);
    connect(engine, &Engine::sessionChanged, this, &SessionModel::onChanged);
    // Kinds and states are words ("TCP client", "listening on ..."): all rows.
    new LanguageWatcher(
        [this] {
            Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
            if (const int rows = rowCount(); rows > 0)
                Q_EMIT dataChanged(index(0, 0), index(rows - 1, ColumnCount - 1));
        },
        this);
}

int SessionModel::rowForSession(SessionId id) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == id)
            return row;
    }
    return -1;
}

SessionId SessionModel::sessionAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

void SessionModel::onAdded(SessionId id)
{
    if (rowForSession(id) >= 0)
        return;
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(m_engine->session(id));
    endInsertRows();
}

void SessionModel::onRemoved(SessionId id)
{
    const int row = rowForSession(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
}

void SessionModel::onChanged(SessionId id)
{
    const int row = rowForSession(id);
    if (row < 0)
        return;
    const Engine::SessionInfo info = m_engine->session(id);
    if (info.id == 0)
        return; // removed meanwhile; sessionRemoved follows
    m_rows[row] = info;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int SessionModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SessionModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SessionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Session");
    case KindColumn:
        return tr("Type");
    case StateColumn:
        return tr("State");
    }
    return {};
}

QString SessionModel::stateText(SessionState state, const QString &detail)
{
    switch (state) {
    case SessionState::Stopped:
        return tr("stopped");
    case SessionState::Starting:
        return detail.isEmpty() ? tr("starting") : tr("starting %1").arg(detail);
    case SessionState::Listening:
        return tr("listening on %1").arg(detail);
    case SessionState::Connected:
        return tr("connected to %1").arg(detail);
    case SessionState::Bound:
        return tr("bound to %1").arg(detail);
    case SessionState::Finished:
        return detail.isEmpty() ? tr("finished") : tr("finished: %1").arg(detail);
    case SessionState::Error:
        return tr("error: %1").arg(detail);
    }
    return {};
}

QVariant SessionModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Engine::SessionInfo &info = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case NameColumn:
            return info.name;
        case KindColumn:
            return info.isCapture() ? tr("Capture file")
                                    : SessionKind::typeName(info.config.kind, info.config.protocol);
        case StateColumn:
            if (info.isCapture())
                return tr("read from %1").arg(info.captureFile);
            // A multicast session shows the groups it has joined while bound.
            if (info.state == SessionState::Bound && !info.config.multicast.joins.isEmpty())
                return tr("%1, joined %2")
                    .arg(stateText(info.state, info.detail),
                         MulticastSettings::groupsText(info.config.multicast));
            return stateText(info.state, info.detail);
        }
        return {};
    case Qt::AccessibleDescriptionRole:
        // The state the list's delegate draws under the name ("listening on
        // 127.0.0.1:41234"), for assistive tools.
        if (index.column() == NameColumn)
            return info.isCapture() ? tr("read from %1").arg(info.captureFile)
                                    : stateText(info.state, info.detail);
        return {};
    case SessionIdRole:
        return info.id;
    case StateRole:
        return int(info.state);
    case KindRole:
        return int(info.config.kind);
    case ConfigRole:
        return QVariant::fromValue(info.config);
    case CaptureRole:
        return info.captureFile;
    }
    return {};
}
