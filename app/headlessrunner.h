#pragma once

#include "capture/capturerecorder.h"
#include "eventprinter.h"
#include "sessionconfig.h"
#include "statisticsoptions.h"
#include "trafficevent.h"

#include <QByteArray>
#include <QObject>
#include <QStringList>

class Engine;
class HeadlessSender;
class QSocketNotifier;
class TrafficStore;

// `socketscope SUBCOMMAND ...`: one session on the same engine as the window,
// with no widget and no display. Prints every event to stdout as it happens,
// sends standard input line by line, and exits with a code scripts can use.
class HeadlessRunner : public QObject
{
    Q_OBJECT

public:
    enum ExitCode {
        Ok = 0,
        ConnectionFailed = 1,
        OutputFailed = 1, // standard output could not be written
        UsageError = 2,
        OpenFailed = 3,
        ScriptFailed = 4
    };

    explicit HeadlessRunner(QObject *parent = nullptr);
    ~HeadlessRunner() override;

    // Parses the arguments (without the program name). Returns false and
    // prints the problem on stderr when they are wrong (exit code 2), or after
    // printing the usage for --help (helpShown(), exit code 0).
    bool configure(const QStringList &args);
    bool helpShown() const { return m_helpShown; }
    // Starts the session; the application's exec() then runs until exitRequested.
    void start();

    static bool isSubcommand(const QString &arg);
    static QString usage();

Q_SIGNALS:
    void exitRequested(int code);

private:
    void onSessionChanged();
    void onStdinReadable();
    void onSignal();
    void onScriptFinished(bool ok, const QString &message);
    void finish(int code);
    void sendLine(const QByteArray &line);

    bool startRecording(); // false: --write was given and cannot be honoured

    SessionConfig m_config;
    CaptureRecorder::Options m_recordOptions; // --write: empty file name when off
    CaptureRecorder *m_recorder = nullptr;
    EventPrinter::Format m_format = EventPrinter::Format::Lines;
    StatisticsOptions m_statistics; // --stats, --rate: printed on exit
    qint64 m_memoryCap = 0;
    TrafficStore *m_store = nullptr;
    Engine *m_engine = nullptr;
    SessionId m_session = 0;
    bool m_opened = false;
    bool m_finishing = false;
    bool m_helpShown = false;
    QSocketNotifier *m_stdinNotifier = nullptr;
    QSocketNotifier *m_signalNotifier = nullptr;
    QByteArray m_stdinBuffer;
    EventPrinter *m_printer = nullptr; // standard output
    HeadlessSender *m_sender;
};
