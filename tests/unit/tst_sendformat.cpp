// What the send panel makes of typed input: the exact bytes, or the error and
// the index of the character to fix; and the names its choices are saved under.

#include "sendformat.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

using Encoding = PayloadCodec::Encoding;
using LineEnding = SendFormat::LineEnding;
using Mode = SendFormat::Mode;

Q_DECLARE_METATYPE(SendFormat::Mode)
Q_DECLARE_METATYPE(SendFormat::LineEnding)
Q_DECLARE_METATYPE(PayloadCodec::Encoding)

class TstSendFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encode_data();
    void encode();
    void errors_data();
    void errors();
    void settingsNames();
    void unknownSettingsReadAsDefaults();
    void checksumCoversTheLineEndingAndComesLast();
    void macrosRenderPerSend();
    void macroErrorPointsAtTheMacro();
};

void TstSendFormat::encode_data()
{
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<Encoding>("encoding");
    QTest::addColumn<LineEnding>("lineEnding");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("bytes");

    QTest::newRow("utf8") << Mode::Text << Encoding::Utf8 << LineEnding::None
                          << QStringLiteral("你好") << QByteArray::fromHex("e4bda0e5a5bd");
    QTest::newRow("gbk crlf") << Mode::Text << Encoding::Gbk << LineEnding::CrLf
                              << QStringLiteral("你好") << QByteArray::fromHex("c4e3bac30d0a");
    QTest::newRow("latin1 lf") << Mode::Text << Encoding::Latin1 << LineEnding::Lf
                               << QStringLiteral("café") << QByteArray::fromHex("636166e90a");
    // Hex is the exact bytes: the encoding and the line ending do not apply.
    QTest::newRow("hex") << Mode::Hex << Encoding::Gbk << LineEnding::CrLf
                         << QStringLiteral("48 65:6c,0x6c6f") << QByteArray("Hello");
    QTest::newRow("escapes lf") << Mode::Escapes << Encoding::Utf8 << LineEnding::Lf
                                << QStringLiteral("a\\x00\\t\\xff") << QByteArray("a\0\t\xff\n", 5);
    QTest::newRow("escapes gbk") << Mode::Escapes << Encoding::Gbk << LineEnding::None
                                 << QStringLiteral("好\\r\\n") << QByteArray::fromHex("bac30d0a");
    QTest::newRow("empty text, line ending only")
        << Mode::Text << Encoding::Utf8 << LineEnding::CrLf << QString() << QByteArray("\r\n");
}

void TstSendFormat::encode()
{
    QFETCH(Mode, mode);
    QFETCH(Encoding, encoding);
    QFETCH(LineEnding, lineEnding);
    QFETCH(QString, text);
    QFETCH(QByteArray, bytes);

    const PayloadCodec::ParseResult result = SendFormat{mode, encoding, lineEnding}.encode(text);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.bytes.toHex(' '), bytes.toHex(' '));
    QCOMPARE(result.position, qsizetype(-1));
}

void TstSendFormat::errors_data()
{
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<Encoding>("encoding");
    QTest::addColumn<QString>("text");
    QTest::addColumn<qsizetype>("position");
    QTest::addColumn<QString>("error");

    QTest::newRow("not latin1") << Mode::Text << Encoding::Latin1 << QStringLiteral("ab你c")
                                << qsizetype(2)
                                << QStringLiteral("Character '你' at position 2 cannot be encoded "
                                                  "in Latin-1");
    // A character outside the BMP is at the index of its high surrogate.
    QTest::newRow("not gbk, after a surrogate pair")
        << Mode::Text << Encoding::Gbk << QStringLiteral("a\U0001F600") << qsizetype(1)
        << QStringLiteral("Character '\U0001F600' at position 1 cannot be encoded in GBK");
    QTest::newRow("bad hex digit")
        << Mode::Hex << Encoding::Utf8 << QStringLiteral("48 6g") << qsizetype(4)
        << QStringLiteral("Invalid hex digit 'g' at position 4");
    QTest::newRow("unknown escape")
        << Mode::Escapes << Encoding::Utf8 << QStringLiteral("ok\\q") << qsizetype(2)
        << QStringLiteral("Unknown escape '\\q' at position 2");
}

void TstSendFormat::errors()
{
    QFETCH(Mode, mode);
    QFETCH(Encoding, encoding);
    QFETCH(QString, text);
    QFETCH(qsizetype, position);
    QFETCH(QString, error);

    // A line ending must not turn a failure into bytes.
    const PayloadCodec::ParseResult result =
        SendFormat{mode, encoding, LineEnding::CrLf}.encode(text);
    QCOMPARE(result.error, error);
    QCOMPARE(result.position, position);
    QCOMPARE(result.bytes, QByteArray());
}

void TstSendFormat::settingsNames()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QSettings settings(dir.filePath(QStringLiteral("send.ini")), QSettings::IniFormat);
    const SendFormat saved{Mode::Escapes, Encoding::Latin1, LineEnding::CrLf};
    saved.save(&settings);
    // Untranslated names: the settings file must read the same in every language.
    QCOMPARE(settings.value(QStringLiteral("mode")).toString(), QStringLiteral("escapes"));
    QCOMPARE(settings.value(QStringLiteral("encoding")).toString(), QStringLiteral("Latin-1"));
    QCOMPARE(settings.value(QStringLiteral("lineEnding")).toString(), QStringLiteral("crlf"));

    const SendFormat loaded = SendFormat::load(settings);
    QCOMPARE(loaded.mode, Mode::Escapes);
    QCOMPARE(loaded.encoding, Encoding::Latin1);
    QCOMPARE(loaded.lineEnding, LineEnding::CrLf);
}

void TstSendFormat::unknownSettingsReadAsDefaults()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QSettings settings(dir.filePath(QStringLiteral("send.ini")), QSettings::IniFormat);
    settings.setValue(QStringLiteral("mode"), QStringLiteral("binary"));
    settings.setValue(QStringLiteral("encoding"), QStringLiteral("EBCDIC"));
    settings.setValue(QStringLiteral("lineEnding"), QStringLiteral("lf"));

    const SendFormat loaded = SendFormat::load(settings);
    QCOMPARE(loaded.mode, Mode::Text);
    QCOMPARE(loaded.encoding, Encoding::Utf8);
    QCOMPARE(loaded.lineEnding, LineEnding::Lf);
}

void TstSendFormat::checksumCoversTheLineEndingAndComesLast()
{
    // Modbus RTU "read holding registers": the CRC (low byte first) from the
    // specification's example, 01 03 00 00 00 0A -> C5 CD.
    SendFormat modbus{Mode::Hex, Encoding::Utf8, LineEnding::CrLf};
    modbus.checksum = Checksum::Kind::Crc16Modbus;
    QCOMPARE(modbus.encode(u"01 03 00 00 00 0a").bytes.toHex(' '),
             QByteArray("01 03 00 00 00 0a c5 cd"));

    // Text with a line ending: the sum covers "AB\r\n" and follows it.
    SendFormat sum{Mode::Text, Encoding::Utf8, LineEnding::CrLf};
    sum.checksum = Checksum::Kind::Sum8;
    const quint8 expected = quint8('A' + 'B' + '\r' + '\n');
    QCOMPARE(sum.encode(u"AB").bytes, QByteArray("AB\r\n") + char(expected));

    SendFormat xored{Mode::Escapes, Encoding::Utf8, LineEnding::None};
    xored.checksum = Checksum::Kind::Xor8;
    QCOMPARE(xored.encode(u"\\x01\\x03").bytes.toHex(' '), QByteArray("01 03 02"));
}

void TstSendFormat::macrosRenderPerSend()
{
    const SendFormat format{Mode::Escapes, Encoding::Utf8, LineEnding::Lf};
    SendMessage message;
    PayloadCodec::ParseResult error;
    QVERIFY2(format.compile(u"n={{counter}}", &message, &error), qPrintable(error.error));
    QVERIFY(!message.isConstant());
    for (quint64 k : {1u, 2u, 1000u}) {
        QByteArray bytes;
        QVERIFY(message.render({k, {}}, &bytes));
        QCOMPARE(bytes, QByteArray("n=") + QByteArray::number(k) + '\n');
    }
    // Plain text takes no macro: the braces are sent as typed.
    SendMessage plain;
    const SendFormat text{Mode::Text, Encoding::Utf8, LineEnding::None};
    QVERIFY(text.compile(u"{{counter}}", &plain, &error));
    QVERIFY(plain.isConstant());
    QByteArray bytes;
    QVERIFY(plain.render({7, {}}, &bytes));
    QCOMPARE(bytes, QByteArray("{{counter}}"));
    // The one-shot encode renders as the first send of a series.
    QCOMPARE(format.encode(u"{{counter}}").bytes, QByteArray("1\n"));
}

void TstSendFormat::macroErrorPointsAtTheMacro()
{
    const PayloadCodec::ParseResult result =
        SendFormat{Mode::Escapes, Encoding::Utf8, LineEnding::Lf}.encode(u"ab{{nope}}");
    QVERIFY(!result.ok());
    QCOMPARE(result.position, qsizetype(2));
    QVERIFY2(result.error.contains(u"nope"), qPrintable(result.error));
    QVERIFY(result.bytes.isEmpty());
}

QTEST_GUILESS_MAIN(TstSendFormat)
#include "tst_sendformat.moc"
