// socketscope-epoll-hello: the reference TCP hello server for the benchmarks.
//
// Deliberately minimal: one thread, one level-triggered epoll set, no
// framework.  It marks what this machine can do for the hello protocol, so
// SocketScope's figures are reported as a ratio to it.
//
// Protocol: on accept send "Welcome!"; each read is one message; one trailing
// "\n" or "\r\n" is stripped and appended after the reply; "exit" closes the
// connection; anything else is answered with "Hello, <message>!".
//
// Loopback only; ends on SIGINT/SIGTERM (exit 0) or after --seconds
// (default 60, at most 3600), whichever comes first.

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cinttypes>
#include <cmath>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace {

int64_t nowNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return int64_t(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

[[noreturn]] void die(const char *what)
{
    std::fprintf(stderr, "socketscope-epoll-hello: %s: %s\n", what, std::strerror(errno));
    std::exit(2);
}

[[noreturn]] void usage(const char *msg)
{
    std::fprintf(stderr,
                 "socketscope-epoll-hello: %s\n"
                 "usage: socketscope-epoll-hello --port P (0 = any) [--bind 127.0.0.1|::1] [--seconds S (default "
                 "60, max 3600)]\n",
                 msg);
    std::exit(2);
}

void raiseNoFileLimit()
{
    rlimit rl{};
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
        return;
    rlim_t target = rl.rlim_max;
    if (target == RLIM_INFINITY) {
        std::ifstream nrOpen("/proc/sys/fs/nr_open");
        unsigned long long v = 0;
        target = (nrOpen >> v) ? rlim_t(v) : rl.rlim_cur;
    }
    if (rl.rlim_cur < target) {
        rl.rlim_cur = target;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

struct Conn {
    std::string out; // reply bytes the kernel has not taken yet
    bool outArmed = false;
};

class Server {
public:
    Server(int listenFd, int sigFd) : listenFd_(listenFd), sigFd_(sigFd)
    {
        epfd_ = epoll_create1(EPOLL_CLOEXEC);
        if (epfd_ < 0)
            die("epoll_create1");
        add(listenFd_, EPOLLIN);
        add(sigFd_, EPOLLIN);
        // Spare descriptor: at EMFILE it is released to accept-and-close the
        // pending connection, otherwise level-triggered epoll would spin on
        // a listening socket that can never be drained.
        spareFd_ = open("/dev/null", O_RDONLY | O_CLOEXEC);
    }

    // Returns when a stop signal arrives or the deadline passes.
    void run(int64_t deadline)
    {
        std::array<epoll_event, 512> events{};
        while (!stop_) {
            const int64_t left = deadline - nowNs();
            if (left <= 0) {
                std::fprintf(stderr, "socketscope-epoll-hello: deadline reached\n");
                break;
            }
            const int waitMs = int(std::min<int64_t>((left + 999'999) / 1'000'000, 1000));
            const int n = epoll_wait(epfd_, events.data(), int(events.size()), waitMs);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                die("epoll_wait");
            }
            for (int i = 0; i < n; ++i) {
                const int fd = events[size_t(i)].data.fd;
                const uint32_t ev = events[size_t(i)].events;
                if (fd == listenFd_)
                    acceptSome();
                else if (fd == sigFd_)
                    stop_ = true;
                else
                    onConn(fd, ev);
            }
        }
    }

    void printStats() const
    {
        std::fprintf(stderr,
                     "socketscope-epoll-hello: accepted %" PRIu64 ", messages %" PRIu64 ", peak open %zu, "
                     "accept errors %" PRIu64 "\n",
                     accepted_, messages_, peakOpen_, acceptErrors_);
    }

private:
    void add(int fd, uint32_t events)
    {
        epoll_event ev{};
        ev.events = events;
        ev.data.fd = fd;
        if (epoll_ctl(epfd_, EPOLL_CTL_ADD, fd, &ev) != 0)
            die("epoll_ctl(ADD)");
    }

    void modify(int fd, uint32_t events)
    {
        epoll_event ev{};
        ev.events = events;
        ev.data.fd = fd;
        epoll_ctl(epfd_, EPOLL_CTL_MOD, fd, &ev);
    }

    void acceptSome()
    {
        // Bounded per wake-up so established connections are not starved
        // during a connect storm.
        for (int i = 0; i < 256; ++i) {
            const int fd = accept4(listenFd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd < 0) {
                if (errno == EAGAIN || errno == EWOULDBLOCK)
                    return;
                ++acceptErrors_;
                if ((errno == EMFILE || errno == ENFILE) && spareFd_ >= 0) {
                    close(spareFd_);
                    const int victim = accept4(listenFd_, nullptr, nullptr, SOCK_CLOEXEC);
                    if (victim >= 0)
                        close(victim);
                    spareFd_ = open("/dev/null", O_RDONLY | O_CLOEXEC);
                }
                return;
            }
            const int one = 1;
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            if (size_t(fd) >= conns_.size())
                conns_.resize(std::max(size_t(fd) + 1, conns_.size() * 2));
            conns_[size_t(fd)] = std::make_unique<Conn>();
            ++accepted_;
            ++open_;
            peakOpen_ = std::max(peakOpen_, open_);
            add(fd, EPOLLIN);
            Conn &c = *conns_[size_t(fd)];
            c.out = "Welcome!";
            flush(fd, c);
        }
    }

    void onConn(int fd, uint32_t ev)
    {
        if (size_t(fd) >= conns_.size() || !conns_[size_t(fd)])
            return;
        Conn &c = *conns_[size_t(fd)];
        if (ev & EPOLLERR) {
            closeConn(fd);
            return;
        }
        if ((ev & EPOLLOUT) && !flush(fd, c))
            return;
        if (ev & (EPOLLIN | EPOLLHUP))
            readMessage(fd, c);
    }

    // One read is one message, as in the protocol definition.
    void readMessage(int fd, Conn &c)
    {
        const ssize_t n = recv(fd, buf_.data(), buf_.size(), 0);
        if (n < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
                closeConn(fd);
            return;
        }
        if (n == 0) {
            closeConn(fd);
            return;
        }
        ++messages_;
        size_t len = size_t(n);
        const char *newline = "";
        if (len >= 2 && buf_[len - 2] == '\r' && buf_[len - 1] == '\n') {
            newline = "\r\n";
            len -= 2;
        } else if (len >= 1 && buf_[len - 1] == '\n') {
            newline = "\n";
            len -= 1;
        }
        if (len == 4 && std::memcmp(buf_.data(), "exit", 4) == 0) {
            closeConn(fd);
            return;
        }
        c.out.append("Hello, ").append(buf_.data(), len).append("!").append(newline);
        flush(fd, c);
    }

    // Returns false if the connection was closed.  While a reply is stuck,
    // reading pauses (EPOLLOUT only) so a client that never reads cannot make
    // the server buffer without bound.
    bool flush(int fd, Conn &c)
    {
        while (!c.out.empty()) {
            const ssize_t n = send(fd, c.out.data(), c.out.size(), MSG_NOSIGNAL);
            if (n > 0) {
                c.out.erase(0, size_t(n));
            } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                if (!c.outArmed) {
                    c.outArmed = true;
                    modify(fd, EPOLLOUT);
                }
                return true;
            } else if (n < 0 && errno == EINTR) {
                continue;
            } else {
                closeConn(fd);
                return false;
            }
        }
        if (c.outArmed) {
            c.outArmed = false;
            modify(fd, EPOLLIN);
        }
        return true;
    }

    void closeConn(int fd)
    {
        close(fd); // also removes it from the epoll set
        conns_[size_t(fd)].reset();
        --open_;
    }

    std::vector<std::unique_ptr<Conn>> conns_; // indexed by descriptor
    std::array<char, 65536> buf_{};
    int listenFd_;
    int sigFd_;
    int epfd_ = -1;
    int spareFd_ = -1;
    bool stop_ = false;
    uint64_t accepted_ = 0, messages_ = 0, acceptErrors_ = 0;
    size_t open_ = 0, peakOpen_ = 0;
};

} // namespace

int main(int argc, char **argv)
{
    int port = -1;
    std::string bindHost = "127.0.0.1";
    double seconds = 60.0;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (i + 1 >= argc)
            usage(("missing value for " + arg).c_str());
        const char *value = argv[++i];
        char *end = nullptr;
        if (arg == "--port") {
            const long v = std::strtol(value, &end, 10);
            if (*end || end == value || v < 0 || v > 65535)
                usage("bad --port");
            port = int(v);
        } else if (arg == "--bind") {
            bindHost = value;
        } else if (arg == "--seconds") {
            seconds = std::strtod(value, &end);
            if (*end || end == value || !std::isfinite(seconds) || seconds <= 0 || seconds > 3600)
                usage("bad --seconds (0 < S <= 3600)");
        } else {
            usage(("unknown option " + arg).c_str());
        }
    }
    if (port < 0)
        usage("missing --port");

    // Loopback only, by construction.
    sockaddr_storage addr{};
    socklen_t addrLen = 0;
    int family = AF_INET;
    in_addr a4{};
    in6_addr a6{};
    if (inet_pton(AF_INET, bindHost.c_str(), &a4) == 1 && (ntohl(a4.s_addr) >> 24) == 127) {
        auto *sin = reinterpret_cast<sockaddr_in *>(&addr);
        sin->sin_family = AF_INET;
        sin->sin_port = htons(uint16_t(port));
        sin->sin_addr = a4;
        addrLen = sizeof(sockaddr_in);
    } else if (inet_pton(AF_INET6, bindHost.c_str(), &a6) == 1 && IN6_IS_ADDR_LOOPBACK(&a6)) {
        auto *sin6 = reinterpret_cast<sockaddr_in6 *>(&addr);
        sin6->sin6_family = AF_INET6;
        sin6->sin6_port = htons(uint16_t(port));
        sin6->sin6_addr = a6;
        addrLen = sizeof(sockaddr_in6);
        family = AF_INET6;
    } else {
        usage("--bind must be a loopback address (127.0.0.0/8 or ::1)");
    }

    raiseNoFileLimit();

    // Signals arrive through a descriptor in the same epoll set, so stopping
    // needs no async-signal-safe juggling.
    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGINT);
    sigaddset(&mask, SIGTERM);
    sigprocmask(SIG_BLOCK, &mask, nullptr);
    const int sigFd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
    if (sigFd < 0)
        die("signalfd");
    std::signal(SIGPIPE, SIG_IGN);

    const int lfd = socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (lfd < 0)
        die("socket");
    const int one = 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(lfd, reinterpret_cast<const sockaddr *>(&addr), addrLen) != 0)
        die("bind");
    // The kernel silently caps the backlog at net.core.somaxconn.
    if (listen(lfd, 65535) != 0)
        die("listen");

    sockaddr_storage bound{};
    socklen_t boundLen = sizeof bound;
    getsockname(lfd, reinterpret_cast<sockaddr *>(&bound), &boundLen);
    const int boundPort = family == AF_INET ? ntohs(reinterpret_cast<sockaddr_in *>(&bound)->sin_port)
                                            : ntohs(reinterpret_cast<sockaddr_in6 *>(&bound)->sin6_port);
    // Runners wait for this line before starting clients.
    std::printf("PORT %d\n", boundPort);
    std::fflush(stdout);

    Server server(lfd, sigFd);
    server.run(nowNs() + int64_t(seconds * 1e9));
    server.printStats();
    return 0;
}
