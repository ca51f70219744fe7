#pragma once

#include "capture/packetsynthesizer.h"
#include "trafficevent.h"

#include <QString>

// Unix domain socket traffic in a capture file. Wireshark has no dissector
// for Unix sockets on an ordinary link type, so each Unix conversation is
// written as a loopback conversation between fake addresses that cannot be
// mistaken for real traffic: a stream (SOCK_STREAM or SOCK_SEQPACKET) as TCP,
// a datagram socket as UDP. Follow TCP Stream, the conversation and endpoint
// tables then work as for TCP, and each packet's pcapng comment still names
// the real socket path (the event's JSON).
//
//   a side named by a path or @NAME  127.85.0.1 (our side) / 127.85.0.2 (the
//                                    peer), port 1024 + FNV-1a(path) mod 64512
//   an unnamed side (a client that   127.86.0.1 (our side) / 127.86.0.2 (the
//   did not bind; "pid 42, uid 0")   peer), port 1024 + (address pair number
//                                    mod 64512), so each connection is its own
//                                    conversation
//
// (0x55, 85, is "U"; 127.0.0.0/8 never leaves a host.)
namespace UnixConversation {

// Whether an address string of the store names a Unix socket.
bool isUnixName(const QString &address);
// The fake endpoints for a Unix address pair; false when neither side is Unix.
bool endpoints(const QString &local, const QString &peer, AddressId id,
               PacketSynthesizer::Endpoints *out);

} // namespace UnixConversation
