#!/usr/bin/env python3
"""The Python tutorial's threaded TCP hello server, as the naive baseline.

Kept faithful on purpose: one thread per connection, blocking sockets,
recv(1024) as one message, and listen(5) -- the small backlog is part of what
this baseline demonstrates (connection storms overflow it and clients hang).

Differences from the tutorial, all needed to benchmark it:
  * the tutorial's time.sleep(1) per message is removed;
  * the port comes from argv[1] (0 = any free port; the bound port is
    printed as the first stdout line "PORT <n>");
  * the newline echo rule of the benchmark protocol: one trailing "\\n" or
    "\\r\\n" is stripped from the message and appended after the reply;
  * a hard deadline (argv[2] seconds, default 60) ends the process, so the
    server can never outlive a benchmark run.

Usage: tutorial_server.py PORT [SECONDS]
"""

import os
import socket
import sys
import threading


def tcplink(sock, addr):
    sock.send(b'Welcome!')
    while True:
        data = sock.recv(1024)
        text = data.decode('utf-8')
        newline = ''
        if text.endswith('\r\n'):
            text, newline = text[:-2], '\r\n'
        elif text.endswith('\n'):
            text, newline = text[:-1], '\n'
        if not data or text == 'exit':
            break
        sock.send(('Hello, %s!%s' % (text, newline)).encode('utf-8'))
    sock.close()


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 9999
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 60.0

    # Handler threads are not daemons (as in the tutorial), so only a hard
    # exit guarantees the deadline.
    watchdog = threading.Timer(seconds, lambda: os._exit(0))
    watchdog.daemon = True
    watchdog.start()

    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(('127.0.0.1', port))
    s.listen(5)
    print('PORT %d' % s.getsockname()[1], flush=True)
    while True:
        sock, addr = s.accept()
        t = threading.Thread(target=tcplink, args=(sock, addr))
        t.start()


if __name__ == '__main__':
    main()
