#include "savedmessagemodel.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

// The library file (and the export/import format), one JSON object:
//
//   {
//     "format": "socketscope-saved-messages",
//     "version": 1,
//     "messages": [
//       { "name": "Modbus: read 10 registers",   required, non-empty
//         "text": "01 03 00 00 00 0a",            required, as typed
//         "mode": "hex",                          text | hex | escapes (default text)
//         "encoding": "UTF-8",                    UTF-8 | GBK | Latin-1 (default UTF-8)
//         "lineEnding": "none",                   none | lf | crlf (default none)
//         "checksum": "crc16-modbus",             none | sum8 | xor8 | crc16-modbus |
//                                                 crc16-ccitt-false | crc32 (default none)
//         "target": "",                           "" | "all" | "HOST:PORT" (default "")
//         "repeat": { "intervalMs": 1000,         optional; intervalMs >= 1
//                     "count": 10 } }             0 = until stopped
//     ]
//   }
//
// Unknown keys are ignored (a newer version may add some); a wrong value of a
// known key is an error naming the message and the key.

namespace {

const QString FormatName = QStringLiteral("socketscope-saved-messages");

QString trModel(const char *text)
{
    return QCoreApplication::translate("SavedMessageModel", text);
}

QJsonObject toObject(const SavedMessage &m)
{
    QJsonObject o;
    o.insert(u"name", m.name);
    o.insert(u"text", m.text);
    o.insert(u"mode", SendFormat::modeKeyword(m.format.mode));
    o.insert(u"encoding", PayloadCodec::encodingName(m.format.encoding));
    o.insert(u"lineEnding", SendFormat::lineEndingKeyword(m.format.lineEnding));
    o.insert(u"checksum", Checksum::keyword(m.format.checksum));
    o.insert(u"target", m.target);
    if (m.repeats()) {
        QJsonObject repeat;
        repeat.insert(u"intervalMs", m.repeatIntervalMs);
        repeat.insert(u"count", qint64(m.repeatCount));
        o.insert(u"repeat", repeat);
    }
    return o;
}

bool fromObject(const QJsonObject &o, int index, SavedMessage *m, QString *error)
{
    auto bad = [&](const QString &key, const QString &why) {
        *error = trModel("Message %1: \"%2\" %3").arg(index + 1).arg(key, why);
        return false;
    };
    auto text = [&](const char *key, QString *out, bool required) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined() && !required)
            return true;
        if (!v.isString())
            return bad(QLatin1String(key), trModel("must be a string."));
        *out = v.toString();
        return true;
    };
    if (!text("name", &m->name, true) || !text("text", &m->text, true))
        return false;
    if (m->name.trimmed().isEmpty())
        return bad(QStringLiteral("name"), trModel("must not be empty."));
    QString value;
    if (!text("mode", &(value = QString()), false))
        return false;
    if (!value.isEmpty() && !SendFormat::modeFromKeyword(value, &m->format.mode))
        return bad(QStringLiteral("mode"), trModel("must be text, hex or escapes."));
    if (!text("encoding", &(value = QString()), false))
        return false;
    if (!value.isEmpty() && !PayloadCodec::encodingFromName(value, &m->format.encoding))
        return bad(QStringLiteral("encoding"), trModel("must be UTF-8, GBK or Latin-1."));
    if (!text("lineEnding", &(value = QString()), false))
        return false;
    if (!value.isEmpty() && !SendFormat::lineEndingFromKeyword(value, &m->format.lineEnding))
        return bad(QStringLiteral("lineEnding"), trModel("must be none, lf or crlf."));
    if (!text("checksum", &(value = QString()), false))
        return false;
    if (!value.isEmpty() && !Checksum::fromKeyword(value, &m->format.checksum))
        return bad(QStringLiteral("checksum"),
                   trModel("must be none, sum8, xor8, crc16-modbus, crc16-ccitt-false or crc32."));
    if (!text("target", &m->target, false))
        return false;
    const QJsonValue repeat = o.value(u"repeat");
    if (!repeat.isUndefined() && !repeat.isNull()) {
        const QJsonObject r = repeat.toObject();
        const qint64 interval = r.value(u"intervalMs").toInteger(-1);
        const qint64 count = r.value(u"count").toInteger(1);
        if (!repeat.isObject() || interval < 1)
            return bad(QStringLiteral("repeat"),
                       trModel("needs \"intervalMs\" of at least 1 (and a \"count\", 0 = until "
                               "stopped)."));
        if (count < 0)
            return bad(QStringLiteral("repeat"), trModel("needs a \"count\" of 0 or more."));
        m->repeatIntervalMs = interval;
        m->repeatCount = quint64(count);
    }
    return true;
}

} // namespace

SavedMessageModel::SavedMessageModel(QObject *parent)
    : QAbstractListModel(parent)
{}

QString SavedMessageModel::defaultStoragePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/saved-messages.json");
}

void SavedMessageModel::setStoragePath(const QString &path)
{
    m_path = path;
}

bool SavedMessageModel::load(QString *error)
{
    QFile file(m_path);
    if (m_path.isEmpty() || !file.exists())
        return true; // nothing saved yet
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = trModel("Cannot read %1: %2").arg(m_path, file.errorString());
        return false;
    }
    QList<SavedMessage> loaded;
    QString why;
    if (!fromJson(file.readAll(), &loaded, &why)) {
        if (error)
            *error = trModel("%1: %2").arg(m_path, why);
        return false;
    }
    beginResetModel();
    m_messages = loaded;
    endResetModel();
    return true;
}

int SavedMessageModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_messages.size());
}

QVariant SavedMessageModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SavedMessage &m = m_messages.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return m.name;
    case Qt::ToolTipRole:
    case TextRole:
        return m.text;
    case ModeRole:
        return int(m.format.mode);
    case ShortcutRole:
        return index.row() < 9 ? QStringLiteral("Alt+%1").arg(index.row() + 1) : QString();
    case SearchRole:
        return QString(m.name + u'\n' + m.text);
    default:
        return {};
    }
}

bool SavedMessageModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid))
        return false;
    const QString name = value.toString().trimmed();
    if (name.isEmpty() || name == m_messages.at(index.row()).name)
        return false;
    m_messages[index.row()].name = name;
    Q_EMIT dataChanged(index, index);
    persist();
    return true;
}

Qt::ItemFlags SavedMessageModel::flags(const QModelIndex &index) const
{
    return QAbstractListModel::flags(index) |
           (index.isValid() ? Qt::ItemIsEditable : Qt::NoItemFlags);
}

int SavedMessageModel::append(const SavedMessage &message)
{
    const int row = int(m_messages.size());
    beginInsertRows({}, row, row);
    m_messages.append(message);
    endInsertRows();
    persist();
    return row;
}

void SavedMessageModel::replace(int row, const SavedMessage &message)
{
    if (row < 0 || row >= m_messages.size())
        return;
    m_messages[row] = message;
    Q_EMIT dataChanged(index(row), index(row));
    persist();
}

void SavedMessageModel::remove(int row)
{
    if (row < 0 || row >= m_messages.size())
        return;
    beginRemoveRows({}, row, row);
    m_messages.removeAt(row);
    endRemoveRows();
    // The shortcuts Alt+N of the rows below moved up.
    if (row < m_messages.size())
        Q_EMIT dataChanged(index(row), index(int(m_messages.size()) - 1), {ShortcutRole});
    persist();
}

int SavedMessageModel::duplicate(int row)
{
    if (row < 0 || row >= m_messages.size())
        return -1;
    SavedMessage copy = m_messages.at(row);
    copy.name = trModel("%1 (copy)").arg(copy.name);
    beginInsertRows({}, row + 1, row + 1);
    m_messages.insert(row + 1, copy);
    endInsertRows();
    if (row + 2 < m_messages.size())
        Q_EMIT dataChanged(index(row + 2), index(int(m_messages.size()) - 1), {ShortcutRole});
    persist();
    return row + 1;
}

bool SavedMessageModel::moveBy(int row, int step)
{
    const int to = row + step;
    if (row < 0 || row >= m_messages.size() || to < 0 || to >= m_messages.size() || step == 0)
        return false;
    // beginMoveRows wants the destination as "before this row" in the old order.
    if (!beginMoveRows({}, row, row, {}, step > 0 ? to + 1 : to))
        return false;
    m_messages.move(row, to);
    endMoveRows();
    Q_EMIT dataChanged(index(qMin(row, to)), index(qMax(row, to)), {ShortcutRole});
    persist();
    return true;
}

QByteArray SavedMessageModel::toJson() const
{
    QJsonArray list;
    for (const SavedMessage &m : m_messages)
        list.append(toObject(m));
    QJsonObject root;
    root.insert(u"format", FormatName);
    root.insert(u"version", 1);
    root.insert(u"messages", list);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool SavedMessageModel::fromJson(const QByteArray &json, QList<SavedMessage> *out, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = trModel("Not valid JSON: %1 at byte %2.")
                     .arg(parseError.errorString())
                     .arg(parseError.offset);
        return false;
    }
    const QJsonObject root = doc.object();
    if (!doc.isObject() || root.value(u"format").toString() != FormatName) {
        *error = trModel("Not a SocketScope saved-messages file: \"format\" must be \"%1\".")
                     .arg(FormatName);
        return false;
    }
    if (root.value(u"version").toInt(0) != 1) {
        *error = trModel("Unsupported version %1 of the saved-messages file: this SocketScope "
                         "reads version 1.")
                     .arg(root.value(u"version").toVariant().toString());
        return false;
    }
    if (!root.value(u"messages").isArray()) {
        *error = trModel("The saved-messages file has no \"messages\" list.");
        return false;
    }
    const QJsonArray list = root.value(u"messages").toArray();
    QList<SavedMessage> messages;
    for (int i = 0; i < list.size(); ++i) {
        if (!list.at(i).isObject()) {
            *error = trModel("Message %1 is not an object.").arg(i + 1);
            return false;
        }
        SavedMessage m;
        if (!fromObject(list.at(i).toObject(), i, &m, error))
            return false;
        messages.append(m);
    }
    *out = messages;
    return true;
}

int SavedMessageModel::importJson(const QByteArray &json, QString *error)
{
    QList<SavedMessage> imported;
    if (!fromJson(json, &imported, error))
        return -1;
    if (imported.isEmpty())
        return 0;
    const int first = int(m_messages.size());
    beginInsertRows({}, first, first + int(imported.size()) - 1);
    m_messages.append(imported);
    endInsertRows();
    persist();
    return int(imported.size());
}

void SavedMessageModel::persist()
{
    if (m_path.isEmpty())
        return;
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    // QSaveFile: a crash while writing leaves the old library, not half a file.
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || file.write(toJson()) < 0 || !file.commit())
        Q_EMIT storageFailed(
            trModel("Cannot save the messages to %1: %2").arg(m_path, file.errorString()));
}
