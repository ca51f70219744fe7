// Checksums appended to messages: the CRC catalogue's check values for
// "123456789", the bytes in wire order, and the names used in settings.

#include "checksum.h"

#include <QtTest>

using Kind = Checksum::Kind;
using Order = Checksum::ByteOrder;

Q_DECLARE_METATYPE(Checksum::Kind)
Q_DECLARE_METATYPE(Checksum::ByteOrder)

class TstChecksum : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void checkValues_data();
    void checkValues();
    void wireBytes_data();
    void wireBytes();
    void keywords();
};

void TstChecksum::checkValues_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<quint32>("check");
    // The catalogue's "check" column (reveng CRC catalogue); sum8 and XOR8 by hand:
    // 0x31 + ... + 0x39 = 477 = 0x1DD, XOR of '1'..'9' = 0x31.
    QTest::newRow("sum8") << Kind::Sum8 << quint32(0xDD);
    QTest::newRow("xor8") << Kind::Xor8 << quint32(0x31);
    QTest::newRow("crc16-modbus") << Kind::Crc16Modbus << quint32(0x4B37);
    QTest::newRow("crc16-ccitt-false") << Kind::Crc16CcittFalse << quint32(0x29B1);
    QTest::newRow("crc32") << Kind::Crc32 << quint32(0xCBF43926);
}

void TstChecksum::checkValues()
{
    QFETCH(Kind, kind);
    QFETCH(quint32, check);
    QCOMPARE(Checksum::value(kind, "123456789"), check);
}

void TstChecksum::wireBytes_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<Order>("order");
    QTest::addColumn<QByteArray>("appended");

    QTest::newRow("none") << Kind::None << Order::Default << QByteArray();
    QTest::newRow("sum8") << Kind::Sum8 << Order::Default << QByteArray::fromHex("dd");
    // MODBUS sends the low byte first, as Modbus RTU frames do.
    QTest::newRow("modbus default")
        << Kind::Crc16Modbus << Order::Default << QByteArray::fromHex("374b");
    QTest::newRow("modbus big") << Kind::Crc16Modbus << Order::BigEndian
                                << QByteArray::fromHex("4b37");
    QTest::newRow("ccitt default")
        << Kind::Crc16CcittFalse << Order::Default << QByteArray::fromHex("29b1");
    QTest::newRow("crc32 default")
        << Kind::Crc32 << Order::Default << QByteArray::fromHex("cbf43926");
    QTest::newRow("crc32 little") << Kind::Crc32 << Order::LittleEndian
                                  << QByteArray::fromHex("2639f4cb");
}

void TstChecksum::wireBytes()
{
    QFETCH(Kind, kind);
    QFETCH(Order, order);
    QFETCH(QByteArray, appended);
    QCOMPARE(Checksum::bytes(kind, "123456789", order), appended);
    QCOMPARE(Checksum::append(kind, "123456789", order), QByteArray("123456789") + appended);
    QCOMPARE(Checksum::width(kind), int(appended.size()));
}

void TstChecksum::keywords()
{
    for (Kind k : {Kind::None, Kind::Sum8, Kind::Xor8, Kind::Crc16Modbus, Kind::Crc16CcittFalse,
                   Kind::Crc32}) {
        Kind back = Kind::None;
        QVERIFY(Checksum::fromKeyword(Checksum::keyword(k).toUpper(), &back));
        QCOMPARE(back, k);
    }
    Kind untouched = Kind::Crc32;
    QVERIFY(!Checksum::fromKeyword(u"crc64", &untouched));
    QCOMPARE(untouched, Kind::Crc32);
    QCOMPARE(Checksum::keyword(Kind::Crc16Modbus), QStringLiteral("crc16-modbus"));
}

QTEST_APPLESS_MAIN(TstChecksum)
#include "tst_checksum.moc"
