#include "checksum.h"

#include <boost/crc.hpp>

#include <numeric>

namespace {

// The catalogue's parameters: width, poly, init, xorout, refin, refout.
using Crc16Modbus = boost::crc_optimal<16, 0x8005, 0xFFFF, 0x0000, true, true>;
using Crc16CcittFalse = boost::crc_optimal<16, 0x1021, 0xFFFF, 0x0000, false, false>;
using Crc32 = boost::crc_32_type;

template <typename Crc> quint32 crcOf(QByteArrayView bytes)
{
    Crc crc;
    crc.process_bytes(bytes.data(), size_t(bytes.size()));
    return quint32(crc.checksum());
}

} // namespace

namespace Checksum {

quint32 value(Kind kind, QByteArrayView bytes)
{
    switch (kind) {
    case Kind::None:
        return 0;
    case Kind::Sum8:
        return std::accumulate(bytes.begin(), bytes.end(), 0u,
                               [](quint32 sum, char c) { return (sum + quint8(c)) & 0xFFu; });
    case Kind::Xor8:
        return std::accumulate(bytes.begin(), bytes.end(), 0u,
                               [](quint32 x, char c) { return x ^ quint8(c); });
    case Kind::Crc16Modbus:
        return crcOf<Crc16Modbus>(bytes);
    case Kind::Crc16CcittFalse:
        return crcOf<Crc16CcittFalse>(bytes);
    case Kind::Crc32:
        return crcOf<Crc32>(bytes);
    }
    return 0;
}

int width(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return 0;
    case Kind::Sum8:
    case Kind::Xor8:
        return 1;
    case Kind::Crc16Modbus:
    case Kind::Crc16CcittFalse:
        return 2;
    case Kind::Crc32:
        return 4;
    }
    return 0;
}

QByteArray bytes(Kind kind, QByteArrayView message, ByteOrder order)
{
    const int n = width(kind);
    const quint32 v = value(kind, message);
    if (order == ByteOrder::Default)
        order = kind == Kind::Crc16Modbus ? ByteOrder::LittleEndian : ByteOrder::BigEndian;
    QByteArray out(n, '\0');
    for (int i = 0; i < n; ++i) {
        const int shift = order == ByteOrder::LittleEndian ? 8 * i : 8 * (n - 1 - i);
        out[i] = char((v >> shift) & 0xFFu);
    }
    return out;
}

QByteArray append(Kind kind, QByteArrayView message, ByteOrder order)
{
    QByteArray out = message.toByteArray();
    out.append(bytes(kind, message, order));
    return out;
}

QString keyword(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("none");
    case Kind::Sum8:
        return QStringLiteral("sum8");
    case Kind::Xor8:
        return QStringLiteral("xor8");
    case Kind::Crc16Modbus:
        return QStringLiteral("crc16-modbus");
    case Kind::Crc16CcittFalse:
        return QStringLiteral("crc16-ccitt-false");
    case Kind::Crc32:
        return QStringLiteral("crc32");
    }
    return {};
}

bool fromKeyword(QStringView name, Kind *kind)
{
    for (Kind k : {Kind::None, Kind::Sum8, Kind::Xor8, Kind::Crc16Modbus, Kind::Crc16CcittFalse,
                   Kind::Crc32}) {
        if (name.compare(keyword(k), Qt::CaseInsensitive) == 0) {
            *kind = k;
            return true;
        }
    }
    return false;
}

QString displayName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("None");
    case Kind::Sum8:
        return QStringLiteral("Sum8");
    case Kind::Xor8:
        return QStringLiteral("XOR8");
    case Kind::Crc16Modbus:
        return QStringLiteral("CRC-16/MODBUS");
    case Kind::Crc16CcittFalse:
        return QStringLiteral("CRC-16/CCITT-FALSE");
    case Kind::Crc32:
        return QStringLiteral("CRC-32");
    }
    return {};
}

} // namespace Checksum
