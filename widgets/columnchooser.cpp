#include "columnchooser.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QHeaderView>
#include <QMenu>
#include <QSettings>

ColumnChooser::ColumnChooser(QHeaderView *header, const QString &settingsKey)
    : QObject(header)
    , m_header(header)
    , m_settingsKey(settingsKey)
{
    m_header->setContextMenuPolicy(Qt::CustomContextMenu);
    m_header->setSectionsMovable(true);
    connect(m_header, &QHeaderView::customContextMenuRequested, this, &ColumnChooser::showMenu);
    connect(m_header, &QHeaderView::sectionMoved, this, &ColumnChooser::save);
    connect(m_header, &QHeaderView::sectionResized, this, &ColumnChooser::save);
}

bool ColumnChooser::restore()
{
    const QByteArray state = QSettings().value(m_settingsKey).toByteArray();
    if (state.isEmpty() || !m_header->model())
        return false;
    // A layout saved for another set of columns is dropped, not half applied.
    const int columns = m_header->model()->columnCount();
    QHeaderView probe(m_header->orientation());
    probe.setModel(m_header->model());
    if (!probe.restoreState(state) || probe.count() != columns)
        return false;
    return m_header->restoreState(state);
}

void ColumnChooser::showMenu(const QPoint &pos)
{
    const QAbstractItemModel *model = m_header->model();
    if (!model)
        return;
    QMenu menu(m_header);
    menu.setObjectName(QStringLiteral("columnMenu"));
    int shown = 0;
    for (int logical = 0; logical < m_header->count(); ++logical)
        shown += m_header->isSectionHidden(logical) ? 0 : 1;
    // In the order the reader sees the columns.
    for (int visual = 0; visual < m_header->count(); ++visual) {
        const int logical = m_header->logicalIndex(visual);
        const QString name =
            model->headerData(logical, m_header->orientation(), Qt::DisplayRole).toString();
        QAction *action = menu.addAction(name);
        action->setCheckable(true);
        action->setChecked(!m_header->isSectionHidden(logical));
        action->setEnabled(m_header->isSectionHidden(logical) || shown > 1);
        connect(action, &QAction::toggled, this, [this, logical](bool on) {
            m_header->setSectionHidden(logical, !on);
            save();
        });
    }
    menu.exec(m_header->viewport()->mapToGlobal(pos));
}

void ColumnChooser::save() const
{
    QSettings().setValue(m_settingsKey, m_header->saveState());
}
