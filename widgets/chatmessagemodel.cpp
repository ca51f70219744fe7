#include "chatmessagemodel.h"

#include "payloadcodec.h"
#include "roundtrip.h"
#include "trafficstore.h"

#include <QDateTime>
#include <QLocale>

namespace {

// What a person reads in a bubble. The log keeps the exact bytes; here one
// trailing line ending goes (a TCP line "hi\n" is the message "hi"), invalid
// UTF-8 shows as U+FFFD, and bytes that are clearly not text show escaped.
QString messageText(QByteArray bytes, bool *binary)
{
    if (bytes.endsWith("\r\n"))
        bytes.chop(2);
    else if (bytes.endsWith('\n'))
        bytes.chop(1);
    bool control = false;
    for (const char c : std::as_const(bytes)) {
        const auto u = uchar(c);
        if ((u < 0x20 && u != '\t' && u != '\n' && u != '\r') || u == 0x7f) {
            control = true;
            break;
        }
    }
    if (!control) {
        const QString text = PayloadCodec::decode(bytes, PayloadCodec::Encoding::Utf8);
        const qsizetype replaced = text.count(QChar::ReplacementCharacter);
        // A few bad bytes in text stay visible as U+FFFD; mostly bad bytes is binary.
        if (replaced * 4 <= text.size()) {
            *binary = false;
            return text;
        }
    }
    *binary = true;
    return PayloadCodec::toEscaped(bytes, true);
}

} // namespace

ChatMessageModel::ChatMessageModel(TrafficStore *store, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(store)
    , m_me(tr("Me"))
{
    m_readTimer.setSingleShot(true);
    m_readTimer.setInterval(ReadIntervalMs);
    connect(&m_readTimer, &QTimer::timeout, this, &ChatMessageModel::readNew);
    connect(store, &TrafficStore::eventsAppended, this, [this] {
        if (m_active && !m_readTimer.isActive())
            m_readTimer.start();
    });
    connect(store, &TrafficStore::cleared, this, [this] {
        beginResetModel();
        m_items.clear();
        m_nextSeq = m_store->lastSeq() + 1;
        endResetModel();
    });
}

void ChatMessageModel::setSession(SessionId session)
{
    beginResetModel();
    m_session = session;
    m_items.clear();
    m_nextSeq = m_store->firstSeq();
    std::vector<Item> items = readItems();
    appendCapped(items);
    endResetModel();
}

void ChatMessageModel::setActive(bool active)
{
    if (m_active == active)
        return;
    m_active = active;
    if (active)
        readNew();
    else
        m_readTimer.stop();
}

void ChatMessageModel::readNew()
{
    std::vector<Item> items = readItems();
    if (items.empty())
        return;
    const int overflow = int(m_items.size() + items.size()) - MaxItems;
    if (overflow > 0 && !m_items.empty()) {
        const int gone = qMin(overflow, int(m_items.size()));
        beginRemoveRows({}, 0, gone - 1);
        m_items.erase(m_items.begin(), m_items.begin() + gone);
        endRemoveRows();
    }
    if (items.size() > size_t(MaxItems))
        items.erase(items.begin(), items.end() - MaxItems);
    const int first = int(m_items.size());
    beginInsertRows({}, first, first + int(items.size()) - 1);
    m_items.insert(m_items.end(), items.begin(), items.end());
    endInsertRows();
}

void ChatMessageModel::retranslate()
{
    m_me = tr("Me");
    if (!m_items.empty())
        Q_EMIT dataChanged(index(0), index(int(m_items.size()) - 1),
                           {Qt::DisplayRole, Qt::ToolTipRole, Qt::AccessibleTextRole, SenderRole});
}

int ChatMessageModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QVariant ChatMessageModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Item &item = m_items[size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return displayText(item);
    case Qt::ToolTipRole:
        if (item.roundTripUs >= 0)
            return tr("%1 at %2, %3 after our message")
                .arg(senderText(item), timeText(item),
                     RoundTrip::text(item.roundTripUs, QLocale()));
        return item.side == Side::Note ? tr("%1 at %2").arg(item.text, timeText(item))
                                       : tr("%1 at %2").arg(senderText(item), timeText(item));
    case Qt::AccessibleTextRole:
        return item.side == Side::Note
                   ? item.text
                   : tr("%1 at %2: %3").arg(senderText(item), timeText(item), displayText(item));
    case SideRole:
        return int(item.side);
    case SenderRole:
        return senderText(item);
    case TimeRole:
        return timeText(item);
    case BinaryRole:
        return item.binary;
    case SeqRole:
        return item.seq;
    case RoundTripRole:
        return roundTripText(item);
    }
    return {};
}

QString ChatMessageModel::roundTripText(const Item &item)
{
    // Short: it sits beside the time above the bubble.
    return item.roundTripUs < 0 ? QString()
                                : tr("RTT %1").arg(RoundTrip::text(item.roundTripUs, QLocale()));
}

QString ChatMessageModel::timeText(const Item &item)
{
    return QDateTime::fromMSecsSinceEpoch(item.timeUs / 1000).toString(QStringLiteral("HH:mm:ss"));
}

QString ChatMessageModel::senderText(const Item &item) const
{
    return item.side == Side::Ours ? m_me : item.sender;
}

QString ChatMessageModel::displayText(const Item &item)
{
    if (item.totalBytes == 0)
        return item.text;
    return tr("%1… (%n bytes in all)", nullptr, int(item.totalBytes)).arg(item.text);
}

std::vector<ChatMessageModel::Item> ChatMessageModel::readItems()
{
    std::vector<Item> items;
    const quint64 last = m_store->lastSeq();
    quint64 from = qMax(m_nextSeq, m_store->firstSeq());
    m_nextSeq = qMax(m_nextSeq, last + 1);
    if (m_session == 0)
        return items;
    // Only the newest MaxItems can stay: the older ones are never decoded (a
    // capture of a million messages would otherwise be decoded whole).
    std::vector<TrafficEvent> kept;
    while (from <= last) {
        const quint64 to = qMin(last, from + ReadBatch - 1);
        const QList<TrafficEvent> events = m_store->events(from, to);
        for (const TrafficEvent &ev : events) {
            if (ev.session != m_session)
                continue;
            if (ev.kind == EventKind::Received || ev.kind == EventKind::Sent ||
                ev.kind == EventKind::Note)
                kept.push_back(ev);
        }
        if (kept.size() > size_t(2 * MaxItems))
            kept.erase(kept.begin(), kept.end() - MaxItems);
        from = to + 1;
    }
    const size_t first = kept.size() > size_t(MaxItems) ? kept.size() - MaxItems : 0;
    items.reserve(kept.size() - first);
    for (size_t i = first; i < kept.size(); ++i)
        items.push_back(makeItem(kept[i]));
    return items;
}

void ChatMessageModel::appendCapped(std::vector<Item> &items)
{
    if (items.size() > size_t(MaxItems))
        items.erase(items.begin(), items.end() - MaxItems);
    m_items.insert(m_items.end(), items.begin(), items.end());
}

ChatMessageModel::Item ChatMessageModel::makeItem(const TrafficEvent &ev) const
{
    Item item;
    item.seq = ev.seq;
    item.timeUs = ev.timeUs;
    const QByteArray bytes = m_store->payload(ev, MaxMessageBytes);
    switch (ev.kind) {
    case EventKind::Received:
        item.side = Side::Theirs;
        item.sender = m_store->addresses(ev.addresses).peer;
        item.roundTripUs = m_store->roundTripUs(ev.seq);
        break;
    case EventKind::Sent:
        item.side = Side::Ours;
        break;
    default:
        item.side = Side::Note;
        item.text = QString::fromUtf8(bytes);
        return item;
    }
    item.text = messageText(bytes, &item.binary);
    if (qsizetype(ev.payloadSize) > MaxMessageBytes)
        item.totalBytes = qsizetype(ev.payloadSize);
    return item;
}
