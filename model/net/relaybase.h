#pragma once

#include "endpoint.h"

#include <QHostAddress>

// What the TCP and the UDP relay share: how they start, and that a relay
// sends nothing of its own.
class RelayBase : public Endpoint
{
    Q_OBJECT

public:
    using Endpoint::Endpoint;

    // Resolves the target, then the local address, then opens the relay
    // there; a failure of either lookup ends the session in the Error
    // state. The target goes first: a relay that cannot name its target
    // should not take anyone's bytes.
    void start() final;
    // A relay forwards what its clients and the target send.
    void send(const SendTarget &target, const QByteArray &bytes) override;

protected:
    // Opens the relay's socket on `local` for clients to reach `target`.
    virtual void open(const QHostAddress &target, const QHostAddress &local) = 0;
};
