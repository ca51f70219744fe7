#pragma once

#include "capture/packetsynthesizer.h"
#include "trafficevent.h"
#include "trafficstore.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QString>

#include <vector>

// What a reader of the pcapng file being written already knows from the
// comments before, and the short comments that rely on it (CAPTURE_SPEC.md,
// "Events without a comment"): which name each session was last given, and
// the last short close comment of each form. One per CaptureWriter; newFile()
// with each file, which a reader reads on its own.
class CaptureComments
{
public:
    void newFile();

    // Whether a reader knows `session` by the store's name for it now; if
    // not, that name is put in `name` for a comment to tell.
    bool nameTold(SessionId session, const TrafficStore &store, QString *name);
    // A comment names `session` `name` (from nameTold()).
    void tellName(SessionId session, const QString &name);

    // An opened whose addresses the packets tell: {"event":"opened","by":...,
    // "session":...,"connection":...}, "session_name" too where untold.
    void appendShortOpen(QByteArray &out, const TrafficEvent &event,
                         TrafficStore::Initiator initiator, const TrafficStore &store);

    // Whether a close on a known pair, written as `form`, repeats the last
    // short close comment of that form, so that it needs none.
    bool closeRepeats(PacketSynthesizer::Close form, Closer closer, QByteArrayView reason) const;
    // {"event":"closed","by":...,"reason":...}
    void appendShortClose(QByteArray &out, Closer closer, QByteArrayView reason);
    // After a close's comment: short (on a known pair) or full.
    void wroteClose(PacketSynthesizer::Close form, bool shortComment, Closer closer,
                    QByteArrayView reason);

private:
    struct ToldName
    {
        QString name;
        bool told = false;    // a comment of this file named the session `name`
        bool current = false; // and the store's name was `name` at m_namesRevision
    };
    std::vector<ToldName> m_names; // by session id
    quint64 m_namesRevision = 0;

    // The last short close comment of each form (PacketSynthesizer::Close
    // minus one) since the last full close comment, as a reader keeps them.
    struct ToldClose
    {
        bool known = false;
        Closer closer = Closer::None;
        QByteArray reason;
    };
    ToldClose m_closes[3];

    QHash<QByteArray, QByteArray> m_reasons; // close reason -> its JSON string
    struct ShortClose
    {
        Closer closer = Closer::None;
        QByteArray reason;
        QByteArray json; // {"event":"closed",...}
    };
    ShortClose m_lastClose;
};
