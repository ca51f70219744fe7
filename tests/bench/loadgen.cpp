// socketscope-loadgen: load generator and UDP sink for the SocketScope benchmarks.
//
// Linux only (epoll, sendmmsg/recvmmsg, SO_RXQ_OVFL), no Qt, so that the
// measuring side never shares code or event-loop behaviour with the program
// under test.  Three subcommands:
//
//   tcp-hello  N concurrent clients speaking the TCP hello protocol
//   udp-flood  rate-paced (or unpaced) datagrams carrying a sequence number
//   udp-sink   counts datagrams, sequence gaps and kernel drops
//
// Safety rules built in: every target / bind address must be loopback, and
// every loop ends at a hard deadline (default 60 s, never more than 3600 s).

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cinttypes>
#include <cstdarg>
#include <cmath>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

constexpr double kMaxSeconds = 3600.0;
constexpr double kDefaultTimeout = 60.0;

// ---------------------------------------------------------------- utilities

struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

int64_t nowNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return int64_t(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// Parses "--name value" pairs and bare "--flag"s; anything unknown is an
// error so that a typo never silently runs a different benchmark.
class Options {
public:
    Options(int argc, char **argv, int first, const std::set<std::string> &valued,
            const std::set<std::string> &flags)
    {
        for (int i = first; i < argc; ++i) {
            const std::string arg = argv[i];
            if (arg.rfind("--", 0) != 0)
                throw UsageError("unexpected argument: " + arg);
            const std::string name = arg.substr(2);
            if (flags.count(name)) {
                values_[name] = "1";
            } else if (valued.count(name)) {
                if (i + 1 >= argc)
                    throw UsageError("missing value for " + arg);
                values_[name] = argv[++i];
            } else {
                throw UsageError("unknown option: " + arg);
            }
        }
    }

    bool has(const std::string &name) const { return values_.count(name) != 0; }

    std::string str(const std::string &name, const std::string &def) const
    {
        auto it = values_.find(name);
        return it == values_.end() ? def : it->second;
    }

    double number(const std::string &name, double def, double lo, double hi, bool integer) const
    {
        auto it = values_.find(name);
        if (it == values_.end())
            return def;
        const char *text = it->second.c_str();
        char *end = nullptr;
        errno = 0;
        const double v = std::strtod(text, &end);
        if (errno != 0 || end == text || *end != '\0' || !std::isfinite(v))
            throw UsageError("--" + name + ": not a number: " + it->second);
        if (v < lo || v > hi)
            throw UsageError("--" + name + ": out of range [" + fmtNum(lo) + ", " + fmtNum(hi) + "]");
        if (integer && v != std::floor(v))
            throw UsageError("--" + name + ": must be an integer");
        return v;
    }

    double required(const std::string &name, double lo, double hi, bool integer) const
    {
        if (!has(name))
            throw UsageError("missing --" + name);
        return number(name, 0, lo, hi, integer);
    }

private:
    static std::string fmtNum(double v)
    {
        char b[64];
        std::snprintf(b, sizeof b, "%g", v);
        return b;
    }
    std::map<std::string, std::string> values_;
};

struct Endpoint {
    sockaddr_storage addr{};
    socklen_t len = 0;
    int family = AF_UNSPEC;
};

// Only loopback is accepted: the benchmarks must never put traffic on a real
// network, whatever is typed on the command line.
Endpoint loopbackEndpoint(const std::string &hostIn, int port)
{
    const std::string host = hostIn == "localhost" ? "127.0.0.1" : hostIn;
    Endpoint ep;
    in_addr a4{};
    in6_addr a6{};
    if (inet_pton(AF_INET, host.c_str(), &a4) == 1) {
        if ((ntohl(a4.s_addr) >> 24) != 127)
            throw UsageError("refusing non-loopback address " + host + " (only 127.0.0.0/8 or ::1)");
        auto *sin = reinterpret_cast<sockaddr_in *>(&ep.addr);
        sin->sin_family = AF_INET;
        sin->sin_port = htons(uint16_t(port));
        sin->sin_addr = a4;
        ep.len = sizeof(sockaddr_in);
        ep.family = AF_INET;
    } else if (inet_pton(AF_INET6, host.c_str(), &a6) == 1) {
        if (!IN6_IS_ADDR_LOOPBACK(&a6))
            throw UsageError("refusing non-loopback address " + host + " (only 127.0.0.0/8 or ::1)");
        auto *sin6 = reinterpret_cast<sockaddr_in6 *>(&ep.addr);
        sin6->sin6_family = AF_INET6;
        sin6->sin6_port = htons(uint16_t(port));
        sin6->sin6_addr = a6;
        ep.len = sizeof(sockaddr_in6);
        ep.family = AF_INET6;
    } else {
        throw UsageError("not a numeric address: " + host);
    }
    return ep;
}

int boundPort(int fd)
{
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    if (getsockname(fd, reinterpret_cast<sockaddr *>(&ss), &len) != 0)
        return -1;
    if (ss.ss_family == AF_INET)
        return ntohs(reinterpret_cast<sockaddr_in *>(&ss)->sin_port);
    return ntohs(reinterpret_cast<sockaddr_in6 *>(&ss)->sin6_port);
}

// Thousands of clients need thousands of descriptors; the soft limit is
// often 1024 while the hard limit is much higher.
rlim_t raiseNoFileLimit()
{
    rlimit rl{};
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
        return 0;
    rlim_t target = rl.rlim_max;
    if (target == RLIM_INFINITY) {
        // The kernel rejects "infinity" for NOFILE; nr_open is the real ceiling.
        std::ifstream nrOpen("/proc/sys/fs/nr_open");
        unsigned long long v = 0;
        target = (nrOpen >> v) ? rlim_t(v) : rl.rlim_cur;
    }
    if (rl.rlim_cur < target) {
        rl.rlim_cur = target;
        if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
            std::perror("setrlimit(RLIMIT_NOFILE)");
    }
    getrlimit(RLIMIT_NOFILE, &rl);
    return rl.rlim_cur;
}

std::string errnoName(int err)
{
    switch (err) {
    case ECONNREFUSED: return "ECONNREFUSED";
    case ECONNRESET: return "ECONNRESET";
    case ETIMEDOUT: return "ETIMEDOUT";
    case EPIPE: return "EPIPE";
    case EMFILE: return "EMFILE";
    case ENFILE: return "ENFILE";
    case EADDRNOTAVAIL: return "EADDRNOTAVAIL";
    case EADDRINUSE: return "EADDRINUSE";
    case ENOBUFS: return "ENOBUFS";
    case ENOMEM: return "ENOMEM";
    case EHOSTUNREACH: return "EHOSTUNREACH";
    case ENETUNREACH: return "ENETUNREACH";
    default: return "errno" + std::to_string(err);
    }
}

// Nearest-rank percentile of an ascending vector.
int64_t percentile(const std::vector<int64_t> &sorted, double p)
{
    if (sorted.empty())
        return 0;
    auto rank = size_t(std::ceil(p / 100.0 * double(sorted.size())));
    rank = std::clamp<size_t>(rank, 1, sorted.size());
    return sorted[rank - 1];
}

std::string jsonEscape(const std::string &s)
{
    std::string out;
    for (unsigned char ch : s) {
        if (ch == '"' || ch == '\\') {
            out += '\\';
            out += char(ch);
        } else if (ch < 0x20) {
            char b[8];
            std::snprintf(b, sizeof b, "\\u%04x", ch);
            out += b;
        } else {
            out += char(ch);
        }
    }
    return out;
}

std::string fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
std::string fmt(const char *f, ...)
{
    char b[512];
    va_list ap;
    va_start(ap, f);
    std::vsnprintf(b, sizeof b, f, ap);
    va_end(ap);
    return b;
}

struct LatencySummary {
    size_t count = 0;
    double p50 = 0, p99 = 0, max = 0; // microseconds
};

LatencySummary summarize(std::vector<int64_t> &ns)
{
    std::sort(ns.begin(), ns.end());
    LatencySummary s;
    s.count = ns.size();
    s.p50 = double(percentile(ns, 50)) / 1000.0;
    s.p99 = double(percentile(ns, 99)) / 1000.0;
    s.max = ns.empty() ? 0.0 : double(ns.back()) / 1000.0;
    return s;
}

std::string latencyJson(const LatencySummary &s)
{
    return fmt("{\"count\":%zu,\"p50\":%.1f,\"p99\":%.1f,\"max\":%.1f}", s.count, s.p50, s.p99, s.max);
}

volatile std::sig_atomic_t g_stop = 0;

void onStopSignal(int) { g_stop = 1; }

// No SA_RESTART: a blocking poll()/nanosleep() must return so the loop sees g_stop.
void installStopHandlers()
{
    struct sigaction sa{};
    sa.sa_handler = onStopSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
}

// ---------------------------------------------------------------- tcp-hello

enum class Phase : uint8_t { Pending, Connecting, Greeting, Parked, Reply, Closing, Done, Failed };

enum ErrKind { kRefused, kReset, kTimeout, kHung, kWrongBytes, kEarlyClose, kOther, kErrKinds };
const char *const kErrNames[kErrKinds] = {"refused", "reset", "timeout", "hung",
                                          "wrong_bytes", "early_close", "other"};

ErrKind classifyErrno(int err)
{
    switch (err) {
    case ECONNREFUSED: return kRefused;
    case ECONNRESET:
    case EPIPE: return kReset;
    case ETIMEDOUT: return kTimeout;
    default: return kOther;
    }
}

struct Client {
    std::string expect; // bytes the server must send in the current phase
    std::string out;    // bytes not yet accepted by the kernel
    int64_t tConnect = 0;
    int64_t tSent = 0;
    int fd = -1;
    uint32_t round = 0;
    uint32_t matched = 0; // prefix of `expect` received so far
    Phase phase = Phase::Pending;
    bool outArmed = false;
};

class TcpHello {
public:
    TcpHello(const Endpoint &ep, uint32_t clients, uint32_t rounds, double connectRate, double timeoutS,
             bool barrier)
        : ep_(ep), rounds_(rounds), connectRate_(connectRate), timeoutNs_(int64_t(timeoutS * 1e9)),
          barrier_(barrier), clients_(clients)
    {
        rtt_.reserve(size_t(clients) * rounds);
        greet_.reserve(clients);
    }

    void run()
    {
        epfd_ = epoll_create1(EPOLL_CLOEXEC);
        if (epfd_ < 0)
            throw std::runtime_error(std::string("epoll_create1: ") + std::strerror(errno));
        std::vector<epoll_event> events(1024);
        const int64_t tStart = nowNs();
        const int64_t deadline = tStart + timeoutNs_;
        const size_t total = clients_.size();
        size_t next = 0;

        // Ends when every client has finished (bounded by N) or at the deadline.
        while (finished_ < total && !g_stop) {
            int64_t now = nowNs();
            if (now >= deadline)
                break;
            // Start due connections in slices so replies keep being served
            // while thousands of connects are still being issued.
            for (int budget = 256; next < total && budget > 0; --budget) {
                if (connectRate_ > 0 && tStart + int64_t(double(next) * 1e9 / connectRate_) > now)
                    break;
                startConnect(uint32_t(next++));
            }
            now = nowNs();
            int64_t waitNs = deadline - now;
            if (next < total) {
                const int64_t due = connectRate_ > 0
                        ? tStart + int64_t(double(next) * 1e9 / connectRate_) - now
                        : 0;
                waitNs = std::min(waitNs, std::max<int64_t>(due, 0));
            }
            const int waitMs = int(std::clamp<int64_t>((waitNs + 999'999) / 1'000'000, 0, 1000));
            const int n = epoll_wait(epfd_, events.data(), int(events.size()), waitMs);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                throw std::runtime_error(std::string("epoll_wait: ") + std::strerror(errno));
            }
            for (int i = 0; i < n; ++i)
                onEvent(events[size_t(i)].data.u32, events[size_t(i)].events);
        }

        // Whatever is still open at the deadline never completed: "hung".
        for (Client &c : clients_) {
            if (c.phase == Phase::Done || c.phase == Phase::Failed)
                continue;
            ++errors_[kHung];
            ++hungIn_[phaseName(c.phase)];
            if (c.fd >= 0) {
                // Abort with RST so thousands of hung sockets do not sit in
                // TIME_WAIT and eat ephemeral ports of the following runs.
                linger lg{1, 0};
                setsockopt(c.fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
                close(c.fd);
                c.fd = -1;
            }
        }
        close(epfd_);
        epfd_ = -1;
    }

    void report(bool json, const std::string &host, int port)
    {
        const LatencySummary rtt = summarize(rtt_);
        const LatencySummary greet = summarize(greet_);
        const double wall = (firstConnect_ >= 0 && lastProgress_ > firstConnect_)
                ? double(lastProgress_ - firstConnect_) / 1e9
                : 0.0;
        const double rate = wall > 0 ? double(roundTrips_) / wall : 0.0;
        const uint64_t errTotal = [&] {
            uint64_t t = 0;
            for (uint64_t e : errors_)
                t += e;
            return t;
        }();

        FILE *human = json ? stderr : stdout;
        std::fprintf(human, "tcp-hello %s port %d: %zu clients x %u rounds\n", host.c_str(), port,
                     clients_.size(), rounds_);
        std::fprintf(human, "  %-20s %" PRIu64 " / %zu  (peak %zu connected at once%s)\n", "clients ok", ok_,
                     clients_.size(), peakConnected_, barrier_ ? ", barrier" : "");
        std::fprintf(human, "  %-20s %" PRIu64 " in %.3f s = %.0f /s\n", "round trips", roundTrips_, wall, rate);
        std::fprintf(human, "  %-20s p50 %.1f us  p99 %.1f us  max %.1f us  (n=%zu)\n", "round-trip latency",
                     rtt.p50, rtt.p99, rtt.max, rtt.count);
        std::fprintf(human, "  %-20s p50 %.1f us  p99 %.1f us  max %.1f us  (n=%zu)\n", "connect->greeting",
                     greet.p50, greet.p99, greet.max, greet.count);
        std::fprintf(human, "  %-20s", "errors");
        for (int k = 0; k < kErrKinds; ++k)
            std::fprintf(human, " %s %" PRIu64, kErrNames[k], errors_[size_t(k)]);
        std::fprintf(human, "\n");
        if (!hungIn_.empty()) {
            std::fprintf(human, "  %-20s", "hung in phase");
            for (const auto &[phase, count] : hungIn_)
                std::fprintf(human, " %s %" PRIu64, phase.c_str(), count);
            std::fprintf(human, "\n");
        }
        if (!otherDetail_.empty()) {
            std::fprintf(human, "  %-20s", "other errors");
            for (const auto &[name, count] : otherDetail_)
                std::fprintf(human, " %s %" PRIu64, name.c_str(), count);
            std::fprintf(human, "\n");
        }
        if (!firstError_.empty())
            std::fprintf(human, "  %-20s %s\n", "first error", firstError_.c_str());
        std::fflush(human);

        if (!json)
            return;
        std::string j = "{\"mode\":\"tcp-hello\"";
        j += ",\"host\":\"" + jsonEscape(host) + "\"";
        j += fmt(",\"port\":%d,\"clients\":%zu,\"rounds\":%u,\"connect_rate\":%g,\"timeout_s\":%g", port,
                 clients_.size(), rounds_, connectRate_, double(timeoutNs_) / 1e9);
        j += fmt(",\"clients_ok\":%" PRIu64 ",\"round_trips\":%" PRIu64 ",\"wall_s\":%.6f", ok_, roundTrips_, wall);
        j += fmt(",\"round_trips_per_s\":%.1f,\"peak_concurrent\":%zu,\"barrier\":%s", rate, peakConnected_,
                 barrier_ ? "true" : "false");
        j += ",\"rtt_us\":" + latencyJson(rtt);
        j += ",\"greeting_us\":" + latencyJson(greet);
        j += ",\"errors\":{";
        for (int k = 0; k < kErrKinds; ++k)
            j += fmt("%s\"%s\":%" PRIu64, k ? "," : "", kErrNames[k], errors_[size_t(k)]);
        j += fmt("},\"errors_total\":%" PRIu64 ",\"hung_in\":{", errTotal);
        bool first = true;
        for (const auto &[phase, count] : hungIn_) {
            j += fmt("%s\"%s\":%" PRIu64, first ? "" : ",", phase.c_str(), count);
            first = false;
        }
        j += "},\"other_detail\":{";
        first = true;
        for (const auto &[name, count] : otherDetail_) {
            j += fmt("%s\"%s\":%" PRIu64, first ? "" : ",", name.c_str(), count);
            first = false;
        }
        j += "},\"first_error\":\"" + jsonEscape(firstError_) + "\"}";
        std::printf("%s\n", j.c_str());
        std::fflush(stdout);
    }

    bool allOk() const { return ok_ == clients_.size(); }

private:
    static const char *phaseName(Phase p)
    {
        switch (p) {
        case Phase::Pending: return "not_started";
        case Phase::Connecting: return "connect";
        case Phase::Greeting: return "greeting";
        case Phase::Parked: return "barrier";
        case Phase::Reply: return "reply";
        case Phase::Closing: return "close";
        case Phase::Done: return "done";
        case Phase::Failed: return "failed";
        }
        return "?";
    }

    void setInterest(uint32_t id, Client &c, uint32_t events)
    {
        epoll_event ev{};
        ev.events = events;
        ev.data.u32 = id;
        if (epoll_ctl(epfd_, EPOLL_CTL_MOD, c.fd, &ev) != 0)
            fail(id, c, kOther, errno, "epoll_ctl");
    }

    void startConnect(uint32_t id)
    {
        Client &c = clients_[id];
        c.fd = socket(ep_.family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (c.fd < 0) {
            fail(id, c, classifyErrno(errno), errno, "socket");
            return;
        }
        // Requests are tiny and each waits for its reply; Nagle would only
        // add noise to "exit\n" following a reply.
        const int one = 1;
        setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        c.tConnect = nowNs();
        if (firstConnect_ < 0)
            firstConnect_ = c.tConnect;
        const int r = connect(c.fd, reinterpret_cast<const sockaddr *>(&ep_.addr), ep_.len);
        if (r != 0 && errno != EINPROGRESS) {
            fail(id, c, classifyErrno(errno), errno, "connect");
            return;
        }
        c.phase = r == 0 ? Phase::Greeting : Phase::Connecting;
        c.expect = "Welcome!";
        c.matched = 0;
        epoll_event ev{};
        ev.events = r == 0 ? EPOLLIN : EPOLLOUT;
        ev.data.u32 = id;
        if (epoll_ctl(epfd_, EPOLL_CTL_ADD, c.fd, &ev) != 0)
            fail(id, c, kOther, errno, "epoll_ctl");
    }

    void onEvent(uint32_t id, uint32_t events)
    {
        Client &c = clients_[id];
        if (c.phase == Phase::Connecting) {
            int err = 0;
            socklen_t len = sizeof err;
            getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &err, &len);
            if (err != 0) {
                fail(id, c, classifyErrno(err), err, "connect");
                return;
            }
            if (!(events & EPOLLOUT))
                return;
            c.phase = Phase::Greeting;
            setInterest(id, c, EPOLLIN);
            return;
        }
        if (c.phase == Phase::Pending || c.phase == Phase::Done || c.phase == Phase::Failed)
            return; // stale event for a client closed earlier in this batch
        if ((events & EPOLLOUT) && !flush(id, c))
            return;
        if (events & (EPOLLIN | EPOLLERR | EPOLLHUP))
            readSome(id, c);
    }

    void readSome(uint32_t id, Client &c)
    {
        const ssize_t n = recv(c.fd, buf_.data(), buf_.size(), 0);
        if (n < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
                fail(id, c, classifyErrno(errno), errno, "recv");
            return;
        }
        const int64_t now = nowNs();
        if (n == 0) {
            if (c.phase == Phase::Closing)
                finish(c, now);
            else
                fail(id, c, kEarlyClose, 0, phaseName(c.phase));
            return;
        }
        // Compare byte by byte: replies may arrive split over several reads,
        // and any byte beyond or different from the expected text is an error.
        for (ssize_t i = 0; i < n; ++i) {
            if (c.matched >= c.expect.size() || buf_[size_t(i)] != c.expect[c.matched]) {
                const std::string detail = fmt("%s: byte %u is 0x%02x, expected %s", phaseName(c.phase),
                                               c.matched, unsigned(uint8_t(buf_[size_t(i)])),
                                               c.matched < c.expect.size()
                                                       ? fmt("0x%02x", unsigned(uint8_t(c.expect[c.matched]))).c_str()
                                                       : "nothing more");
                fail(id, c, kWrongBytes, 0, detail);
                return;
            }
            ++c.matched;
        }
        if (c.matched < c.expect.size())
            return;
        if (c.phase == Phase::Greeting) {
            greet_.push_back(now - c.tConnect);
            ++connected_;
            peakConnected_ = std::max(peakConnected_, connected_);
            if (barrier_) {
                // Hold every client after its greeting until all of them are
                // connected, so the server really holds N connections at once.
                c.phase = Phase::Parked;
                ++parked_;
                maybeRelease();
                return;
            }
        } else if (c.phase == Phase::Reply) {
            rtt_.push_back(now - c.tSent);
            ++roundTrips_;
            lastProgress_ = now;
            ++c.round;
        }
        nextRequest(id, c);
    }

    void nextRequest(uint32_t id, Client &c)
    {
        c.matched = 0;
        if (c.round < rounds_) {
            const std::string name = "c" + std::to_string(id) + "r" + std::to_string(c.round);
            c.out = name + "\n";
            c.expect = "Hello, " + name + "!\n";
            c.phase = Phase::Reply;
        } else {
            c.out = "exit\n";
            c.expect.clear();
            c.phase = Phase::Closing;
        }
        c.tSent = nowNs();
        flush(id, c);
    }

    // Returns false if the client failed.
    bool flush(uint32_t id, Client &c)
    {
        while (!c.out.empty()) {
            const ssize_t n = send(c.fd, c.out.data(), c.out.size(), MSG_NOSIGNAL);
            if (n > 0) {
                c.out.erase(0, size_t(n));
            } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                if (!c.outArmed) {
                    c.outArmed = true;
                    setInterest(id, c, EPOLLIN | EPOLLOUT);
                }
                return c.phase != Phase::Failed;
            } else if (n < 0 && errno == EINTR) {
                continue;
            } else {
                fail(id, c, classifyErrno(errno), errno, "send");
                return false;
            }
        }
        if (c.outArmed) {
            c.outArmed = false;
            setInterest(id, c, EPOLLIN);
        }
        return c.phase != Phase::Failed;
    }

    // Releases the barrier once every client is parked or has failed.
    void maybeRelease()
    {
        if (!barrier_ || released_ || parked_ + finished_ < clients_.size())
            return;
        released_ = true;
        for (uint32_t id = 0; id < clients_.size(); ++id) {
            if (clients_[id].phase == Phase::Parked)
                nextRequest(id, clients_[id]);
        }
    }

    void leaveConnected(Client &c)
    {
        if (c.phase == Phase::Parked)
            --parked_;
        if (c.phase == Phase::Parked || c.phase == Phase::Reply || c.phase == Phase::Closing)
            --connected_;
    }

    void finish(Client &c, int64_t now)
    {
        leaveConnected(c);
        close(c.fd);
        c.fd = -1;
        c.phase = Phase::Done;
        c.out.clear();
        c.out.shrink_to_fit();
        c.expect.clear();
        c.expect.shrink_to_fit();
        ++ok_;
        ++finished_;
        lastProgress_ = std::max(lastProgress_, now);
    }

    void fail(uint32_t id, Client &c, ErrKind kind, int err, const std::string &where)
    {
        if (c.phase == Phase::Failed)
            return;
        leaveConnected(c);
        ++errors_[kind];
        if (kind == kOther)
            ++otherDetail_[err ? errnoName(err) : where];
        if (firstError_.empty())
            firstError_ = fmt("client %u: %s: %s%s", id, kErrNames[kind], where.c_str(),
                              err ? (std::string(" (") + std::strerror(err) + ")").c_str() : "");
        if (c.fd >= 0)
            close(c.fd);
        c.fd = -1;
        c.phase = Phase::Failed;
        ++finished_;
        maybeRelease();
    }

    Endpoint ep_;
    uint32_t rounds_;
    double connectRate_;
    int64_t timeoutNs_;
    bool barrier_;
    bool released_ = false;
    size_t parked_ = 0, connected_ = 0, peakConnected_ = 0;
    std::vector<Client> clients_;
    std::vector<int64_t> rtt_, greet_;
    std::array<char, 65536> buf_{};
    std::array<uint64_t, kErrKinds> errors_{};
    std::map<std::string, uint64_t> hungIn_, otherDetail_;
    std::string firstError_;
    int epfd_ = -1;
    size_t finished_ = 0;
    uint64_t ok_ = 0, roundTrips_ = 0;
    int64_t firstConnect_ = -1, lastProgress_ = -1;
};

int cmdTcpHello(int argc, char **argv)
{
    const Options o(argc, argv, 2, {"host", "port", "clients", "rounds", "connect-rate", "timeout"},
                    {"json", "barrier"});
    const std::string host = o.str("host", "127.0.0.1");
    const int port = int(o.required("port", 1, 65535, true));
    const auto clients = uint32_t(o.required("clients", 1, 1'000'000, true));
    const auto rounds = uint32_t(o.required("rounds", 0, 1'000'000, true));
    const double rate = o.number("connect-rate", 0, 0, 1e9, false);
    const double timeout = o.number("timeout", kDefaultTimeout, 0.1, kMaxSeconds, false);
    if (double(clients) * double(rounds) > 50e6)
        throw UsageError("clients x rounds above 50 million: latency samples would not fit in memory");
    const Endpoint ep = loopbackEndpoint(host, port);

    const rlim_t fdLimit = raiseNoFileLimit();
    if (fdLimit < rlim_t(clients) + 16)
        std::fprintf(stderr, "warning: RLIMIT_NOFILE is %llu, below %u clients; expect EMFILE errors\n",
                     static_cast<unsigned long long>(fdLimit), clients);
    installStopHandlers();

    TcpHello bench(ep, clients, rounds, rate, timeout, o.has("barrier"));
    bench.run();
    bench.report(o.has("json"), host, port);
    return bench.allOk() ? 0 : 1;
}

// ---------------------------------------------------------------- udp-flood

void putSeq(char *p, uint64_t seq)
{
    for (int i = 0; i < 8; ++i)
        p[i] = char(uint8_t(seq >> (8 * i)));
}

uint64_t getSeq(const unsigned char *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | p[i];
    return v;
}

int cmdUdpFlood(int argc, char **argv)
{
    const Options o(argc, argv, 2, {"host", "port", "size", "rate", "seconds"}, {"json"});
    const std::string host = o.str("host", "127.0.0.1");
    const int port = int(o.required("port", 1, 65535, true));
    const auto size = size_t(o.required("size", 8, 65507, true));
    const double seconds = o.required("seconds", 0.01, kMaxSeconds, false);
    const std::string rateText = o.str("rate", "max");
    const bool unpaced = rateText == "max";
    const double rate = unpaced ? 0.0 : o.number("rate", 0, 1, 1e9, false);
    const Endpoint ep = loopbackEndpoint(host, port);
    installStopHandlers();

    const int fd = socket(ep.family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
    // connect() fixes the peer so sendmmsg needs no per-message address; a
    // send timeout keeps a (rare) blocking send from outliving the deadline.
    if (connect(fd, reinterpret_cast<const sockaddr *>(&ep.addr), ep.len) != 0)
        throw std::runtime_error(std::string("connect: ") + std::strerror(errno));
    timeval tv{0, 100'000};
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    // Replies (e.g. a hello server answering) are of no interest; keep the
    // receive queue small so they are simply dropped by the kernel.
    const int small = 4096;
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);

    constexpr size_t kBatch = 64;
    std::vector<std::vector<char>> payload(kBatch, std::vector<char>(size, 'x'));
    std::array<iovec, kBatch> iov{};
    std::array<mmsghdr, kBatch> msgs{};
    for (size_t i = 0; i < kBatch; ++i) {
        iov[i].iov_base = payload[i].data();
        iov[i].iov_len = size;
        msgs[i].msg_hdr.msg_iov = &iov[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
    }

    uint64_t sent = 0, refused = 0, nobufs = 0, otherErr = 0;
    const int64_t t0 = nowNs();
    const int64_t end = t0 + int64_t(seconds * 1e9);
    int64_t tLast = t0;
    // Ends at the deadline; each pass sends at most one batch or sleeps.
    while (!g_stop) {
        const int64_t now = nowNs();
        if (now >= end)
            break;
        size_t n = kBatch;
        if (!unpaced) {
            const auto due = uint64_t(double(now - t0) * rate / 1e9);
            if (due <= sent) {
                // Sleep until the next datagram is due (absolute, so drift
                // does not accumulate), never past the deadline.
                const int64_t wake = std::min(end, t0 + int64_t(double(sent + 1) * 1e9 / rate));
                timespec ts{time_t(wake / 1'000'000'000), long(wake % 1'000'000'000)};
                clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr);
                continue;
            }
            n = size_t(std::min<uint64_t>(due - sent, kBatch));
        }
        for (size_t i = 0; i < n; ++i)
            putSeq(payload[i].data(), sent + i);
        const int r = sendmmsg(fd, msgs.data(), unsigned(n), 0);
        if (r > 0) {
            sent += uint64_t(r);
            tLast = nowNs();
        } else if (r < 0) {
            // A connected UDP socket reports an earlier ICMP "port
            // unreachable" as ECONNREFUSED on a later send; count and go on.
            if (errno == ECONNREFUSED) {
                ++refused;
            } else if (errno == ENOBUFS || errno == EAGAIN || errno == EWOULDBLOCK) {
                ++nobufs;
                timespec pause{0, 50'000};
                nanosleep(&pause, nullptr);
            } else if (errno != EINTR) {
                ++otherErr;
                if (otherErr > 1000)
                    throw std::runtime_error(std::string("sendmmsg: ") + std::strerror(errno));
            }
        }
    }
    close(fd);
    const double elapsed = double(tLast - t0) / 1e9;
    const double achieved = elapsed > 0 ? double(sent) / elapsed : 0.0;
    const bool json = o.has("json");
    FILE *human = json ? stderr : stdout;
    std::fprintf(human, "udp-flood %s port %d: %zu-byte datagrams, rate %s, %.2f s\n", host.c_str(), port, size,
                 unpaced ? "max" : fmt("%.0f/s", rate).c_str(), seconds);
    std::fprintf(human, "  sent %" PRIu64 " in %.3f s = %.0f /s (%.1f MB/s)\n", sent, elapsed, achieved,
                 achieved * double(size) / 1e6);
    std::fprintf(human, "  send errors: refused %" PRIu64 "  nobufs %" PRIu64 "  other %" PRIu64 "\n", refused,
                 nobufs, otherErr);
    std::fflush(human);
    if (json) {
        std::printf("{\"mode\":\"udp-flood\",\"host\":\"%s\",\"port\":%d,\"size\":%zu,\"rate_requested\":%s,"
                    "\"seconds\":%g,\"sent\":%" PRIu64 ",\"elapsed_s\":%.6f,\"rate_pps\":%.1f,"
                    "\"errors\":{\"refused\":%" PRIu64 ",\"nobufs\":%" PRIu64 ",\"other\":%" PRIu64 "}}\n",
                    jsonEscape(host).c_str(), port, size, unpaced ? "\"max\"" : fmt("%g", rate).c_str(), seconds,
                    sent, elapsed, achieved, refused, nobufs, otherErr);
        std::fflush(stdout);
    }
    return 0;
}

// ---------------------------------------------------------------- udp-sink

// Drop counter of the socket with this inode from /proc/net/udp{,6}; -1 if
// not found.  Complements SO_RXQ_OVFL, which only reports drops that
// happened before a datagram that was still delivered.
long long procUdpDrops(ino_t inode)
{
    for (const char *path : {"/proc/net/udp", "/proc/net/udp6"}) {
        std::ifstream in(path);
        std::string line;
        std::getline(in, line); // header
        while (std::getline(in, line)) {
            std::istringstream fields(line);
            std::vector<std::string> f;
            std::string tok;
            while (fields >> tok)
                f.push_back(tok);
            // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ref pointer drops
            if (f.size() >= 13 && std::strtoull(f[9].c_str(), nullptr, 10) == inode)
                return std::strtoll(f[12].c_str(), nullptr, 10);
        }
    }
    return -1;
}

int cmdUdpSink(int argc, char **argv)
{
    const Options o(argc, argv, 2, {"port", "bind", "seconds", "expect-size", "idle", "rcvbuf"}, {"json"});
    const int port = int(o.required("port", 0, 65535, true));
    const std::string bindHost = o.str("bind", "127.0.0.1");
    const double seconds = o.required("seconds", 0.01, kMaxSeconds, false);
    const auto expectSize = int64_t(o.number("expect-size", 0, 0, 65507, true));
    const double idle = o.number("idle", 1.0, 0.01, kMaxSeconds, false);
    const int rcvbuf = int(o.number("rcvbuf", 64.0 * 1024 * 1024, 4096, 1 << 30, true));
    const Endpoint ep = loopbackEndpoint(bindHost, port);
    installStopHandlers();

    const int fd = socket(ep.family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
    // SO_RCVBUFFORCE ignores net.core.rmem_max but needs CAP_NET_ADMIN.
    bool forced = setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof rcvbuf) == 0;
    if (!forced)
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    int effective = 0;
    socklen_t elen = sizeof effective;
    getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &effective, &elen);
    const int one = 1;
    const bool haveOvfl = setsockopt(fd, SOL_SOCKET, SO_RXQ_OVFL, &one, sizeof one) == 0;
    if (bind(fd, reinterpret_cast<const sockaddr *>(&ep.addr), ep.len) != 0)
        throw std::runtime_error(std::string("bind: ") + std::strerror(errno));
    struct stat st{};
    fstat(fd, &st);
    // The runner starts the flood only after reading this line.
    const int localPort = boundPort(fd);
    std::printf("PORT %d\n", localPort);
    std::fflush(stdout);

    constexpr size_t kBatch = 64;
    constexpr size_t kBufSize = 65536;
    // Control space for one SO_RXQ_OVFL cmsg per message; union keeps it
    // aligned for cmsghdr.
    union Control {
        char buf[CMSG_SPACE(sizeof(uint32_t))];
        cmsghdr align;
    };
    std::vector<unsigned char> data(kBatch * kBufSize);
    std::vector<Control> control(kBatch);
    std::array<iovec, kBatch> iov{};
    std::array<mmsghdr, kBatch> msgs{};

    uint64_t received = 0, bytes = 0, gaps = 0, outOfOrder = 0, wrongSize = 0, shortMsgs = 0, truncated = 0;
    uint64_t nextSeq = 0, maxSeq = 0;
    uint32_t ovflDrops = 0;
    const int64_t t0 = nowNs();
    const int64_t end = t0 + int64_t(seconds * 1e9);
    const auto idleNs = int64_t(idle * 1e9);
    int64_t tFirst = -1, tLast = -1;
    std::string stoppedBy = "seconds";

    // Ends at the deadline, on a signal, or after `idle` quiet seconds once
    // traffic has started.
    while (true) {
        const int64_t now = nowNs();
        if (g_stop) {
            stoppedBy = "signal";
            break;
        }
        if (now >= end)
            break;
        if (tLast >= 0 && now - tLast >= idleNs) {
            stoppedBy = "idle";
            break;
        }
        pollfd pfd{fd, POLLIN, 0};
        poll(&pfd, 1, 100);
        // Drain what is queued, but bounded so the clock is checked often.
        for (int pass = 0; pass < 1024; ++pass) {
            for (size_t i = 0; i < kBatch; ++i) {
                iov[i].iov_base = data.data() + i * kBufSize;
                iov[i].iov_len = kBufSize;
                msgs[i].msg_hdr = msghdr{};
                msgs[i].msg_hdr.msg_iov = &iov[i];
                msgs[i].msg_hdr.msg_iovlen = 1;
                msgs[i].msg_hdr.msg_control = control[i].buf;
                msgs[i].msg_hdr.msg_controllen = sizeof control[i].buf;
            }
            const int r = recvmmsg(fd, msgs.data(), kBatch, MSG_DONTWAIT, nullptr);
            if (r <= 0)
                break;
            const int64_t t = nowNs();
            if (tFirst < 0)
                tFirst = t;
            tLast = t;
            for (int i = 0; i < r; ++i) {
                const msghdr &h = msgs[size_t(i)].msg_hdr;
                const size_t len = msgs[size_t(i)].msg_len;
                ++received;
                bytes += len;
                if (h.msg_flags & MSG_TRUNC)
                    ++truncated;
                for (cmsghdr *c = CMSG_FIRSTHDR(&h); c; c = CMSG_NXTHDR(const_cast<msghdr *>(&h), c)) {
                    if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_RXQ_OVFL) {
                        uint32_t v = 0;
                        std::memcpy(&v, CMSG_DATA(c), sizeof v);
                        ovflDrops = std::max(ovflDrops, v); // cumulative counter
                    }
                }
                if (expectSize > 0 && int64_t(len) != expectSize)
                    ++wrongSize;
                if (len < 8) {
                    ++shortMsgs;
                    continue;
                }
                // Loopback does not reorder a single sender's datagrams, so a
                // forward jump is loss and a step back is counted separately.
                const uint64_t seq = getSeq(data.data() + size_t(i) * kBufSize);
                if (seq >= nextSeq) {
                    gaps += seq - nextSeq;
                    nextSeq = seq + 1;
                } else {
                    ++outOfOrder;
                }
                maxSeq = std::max(maxSeq, seq);
            }
            if (r < int(kBatch))
                break;
        }
    }
    const long long procDrops = procUdpDrops(st.st_ino);
    close(fd);

    const double span = (tFirst >= 0 && tLast > tFirst) ? double(tLast - tFirst) / 1e9 : 0.0;
    const double rate = span > 0 ? double(received) / span : 0.0;
    const bool json = o.has("json");
    FILE *human = json ? stderr : stdout;
    std::fprintf(human, "udp-sink %s port %d: rcvbuf %d bytes%s, stopped by %s\n", bindHost.c_str(), localPort,
                 effective, forced ? " (forced)" : "", stoppedBy.c_str());
    std::fprintf(human, "  received %" PRIu64 " (%" PRIu64 " bytes) over %.3f s = %.0f /s\n", received, bytes, span,
                 rate);
    std::fprintf(human, "  sequence gaps %" PRIu64 "  out of order %" PRIu64 "  wrong size %" PRIu64
                        "  short %" PRIu64 "  truncated %" PRIu64 "\n",
                 gaps, outOfOrder, wrongSize, shortMsgs, truncated);
    std::fprintf(human, "  kernel drops: SO_RXQ_OVFL %s  /proc/net/udp %lld\n",
                 haveOvfl ? std::to_string(ovflDrops).c_str() : "n/a", procDrops);
    std::fflush(human);
    if (json) {
        std::printf("{\"mode\":\"udp-sink\",\"bind\":\"%s\",\"port\":%d,\"rcvbuf_requested\":%d,\"rcvbuf_effective\":%d,"
                    "\"rcvbuf_forced\":%s,\"received\":%" PRIu64 ",\"bytes\":%" PRIu64 ",\"max_seq\":%" PRIu64
                    ",\"seq_gaps\":%" PRIu64 ",\"out_of_order\":%" PRIu64 ",\"wrong_size\":%" PRIu64
                    ",\"short\":%" PRIu64 ",\"truncated\":%" PRIu64 ",\"drops_rxq_ovfl\":%s,\"drops_proc\":%lld"
                    ",\"span_s\":%.6f,\"rate_pps\":%.1f,\"stopped_by\":\"%s\"}\n",
                    jsonEscape(bindHost).c_str(), localPort, rcvbuf, effective, forced ? "true" : "false", received, bytes,
                    maxSeq, gaps, outOfOrder, wrongSize, shortMsgs, truncated,
                    haveOvfl ? std::to_string(ovflDrops).c_str() : "null", procDrops, span, rate,
                    stoppedBy.c_str());
        std::fflush(stdout);
    }
    return 0;
}

void usage(FILE *out)
{
    std::fprintf(out,
                 "usage: socketscope-loadgen COMMAND [options]   (loopback targets only)\n"
                 "  tcp-hello --port P --clients N --rounds M [--host 127.0.0.1] [--connect-rate R]\n"
                 "            [--timeout S (default 60)] [--barrier] [--json]\n"
                 "            --barrier: no client sends before all are connected and greeted\n"
                 "  udp-flood --port P --size B --seconds T [--host 127.0.0.1] [--rate PPS|max] [--json]\n"
                 "  udp-sink  --port P (0 = any) --seconds T [--bind 127.0.0.1] [--expect-size B]\n"
                 "            [--idle S (default 1)] [--rcvbuf BYTES (default 64 MiB)] [--json]\n"
                 "exit status: 0 ok, 1 tcp-hello had failing clients, 2 usage or setup error\n");
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    const std::string cmd = argv[1];
    try {
        if (cmd == "tcp-hello")
            return cmdTcpHello(argc, argv);
        if (cmd == "udp-flood")
            return cmdUdpFlood(argc, argv);
        if (cmd == "udp-sink")
            return cmdUdpSink(argc, argv);
        throw UsageError("unknown command: " + cmd);
    } catch (const UsageError &e) {
        std::fprintf(stderr, "socketscope-loadgen: %s\n", e.what());
        usage(stderr);
        return 2;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "socketscope-loadgen: %s\n", e.what());
        return 2;
    }
}
