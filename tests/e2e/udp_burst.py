#!/usr/bin/env python3
"""Sends N datagrams "datagram 000000", "datagram 000001", ... to
127.0.0.1:PORT as fast as the receiver reads them, never faster: a burst
goes out only while the receiving socket's queue (/proc/net/udp) is nearly
empty, so the kernel has no reason to drop one. Prints the receiving
socket's drop counter at the end (0 expected).

usage: udp_burst.py PORT N
"""
import socket
import sys
import time

BURST = 32               # datagrams sent at once
QUEUE_LOW = 16 * 1024    # bytes waiting in the receiver's queue to send more
DEADLINE_S = 60          # the receiver must keep reading within this


def receiver_queue(port):
    """(bytes queued, drops) of the UDP socket bound to 127.0.0.1:port."""
    want = "0100007F:%04X" % port
    with open("/proc/net/udp") as f:
        next(f)
        for line in f:
            fields = line.split()
            if len(fields) >= 13 and fields[1] == want:
                return int(fields[4].split(":")[1], 16), int(fields[12])
    sys.exit("no UDP socket is bound to 127.0.0.1:%d" % port)


def main():
    port, count = int(sys.argv[1]), int(sys.argv[2])
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    deadline = time.monotonic() + DEADLINE_S
    sent = 0
    while sent < count:
        queued, _ = receiver_queue(port)
        if queued > QUEUE_LOW:
            if time.monotonic() > deadline:
                sys.exit("the receiver stopped reading after %d datagrams" % sent)
            time.sleep(0.001)
            continue
        for _ in range(min(BURST, count - sent)):
            sock.sendto(b"datagram %06d" % sent, ("127.0.0.1", port))
            sent += 1
    print(receiver_queue(port)[1])


if __name__ == "__main__":
    main()
