#pragma once

#include <QWidget>

class TrafficStore;

// The selected event in full: the payload as text (encoding selector: UTF-8,
// GBK, Latin-1) beside a hex dump with offsets, the exact byte count, and for
// connection events the addresses and the reason.
class DetailPane : public QWidget
{
    Q_OBJECT

public:
    explicit DetailPane(TrafficStore *store, QWidget *parent = nullptr);

public Q_SLOTS:
    // 0 clears the pane.
    void showEvent(quint64 seq);
};
