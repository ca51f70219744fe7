#pragma once

#include "sendformat.h"

#include <QAbstractListModel>
#include <QByteArray>
#include <QList>
#include <QString>

// One message of the library: what was typed, how it becomes bytes, and
// optionally where it goes and how often.
struct SavedMessage
{
    QString name;
    QString text; // as typed: text, hex or text with escapes, per format.mode
    SendFormat format;
    // Empty: wherever the send panel points. "all": every client of a server.
    // "HOST:PORT": that address (UDP).
    QString target;
    qint64 repeatIntervalMs = 0; // 0: sent once
    quint64 repeatCount = 1;     // with an interval; 0: until stopped

    bool repeats() const { return repeatIntervalMs > 0; }
    bool operator==(const SavedMessage &o) const
    {
        return name == o.name && text == o.text && format == o.format && target == o.target &&
               repeatIntervalMs == o.repeatIntervalMs && repeatCount == o.repeatCount;
    }
};

// The saved-messages library as a list model (one row per message, in the
// order the person arranged them; the first nine are Alt+1 ... Alt+9). No
// widget code: the send panel's list and its tests use the same model.
// Every change is written at once to a JSON file (the format below), so the
// library survives a restart or a crash.
class SavedMessageModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role { TextRole = Qt::UserRole, ModeRole, ShortcutRole, SearchRole };

    explicit SavedMessageModel(QObject *parent = nullptr);

    // Where the library lives; empty (the default for tests) keeps it in
    // memory only. load() reads it, every change then writes it.
    void setStoragePath(const QString &path);
    QString storagePath() const { return m_path; }
    // The library file in the application's data directory.
    static QString defaultStoragePath();
    bool load(QString *error = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    const SavedMessage &message(int row) const { return m_messages.at(row); }
    QList<SavedMessage> messages() const { return m_messages; }
    int append(const SavedMessage &message);
    void replace(int row, const SavedMessage &message);
    void remove(int row);
    int duplicate(int row);
    // Moves a row one place up (-1) or down (+1); false at the edge.
    bool moveBy(int row, int step);

    // The JSON form of the whole library, and back. fromJson fails with a
    // translated sentence naming the message and the field that is wrong;
    // nothing is imported then.
    QByteArray toJson() const;
    static bool fromJson(const QByteArray &json, QList<SavedMessage> *out, QString *error);
    // Appends the messages of a JSON file's contents; returns how many, or -1.
    int importJson(const QByteArray &json, QString *error);

Q_SIGNALS:
    // Writing the library file failed (disk full, read-only): in words.
    void storageFailed(const QString &error);

private:
    void persist();

    QList<SavedMessage> m_messages;
    QString m_path;
};
