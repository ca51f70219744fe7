#include "udprelayclient.h"

#include "hostport.h"
#include "trafficstore.h"

#include <QCoreApplication>

#include <cerrno>
#include <chrono>
#include <climits>

namespace {

// At most one recorded problem per client in this time; the rest are counted.
constexpr qint64 ProblemIntervalMs = 1000;

} // namespace

qint64 UdpRelayClient::nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

UdpRelayClient::UdpRelayClient(const DatagramSocket::Peer &client, DatagramSocket *listener,
                               const QHostAddress &target, quint16 targetPort, SessionId session,
                               TrafficStore *store, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_listener(listener)
    , m_session(session)
    , m_store(store)
    , m_targetName(HostPort::format(target, targetPort))
    , m_lastActiveMs(nowMs())
    , m_lastProblemMs(m_lastActiveMs - ProblemIntervalMs)
{
    m_addresses = store->addAddresses(listener->localName(), client.text());
    m_id = store->openConnection(session, m_addresses, true, TrafficStore::Initiator::Peer);
    store->append(session, m_id, m_addresses, EventKind::Opened);

    QString error;
    m_upstream = DatagramSocket::connectTo(target, targetPort, this, &error);
    if (!m_upstream) {
        m_store->append(
            m_session, m_id, m_addresses, EventKind::Error,
            tr("Cannot open a socket to the target %1: %2").arg(m_targetName, error).toUtf8());
        close(Closer::Error, tr("No upstream socket: the client's datagrams cannot be relayed"));
        return;
    }
    m_upstream->setReceiver(
        [this](QByteArrayView datagram, const DatagramSocket::Peer &) { fromTarget(datagram); });
    m_upstream->setErrorHandler(
        [this](int code, const QString &text) { onUpstreamError(code, text); });
    //: A UDP relay's own socket for one client, from its local address to the target.
    note(tr("Upstream socket %1 -> %2").arg(m_upstream->localName(), m_targetName));
}

UdpRelayClient::~UdpRelayClient() = default;

void UdpRelayClient::note(const QString &text)
{
    m_store->append(m_session, m_id, m_addresses, EventKind::Note, text.toUtf8());
}

void UdpRelayClient::problem(const QString &text)
{
    const qint64 now = nowMs();
    if (now - m_lastProblemMs < ProblemIntervalMs) {
        ++m_unreportedProblems;
        return;
    }
    QString line = text;
    if (m_unreportedProblems > 0)
        line += u' ' + tr("(%n more in the second before, not recorded one by one)", nullptr,
                          int(qMin<quint64>(m_unreportedProblems, INT_MAX)));
    m_unreportedProblems = 0;
    m_lastProblemMs = now;
    m_store->append(m_session, m_id, m_addresses, EventKind::Error, line.toUtf8());
}

void UdpRelayClient::fromClient(QByteArrayView datagram)
{
    if (m_closed)
        return;
    m_lastActiveMs = nowMs();
    m_store->append(m_session, m_id, m_addresses, EventKind::Received, datagram);
    QString error;
    int code = 0;
    bool sent = m_upstream->send(datagram, &error, &code);
    if (!sent && code == ECONNREFUSED) {
        // The kernel told an earlier datagram's refusal instead of sending this
        // one; the error is cleared now, so this one goes out on a second try.
        refused();
        sent = m_upstream->send(datagram, &error, &code);
    }
    if (!sent) {
        ++m_droppedToTarget;
        problem(tr("A datagram of %n byte(s) was not sent on to the target: %1", nullptr,
                   int(datagram.size()))
                    .arg(error));
    }
}

void UdpRelayClient::fromTarget(QByteArrayView datagram)
{
    if (m_closed)
        return;
    m_lastActiveMs = nowMs();
    // Recorded as the target said it, whether or not the client can take it now.
    m_store->append(m_session, m_id, m_addresses, EventKind::Sent, datagram);
    QString error;
    if (!m_listener->sendTo(datagram, m_client, &error)) {
        ++m_droppedToClient;
        problem(tr("A datagram of %n byte(s) from the target was not sent to the client: %1",
                   nullptr, int(datagram.size()))
                    .arg(error));
    }
}

void UdpRelayClient::refused()
{
    //: ICMP "port unreachable" came back for a datagram the relay sent on.
    problem(tr("The target %1 refused a datagram (ICMP port unreachable): nothing is listening "
               "there")
                .arg(m_targetName));
}

void UdpRelayClient::onUpstreamError(int code, const QString &text)
{
    if (code == ECONNREFUSED)
        refused();
    else
        problem(tr("The upstream socket to %1 failed: %2").arg(m_targetName, text));
}

void UdpRelayClient::close(Closer closer, const QString &reason)
{
    if (m_closed)
        return;
    m_closed = true;
    if (m_droppedToTarget > 0 || m_droppedToClient > 0)
        note(tr("Dropped: %1 datagram(s) from the client, %2 from the target (the kernel would "
                "not take them)")
                 .arg(m_droppedToTarget)
                 .arg(m_droppedToClient));
    if (m_upstream) {
        // Possibly called from inside the upstream socket's own read loop.
        const QString local = m_upstream->localName();
        m_upstream->close();
        m_upstream->deleteLater();
        note(tr("Upstream socket %1 closed").arg(local));
    }
    m_store->append(m_session, m_id, m_addresses, EventKind::Closed, reason.toUtf8(), closer);
}
