#pragma once

#include <QObject>
#include <QString>

class QHeaderView;
class QPoint;

// Right-click on a table's header: a menu of its columns to show or hide (the
// last shown one cannot be hidden), and the header's layout (order, widths,
// hidden columns) kept in the settings under `settingsKey` across restarts.
class ColumnChooser : public QObject
{
    Q_OBJECT

public:
    ColumnChooser(QHeaderView *header, const QString &settingsKey);

    // Puts back the saved layout; false when there is none (first start) or it
    // no longer fits the model, so the caller keeps its defaults.
    bool restore();

private:
    void showMenu(const QPoint &pos);
    void save() const;

    QHeaderView *m_header;
    QString m_settingsKey;
};
