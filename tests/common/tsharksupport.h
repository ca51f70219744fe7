#pragma once

#include <QByteArray>
#include <QList>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

// Reading capture files back with Debian's tshark, the reference reader of
// the formats. Tests QSKIP when it is not installed (scripts/deps.sh installs
// it, so CI always has it).
namespace Tshark {

inline QString program()
{
    return QStandardPaths::findExecutable(QStringLiteral("tshark"));
}

struct Result
{
    bool ok = false;
    QByteArray out;
    QByteArray err;
};

// tshark ARGS..., bounded to 60 s; ok when it exited with 0.
inline Result run(const QStringList &args)
{
    Result r;
    QProcess p;
    p.start(program(), args);
    if (!p.waitForStarted(10000))
        return r;
    p.closeWriteChannel();
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished(5000);
        return r;
    }
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    r.ok = p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    return r;
}

// One line per packet with the given fields (-T fields), optionally filtered.
inline QList<QByteArray> fields(const QString &file, const QStringList &fieldNames,
                                const QString &filter = QString())
{
    QStringList args{QStringLiteral("-r"), file, QStringLiteral("-T"), QStringLiteral("fields")};
    for (const QString &f : fieldNames)
        args << QStringLiteral("-e") << f;
    if (!filter.isEmpty())
        args << QStringLiteral("-Y") << filter;
    const Result r = run(args);
    QList<QByteArray> lines = r.out.split('\n');
    while (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

// The bytes of TCP stream `stream` both ways, from `-z follow,tcp,raw,N`:
// node 0 (the side that sent the first packet) writes lines without
// indentation, node 1 lines indented with a tab, both in hex.
struct Follow
{
    bool ok = false;
    QString node0; // "127.0.0.1:50012"
    QString node1;
    QByteArray fromNode0;
    QByteArray fromNode1;
};

inline Follow follow(const QString &file, int stream)
{
    Follow f;
    const Result r = run({QStringLiteral("-r"), file, QStringLiteral("-q"), QStringLiteral("-z"),
                          QStringLiteral("follow,tcp,raw,%1").arg(stream)});
    if (!r.ok)
        return f;
    bool inBody = false;
    for (const QByteArray &line : r.out.split('\n')) {
        if (line.startsWith("Node 0: ")) {
            f.node0 = QString::fromLatin1(line.mid(8).trimmed());
            continue;
        }
        if (line.startsWith("Node 1: ")) {
            f.node1 = QString::fromLatin1(line.mid(8).trimmed());
            inBody = true;
            continue;
        }
        if (!inBody || line.startsWith("====") || line.trimmed().isEmpty())
            continue;
        if (line.startsWith('\t'))
            f.fromNode1 += QByteArray::fromHex(line.trimmed());
        else
            f.fromNode0 += QByteArray::fromHex(line.trimmed());
    }
    f.ok = !f.node0.isEmpty();
    return f;
}

} // namespace Tshark

#define SKIP_WITHOUT_TSHARK()                                                                      \
    do {                                                                                           \
        if (Tshark::program().isEmpty())                                                           \
            QSKIP("tshark is not installed (Debian package tshark; scripts/deps.sh installs it)"); \
    } while (false)
