#!/usr/bin/env python3
"""The other host of the multicast tests, written with python's socket module.

  udp_probe.py recv 4|6 [GROUP IFNAME]
      binds the wildcard address on a free port, joins GROUP on IFNAME when
      given, prints "PORT n", then waits (at most 10 s) for one datagram and
      prints {"hex": ..., "from": ..., "ttl": ...}; ttl is the IPv4 TTL or the
      IPv6 hop limit the datagram arrived with.
  udp_probe.py send 4|6 ADDRESS PORT IFNAME HEX [SOURCE]
      sends one datagram of bytes HEX to ADDRESS:PORT through IFNAME (from
      the local address SOURCE when given).
"""
import json
import socket
import struct
import sys

# Linux's values, for pythons whose socket module lacks the names.
IP_RECVTTL = getattr(socket, "IP_RECVTTL", 12)
IPV6_RECVHOPLIMIT = getattr(socket, "IPV6_RECVHOPLIMIT", 51)
IPV6_HOPLIMIT = getattr(socket, "IPV6_HOPLIMIT", 52)


def recv(family, group=None, ifname=None):
    v6 = family == "6"
    s = socket.socket(socket.AF_INET6 if v6 else socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("::" if v6 else "0.0.0.0", 0))
    if v6:
        s.setsockopt(socket.IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1)
    else:
        s.setsockopt(socket.IPPROTO_IP, IP_RECVTTL, 1)
    if group:
        index = socket.if_nametoindex(ifname)
        if v6:
            mreq = socket.inet_pton(socket.AF_INET6, group) + struct.pack("@I", index)
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP, mreq)
        else:
            mreq = socket.inet_aton(group) + struct.pack("@4si", b"\0" * 4, index)
            s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, mreq)
    print("PORT %d" % s.getsockname()[1], flush=True)
    s.settimeout(10)
    data, ancillary, _flags, sender = s.recvmsg(65536, socket.CMSG_SPACE(4))
    ttl = None
    for level, kind, value in ancillary:
        if (level, kind) in ((socket.IPPROTO_IP, socket.IP_TTL),
                             (socket.IPPROTO_IPV6, IPV6_HOPLIMIT)):
            ttl = struct.unpack("@i", value[:4])[0] if len(value) >= 4 else value[0]
    print(json.dumps({"hex": data.hex(), "from": sender[0], "ttl": ttl}), flush=True)


def send(family, address, port, ifname, payload, source=None):
    v6 = family == "6"
    s = socket.socket(socket.AF_INET6 if v6 else socket.AF_INET, socket.SOCK_DGRAM)
    index = socket.if_nametoindex(ifname)
    if v6:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_IF, index)
    else:
        mreqn = struct.pack("@4s4si", b"\0" * 4, b"\0" * 4, index)
        s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, mreqn)
    if source:
        s.bind((source, 0))
    s.sendto(bytes.fromhex(payload), (address, int(port)))


if __name__ == "__main__":
    if sys.argv[1] == "recv":
        recv(*sys.argv[2:])
    else:
        send(*sys.argv[2:])
