#include "capture/unixconversation.h"

#include <cstring>

namespace {

constexpr quint32 FirstPort = 1024;
constexpr quint32 PortCount = 65536 - FirstPort;

quint16 portForPath(const QString &path)
{
    // FNV-1a: stable from run to run, unlike qHash's seeded hash.
    quint32 hash = 2166136261u;
    const QByteArray bytes = path.toUtf8();
    for (const char c : bytes) {
        hash ^= quint8(c);
        hash *= 16777619u;
    }
    return quint16(FirstPort + hash % PortCount);
}

// "/run/x.sock (pid 42, uid 0)" is the path /run/x.sock with its peer's credentials.
QString pathOf(const QString &address)
{
    const qsizetype credentials = address.lastIndexOf(QStringLiteral(" (pid "));
    return credentials > 0 ? address.left(credentials) : address;
}

PacketSynthesizer::Endpoint side(const QString &address, bool local, AddressId id)
{
    PacketSynthesizer::Endpoint e;
    e.v6 = false;
    if (UnixConversation::isUnixName(address)) {
        e.v4Address = Tins::IPv4Address(local ? "127.85.0.1" : "127.85.0.2");
        e.port = portForPath(pathOf(address));
    } else {
        e.v4Address = Tins::IPv4Address(local ? "127.86.0.1" : "127.86.0.2");
        e.port = quint16(FirstPort + quint32(id) % PortCount);
    }
    // The address as the packet headers carry it (network order).
    const uint32_t raw = e.v4Address;
    std::memcpy(e.wire.data(), &raw, 4);
    return e;
}

} // namespace

bool UnixConversation::isUnixName(const QString &address)
{
    return address.startsWith(u'/') || address.startsWith(u'@');
}

bool UnixConversation::endpoints(const QString &local, const QString &peer, AddressId id,
                                 PacketSynthesizer::Endpoints *out)
{
    if (!isUnixName(local) && !isUnixName(peer))
        return false;
    out->local = side(local, true, id);
    out->peer = side(peer, false, id);
    return true;
}
