// The endpoints' hooks into the sender's toolbox: auto-reply rules and
// scripted exchanges, kept apart from the socket handling in endpoint.cpp.
#include "endpoint.h"

#include "helloprotocol.h"
#include "hostport.h"
#include "ruleset.h"
#include "scriptrunner.h"
#include "tcpconnection.h"
#include "trafficstore.h"

#include <QPointer>

std::shared_ptr<RuleSet> Endpoint::makeRules() const
{
    const bool hello = m_config.protocol == SessionConfig::Protocol::Hello;
    if (m_config.rules.isEmpty() && !hello)
        return nullptr;
    auto rules = std::make_shared<RuleSet>();
    // Validated with the config; a failure here would mean a config that
    // skipped validate(), and then the rules simply do not answer.
    rules->compile(m_config.rules, m_config.encoding);
    if (hello)
        rules->appendHello(m_config.replyTemplate);
    return rules;
}

void Endpoint::answerOn(TcpConnection *connection, const std::shared_ptr<RuleSet> &rules,
                        bool greet)
{
    if (!rules)
        return;
    const bool hello = m_config.protocol == SessionConfig::Protocol::Hello;
    HelloProtocol::Config config;
    config.replyTemplate = m_config.replyTemplate;
    config.exitWord = hello ? m_config.exitWord : QByteArray();
    config.lineFraming = m_config.framing == SessionConfig::Framing::Lines;
    config.maxLineLength = m_config.maxLineLength;
    config.rules = rules;
    connection->enableHello(config, greet && hello ? m_config.greeting : QByteArray());
}

void Endpoint::runScriptOn(TcpConnection *connection)
{
    if (m_config.script.isEmpty())
        return;
    QPointer<TcpConnection> target(connection);
    StreamSocket *socket = connection->socket();
    ScriptRunner *runner = startScript(
        connection->id(), connection->addresses(),
        HostPort::format(socket->peerAddress(), socket->peerPort()),
        [target](const QByteArray &bytes) {
            if (target)
                target->send(bytes);
        },
        [target] {
            if (target)
                target->close(Closer::Local, tr("Closed by the script"));
        },
        connection);
    if (!runner)
        return;
    // After the connection's own handler, so the store has the bytes first.
    connect(socket, &StreamSocket::received, runner, &ScriptRunner::receive);
    connect(connection, &TcpConnection::ended, runner, &ScriptRunner::connectionClosed);
    runner->start();
}

ScriptRunner *Endpoint::startScript(ConnectionId connection, AddressId addresses,
                                    const QString &peer,
                                    std::function<void(const QByteArray &)> send,
                                    std::function<void()> close, QObject *parent)
{
    if (m_config.script.isEmpty())
        return nullptr;
    Script script;
    QString error;
    if (!script.parse(m_config.script, m_config.encoding, &error)) {
        reportError(tr("Script: %1").arg(error), false, connection, addresses);
        return nullptr;
    }
    auto *runner = new ScriptRunner(script, peer, {std::move(send), std::move(close)}, parent);
    connect(runner, &ScriptRunner::stepChanged, this,
            [this, connection](int step, int status, const QString &detail) {
                Q_EMIT scriptStepChanged(connection, step, status, detail);
            });
    connect(runner, &ScriptRunner::finished, this,
            [this, connection, addresses](bool ok, const QString &message) {
                if (ok)
                    recordNote(message, connection, addresses);
                else
                    record(EventKind::Error, connection, addresses, message.toUtf8());
                Q_EMIT scriptFinished(connection, ok, message);
            });
    return runner;
}
