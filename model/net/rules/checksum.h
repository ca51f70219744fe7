#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

// Checksums appended to a message, as device protocols expect them. The CRCs
// come from Boost.CRC (a maintained, table-driven implementation), each with
// the parameters of the CRC catalogue (reveng.sourceforge.io) and checked
// against the catalogue's check value for "123456789".
namespace Checksum {

enum class Kind { None, Sum8, Xor8, Crc16Modbus, Crc16CcittFalse, Crc32 };
// How the checksum's bytes follow the message. Default: the algorithm's usual
// order on the wire (CRC-16/MODBUS low byte first, the others high byte first).
enum class ByteOrder { Default, BigEndian, LittleEndian };

// The checksum as a number (sum8 and XOR8 fit in 8 bits, CRC-16 in 16).
quint32 value(Kind kind, QByteArrayView bytes);
// Its width in bytes: 0, 1, 2 or 4.
int width(Kind kind);
// The checksum's bytes in the given order.
QByteArray bytes(Kind kind, QByteArrayView message, ByteOrder order = ByteOrder::Default);
// message + bytes(kind, message, order).
QByteArray append(Kind kind, QByteArrayView message, ByteOrder order = ByteOrder::Default);

// Stable names for settings, JSON and the command line: "none", "sum8", "xor8",
// "crc16-modbus", "crc16-ccitt-false", "crc32"; fromKeyword is
// case-insensitive and returns false for an unknown name.
QString keyword(Kind kind);
bool fromKeyword(QStringView name, Kind *kind);
// For menus: "CRC-16/MODBUS", ... (names from the catalogue, not translated).
QString displayName(Kind kind);

} // namespace Checksum
