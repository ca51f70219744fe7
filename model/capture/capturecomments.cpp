#include "capture/capturecomments.h"

#include "eventformat.h"
#include "jsoncursor.h"

#include <QJsonArray>
#include <QJsonDocument>

void CaptureComments::newFile()
{
    m_names.clear();
    for (ToldClose &close : m_closes)
        close.known = false;
}

bool CaptureComments::nameTold(SessionId session, const TrafficStore &store, QString *name)
{
    // The revision first, then the name: a rename in between shows as a new
    // revision next time.
    const quint64 revision = store.sessionNamesRevision();
    if (revision != m_namesRevision) {
        m_namesRevision = revision;
        for (ToldName &t : m_names)
            t.current = false;
    }
    if (m_names.size() <= session)
        m_names.resize(size_t(session) + 1);
    ToldName &t = m_names[session];
    if (t.current)
        return true;
    *name = store.sessionName(session);
    if (t.told && t.name == *name) {
        t.current = true;
        return true;
    }
    return false;
}

void CaptureComments::tellName(SessionId session, const QString &name)
{
    // nameTold() made the room.
    ToldName &t = m_names[session];
    t.name = name;
    t.told = true;
    t.current = true; // read at m_namesRevision (or later: then the revision moved on)
}

void CaptureComments::appendShortOpen(QByteArray &out, const TrafficEvent &event,
                                      TrafficStore::Initiator initiator, const TrafficStore &store)
{
    QString untold;
    const bool told = nameTold(event.session, store, &untold);
    if (!told)
        tellName(event.session, untold);
    JsonCursor json(out, 96 + (told ? 0 : untold.size() * 3));
    json.raw(initiator == TrafficStore::Initiator::Local
                 ? QByteArrayView("{\"event\":\"opened\",\"by\":\"local\",\"session\":")
                 : QByteArrayView("{\"event\":\"opened\",\"by\":\"peer\",\"session\":"));
    json.number(event.session);
    if (!told) {
        json.raw(",\"session_name\":");
        json.string(untold);
    }
    json.raw(",\"connection\":");
    json.number(event.connection);
    json.raw("}");
}

bool CaptureComments::closeRepeats(PacketSynthesizer::Close form, Closer closer,
                                   QByteArrayView reason) const
{
    if (form == PacketSynthesizer::Close::None)
        return false;
    const ToldClose &told = m_closes[int(form) - 1];
    return told.known && told.closer == closer && QByteArrayView(told.reason) == reason;
}

void CaptureComments::appendShortClose(QByteArray &out, Closer closer, QByteArrayView reason)
{
    // Most closes of a file read alike ("peer", "Closed"): the last one's
    // text is kept whole.
    if (m_lastClose.closer == closer && QByteArrayView(m_lastClose.reason) == reason &&
        !m_lastClose.json.isEmpty()) {
        out.append(m_lastClose.json);
        return;
    }
    const qsizetype start = out.size();
    // Reasons repeat ("Closed", "Connection reset by the peer"): each is
    // encoded once.
    const QByteArray key = reason.toByteArray();
    auto json = m_reasons.constFind(key);
    if (json == m_reasons.constEnd()) {
        if (m_reasons.size() > 256)
            m_reasons.clear();
        const QByteArray text =
            QJsonDocument(QJsonArray{QString::fromUtf8(reason)}).toJson(QJsonDocument::Compact);
        json = m_reasons.insert(key, text.sliced(1, text.size() - 2));
    }
    out.append("{\"event\":\"closed\",\"by\":\"")
        .append(EventFormat::closerKeyword(closer).toLatin1())
        .append("\",\"reason\":")
        .append(*json)
        .append('}');
    m_lastClose.closer = closer;
    m_lastClose.reason = key;
    m_lastClose.json = out.sliced(start);
}

void CaptureComments::wroteClose(PacketSynthesizer::Close form, bool shortComment, Closer closer,
                                 QByteArrayView reason)
{
    // A full close comment (on the wire or not) makes a reader forget the
    // short ones: the FINs after it may be on a pair another connection
    // named, and must not read as that one's close.
    if (!shortComment || form == PacketSynthesizer::Close::None) {
        for (ToldClose &close : m_closes)
            close.known = false;
        return;
    }
    ToldClose &told = m_closes[int(form) - 1];
    told.known = true;
    told.closer = closer;
    told.reason = reason.toByteArray();
}
