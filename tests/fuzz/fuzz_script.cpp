// Scripted exchanges: the script text, and a run of it against bytes that
// arrive from the peer in pieces.
//
// Input: one byte choosing the encoding, the script, then (after a NUL) the
// bytes that arrive; the first of them sets the size of the pieces.
//
// Properties: nothing crashes; a refused script names a line that exists
// ("Line N: ...", with *line == N), or says it has no steps; an accepted one
// has its steps in line order; a run sends at most once per send step, ends at
// most once, and a failure names the line of one of its steps.

#include "fuzzsupport.h"
#include "script.h"
#include "scriptrunner.h"

#include <QCoreApplication>

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    // The runner's timers need an application; they never fire here (the
    // event loop does not run), so a run ends only through what arrives.
    static QCoreApplication app(*argc, *argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const auto encoding = PayloadCodec::Encoding(data[0] % 3);
    const QByteArray rest = Fuzz::bytes(data + 1, size - 1);
    const qsizetype nul = rest.indexOf('\0');
    const QString text = QString::fromUtf8(nul < 0 ? rest : rest.first(nul));
    const QByteArray arriving = nul < 0 ? QByteArray() : rest.sliced(nul + 1);
    const qsizetype lines = text.count(u'\n') + 1;

    Script script;
    QString error;
    int line = -1;
    if (!script.parse(text, encoding, &error, &line)) {
        FUZZ_CHECK(script.isEmpty(), text);
        if (line == 0)
            FUZZ_CHECK(error == u"The script has no steps.", text + u": " + error);
        else
            FUZZ_CHECK(line >= 1 && line <= lines &&
                           error.startsWith(QStringLiteral("Line %1: ").arg(line)),
                       text + u": " + error);
        return 0;
    }
    FUZZ_CHECK(error.isEmpty() && !script.isEmpty(), text);
    int previous = 0;
    qsizetype sendSteps = 0;
    for (const Script::Step &step : script.steps()) {
        FUZZ_CHECK(step.line > previous && step.line <= lines, text);
        FUZZ_CHECK(!step.source.isEmpty() && !step.source.contains(u'\n'), text);
        previous = step.line;
        if (step.type == Script::Step::Type::Send || step.type == Script::Step::Type::SendHex)
            ++sendSteps;
    }
    // {{file:PATH}} reads a file of this machine; its limits have their own
    // unit tests.
    if (text.contains(u"file"))
        return 0;

    qsizetype sends = 0;
    qsizetype closes = 0;
    int finishes = 0;
    ScriptRunner::Io io;
    io.send = [&](const QByteArray &) { ++sends; };
    io.close = [&] { ++closes; };
    ScriptRunner runner(script, QStringLiteral("127.0.0.1:50012"), io);
    QString failure;
    QObject::connect(&runner, &ScriptRunner::finished, &runner,
                     [&](bool ok, const QString &message) {
                         ++finishes;
                         if (!ok)
                             failure = message;
                     });
    runner.start();
    const qsizetype piece = arriving.isEmpty() ? 1 : qsizetype(uchar(arriving.at(0)) % 32 + 1);
    for (qsizetype at = 1; at < arriving.size(); at += piece)
        runner.receive(arriving.sliced(at, std::min(piece, arriving.size() - at)));
    runner.connectionClosed();

    FUZZ_CHECK(sends <= sendSteps, text);
    FUZZ_CHECK(finishes <= 1, text);
    FUZZ_CHECK(runner.isFinished() == (finishes == 1), text);
    if (!failure.isEmpty()) {
        const bool named = std::any_of(
            script.steps().begin(), script.steps().end(), [&](const Script::Step &step) {
                return failure.startsWith(
                    QStringLiteral("Script failed at line %1: ").arg(step.line));
            });
        FUZZ_CHECK(named, text + u": " + failure);
        FUZZ_CHECK(runner.failure() == failure, text);
    }
    return 0;
}
