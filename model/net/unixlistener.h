#pragma once

#include "unixaddress.h"

#include <QObject>
#include <QString>

class QSocketNotifier;

// A listening Unix domain socket (SOCK_STREAM or SOCK_SEQPACKET) that hands
// each accepted descriptor on, as TcpListener does for TCP. QLocalServer
// would do for streams, but not for SOCK_SEQPACKET, and it removes any file
// in the way rather than telling a live server from one that has gone
// (UnixAddress::bind). Its socket file is removed on close.
class UnixListener : public QObject
{
    Q_OBJECT

public:
    explicit UnixListener(QObject *parent = nullptr);
    ~UnixListener() override;

    // False with a sentence in *error; *inUse tells a live socket at `path`.
    bool listen(const QString &path, bool seqpacket, QString *error, bool *inUse);
    QString path() const { return m_path; }
    void close();

Q_SIGNALS:
    void accepted(qintptr descriptor);

private:
    void onReadable();

    int m_fd = -1;
    QString m_path;
    UnixAddress::BoundFile m_file;
    QSocketNotifier *m_notifier = nullptr;
};
