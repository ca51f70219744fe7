#pragma once

#include "ruleset.h"

#include <QAbstractTableModel>
#include <QList>

// The auto-reply rules of one session as an editable table: On (a check box),
// Match (the kind), Pattern, Reply, Delay (ms). The rules table in the window
// edits it; rules() is what gets saved with the session.
class RulesModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        EnabledColumn,
        MatchColumn,
        PatternColumn,
        ReplyColumn,
        DelayColumn,
        ColumnCount
    };

    explicit RulesModel(QObject *parent = nullptr);

    const QList<Rule> &rules() const { return m_rules; }
    void setRules(const QList<Rule> &rules);
    // A new rule at `row` (the end when out of range); returns its row.
    int insertRule(int row, const Rule &rule = {});
    void removeRule(int row);
    // Moves a rule one place up (-1) or down (+1); returns its new row.
    int moveRule(int row, int by);

    // The translated name of a match kind, as shown in the table.
    static QString matchName(Rule::Match match);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // Headers follow a language switch.
    void retranslate();

Q_SIGNALS:
    // Any change to the rules (edit, add, remove, move): time to save them.
    void rulesEdited();

private:
    QList<Rule> m_rules;
};
