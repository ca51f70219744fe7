#include "detailpane.h"
#include "fakecatalogue.h"
#include "hexdumpview.h"
#include "payloadcodec.h"
#include "trafficstore.h"

#include <QComboBox>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTest>

#include <algorithm>

class tst_DetailPane : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void binaryPayloadHexDump();
    void encodingSelector();
    void closedEventShowsReasonAndCloser();
    void errorShowsMessage();
    void nothingAndEvicted();
    void hugePayloadShowsItsStart();
    void languageChangeIsLive();
    void hexDumpFitsItsPane();

private:
    template <typename T> T *find(const char *name) const
    {
        return m_pane->findChild<T *>(QString::fromLatin1(name));
    }
    int hexBytesPerLine() const { return find<HexDumpView>("hexView")->bytesPerLine(); }
    QString text(const char *name) const
    {
        auto *label = find<QLabel>(name);
        return label && label->isVisible() ? label->text() : QString();
    }
    // Whether a visible label (such as a field's key, which has no name) reads `words`.
    bool showsLabel(const QString &words) const
    {
        const QList<QLabel *> labels = m_pane->findChildren<QLabel *>();
        return std::any_of(labels.cbegin(), labels.cend(), [&](const QLabel *label) {
            return label->isVisible() && label->text() == words;
        });
    }

    TrafficStore *m_store = nullptr;
    DetailPane *m_pane = nullptr;
    AddressId m_addresses = 0;
    ConnectionId m_connection = 0;
};

void tst_DetailPane::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void tst_DetailPane::init()
{
    m_store = new TrafficStore;
    m_store->setSessionName(1, QStringLiteral("TCP hello server"));
    m_addresses =
        m_store->addAddresses(QStringLiteral("127.0.0.1:9999"), QStringLiteral("127.0.0.1:50012"));
    m_connection = m_store->openConnection(1, m_addresses, false);
    m_pane = new DetailPane(m_store);
    m_pane->resize(900, 300);
    m_pane->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_pane));
}

void tst_DetailPane::cleanup()
{
    delete m_pane;
    delete m_store;
}

void tst_DetailPane::binaryPayloadHexDump()
{
    const QByteArray bytes("Hi\x00\xff\n", 5);
    const quint64 seq = m_store->append(1, m_connection, m_addresses, EventKind::Received, bytes);
    m_pane->showEvent(seq);

    const QString hex = find<QPlainTextEdit>("hexView")->toPlainText();
    QCOMPARE(hex, PayloadCodec::toHexDump(bytes, hexBytesPerLine()));
    QVERIFY(hex.startsWith(QStringLiteral("00000000  48 69 00 ff ")));
    QVERIFY(hex.endsWith(QStringLiteral("|Hi...|")));
    QCOMPARE(text("sizeValue"), QStringLiteral("5 bytes"));
    QCOMPARE(text("titleLabel"), QStringLiteral("Received"));
    QCOMPARE(text("directionValue"), QStringLiteral("in"));
    QCOMPARE(text("sessionValue"), QStringLiteral("TCP hello server"));
    QCOMPARE(text("localValue"), QStringLiteral("127.0.0.1:9999"));
    QCOMPARE(text("peerValue"), QStringLiteral("127.0.0.1:50012"));
    QVERIFY(text("closerValue").isEmpty());
    // Time with microseconds: "yyyy-MM-dd HH:mm:ss.zzzzzz".
    QCOMPARE(text("timeValue").size(), 26);
    // Every byte visible in the text view: NUL as its control picture (or a
    // middle dot where the font has none), 0xff as U+FFFD.
    const QString shown = find<QPlainTextEdit>("textView")->toPlainText();
    QVERIFY2(shown == QStringLiteral("Hi\u2400\uFFFD\n") ||
                 shown == QStringLiteral("Hi\u00b7\uFFFD\n"),
             qPrintable(shown));

    const quint64 big =
        m_store->append(1, m_connection, m_addresses, EventKind::Sent, QByteArray(12345, 'x'));
    m_pane->showEvent(big);
    QCOMPARE(text("sizeValue"), QStringLiteral("12,345 bytes"));
    QCOMPARE(text("directionValue"), QStringLiteral("out"));
}

void tst_DetailPane::encodingSelector()
{
    const QByteArray gbk("\xc4\xe3\xba\xc3", 4); // 你好 in GBK
    const quint64 seq = m_store->append(1, m_connection, m_addresses, EventKind::Received, gbk);
    m_pane->showEvent(seq);
    auto *combo = find<QComboBox>("encodingCombo");
    auto *textView = find<QPlainTextEdit>("textView");
    QCOMPARE(combo->currentText(), QStringLiteral("UTF-8"));
    QCOMPARE(combo->accessibleName(), QStringLiteral("Encoding"));
    QVERIFY(textView->toPlainText().contains(QChar(0xFFFD)));
    QVERIFY(!textView->toPlainText().contains(QStringLiteral("你好")));

    // Pick GBK with the keyboard, as a person would.
    combo->setFocus();
    QTest::keyClick(combo, Qt::Key_Down);
    QCOMPARE(combo->currentText(), QStringLiteral("GBK"));
    QCOMPARE(textView->toPlainText(), QStringLiteral("你好"));
    QCOMPARE(find<QPlainTextEdit>("hexView")->toPlainText(),
             PayloadCodec::toHexDump(gbk, hexBytesPerLine()));

    // The choice stays for the next event.
    const quint64 next = m_store->append(1, m_connection, m_addresses, EventKind::Received,
                                         QByteArray("\xd6\xd0\xce\xc4", 4));
    m_pane->showEvent(next);
    QCOMPARE(textView->toPlainText(), QStringLiteral("中文"));

    QTest::keyClick(combo, Qt::Key_Down);
    QCOMPARE(combo->currentText(), QStringLiteral("Latin-1"));
    QCOMPARE(textView->toPlainText(), QStringLiteral("\u00d6\u00d0\u00ce\u00c4"));
}

void tst_DetailPane::closedEventShowsReasonAndCloser()
{
    const quint64 seq = m_store->append(1, m_connection, m_addresses, EventKind::Closed,
                                        "The remote host closed the connection", Closer::Peer);
    m_pane->showEvent(seq);
    QCOMPARE(text("titleLabel"), QStringLiteral("Connection closed"));
    QCOMPARE(text("closerValue"), QStringLiteral("closed by the peer"));
    QCOMPARE(text("messageValue"), QStringLiteral("The remote host closed the connection"));
    QCOMPARE(text("peerValue"), QStringLiteral("127.0.0.1:50012"));
    QCOMPARE(text("localValue"), QStringLiteral("127.0.0.1:9999"));
    QVERIFY(text("sizeValue").isEmpty()); // no wire payload
    QVERIFY(find<QPlainTextEdit>("hexView")->toPlainText().isEmpty());

    const struct
    {
        Closer closer;
        const char *words;
    } closers[] = {{Closer::Local, "closed here"},
                   {Closer::Timeout, "idle timeout"},
                   {Closer::Limit, "client limit"},
                   {Closer::Error, "error"}};
    for (const auto &c : closers) {
        m_pane->showEvent(
            m_store->append(1, m_connection, m_addresses, EventKind::Closed, "why", c.closer));
        QCOMPARE(text("closerValue"), QString::fromLatin1(c.words));
        QCOMPARE(text("messageValue"), QStringLiteral("why"));
    }
}

void tst_DetailPane::errorShowsMessage()
{
    const quint64 seq = m_store->append(1, 0, 0, EventKind::Error,
                                        "The address is already in use (127.0.0.1:9999)");
    m_pane->showEvent(seq);
    QCOMPARE(text("titleLabel"), QStringLiteral("Error"));
    QCOMPARE(text("directionValue"), QStringLiteral("error"));
    QCOMPARE(text("messageValue"),
             QStringLiteral("The address is already in use (127.0.0.1:9999)"));
    QVERIFY(text("peerValue").isEmpty());
    QVERIFY(text("closerValue").isEmpty());
}

void tst_DetailPane::nothingAndEvicted()
{
    QCOMPARE(text("titleLabel"), QStringLiteral("No event selected"));
    QVERIFY(text("sizeValue").isEmpty());

    const quint64 seq = m_store->append(1, m_connection, m_addresses, EventKind::Received, "x");
    m_pane->showEvent(seq);
    QCOMPARE(text("sizeValue"), QStringLiteral("1 byte"));
    m_pane->showEvent(0);
    QCOMPARE(text("titleLabel"), QStringLiteral("No event selected"));
    QVERIFY(find<QPlainTextEdit>("hexView")->toPlainText().isEmpty());
    QVERIFY(find<QPlainTextEdit>("textView")->toPlainText().isEmpty());

    // Push the first event out with the memory cap.
    m_store->setMemoryCap(64 * 1024);
    const QByteArray filler(1024, 'f');
    for (int i = 0; i < 200; ++i)
        m_store->append(1, m_connection, m_addresses, EventKind::Received, filler);
    QVERIFY(m_store->firstSeq() > seq);
    m_pane->showEvent(seq);
    QCOMPARE(text("titleLabel"), QStringLiteral("This event was evicted by the memory cap"));
    QVERIFY(text("sizeValue").isEmpty());
    QVERIFY(find<QPlainTextEdit>("hexView")->toPlainText().isEmpty());
}

void tst_DetailPane::hugePayloadShowsItsStart()
{
    const qsizetype size = DetailPane::MaxShownBytes + 4321;
    QByteArray bytes(size, 'a');
    bytes[DetailPane::MaxShownBytes] = 'Z'; // first byte past the cut
    const quint64 seq = m_store->append(1, m_connection, m_addresses, EventKind::Received, bytes);
    m_pane->showEvent(seq);
    QCOMPARE(text("sizeValue"), QStringLiteral("1,052,897 bytes"));
    QCOMPARE(text("noticeLabel"), QStringLiteral("Showing the first 1 MiB of 1,052,897 bytes."));
    const QString text = find<QPlainTextEdit>("textView")->toPlainText();
    QCOMPARE(text.size(), DetailPane::MaxShownBytes);
    QVERIFY(!text.contains(QLatin1Char('Z')));
    QCOMPARE(find<QPlainTextEdit>("hexView")->document()->blockCount(),
             int(DetailPane::MaxShownBytes / hexBytesPerLine()));

    m_pane->showEvent(m_store->append(1, m_connection, m_addresses, EventKind::Received, "ok"));
    QVERIFY(this->text("noticeLabel").isEmpty());
}

void tst_DetailPane::languageChangeIsLive()
{
    const QByteArray bytes(12345, 'x');
    m_pane->showEvent(m_store->append(1, m_connection, m_addresses, EventKind::Received, bytes));
    auto *combo = find<QComboBox>("encodingCombo");
    auto *hexView = find<QPlainTextEdit>("hexView");
    QCOMPARE(text("titleLabel"), QStringLiteral("Received"));
    QCOMPARE(text("sizeValue"), QStringLiteral("12,345 bytes"));
    QVERIFY(showsLabel(QStringLiteral("Time:")));
    QVERIFY(showsLabel(QStringLiteral("Hex dump")));
    const QString hex = hexView->toPlainText();

    FakeCatalogue zh({
        {"DetailPane", "Received", QStringLiteral("已接收")},
        {"DetailPane", "%1 bytes", QStringLiteral("%1 字节")},
        {"DetailPane", "Time:", QStringLiteral("时间：")},
        {"DetailPane", "Hex dump", QStringLiteral("十六进制转储")},
        {"DetailPane", "&Encoding:", QStringLiteral("编码(&E)：")},
        {"DetailPane", "Encoding", QStringLiteral("编码")},
        {"DetailPane", "How the payload bytes are decoded into text",
         QStringLiteral("将载荷字节解码为文本时所用的编码")},
        {"DetailPane", "Payload as hex dump", QStringLiteral("载荷（十六进制转储）")},
        {"DetailPane", "Connection closed", QStringLiteral("连接已关闭")},
        {"DetailPane", "closed by the peer", QStringLiteral("对端关闭")},
        {"DetailPane", "Reason:", QStringLiteral("原因：")},
    });
    QVERIFY(QCoreApplication::installTranslator(&zh));
    QTRY_COMPARE(text("titleLabel"), QStringLiteral("已接收"));
    // Words with a number are made again from the event, not from the old words.
    QCOMPARE(text("sizeValue"), QStringLiteral("12,345 字节"));
    QVERIFY(showsLabel(QStringLiteral("时间：")));
    QVERIFY(showsLabel(QStringLiteral("十六进制转储")));
    QVERIFY(showsLabel(QStringLiteral("编码(&E)：")));
    QCOMPARE(combo->accessibleName(), QStringLiteral("编码"));
    QCOMPARE(combo->toolTip(), QStringLiteral("将载荷字节解码为文本时所用的编码"));
    QCOMPARE(hexView->accessibleName(), QStringLiteral("载荷（十六进制转储）"));
    QCOMPARE(combo->currentText(), QStringLiteral("UTF-8"));
    // The payload itself stays as it was.
    QCOMPARE(hexView->toPlainText(), hex);
    QVERIFY(!showsLabel(QStringLiteral("Time:")));

    // An event shown while the language is Chinese is described in Chinese.
    m_pane->showEvent(m_store->append(1, m_connection, m_addresses, EventKind::Closed,
                                      "The remote host closed the connection", Closer::Peer));
    QCOMPARE(text("titleLabel"), QStringLiteral("连接已关闭"));
    QCOMPARE(text("closerValue"), QStringLiteral("对端关闭"));
    QVERIFY(showsLabel(QStringLiteral("原因：")));

    QCoreApplication::removeTranslator(&zh);
    QTRY_COMPARE(text("titleLabel"), QStringLiteral("Connection closed"));
    QCOMPARE(text("closerValue"), QStringLiteral("closed by the peer"));
    QVERIFY(showsLabel(QStringLiteral("Reason:")));
    QVERIFY(showsLabel(QStringLiteral("Time:")));
    QVERIFY(showsLabel(QStringLiteral("Hex dump")));
    QVERIFY(showsLabel(QStringLiteral("&Encoding:")));
    QCOMPARE(combo->accessibleName(), QStringLiteral("Encoding"));
    QCOMPARE(combo->toolTip(), QStringLiteral("How the payload bytes are decoded into text"));
    QCOMPARE(hexView->accessibleName(), QStringLiteral("Payload as hex dump"));
    QCOMPARE(text("messageValue"), QStringLiteral("The remote host closed the connection"));
}

// The dump's text column never needs sideways scrolling: a narrow pane gets 8
// bytes a line, a wide one 16, and resizing reflows what is shown.
void tst_DetailPane::hexDumpFitsItsPane()
{
    QByteArray bytes;
    for (int i = 0; i < 40; ++i)
        bytes.append(char('A' + i % 26));
    m_pane->resize(700, 300);
    m_pane->showEvent(m_store->append(1, m_connection, m_addresses, EventKind::Received, bytes));
    auto *hexView = find<HexDumpView>("hexView");
    QTRY_COMPARE(hexView->bytesPerLine(), 8);
    QCOMPARE(hexView->toPlainText(), PayloadCodec::toHexDump(bytes, 8));
    QVERIFY(hexView->toPlainText().contains(QStringLiteral("|ABCDEFGH|")));
    QTRY_COMPARE(hexView->horizontalScrollBar()->maximum(), 0);

    m_pane->resize(1600, 300);
    QTRY_COMPARE(hexView->bytesPerLine(), 16);
    QCOMPARE(hexView->toPlainText(), PayloadCodec::toHexDump(bytes, 16));
    QVERIFY(hexView->toPlainText().contains(QStringLiteral("|ABCDEFGHIJKLMNOP|")));
    QTRY_COMPARE(hexView->horizontalScrollBar()->maximum(), 0);
}

QTEST_MAIN(tst_DetailPane)
#include "tst_detailpane.moc"
