# The tutorial's TCP hello client (tcp_client.py) over a Unix domain socket:
# the same calls on AF_UNIX. argv: PATH (or @NAME for an abstract name), and
# "seqpacket" to use SOCK_SEQPACKET. With seqpacket the two names are sent
# back to back before reading: each read must still return one whole reply.
import socket
import sys

path = sys.argv[1]
if path.startswith('@'):
    path = '\0' + path[1:]
seqpacket = len(sys.argv) > 2 and sys.argv[2] == 'seqpacket'
s = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET if seqpacket else socket.SOCK_STREAM)
s.connect(path)
print(s.recv(1024).decode('utf-8'))
if seqpacket:
    s.send(b'Michael')
    s.send(b'Tracy')
    print(s.recv(1024).decode('utf-8'))
    print(s.recv(1024).decode('utf-8'))
else:
    for data in [b'Michael', b'Tracy', b'Sarah']:
        s.send(data)
        print(s.recv(1024).decode('utf-8'))
s.send(b'exit')
s.close()
