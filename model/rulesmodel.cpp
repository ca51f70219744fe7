#include "rulesmodel.h"

RulesModel::RulesModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

QString RulesModel::matchName(Rule::Match match)
{
    switch (match) {
    case Rule::Match::Exact:
        return tr("Exact");
    case Rule::Match::Contains:
        return tr("Contains");
    case Rule::Match::StartsWith:
        return tr("Starts with");
    case Rule::Match::Regex:
        return tr("Regex");
    case Rule::Match::Hex:
        return tr("Hex");
    }
    return {};
}

void RulesModel::setRules(const QList<Rule> &rules)
{
    if (rules == m_rules)
        return;
    beginResetModel();
    m_rules = rules;
    endResetModel();
}

int RulesModel::insertRule(int row, const Rule &rule)
{
    if (row < 0 || row > m_rules.size())
        row = int(m_rules.size());
    beginInsertRows({}, row, row);
    m_rules.insert(row, rule);
    endInsertRows();
    Q_EMIT rulesEdited();
    return row;
}

void RulesModel::removeRule(int row)
{
    if (row < 0 || row >= m_rules.size())
        return;
    beginRemoveRows({}, row, row);
    m_rules.removeAt(row);
    endRemoveRows();
    Q_EMIT rulesEdited();
}

int RulesModel::moveRule(int row, int by)
{
    const int to = row + by;
    if (row < 0 || row >= m_rules.size() || to < 0 || to >= m_rules.size() || by == 0)
        return row;
    // beginMoveRows counts the destination before the move.
    beginMoveRows({}, row, row, {}, by > 0 ? to + 1 : to);
    m_rules.move(row, to);
    endMoveRows();
    Q_EMIT rulesEdited();
    return to;
}

int RulesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rules.size());
}

int RulesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RulesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rules.size())
        return {};
    const Rule &rule = m_rules.at(index.row());
    switch (role) {
    case Qt::CheckStateRole:
        return index.column() == EnabledColumn
                   ? QVariant(rule.enabled ? Qt::Checked : Qt::Unchecked)
                   : QVariant();
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case MatchColumn:
            return role == Qt::EditRole ? QVariant(int(rule.match))
                                        : QVariant(matchName(rule.match));
        case PatternColumn:
            return rule.pattern;
        case ReplyColumn:
            return rule.reply;
        case DelayColumn:
            return role == Qt::EditRole
                       ? QVariant(rule.delayMs)
                       : QVariant(rule.delayMs > 0 ? QString::number(rule.delayMs) : QString());
        default:
            return {};
        }
    case Qt::ToolTipRole:
        // Cells are narrow: the whole text on hover.
        if (index.column() == PatternColumn || index.column() == ReplyColumn)
            return index.column() == PatternColumn ? rule.pattern : rule.reply;
        if (index.column() == MatchColumn && rule.match == Rule::Match::Regex)
            return tr("Regular expression");
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == DelayColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                             : QVariant();
    default:
        return {};
    }
}

bool RulesModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || index.row() >= m_rules.size())
        return false;
    Rule rule = m_rules.at(index.row());
    if (role == Qt::CheckStateRole && index.column() == EnabledColumn) {
        rule.enabled = value.toInt() == Qt::Checked;
    } else if (role == Qt::EditRole) {
        switch (index.column()) {
        case MatchColumn: {
            const int kind = value.toInt();
            if (kind < int(Rule::Match::Exact) || kind > int(Rule::Match::Hex))
                return false;
            rule.match = Rule::Match(kind);
            break;
        }
        case PatternColumn:
            rule.pattern = value.toString();
            break;
        case ReplyColumn:
            rule.reply = value.toString();
            break;
        case DelayColumn: {
            bool ok = false;
            const int ms = value.toString().isEmpty() ? 0 : value.toInt(&ok);
            if ((!ok && !value.toString().isEmpty()) || ms < 0 || ms > Rule::MaxDelayMs)
                return false;
            rule.delayMs = ms;
            break;
        }
        default:
            return false;
        }
    } else {
        return false;
    }
    if (rule == m_rules.at(index.row()))
        return true;
    m_rules[index.row()] = rule;
    Q_EMIT dataChanged(index, index);
    Q_EMIT rulesEdited();
    return true;
}

Qt::ItemFlags RulesModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == EnabledColumn)
        f |= Qt::ItemIsUserCheckable;
    else
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant RulesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(section + 1) : QVariant();
    // The side panel is narrow: short headers, the long names as tool tips.
    if (role == Qt::ToolTipRole && section == DelayColumn)
        return tr("Delay before the reply, in milliseconds");
    if (role == Qt::ToolTipRole && section == EnabledColumn)
        return tr("Rule on or off");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case EnabledColumn:
        return tr("On");
    case MatchColumn:
        return tr("Match");
    case PatternColumn:
        return tr("Pattern");
    case ReplyColumn:
        return tr("Reply");
    case DelayColumn:
        return tr("ms");
    default:
        return {};
    }
}

void RulesModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rules.isEmpty())
        Q_EMIT dataChanged(index(0, MatchColumn), index(int(m_rules.size()) - 1, MatchColumn));
}
