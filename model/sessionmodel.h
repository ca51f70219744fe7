#pragma once

#include "engine.h"

#include <QAbstractTableModel>

// The sessions (endpoints) of an engine and their state, in creation order.
class SessionModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, KindColumn, StateColumn, ColumnCount };
    enum Role { SessionIdRole = Qt::UserRole, StateRole, KindRole, ConfigRole, CaptureRole };

    explicit SessionModel(Engine *engine, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    int rowForSession(SessionId id) const;
    SessionId sessionAt(int row) const;

    // "listening on 127.0.0.1:9999", "error: Connection refused", ...
    static QString stateText(SessionState state, const QString &detail);

private:
    void onAdded(SessionId id);
    void onRemoved(SessionId id);
    void onChanged(SessionId id);

    Engine *m_engine;
    QList<Engine::SessionInfo> m_rows;
};
