# The UDP hello server of the tutorial (seeds/001, "UDP / 服务端"), verbatim
# except: the port comes from argv (0 picks a free one) and the bound port is
# printed ("Bind UDP on N..."), AF_INIT (a typo in the excerpt) is AF_INET, and
# `import sys` is added.
import socket
import sys

s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(('127.0.0.1', int(sys.argv[1])))
print('Bind UDP on %d...' % s.getsockname()[1])
while True:
    data, addr = s.recvfrom(1024)
    print('Received from %s:%s.' % addr)
    s.sendto(b'Hello, %s!' % data, addr)
