// Messages with escapes, macros and captures: the exact bytes each syntax makes,
// and the position every mistake points at.

#include "messagetemplate.h"

#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QtTest>

#include <sys/stat.h>

using Syntax = MessageTemplate::Syntax;
using Encoding = PayloadCodec::Encoding;

Q_DECLARE_METATYPE(MessageTemplate::Syntax)

class TstMessageTemplate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void render_data();
    void render();
    void errors_data();
    void errors();
    void time();
    void randomBytes();
    void file();
    void fileThatIsNotARegularFile_data();
    void fileThatIsNotARegularFile();
    void constantness();
};

namespace {

MessageTemplate::Context sampleContext()
{
    MessageTemplate::Context c;
    c.counter = 7;
    c.peer = QStringLiteral("127.0.0.1:50012");
    c.captures = {QByteArray("temp=21"), QByteArray("temp"), QByteArray("21")};
    c.named.insert(QStringLiteral("value"), QByteArray("21"));
    return c;
}

} // namespace

void TstMessageTemplate::render_data()
{
    QTest::addColumn<Syntax>("syntax");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("bytes");

    QTest::newRow("plain") << Syntax::Message << QStringLiteral("Hello") << QByteArray("Hello");
    QTest::newRow("escapes") << Syntax::Message << QStringLiteral("a\\r\\n\\x00b")
                             << QByteArray("a\r\n\0b", 5);
    QTest::newRow("message \\0 is NUL")
        << Syntax::Message << QStringLiteral("\\0") << QByteArray(1, '\0');
    QTest::newRow("utf8") << Syntax::Message << QStringLiteral("你好")
                          << QByteArray::fromHex("e4bda0e5a5bd");
    QTest::newRow("counter") << Syntax::Message << QStringLiteral("#{{counter}};")
                             << QByteArray("#7;");
    QTest::newRow("peer") << Syntax::Message << QStringLiteral("from {{peer}}")
                          << QByteArray("from 127.0.0.1:50012");
    QTest::newRow("literal brace")
        << Syntax::Message << QStringLiteral("\\{{counter}}") << QByteArray("{{counter}}");
    QTest::newRow("single braces") << Syntax::Message << QStringLiteral("{a}") << QByteArray("{a}");
    QTest::newRow("message keeps $1")
        << Syntax::Message << QStringLiteral("$1 ${x}") << QByteArray("$1 ${x}");
    QTest::newRow("reply groups") << Syntax::Reply << QStringLiteral("\\1 is \\2 (\\0)")
                                  << QByteArray("temp is 21 (temp=21)");
    QTest::newRow("reply named") << Syntax::Reply << QStringLiteral("v=${value};")
                                 << QByteArray("v=21;");
    QTest::newRow("reply ${2}") << Syntax::Reply << QStringLiteral("${2}") << QByteArray("21");
    QTest::newRow("reply missing group")
        << Syntax::Reply << QStringLiteral("[\\9]") << QByteArray("[]");
    QTest::newRow("reply dollars")
        << Syntax::Reply << QStringLiteral("$$5 $1") << QByteArray("$5 $1");
    QTest::newRow("reply NUL") << Syntax::Reply << QStringLiteral("\\x00\\1")
                               << QByteArray("\0temp", 5);
    QTest::newRow("reply mixed") << Syntax::Reply << QStringLiteral("OK \\2 #{{counter}}\\r\\n")
                                 << QByteArray("OK 21 #7\r\n");
    QTest::newRow("script $N") << Syntax::Script << QStringLiteral("got $2 ${value} \\0")
                               << QByteArray("got 21 21 \0", 11);
}

void TstMessageTemplate::render()
{
    QFETCH(Syntax, syntax);
    QFETCH(QString, text);
    QFETCH(QByteArray, bytes);
    MessageTemplate t;
    QString error;
    QVERIFY2(t.parse(text, Encoding::Utf8, syntax, &error), qPrintable(error));
    QCOMPARE(t.render(sampleContext()), bytes);
}

void TstMessageTemplate::errors_data()
{
    QTest::addColumn<Syntax>("syntax");
    QTest::addColumn<QString>("text");
    QTest::addColumn<qsizetype>("position");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("unknown escape after macro")
        << Syntax::Message << QStringLiteral("{{counter}}ab\\q") << qsizetype(13)
        << QStringLiteral("position 13");
    QTest::newRow("unknown macro") << Syntax::Message << QStringLiteral("x{{count}}")
                                   << qsizetype(1) << QStringLiteral("{{count}}");
    QTest::newRow("unclosed macro") << Syntax::Message << QStringLiteral("ab{{time") << qsizetype(2)
                                    << QStringLiteral("position 2");
    QTest::newRow("random range") << Syntax::Message << QStringLiteral("{{random:0}}")
                                  << qsizetype(0) << QStringLiteral("65536");
    QTest::newRow("random not a number") << Syntax::Message << QStringLiteral("{{random:x}}")
                                         << qsizetype(0) << QStringLiteral("random");
    QTest::newRow("file without path")
        << Syntax::Message << QStringLiteral("{{file:}}") << qsizetype(0) << QStringLiteral("file");
    QTest::newRow("bad group name")
        << Syntax::Reply << QStringLiteral("ok ${a-b}") << qsizetype(3) << QStringLiteral("$$");
    QTest::newRow("message \\1") << Syntax::Message << QStringLiteral("\\1") << qsizetype(0)
                                 << QStringLiteral("position 0");
    QTest::newRow("latin1 unencodable") << Syntax::Message << QStringLiteral("{{counter}}€")
                                        << qsizetype(11) << QStringLiteral("position 11");
}

void TstMessageTemplate::errors()
{
    QFETCH(Syntax, syntax);
    QFETCH(QString, text);
    QFETCH(qsizetype, position);
    QFETCH(QString, mentions);
    MessageTemplate t;
    QString error;
    qsizetype at = -2;
    const Encoding encoding = QTest::currentDataTag() == QLatin1String("latin1 unencodable")
                                  ? Encoding::Latin1
                                  : Encoding::Utf8;
    QVERIFY(!t.parse(text, encoding, syntax, &error, &at));
    QCOMPARE(at, position);
    QVERIFY2(error.contains(mentions), qPrintable(error));
    QVERIFY(t.isEmpty());
}

void TstMessageTemplate::time()
{
    MessageTemplate t;
    QVERIFY(t.parse(u"{{time:yyyy-MM-dd}}|{{time}}", Encoding::Utf8, Syntax::Message));
    MessageTemplate::Context c;
    const QDateTime when(QDate(2026, 11, 29), QTime(19, 40, 1, 123));
    c.timeUs = when.toMSecsSinceEpoch() * 1000;
    QCOMPARE(t.render(c), QByteArray("2026-11-29|19:40:01.123"));
}

void TstMessageTemplate::randomBytes()
{
    MessageTemplate t;
    QVERIFY(t.parse(u"<{{random:64}}>", Encoding::Utf8, Syntax::Message));
    const QByteArray a = t.render();
    const QByteArray b = t.render();
    QCOMPARE(a.size(), 66);
    QVERIFY(a.startsWith('<') && a.endsWith('>'));
    QVERIFY(a != b); // 2^-512 to fail
}

void TstMessageTemplate::file()
{
    QTemporaryFile f;
    QVERIFY(f.open());
    f.write(QByteArray("\x01\x02\xff", 3));
    f.close();
    MessageTemplate t;
    QVERIFY(t.parse(QStringLiteral("[{{file:%1}}]").arg(f.fileName()), Encoding::Utf8,
                    Syntax::Message));
    QByteArray out;
    QString error;
    QVERIFY2(t.render({}, &out, &error), qPrintable(error));
    QCOMPARE(out, QByteArray("[\x01\x02\xff]", 5));

    MessageTemplate missing;
    QVERIFY(missing.parse(u"{{file:/nonexistent/socketscope}}", Encoding::Utf8, Syntax::Message));
    QVERIFY(!missing.render({}, &out, &error));
    QVERIFY2(error.contains(QStringLiteral("/nonexistent/socketscope")), qPrintable(error));
}

void TstMessageTemplate::fileThatIsNotARegularFile_data()
{
    QTest::addColumn<QString>("path");
    // Before, /dev/zero was read until memory ran out, and a FIFO with no
    // writer blocked the thread that answers the network for good.
    QTest::newRow("endless device") << QStringLiteral("/dev/zero");
    QTest::newRow("fifo") << QStringLiteral("FIFO");
    QTest::newRow("directory") << QStringLiteral("DIR");
}

void TstMessageTemplate::fileThatIsNotARegularFile()
{
    QFETCH(QString, path);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    if (path == u"FIFO") {
        path = dir.filePath(QStringLiteral("fifo"));
        QVERIFY(::mkfifo(QFile::encodeName(path).constData(), 0600) == 0);
    } else if (path == u"DIR") {
        path = dir.path();
    }
    if (!QFileInfo::exists(path))
        QSKIP("this system has no such device");
    MessageTemplate t;
    QVERIFY(t.parse(QStringLiteral("[{{file:%1}}]").arg(path), Encoding::Utf8, Syntax::Reply));
    QByteArray out = "old";
    QString error;
    QVERIFY(!t.render({}, &out, &error));
    QCOMPARE(
        error,
        QStringLiteral("%1 is not a regular file: {{file:}} sends the bytes of a file.").arg(path));
    QVERIFY(out.size() < 16);
}

void TstMessageTemplate::constantness()
{
    MessageTemplate t;
    QVERIFY(t.parse(u"a\\r\\n", Encoding::Utf8, Syntax::Reply));
    QVERIFY(t.isConstant());
    QVERIFY(t.parse(u"a\\1", Encoding::Utf8, Syntax::Reply));
    QVERIFY(!t.isConstant());
    QVERIFY(t.parse(u"", Encoding::Utf8, Syntax::Message));
    QVERIFY(t.isEmpty());
    QCOMPARE(t.render(), QByteArray());
}

QTEST_GUILESS_MAIN(TstMessageTemplate)
#include "tst_messagetemplate.moc"
