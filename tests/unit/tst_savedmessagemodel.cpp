// The saved-messages library: rows as the list shows them, a library that
// survives a restart, JSON that round-trips, and bad files refused with a
// sentence that names what is wrong.

#include "savedmessagemodel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QStandardPaths>
#include <QtTest>

namespace {

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

SavedMessage modbusRead()
{
    SavedMessage m;
    m.name = s("Modbus: read 10 registers");
    m.text = s("01 03 00 00 00 0a");
    m.format.mode = SendFormat::Mode::Hex;
    m.format.checksum = Checksum::Kind::Crc16Modbus;
    m.repeatIntervalMs = 1000;
    m.repeatCount = 10;
    return m;
}

SavedMessage hello()
{
    SavedMessage m;
    m.name = s("你好");
    m.text = s("你好 {{counter}}\\r\\n");
    m.format = {SendFormat::Mode::Escapes, PayloadCodec::Encoding::Gbk, SendFormat::LineEnding::Lf,
                Checksum::Kind::None};
    m.target = s("127.0.0.1:8888");
    return m;
}

QStringList names(const SavedMessageModel &model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out << model.index(row).data().toString();
    return out;
}

} // namespace

class TstSavedMessageModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void editReorderDuplicateRemove();
    void survivesARestart();
    void jsonRoundTrips();
    void badJson_data();
    void badJson();
};

void TstSavedMessageModel::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setApplicationName(s("SocketScopeTest"));
    QFile::remove(SavedMessageModel::defaultStoragePath());
}

void TstSavedMessageModel::editReorderDuplicateRemove()
{
    SavedMessageModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.append(modbusRead());
    model.append(hello());
    SavedMessage third;
    third.name = s("ping");
    third.text = s("ping");
    model.append(third);
    QCOMPARE(names(model), (QStringList{s("Modbus: read 10 registers"), s("你好"), s("ping")}));
    QCOMPARE(model.index(0).data(SavedMessageModel::ShortcutRole).toString(), s("Alt+1"));
    QCOMPARE(model.index(2).data(SavedMessageModel::ShortcutRole).toString(), s("Alt+3"));

    QVERIFY(model.moveBy(2, -1));
    QVERIFY(model.moveBy(1, -1));
    QCOMPARE(names(model), (QStringList{s("ping"), s("Modbus: read 10 registers"), s("你好")}));
    QVERIFY(!model.moveBy(0, -1));
    QVERIFY(!model.moveBy(2, 1));
    QVERIFY(model.moveBy(0, 1));
    QCOMPARE(names(model), (QStringList{s("Modbus: read 10 registers"), s("ping"), s("你好")}));

    QCOMPARE(model.duplicate(0), 1);
    QCOMPARE(model.index(1).data().toString(), s("Modbus: read 10 registers (copy)"));
    QCOMPARE(model.message(1).text, modbusRead().text);

    QVERIFY(model.setData(model.index(1), s("  Modbus: read once ")));
    QCOMPARE(model.message(1).name, s("Modbus: read once"));
    QVERIFY(!model.setData(model.index(1), s("   "))); // a name cannot be blank

    model.remove(0);
    QCOMPARE(names(model), (QStringList{s("Modbus: read once"), s("ping"), s("你好")}));
    QCOMPARE(model.index(0).data(SavedMessageModel::ShortcutRole).toString(), s("Alt+1"));
}

void TstSavedMessageModel::survivesARestart()
{
    const QString path = SavedMessageModel::defaultStoragePath();
    QVERIFY2(path.contains(s("qttest")), qPrintable(path)); // never the person's own library
    {
        SavedMessageModel model;
        model.setStoragePath(path);
        QVERIFY(model.load());
        QCOMPARE(model.rowCount(), 0);
        model.append(modbusRead());
        model.append(hello());
        QVERIFY(model.moveBy(1, -1));
    }
    SavedMessageModel again;
    QAbstractItemModelTester tester(&again, QAbstractItemModelTester::FailureReportingMode::QtTest);
    again.setStoragePath(path);
    QString error;
    QVERIFY2(again.load(&error), qPrintable(error));
    QCOMPARE(again.messages(), (QList<SavedMessage>{hello(), modbusRead()}));
    QFile::remove(path);
}

void TstSavedMessageModel::jsonRoundTrips()
{
    SavedMessageModel model;
    model.append(modbusRead());
    model.append(hello());
    const QByteArray json = model.toJson();
    QVERIFY(json.contains("\"checksum\": \"crc16-modbus\""));
    QVERIFY(json.contains("\"intervalMs\": 1000"));

    SavedMessageModel other;
    QAbstractItemModelTester tester(&other, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QString error;
    QCOMPARE(other.importJson(json, &error), 2);
    QCOMPARE(other.messages(), model.messages());
    QCOMPARE(other.toJson(), json);
    // Importing appends.
    QCOMPARE(other.importJson(json, &error), 2);
    QCOMPARE(other.rowCount(), 4);
}

void TstSavedMessageModel::badJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("not json") << QByteArray("{\"format\": ") << s("Not valid JSON: ");
    QTest::newRow("other file") << QByteArray("{\"format\": \"x\", \"version\": 1}")
                                << s("Not a SocketScope saved-messages file");
    QTest::newRow("newer version")
        << QByteArray("{\"format\": \"socketscope-saved-messages\", \"version\": 2}")
        << s("Unsupported version 2");
    QTest::newRow("no list") << QByteArray("{\"format\": \"socketscope-saved-messages\", "
                                           "\"version\": 1}")
                             << s("The saved-messages file has no \"messages\" list.");
    QTest::newRow("no name") << QByteArray("{\"format\": \"socketscope-saved-messages\", "
                                           "\"version\": 1, \"messages\": [{\"text\": \"x\"}]}")
                             << s("Message 1: \"name\" must be a string.");
    QTest::newRow("bad mode")
        << QByteArray("{\"format\": \"socketscope-saved-messages\", \"version\": 1, \"messages\": "
                      "[{\"name\": \"a\", \"text\": \"x\"}, {\"name\": \"b\", \"text\": \"x\", "
                      "\"mode\": \"binary\"}]}")
        << s("Message 2: \"mode\" must be text, hex or escapes.");
    QTest::newRow("bad checksum")
        << QByteArray("{\"format\": \"socketscope-saved-messages\", \"version\": 1, \"messages\": "
                      "[{\"name\": \"a\", \"text\": \"x\", \"checksum\": \"md5\"}]}")
        << s("Message 1: \"checksum\" must be none, sum8");
    QTest::newRow("bad repeat")
        << QByteArray("{\"format\": \"socketscope-saved-messages\", \"version\": 1, \"messages\": "
                      "[{\"name\": \"a\", \"text\": \"x\", \"repeat\": {\"intervalMs\": 0}}]}")
        << s("Message 1: \"repeat\" needs \"intervalMs\" of at least 1");
}

void TstSavedMessageModel::badJson()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    SavedMessageModel model;
    model.append(hello());
    QString why;
    QCOMPARE(model.importJson(json, &why), -1);
    QVERIFY2(why.startsWith(error), qPrintable(why));
    QCOMPARE(model.rowCount(), 1); // nothing was imported, nothing was lost
}

QTEST_GUILESS_MAIN(TstSavedMessageModel)
#include "tst_savedmessagemodel.moc"
