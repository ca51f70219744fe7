# Test peers for the relay tests (tst_relay_cli): small loopback servers and
# clients with exact behaviour, one mode per call. Servers print their port
# first ("port N") and serve one connection.
import socket
import sys


def listen():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(('127.0.0.1', 0))
    s.listen(1)
    print('port %d' % s.getsockname()[1], flush=True)
    conn, _ = s.accept()
    return conn


def read_all(conn):
    data = b''
    while True:
        chunk = conn.recv(65536)
        if not chunk:
            return data
        data += chunk


def pattern(size):
    block = bytes(i % 251 for i in range(251 * 4096))
    whole, rest = divmod(size, len(block))
    return block, whole, rest


mode = sys.argv[1]
if mode == 'count-server':
    # Reads until the client's half-close, then answers how much came.
    conn = listen()
    data = read_all(conn)
    conn.sendall(b'got %d bytes' % len(data))
    conn.close()
elif mode == 'reset-server':
    # Reads one message, then resets the connection (RST, no FIN).
    conn = listen()
    conn.recv(1024)
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b'\x01\x00\x00\x00\x00\x00\x00\x00')
    conn.close()
elif mode == 'expect-reset-server':
    # Tells whether the client's side was reset or closed in order.
    conn = listen()
    try:
        read_all(conn)
        print('closed', flush=True)
    except ConnectionResetError:
        print('reset', flush=True)
elif mode == 'flood-server':
    # Sends SIZE bytes of a pattern (byte i is i % 251), then closes.
    conn = listen()
    block, whole, rest = pattern(int(sys.argv[2]))
    for _ in range(whole):
        conn.sendall(block)
    conn.sendall(block[:rest])
    conn.close()
elif mode == 'half-close-client':
    # Sends, shuts down writing, and prints what comes back until the end.
    c = socket.create_connection(('127.0.0.1', int(sys.argv[2])))
    c.sendall(sys.argv[3].encode())
    c.shutdown(socket.SHUT_WR)
    sys.stdout.write(read_all(c).decode())
elif mode == 'reset-client':
    # Sends, then resets its connection.
    c = socket.create_connection(('127.0.0.1', int(sys.argv[2])))
    c.sendall(b'bye')
    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b'\x01\x00\x00\x00\x00\x00\x00\x00')
    c.close()
elif mode == 'expect-reset-client':
    # Sends and reports how the relay ended the connection.
    c = socket.create_connection(('127.0.0.1', int(sys.argv[2])))
    try:
        # The reset may come before the send (a refused target).
        c.sendall(b'hello')
        data = read_all(c)
        print('closed %d' % len(data), flush=True)
    except (ConnectionResetError, BrokenPipeError):
        print('reset', flush=True)
else:
    sys.exit('unknown mode ' + mode)
