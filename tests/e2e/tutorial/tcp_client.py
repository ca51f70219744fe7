# The TCP client that goes with the tutorial's "Welcome!/Hello, x!/exit" server
# (seeds/001, "TCP / 服务端"). The seed prints only the server and an HTTP
# client, so this is the classic client of the same tutorial, written with the
# seed's own calls (socket, connect, send, recv(1024), close); the server
# address comes from argv (HOST PORT).
import socket
import sys

s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect((sys.argv[1], int(sys.argv[2])))
print(s.recv(1024).decode('utf-8'))
for data in [b'Michael', b'Tracy', b'Sarah']:
    s.send(data)
    print(s.recv(1024).decode('utf-8'))
s.send(b'exit')
s.close()
