#pragma once

// Shared by the end-to-end tests whose peers are python3 programs: the
// tutorial's scripts, relay/peer.py and python's own servers, all run from
// the source tree, and by the relay tests, which start `socketscope relay`.

#include "e2esupport.h"
#include "nettestsupport.h"

#include <QDir>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTest>

namespace E2e {

class PythonPeers
{
public:
    // For initTestCase(), as its last call: fails without the program or the
    // source tree, skips the test case without python3.
    void init()
    {
        QVERIFY2(!binary().isEmpty(), "SOCKETSCOPE_BINARY is not set");
        m_source = qEnvironmentVariable("SOCKETSCOPE_SOURCE_DIR");
        QVERIFY2(!m_source.isEmpty(), "SOCKETSCOPE_SOURCE_DIR is not set");
        m_python = QStandardPaths::findExecutable(QStringLiteral("python3"));
        if (m_python.isEmpty())
            QSKIP("python3 is not installed");
    }

    // A file of the source tree, e.g. "tests/e2e/relay/peer.py".
    QString file(const char *relative) const
    {
        return QDir(m_source).filePath(QString::fromLatin1(relative));
    }

    // python3 with `args`, its output as plain text (not JSON events),
    // unbuffered so that the test reads each line as it is printed, and
    // writing no .pyc files into the source tree.
    void start(Process &p, const QStringList &args) const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1"));
        env.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));
        p.process().setProcessEnvironment(env);
        p.setParseJson(false);
        QVERIFY2(p.start(args, m_python), qPrintable(p.process().errorString()));
    }

private:
    QString m_python;
    QString m_source;
};

enum class RelayKind { Tcp, Udp };

// `socketscope relay 127.0.0.1:0 127.0.0.1:TARGET [--udp] --json EXTRA...`:
// the port it took, once its first event ("listening", or "bound" for UDP)
// is out; 0 when it did not get that far.
inline quint16 startRelay(Process &p, RelayKind kind, quint16 targetPort,
                          const QStringList &extra = {})
{
    QStringList args{QStringLiteral("relay"), NetTest::loopback(0), NetTest::loopback(targetPort)};
    if (kind == RelayKind::Udp)
        args << QStringLiteral("--udp");
    args << QStringLiteral("--json");
    if (!p.start(args + extra))
        return 0;
    if (p.waitForEvent(kind == RelayKind::Udp ? "bound" : "listening") != 0)
        return 0;
    return NetTest::portOf(jsonString(p.events().constFirst(), "local"));
}

} // namespace E2e
