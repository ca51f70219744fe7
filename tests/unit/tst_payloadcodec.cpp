#include "payloadcodec.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QtTest>

using PayloadCodec::Encoding;

Q_DECLARE_METATYPE(PayloadCodec::Encoding)

namespace {

// Bytes written as hex; QByteArray::fromHex skips the spaces.
QByteArray hex(const char *digits)
{
    return QByteArray::fromHex(digits);
}

QByteArray allBytes()
{
    QByteArray bytes(256, Qt::Uninitialized);
    for (int i = 0; i < 256; ++i)
        bytes[i] = char(i);
    return bytes;
}

// Text from UTF-16 units, for strings with unpaired surrogates.
QString units(std::initializer_list<char16_t> list)
{
    return QStringView(list.begin(), qsizetype(list.size())).toString();
}

const QString Fffd = QStringLiteral("\uFFFD");

} // namespace

class TestPayloadCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encodingNames_data();
    void encodingNames();
    void encodingNameRoundTrip();

    void utf8_data();
    void utf8();
    void gbkDecode_data();
    void gbkDecode();
    void latin1Decode_data();
    void latin1Decode();
    void latin1AllBytes();

    void encode_data();
    void encode();
    void encodeErrorHandling();

    void toEscaped_data();
    void toEscaped();
    void escapedRoundTrip_data();
    void escapedRoundTrip();

    void toHex_data();
    void toHex();
    void toHexDump_data();
    void toHexDump();
    void toHexDumpLongInput();

    void parseHex_data();
    void parseHex();
    void hexRoundTrip();

    void parseEscaped_data();
    void parseEscaped();
};

void TestPayloadCodec::encodingNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("known");
    QTest::addColumn<Encoding>("encoding");

    QTest::newRow("UTF-8") << QStringLiteral("UTF-8") << true << Encoding::Utf8;
    QTest::newRow("utf-8") << QStringLiteral("utf-8") << true << Encoding::Utf8;
    QTest::newRow("utf8") << QStringLiteral("utf8") << true << Encoding::Utf8;
    QTest::newRow("GBK") << QStringLiteral("GBK") << true << Encoding::Gbk;
    QTest::newRow("gbk, padded") << QStringLiteral(" gbk ") << true << Encoding::Gbk;
    QTest::newRow("Latin-1") << QStringLiteral("Latin-1") << true << Encoding::Latin1;
    QTest::newRow("latin1") << QStringLiteral("latin1") << true << Encoding::Latin1;
    QTest::newRow("ISO-8859-1") << QStringLiteral("iso-8859-1") << true << Encoding::Latin1;
    // Unknown names leave the output (preset to Gbk) untouched.
    QTest::newRow("empty") << QString() << false << Encoding::Gbk;
    QTest::newRow("UTF-16") << QStringLiteral("UTF-16") << false << Encoding::Gbk;
    QTest::newRow("GB2312") << QStringLiteral("GB2312") << false << Encoding::Gbk;
    QTest::newRow("UTF-8 with suffix") << QStringLiteral("UTF-8x") << false << Encoding::Gbk;
}

void TestPayloadCodec::encodingNames()
{
    QFETCH(QString, name);
    QFETCH(bool, known);
    QFETCH(Encoding, encoding);

    Encoding result = Encoding::Gbk;
    QCOMPARE(PayloadCodec::encodingFromName(name, &result), known);
    QCOMPARE(result, encoding);
    QCOMPARE(PayloadCodec::encodingFromName(name, nullptr), known);
}

void TestPayloadCodec::encodingNameRoundTrip()
{
    QCOMPARE(PayloadCodec::encodingName(Encoding::Utf8), QStringLiteral("UTF-8"));
    QCOMPARE(PayloadCodec::encodingName(Encoding::Gbk), QStringLiteral("GBK"));
    QCOMPARE(PayloadCodec::encodingName(Encoding::Latin1), QStringLiteral("Latin-1"));
    for (const Encoding encoding : {Encoding::Utf8, Encoding::Gbk, Encoding::Latin1}) {
        Encoding parsed = encoding == Encoding::Utf8 ? Encoding::Latin1 : Encoding::Utf8;
        QVERIFY(PayloadCodec::encodingFromName(PayloadCodec::encodingName(encoding), &parsed));
        QCOMPARE(parsed, encoding);
    }
}

void TestPayloadCodec::utf8_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");

    QTest::newRow("empty") << QByteArray() << QString() << true;
    QTest::newRow("ascii") << QByteArray("Hello") << QStringLiteral("Hello") << true;
    QTest::newRow("nul") << hex("00") << QString(QChar(0)) << true;
    QTest::newRow("U+0080") << hex("c2 80") << QStringLiteral("\u0080") << true;
    QTest::newRow("e acute") << hex("63 61 66 c3 a9") << QStringLiteral("caf\u00e9") << true;
    QTest::newRow("U+07FF") << hex("df bf") << QStringLiteral("\u07ff") << true;
    QTest::newRow("U+0800") << hex("e0 a0 80") << QStringLiteral("\u0800") << true;
    QTest::newRow("chinese") << hex("e4 bd a0 e5 a5 bd") << QStringLiteral("你好") << true;
    QTest::newRow("U+D7FF") << hex("ed 9f bf") << QStringLiteral("\ud7ff") << true;
    QTest::newRow("U+E000") << hex("ee 80 80") << QStringLiteral("\ue000") << true;
    QTest::newRow("literal U+FFFD") << hex("ef bf bd") << Fffd << true;
    QTest::newRow("U+10000") << hex("f0 90 80 80") << QStringLiteral("\U00010000") << true;
    QTest::newRow("emoji") << hex("f0 9f 98 80") << QStringLiteral("\U0001F600") << true;
    QTest::newRow("U+10FFFF") << hex("f4 8f bf bf") << QStringLiteral("\U0010FFFF") << true;

    // One U+FFFD per byte that is not part of a valid sequence.
    QTest::newRow("overlong C0 80") << hex("c0 80") << Fffd.repeated(2) << false;
    QTest::newRow("overlong C1 BF") << hex("c1 bf") << Fffd.repeated(2) << false;
    QTest::newRow("overlong E0 80 80") << hex("e0 80 80") << Fffd.repeated(3) << false;
    QTest::newRow("overlong E0 9F BF") << hex("e0 9f bf") << Fffd.repeated(3) << false;
    QTest::newRow("overlong F0 8F BF BF") << hex("f0 8f bf bf") << Fffd.repeated(4) << false;
    QTest::newRow("surrogate ED A0 80") << hex("ed a0 80") << Fffd.repeated(3) << false;
    QTest::newRow("surrogate ED BF BF") << hex("ed bf bf") << Fffd.repeated(3) << false;
    QTest::newRow("above U+10FFFF") << hex("f4 90 80 80") << Fffd.repeated(4) << false;
    QTest::newRow("F5 80 80 80") << hex("f5 80 80 80") << Fffd.repeated(4) << false;
    QTest::newRow("FF") << hex("ff") << Fffd << false;
    QTest::newRow("FE FF") << hex("fe ff") << Fffd.repeated(2) << false;
    QTest::newRow("5-byte form") << hex("f8 88 80 80 80") << Fffd.repeated(5) << false;
    QTest::newRow("truncated 3-byte at end")
        << hex("41 e4 bd") << QString(QStringLiteral("A") + Fffd + Fffd) << false;
    QTest::newRow("truncated 4-byte at end") << hex("f0 9f 98") << Fffd.repeated(3) << false;
    QTest::newRow("lead only at end")
        << hex("41 c3") << QString(QStringLiteral("A") + Fffd) << false;
    QTest::newRow("truncated before ascii")
        << hex("e4 bd 41") << QString(Fffd + Fffd + QStringLiteral("A")) << false;
    QTest::newRow("lone continuation") << hex("80") << Fffd << false;
    QTest::newRow("continuation between ascii")
        << hex("61 80 62") << QString(QStringLiteral("a") + Fffd + QStringLiteral("b")) << false;
    QTest::newRow("two continuations") << hex("bf bf") << Fffd.repeated(2) << false;
    QTest::newRow("bad lead then valid")
        << hex("c3 c3 a9") << QString(Fffd + QStringLiteral("\u00e9")) << false;
    QTest::newRow("valid, bad, valid")
        << hex("e4 bd a0 ff e5 a5 bd")
        << QString(QStringLiteral("你") + Fffd + QStringLiteral("好")) << false;
}

void TestPayloadCodec::utf8()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);
    QFETCH(bool, valid);

    QCOMPARE(PayloadCodec::isValidUtf8(bytes), valid);
    QCOMPARE(PayloadCodec::decode(bytes, Encoding::Utf8), text);
}

void TestPayloadCodec::gbkDecode_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");

    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("ascii") << QByteArray("Hi\r\n") << QStringLiteral("Hi\r\n");
    QTest::newRow("nihao") << hex("c4 e3 ba c3") << QStringLiteral("你好");
    QTest::newRow("mixed") << hex("41 c4 e3 42") << QStringLiteral("A你B");
    QTest::newRow("middle dot") << hex("a1 a4") << QStringLiteral("\u00b7");
    QTest::newRow("euro 0x80") << hex("80") << QStringLiteral("\u20ac");
    QTest::newRow("FF") << hex("ff") << Fffd;
    QTest::newRow("FF FF") << hex("ff ff") << Fffd.repeated(2);
    QTest::newRow("FF between characters")
        << hex("c4 e3 ff ba c3") << QString(QStringLiteral("你") + Fffd + QStringLiteral("好"));
    QTest::newRow("lead byte cut off at end")
        << hex("41 c4") << QString(QStringLiteral("A") + Fffd);
    QTest::newRow("bad trail 7F") << hex("81 7f") << QString(Fffd + QStringLiteral("\u007f"));
    QTest::newRow("unassigned A1 40") << hex("a1 40") << QString(Fffd + QStringLiteral("@"));
}

void TestPayloadCodec::gbkDecode()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);

    QCOMPARE(PayloadCodec::decode(bytes, Encoding::Gbk), text);
}

void TestPayloadCodec::latin1Decode_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");

    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("cafe") << hex("63 61 66 e9") << QStringLiteral("caf\u00e9");
    QTest::newRow("nul") << hex("00 41") << QString(QChar(0) + QStringLiteral("A"));
    QTest::newRow("C1 control") << hex("80") << QStringLiteral("\u0080");
    QTest::newRow("y diaeresis") << hex("ff") << QStringLiteral("\u00ff");
    QTest::newRow("utf-8 bytes stay bytes") << hex("c3 a9") << QStringLiteral("\u00c3\u00a9");
}

void TestPayloadCodec::latin1Decode()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);

    QCOMPARE(PayloadCodec::decode(bytes, Encoding::Latin1), text);
}

void TestPayloadCodec::latin1AllBytes()
{
    const QByteArray bytes = allBytes();
    const QString text = PayloadCodec::decode(bytes, Encoding::Latin1);
    QCOMPARE(text.size(), 256);
    for (int i = 0; i < 256; ++i)
        QCOMPARE(text.at(i).unicode(), char16_t(i));
    QString error = QStringLiteral("stale");
    QCOMPARE(PayloadCodec::encode(text, Encoding::Latin1, &error), bytes);
    QCOMPARE(error, QString());
}

void TestPayloadCodec::encode_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Encoding>("encoding");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("error");

    QTest::newRow("utf8 empty") << QString() << Encoding::Utf8 << QByteArray() << QString();
    QTest::newRow("utf8 ascii") << QStringLiteral("Hi") << Encoding::Utf8 << hex("48 69")
                                << QString();
    QTest::newRow("utf8 nul") << QString(QChar(0)) << Encoding::Utf8 << hex("00") << QString();
    QTest::newRow("utf8 e acute") << QStringLiteral("\u00e9") << Encoding::Utf8 << hex("c3 a9")
                                  << QString();
    QTest::newRow("utf8 U+07FF") << QStringLiteral("\u07ff") << Encoding::Utf8 << hex("df bf")
                                 << QString();
    QTest::newRow("utf8 U+0800") << QStringLiteral("\u0800") << Encoding::Utf8 << hex("e0 a0 80")
                                 << QString();
    QTest::newRow("utf8 chinese") << QStringLiteral("你好") << Encoding::Utf8
                                  << hex("e4 bd a0 e5 a5 bd") << QString();
    QTest::newRow("utf8 U+FFFF") << QStringLiteral("\uffff") << Encoding::Utf8 << hex("ef bf bf")
                                 << QString();
    QTest::newRow("utf8 emoji") << QStringLiteral("a\U0001F600") << Encoding::Utf8
                                << hex("61 f0 9f 98 80") << QString();
    QTest::newRow("utf8 U+10FFFF")
        << QStringLiteral("\U0010FFFF") << Encoding::Utf8 << hex("f4 8f bf bf") << QString();
    QTest::newRow("utf8 lone high surrogate")
        << units({u'a', 0xD800, u'b'}) << Encoding::Utf8 << QByteArray()
        << QStringLiteral("Character U+D800 at position 1 cannot be encoded in UTF-8");
    QTest::newRow("utf8 lone low surrogate")
        << units({0xDC00}) << Encoding::Utf8 << QByteArray()
        << QStringLiteral("Character U+DC00 at position 0 cannot be encoded in UTF-8");
    QTest::newRow("utf8 high surrogate at end")
        << units({u'a', u'b', 0xD83D}) << Encoding::Utf8 << QByteArray()
        << QStringLiteral("Character U+D83D at position 2 cannot be encoded in UTF-8");
    QTest::newRow("utf8 reversed pair")
        << units({0xDE00, 0xD83D}) << Encoding::Utf8 << QByteArray()
        << QStringLiteral("Character U+DE00 at position 0 cannot be encoded in UTF-8");

    QTest::newRow("latin1 cafe") << QStringLiteral("caf\u00e9") << Encoding::Latin1
                                 << hex("63 61 66 e9") << QString();
    QTest::newRow("latin1 U+00FF")
        << QStringLiteral("\u00ff") << Encoding::Latin1 << hex("ff") << QString();
    QTest::newRow("latin1 euro")
        << QStringLiteral("a\u20ac") << Encoding::Latin1 << QByteArray()
        << QStringLiteral("Character '\u20ac' at position 1 cannot be encoded in Latin-1");
    QTest::newRow("latin1 U+0100")
        << QStringLiteral("ab\u0100") << Encoding::Latin1 << QByteArray()
        << QStringLiteral("Character '\u0100' at position 2 cannot be encoded in Latin-1");
    QTest::newRow("latin1 emoji")
        << QStringLiteral("ab\U0001F600c") << Encoding::Latin1 << QByteArray()
        << QStringLiteral("Character '\U0001F600' at position 2 cannot be encoded in Latin-1");
    QTest::newRow("latin1 zero width space")
        << QStringLiteral("x\u200b") << Encoding::Latin1 << QByteArray()
        << QStringLiteral("Character U+200B at position 1 cannot be encoded in Latin-1");
    QTest::newRow("latin1 first bad character wins")
        << QStringLiteral("\u00e9\u4f60\u20ac") << Encoding::Latin1 << QByteArray()
        << QStringLiteral("Character '\u4f60' at position 1 cannot be encoded in Latin-1");

    QTest::newRow("gbk nihao") << QStringLiteral("你好") << Encoding::Gbk << hex("c4 e3 ba c3")
                               << QString();
    QTest::newRow("gbk mixed") << QStringLiteral("A你B") << Encoding::Gbk << hex("41 c4 e3 42")
                               << QString();
    QTest::newRow("gbk e acute") << QStringLiteral("\u00e9") << Encoding::Gbk << hex("a8 a6")
                                 << QString();
    QTest::newRow("gbk euro") << QStringLiteral("\u20ac") << Encoding::Gbk << hex("80")
                              << QString();
    QTest::newRow("gbk emoji")
        << QStringLiteral("你\U0001F600") << Encoding::Gbk << QByteArray()
        << QStringLiteral("Character '\U0001F600' at position 1 cannot be encoded in GBK");
    QTest::newRow("gbk hangul") << QStringLiteral("ok \ud55c") << Encoding::Gbk << QByteArray()
                                << QStringLiteral(
                                       "Character '\ud55c' at position 3 cannot be encoded in GBK");
    QTest::newRow("gbk lone surrogate at end")
        << units({u'a', 0xD800}) << Encoding::Gbk << QByteArray()
        << QStringLiteral("Character U+D800 at position 1 cannot be encoded in GBK");
    QTest::newRow("gbk lone surrogate first")
        << units({0xDC00, u'a'}) << Encoding::Gbk << QByteArray()
        << QStringLiteral("Character U+DC00 at position 0 cannot be encoded in GBK");
}

void TestPayloadCodec::encode()
{
    QFETCH(QString, text);
    QFETCH(Encoding, encoding);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, error);

    QString actualError = QStringLiteral("stale");
    const QByteArray actual = PayloadCodec::encode(text, encoding, &actualError);
    QCOMPARE(actual, bytes);
    QCOMPARE(actualError, error);
    QCOMPARE(PayloadCodec::encode(text, encoding), bytes);
    if (error.isEmpty()) // what encodes decodes back
        QCOMPARE(PayloadCodec::decode(actual, encoding), text);
}

void TestPayloadCodec::encodeErrorHandling()
{
    // A failure leaves the result empty, not partly encoded.
    QString error;
    const QByteArray result =
        PayloadCodec::encode(QStringLiteral("abc\u20ac"), Encoding::Latin1, &error);
    QVERIFY(result.isEmpty());
    QVERIFY(!error.isEmpty());
    // Long GBK text crosses the initial output estimate without problems.
    const QString longText = QStringLiteral("你好").repeated(5000);
    const QByteArray longBytes = hex("c4 e3 ba c3").repeated(5000);
    QCOMPARE(PayloadCodec::encode(longText, Encoding::Gbk, &error), longBytes);
    QCOMPARE(error, QString());
    QCOMPARE(PayloadCodec::decode(longBytes, Encoding::Gbk), longText);
    // The thread's cached converter is back in its initial state after an error.
    QVERIFY(PayloadCodec::encode(units({0xD800}), Encoding::Gbk).isEmpty());
    QCOMPARE(PayloadCodec::encode(QStringLiteral("你"), Encoding::Gbk), hex("c4 e3"));
    QCOMPARE(PayloadCodec::decode(hex("c4"), Encoding::Gbk), Fffd);
    QCOMPARE(PayloadCodec::decode(hex("ba c3"), Encoding::Gbk), QStringLiteral("好"));
}

void TestPayloadCodec::toEscaped_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("keepUnicode");
    QTest::addColumn<QString>("escaped");

    QTest::newRow("empty") << QByteArray() << true << QString();
    QTest::newRow("crlf") << hex("0d 0a") << true << QStringLiteral("\\r\\n");
    QTest::newRow("nul") << hex("00") << true << QStringLiteral("\\0");
    QTest::newRow("tab") << hex("09") << true << QStringLiteral("\\t");
    QTest::newRow("backslash") << QByteArray("a\\b") << true << QStringLiteral("a\\\\b");
    QTest::newRow("printable ascii")
        << QByteArray("say \"hi\" it's ~{}") << true << QStringLiteral("say \"hi\" it's ~{}");
    QTest::newRow("request line") << QByteArray("GET / HTTP/1.1\r\n") << false
                                  << QStringLiteral("GET / HTTP/1.1\\r\\n");
    QTest::newRow("controls") << hex("01 1b 7f") << true << QStringLiteral("\\x01\\x1b\\x7f");
    QTest::newRow("nul in text") << hex("41 00 42") << true << QStringLiteral("A\\0B");
    QTest::newRow("chinese kept") << hex("e4 bd a0 e5 a5 bd") << true << QStringLiteral("你好");
    QTest::newRow("chinese escaped")
        << hex("e4 bd a0 e5 a5 bd") << false << QStringLiteral("\\xe4\\xbd\\xa0\\xe5\\xa5\\xbd");
    QTest::newRow("e acute kept") << hex("63 61 66 c3 a9") << true << QStringLiteral("caf\u00e9");
    QTest::newRow("nbsp kept") << hex("c2 a0") << true << QStringLiteral("\u00a0");
    QTest::newRow("emoji kept") << hex("f0 9f 98 80") << true << QStringLiteral("\U0001F600");
    QTest::newRow("emoji escaped")
        << hex("f0 9f 98 80") << false << QStringLiteral("\\xf0\\x9f\\x98\\x80");
    QTest::newRow("high bytes") << hex("80 ff") << true << QStringLiteral("\\x80\\xff");
    QTest::newRow("truncated sequence") << hex("e4 bd 41") << true << QStringLiteral("\\xe4\\xbdA");
    QTest::newRow("overlong") << hex("c0 80") << true << QStringLiteral("\\xc0\\x80");
    QTest::newRow("surrogate") << hex("ed a0 80") << true << QStringLiteral("\\xed\\xa0\\x80");
    QTest::newRow("bad byte between characters")
        << hex("e4 bd a0 ff e5 a5 bd") << true << QStringLiteral("你\\xff好");
    QTest::newRow("line separator escaped")
        << hex("61 e2 80 a8 62") << true << QStringLiteral("a\\xe2\\x80\\xa8b");
    QTest::newRow("zero width space escaped")
        << hex("e2 80 8b") << true << QStringLiteral("\\xe2\\x80\\x8b");
    QTest::newRow("BOM escaped") << hex("ef bb bf 41") << true
                                 << QStringLiteral("\\xef\\xbb\\xbfA");
    QTest::newRow("C1 control escaped") << hex("c2 85") << true << QStringLiteral("\\xc2\\x85");
}

void TestPayloadCodec::toEscaped()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, keepUnicode);
    QFETCH(QString, escaped);

    QCOMPARE(PayloadCodec::toEscaped(bytes, keepUnicode), escaped);
}

void TestPayloadCodec::escapedRoundTrip_data()
{
    QTest::addColumn<QByteArray>("bytes");

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("all bytes") << allBytes();
    QTest::newRow("text with controls") << QByteArray("a\\b\r\n\t\"'\x1b\x7f end");
    QTest::newRow("utf-8 and garbage") << hex("e4 bd a0 ff e2 80 a8 c0 80 f0 9f 98 80 e4 bd");
    QTest::newRow("escape look-alike") << QByteArray("\\x41\\u00e9\\");
}

void TestPayloadCodec::escapedRoundTrip()
{
    QFETCH(QByteArray, bytes);

    const PayloadCodec::ParseResult kept =
        PayloadCodec::parseEscaped(PayloadCodec::toEscaped(bytes, true), Encoding::Utf8);
    QCOMPARE(kept.error, QString());
    QCOMPARE(kept.bytes, bytes);

    const QString ascii = PayloadCodec::toEscaped(bytes, false);
    for (const QChar c : ascii)
        QVERIFY(c.unicode() >= 0x20 && c.unicode() < 0x7F);
    for (const Encoding encoding : {Encoding::Utf8, Encoding::Gbk, Encoding::Latin1}) {
        const PayloadCodec::ParseResult escaped = PayloadCodec::parseEscaped(ascii, encoding);
        QCOMPARE(escaped.error, QString());
        QCOMPARE(escaped.bytes, bytes);
    }
}

void TestPayloadCodec::toHex_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");

    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("one byte") << hex("00") << QStringLiteral("00");
    QTest::newRow("Hel") << QByteArray("Hel") << QStringLiteral("48 65 6c");
    QTest::newRow("lower case") << hex("ff 0a AB") << QStringLiteral("ff 0a ab");
    QTest::newRow("all nibbles") << hex("0123456789abcdef")
                                 << QStringLiteral("01 23 45 67 89 ab cd ef");
}

void TestPayloadCodec::toHex()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);

    QCOMPARE(PayloadCodec::toHex(bytes), text);
}

void TestPayloadCodec::toHexDump_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("bytesPerLine");
    QTest::addColumn<QString>("dump");

    QTest::newRow("empty") << QByteArray() << 16 << QString();
    // Expected lines as printed by `hexdump -C`.
    QTest::newRow("Hello")
        << QByteArray("Hello\n") << 16
        << QStringLiteral("00000000  48 65 6c 6c 6f 0a                                 |Hello.|");
    QTest::newRow("one full line")
        << QByteArray("0123456789abcdef") << 16
        << QStringLiteral(
               "00000000  30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66  |0123456789abcdef|");
    QTest::newRow("full line plus one")
        << QByteArray("0123456789abcdefX") << 16
        << QStringLiteral(
               "00000000  30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66  |0123456789abcdef|\n"
               "00000010  58                                                |X|");
    QTest::newRow("partial last line")
        << QByteArray("Hello world\n0123456789") << 16
        << QStringLiteral(
               "00000000  48 65 6c 6c 6f 20 77 6f  72 6c 64 0a 30 31 32 33  |Hello world.0123|\n"
               "00000010  34 35 36 37 38 39                                 |456789|");
    QTest::newRow("unprintable")
        << hex("00 1f 20 7e 7f 80 ff") << 16
        << QStringLiteral("00000000  00 1f 20 7e 7f 80 ff                              |.. ~...|");
    QTest::newRow("zero means 16")
        << QByteArray("Hello\n") << 0
        << QStringLiteral("00000000  48 65 6c 6c 6f 0a                                 |Hello.|");
    QTest::newRow("8 per line") << QByteArray("Hello world\n") << 8
                                << QStringLiteral("00000000  48 65 6c 6c  6f 20 77 6f  |Hello wo|\n"
                                                  "00000008  72 6c 64 0a               |rld.|");
    QTest::newRow("3 per line") << QByteArray("abcd") << 3
                                << QStringLiteral("00000000  61  62 63  |abc|\n"
                                                  "00000003  64         |d|");
    QTest::newRow("1 per line") << QByteArray("AB") << 1
                                << QStringLiteral("00000000  41  |A|\n"
                                                  "00000001  42  |B|");
}

void TestPayloadCodec::toHexDump()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, bytesPerLine);
    QFETCH(QString, dump);

    QCOMPARE(PayloadCodec::toHexDump(bytes, bytesPerLine), dump);
}

void TestPayloadCodec::toHexDumpLongInput()
{
    const QByteArray bytes = allBytes().repeated(20); // 5120 bytes, 320 lines
    const QStringList lines = PayloadCodec::toHexDump(bytes).split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 320);
    for (const QString &line : lines)
        QCOMPARE(line.size(), 78);
    QCOMPARE(lines.at(1),
             QStringLiteral(
                 "00000010  10 11 12 13 14 15 16 17  18 19 1a 1b 1c 1d 1e 1f  |................|"));
    QCOMPARE(
        lines.at(2),
        QStringLiteral(
            "00000020  20 21 22 23 24 25 26 27  28 29 2a 2b 2c 2d 2e 2f  | !\"#$%&'()*+,-./|"));
    QCOMPARE(lines.last(),
             QStringLiteral(
                 "000013f0  f0 f1 f2 f3 f4 f5 f6 f7  f8 f9 fa fb fc fd fe ff  |................|"));
}

void TestPayloadCodec::parseHex_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qsizetype>("position");
    QTest::addColumn<QString>("error");

    const qsizetype ok = -1;
    QTest::newRow("empty") << QString() << QByteArray() << ok << QString();
    QTest::newRow("only separators") << QStringLiteral(" ,:-\t") << QByteArray() << ok << QString();
    QTest::newRow("spaced") << QStringLiteral("48 65 6c") << hex("48656c") << ok << QString();
    QTest::newRow("packed") << QStringLiteral("48656c") << hex("48656c") << ok << QString();
    QTest::newRow("0x with commas")
        << QStringLiteral("0x48,0x65") << hex("4865") << ok << QString();
    QTest::newRow("0x comma space")
        << QStringLiteral("0x48, 0x65") << hex("4865") << ok << QString();
    QTest::newRow("0X and 0x") << QStringLiteral("0X48 0x65") << hex("4865") << ok << QString();
    QTest::newRow("0x packed") << QStringLiteral("0x4865") << hex("4865") << ok << QString();
    QTest::newRow("colons") << QStringLiteral("48:65") << hex("4865") << ok << QString();
    QTest::newRow("dashes") << QStringLiteral("48-65-6C") << hex("48656c") << ok << QString();
    QTest::newRow("mixed case") << QStringLiteral("DEADbeef") << hex("deadbeef") << ok << QString();
    QTest::newRow("mixed whitespace")
        << QStringLiteral("\t48\n65\r\n 6c  ") << hex("48656c") << ok << QString();
    QTest::newRow("zero bytes") << QStringLiteral("00 ff 00") << hex("00ff00") << ok << QString();
    QTest::newRow("leading zero group") << QStringLiteral("0a0b") << hex("0a0b") << ok << QString();

    QTest::newRow("odd group")
        << QStringLiteral("486") << QByteArray() << qsizetype(2)
        << QStringLiteral("Incomplete byte '6' at position 2: hex bytes need two digits");
    QTest::newRow("odd last group")
        << QStringLiteral("48 65 6c 4") << QByteArray() << qsizetype(9)
        << QStringLiteral("Incomplete byte '4' at position 9: hex bytes need two digits");
    QTest::newRow("single digit first")
        << QStringLiteral("4 8") << QByteArray() << qsizetype(0)
        << QStringLiteral("Incomplete byte '4' at position 0: hex bytes need two digits");
    QTest::newRow("odd 0x group")
        << QStringLiteral("0x486") << QByteArray() << qsizetype(4)
        << QStringLiteral("Incomplete byte '6' at position 4: hex bytes need two digits");
    QTest::newRow("bad digit") << QStringLiteral("48 65g") << QByteArray() << qsizetype(5)
                               << QStringLiteral("Invalid hex digit 'g' at position 5");
    QTest::newRow("bad digit before odd count")
        << QStringLiteral("4g") << QByteArray() << qsizetype(1)
        << QStringLiteral("Invalid hex digit 'g' at position 1");
    QTest::newRow("letters") << QStringLiteral("zz") << QByteArray() << qsizetype(0)
                             << QStringLiteral("Invalid hex digit 'z' at position 0");
    QTest::newRow("semicolon") << QStringLiteral("48;65") << QByteArray() << qsizetype(2)
                               << QStringLiteral("Invalid hex digit ';' at position 2");
    QTest::newRow("x inside group") << QStringLiteral("48x65") << QByteArray() << qsizetype(2)
                                    << QStringLiteral("Invalid hex digit 'x' at position 2");
    QTest::newRow("double prefix") << QStringLiteral("0x0x48") << QByteArray() << qsizetype(3)
                                   << QStringLiteral("Invalid hex digit 'x' at position 3");
    QTest::newRow("0x then bad digit") << QStringLiteral("0xg1") << QByteArray() << qsizetype(2)
                                       << QStringLiteral("Invalid hex digit 'g' at position 2");
    QTest::newRow("0x alone") << QStringLiteral("0x") << QByteArray() << qsizetype(0)
                              << QStringLiteral(
                                     "Prefix '0x' at position 0 is not followed by hex digits");
    QTest::newRow("0X at end") << QStringLiteral("48 0X") << QByteArray() << qsizetype(3)
                               << QStringLiteral(
                                      "Prefix '0X' at position 3 is not followed by hex digits");
    QTest::newRow("0x before separator")
        << QStringLiteral("0x ,48") << QByteArray() << qsizetype(0)
        << QStringLiteral("Prefix '0x' at position 0 is not followed by hex digits");
    QTest::newRow("non-ascii") << QStringLiteral("48 \u00e9") << QByteArray() << qsizetype(3)
                               << QStringLiteral("Invalid hex digit '\u00e9' at position 3");
    QTest::newRow("emoji") << QStringLiteral("48 \U0001F600") << QByteArray() << qsizetype(3)
                           << QStringLiteral("Invalid hex digit '\U0001F600' at position 3");
    QTest::newRow("control") << QStringLiteral("48\u0007") << QByteArray() << qsizetype(2)
                             << QStringLiteral("Invalid hex digit U+0007 at position 2");
}

void TestPayloadCodec::parseHex()
{
    QFETCH(QString, input);
    QFETCH(QByteArray, bytes);
    QFETCH(qsizetype, position);
    QFETCH(QString, error);

    const PayloadCodec::ParseResult result = PayloadCodec::parseHex(input);
    QCOMPARE(result.error, error);
    QCOMPARE(result.position, position);
    QCOMPARE(result.bytes, bytes);
    QCOMPARE(result.ok(), error.isEmpty());
}

void TestPayloadCodec::hexRoundTrip()
{
    const QByteArray bytes = allBytes();
    const PayloadCodec::ParseResult result = PayloadCodec::parseHex(PayloadCodec::toHex(bytes));
    QVERIFY(result.ok());
    QCOMPARE(result.bytes, bytes);
    QCOMPARE(PayloadCodec::parseHex(PayloadCodec::toHex(bytes).toUpper()).bytes, bytes);
}

void TestPayloadCodec::parseEscaped_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<Encoding>("encoding");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qsizetype>("position");
    QTest::addColumn<QString>("error");

    const qsizetype ok = -1;
    const Encoding utf8 = Encoding::Utf8;
    QTest::newRow("empty") << QString() << utf8 << QByteArray() << ok << QString();
    QTest::newRow("plain") << QStringLiteral("plain") << utf8 << QByteArray("plain") << ok
                           << QString();
    QTest::newRow("\\\\") << QStringLiteral("\\\\") << utf8 << hex("5c") << ok << QString();
    QTest::newRow("\\n") << QStringLiteral("\\n") << utf8 << hex("0a") << ok << QString();
    QTest::newRow("\\r") << QStringLiteral("\\r") << utf8 << hex("0d") << ok << QString();
    QTest::newRow("\\t") << QStringLiteral("\\t") << utf8 << hex("09") << ok << QString();
    QTest::newRow("\\0") << QStringLiteral("\\0") << utf8 << hex("00") << ok << QString();
    QTest::newRow("\\a") << QStringLiteral("\\a") << utf8 << hex("07") << ok << QString();
    QTest::newRow("\\b") << QStringLiteral("\\b") << utf8 << hex("08") << ok << QString();
    QTest::newRow("\\f") << QStringLiteral("\\f") << utf8 << hex("0c") << ok << QString();
    QTest::newRow("\\v") << QStringLiteral("\\v") << utf8 << hex("0b") << ok << QString();
    QTest::newRow("\\e") << QStringLiteral("\\e") << utf8 << hex("1b") << ok << QString();
    QTest::newRow("\\\"") << QStringLiteral("\\\"") << utf8 << hex("22") << ok << QString();
    QTest::newRow("\\'") << QStringLiteral("\\'") << utf8 << hex("27") << ok << QString();
    QTest::newRow("\\0 is not octal")
        << QStringLiteral("\\012") << utf8 << hex("00 31 32") << ok << QString();
    QTest::newRow("\\x41") << QStringLiteral("\\x41") << utf8 << hex("41") << ok << QString();
    QTest::newRow("\\xff") << QStringLiteral("\\xff") << utf8 << hex("ff") << ok << QString();
    QTest::newRow("\\xFF") << QStringLiteral("\\xFF") << utf8 << hex("ff") << ok << QString();
    QTest::newRow("\\x takes two digits")
        << QStringLiteral("\\x4142") << utf8 << hex("41 34 32") << ok << QString();
    QTest::newRow("\\x is raw in Latin-1") << QStringLiteral("\\xe4\\xbd\\xa0") << Encoding::Latin1
                                           << hex("e4 bd a0") << ok << QString();
    QTest::newRow("\\u utf8") << QStringLiteral("\\u00e9") << utf8 << hex("c3 a9") << ok
                              << QString();
    QTest::newRow("\\u latin1") << QStringLiteral("\\u00E9") << Encoding::Latin1 << hex("e9") << ok
                                << QString();
    QTest::newRow("\\u gbk") << QStringLiteral("\\u4f60\\u597D") << Encoding::Gbk
                             << hex("c4 e3 ba c3") << ok << QString();
    QTest::newRow("\\u chinese utf8")
        << QStringLiteral("\\u4f60\\u597d") << utf8 << hex("e4 bd a0 e5 a5 bd") << ok << QString();
    QTest::newRow("\\u surrogate pair")
        << QStringLiteral("\\ud83d\\ude00!") << utf8 << hex("f0 9f 98 80 21") << ok << QString();
    QTest::newRow("literal chinese utf8")
        << QStringLiteral("你好") << utf8 << hex("e4 bd a0 e5 a5 bd") << ok << QString();
    QTest::newRow("literal chinese gbk") << QStringLiteral("你好\\r\\n") << Encoding::Gbk
                                         << hex("c4 e3 ba c3 0d 0a") << ok << QString();
    QTest::newRow("literal latin1") << QStringLiteral("caf\u00e9\\n") << Encoding::Latin1
                                    << hex("63 61 66 e9 0a") << ok << QString();
    QTest::newRow("request") << QStringLiteral("GET / HTTP/1.1\\r\\n\\r\\n") << utf8
                             << QByteArray("GET / HTTP/1.1\r\n\r\n") << ok << QString();
    QTest::newRow("escaped backslash then n")
        << QStringLiteral("a\\\\nb") << utf8 << QByteArray("a\\nb") << ok << QString();
    QTest::newRow("real newline kept")
        << QStringLiteral("a\nb") << utf8 << QByteArray("a\nb") << ok << QString();

    QTest::newRow("unknown escape") << QStringLiteral("\\q") << utf8 << QByteArray() << qsizetype(0)
                                    << QStringLiteral("Unknown escape '\\q' at position 0");
    QTest::newRow("unknown escape later")
        << QStringLiteral("ab\\q") << utf8 << QByteArray() << qsizetype(2)
        << QStringLiteral("Unknown escape '\\q' at position 2");
    QTest::newRow("unknown after valid escapes")
        << QStringLiteral("\\x41\\n\\z") << utf8 << QByteArray() << qsizetype(6)
        << QStringLiteral("Unknown escape '\\z' at position 6");
    QTest::newRow("no \\U") << QStringLiteral("\\U0001F600") << utf8 << QByteArray() << qsizetype(0)
                            << QStringLiteral("Unknown escape '\\U' at position 0");
    QTest::newRow("backslash newline")
        << QStringLiteral("\\\n") << utf8 << QByteArray() << qsizetype(0)
        << QStringLiteral("Unknown escape '\\' followed by U+000A at position 0");
    QTest::newRow("backslash emoji")
        << QStringLiteral("x\\\U0001F600") << utf8 << QByteArray() << qsizetype(1)
        << QStringLiteral("Unknown escape '\\\U0001F600' at position 1");
    QTest::newRow("trailing backslash")
        << QStringLiteral("abc\\") << utf8 << QByteArray() << qsizetype(3)
        << QStringLiteral("Incomplete escape at position 3: a backslash must be followed by an "
                          "escape character (use \\\\ for a backslash)");
    QTest::newRow("\\x alone")
        << QStringLiteral("\\x") << utf8 << QByteArray() << qsizetype(0)
        << QStringLiteral("Incomplete escape '\\x' at position 0: \\x needs two hex digits");
    QTest::newRow("\\x one digit")
        << QStringLiteral("ab\\x4") << utf8 << QByteArray() << qsizetype(2)
        << QStringLiteral("Incomplete escape '\\x4' at position 2: \\x needs two hex digits");
    QTest::newRow("\\x bad second digit")
        << QStringLiteral("\\x4g") << utf8 << QByteArray() << qsizetype(0)
        << QStringLiteral("Incomplete escape '\\x4' at position 0: \\x needs two hex digits");
    QTest::newRow("\\x bad first digit")
        << QStringLiteral("\\xg1") << utf8 << QByteArray() << qsizetype(0)
        << QStringLiteral("Incomplete escape '\\x' at position 0: \\x needs two hex digits");
    QTest::newRow("\\u two digits")
        << QStringLiteral("\\u12") << utf8 << QByteArray() << qsizetype(0)
        << QStringLiteral("Incomplete escape '\\u12' at position 0: \\u needs four hex digits");
    QTest::newRow("\\u bad digit")
        << QStringLiteral("ok\\u123g") << utf8 << QByteArray() << qsizetype(2)
        << QStringLiteral("Incomplete escape '\\u123' at position 2: \\u needs four hex digits");
    QTest::newRow("\\u lone high surrogate")
        << QStringLiteral("\\ud800") << utf8 << QByteArray() << qsizetype(0)
        << QStringLiteral("Character U+D800 at position 0 cannot be encoded in UTF-8");
    QTest::newRow("\\u lone low surrogate")
        << QStringLiteral("x\\ude00") << utf8 << QByteArray() << qsizetype(1)
        << QStringLiteral("Character U+DE00 at position 1 cannot be encoded in UTF-8");
    QTest::newRow("\\u high then non-surrogate")
        << QStringLiteral("\\ud83d\\u0041") << utf8 << QByteArray() << qsizetype(0)
        << QStringLiteral("Character U+D83D at position 0 cannot be encoded in UTF-8");
    QTest::newRow("\\u euro in latin1")
        << QStringLiteral("\\n\\u20ac") << Encoding::Latin1 << QByteArray() << qsizetype(2)
        << QStringLiteral("Character '\u20ac' at position 2 cannot be encoded in Latin-1");
    QTest::newRow("\\u emoji in gbk")
        << QStringLiteral("\\ud83d\\ude00") << Encoding::Gbk << QByteArray() << qsizetype(0)
        << QStringLiteral("Character '\U0001F600' at position 0 cannot be encoded in GBK");
    QTest::newRow("literal euro in latin1")
        << QStringLiteral("a\u20ac") << Encoding::Latin1 << QByteArray() << qsizetype(1)
        << QStringLiteral("Character '\u20ac' at position 1 cannot be encoded in Latin-1");
    QTest::newRow("literal euro after escape")
        << QStringLiteral("\\n\\t\u20ac") << Encoding::Latin1 << QByteArray() << qsizetype(4)
        << QStringLiteral("Character '\u20ac' at position 4 cannot be encoded in Latin-1");
    QTest::newRow("literal hangul in gbk")
        << QStringLiteral("ok \ud55c\\n") << Encoding::Gbk << QByteArray() << qsizetype(3)
        << QStringLiteral("Character '\ud55c' at position 3 cannot be encoded in GBK");
    QTest::newRow("literal lone surrogate")
        << units({u'a', u'\\', u'n', 0xD800}) << utf8 << QByteArray() << qsizetype(3)
        << QStringLiteral("Character U+D800 at position 3 cannot be encoded in UTF-8");
}

void TestPayloadCodec::parseEscaped()
{
    QFETCH(QString, input);
    QFETCH(Encoding, encoding);
    QFETCH(QByteArray, bytes);
    QFETCH(qsizetype, position);
    QFETCH(QString, error);

    const PayloadCodec::ParseResult result = PayloadCodec::parseEscaped(input, encoding);
    QCOMPARE(result.error, error);
    QCOMPARE(result.position, position);
    QCOMPARE(result.bytes, bytes);
    QCOMPARE(result.ok(), error.isEmpty());
}

QTEST_GUILESS_MAIN(TestPayloadCodec)

#include "tst_payloadcodec.moc"
