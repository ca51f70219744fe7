# The UDP client of the tutorial (seeds/001, "UDP / 客户端"), verbatim except:
# the server address comes from argv (HOST PORT) instead of ('127.0.0.1', 9999),
# and `import socket` / `import sys`, which the excerpt leaves out, are added.
import socket
import sys

s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for data in [b'Michael', b'Tracy', b'Sarah']:
    s.sendto(data, (sys.argv[1], int(sys.argv[2])))
    print(s.recv(1024).decode('utf-8'))
s.close()
