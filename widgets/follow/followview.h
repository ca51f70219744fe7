#pragma once

#include "conversation.h"

#include <QWidget>

class FindBar;
class FollowText;
class QComboBox;
class QLabel;
class QMenu;
class QPushButton;
class QTimer;
class TrafficStore;

// A window with one conversation only (one TCP connection, or one UDP peer of
// a session), both directions in order and in their colours, as text in an
// encoding, hex or escapes; find inside it; save it. It reads the store at
// its own pace (a slice per timer tick, faster while behind), so it follows a
// live conversation without the engine ever waiting for it.
class FollowView : public QWidget
{
    Q_OBJECT

public:
    enum class SaveWhat { Transcript, RawBoth, RawReceived, RawSent };

    FollowView(const TrafficStore *store, ConnectionId connection, QWidget *parent = nullptr);
    ~FollowView() override;

    ConnectionId connection() const;
    FollowText *text() const { return m_text; }
    FindBar *findBar() const { return m_findBar; }
    // Reads what the store has now (tests; the timer does it otherwise).
    void catchUp();
    // Writes the transcript or raw bytes; false and *error in words on failure.
    bool saveTo(const QString &path, SaveWhat what, QString *error = nullptr) const;

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void retranslate();
    void readSome();
    void updateStatus();
    void applyForm();
    void chooseFileAndSave(SaveWhat what);

    const TrafficStore *m_store;
    Conversation::Reader m_reader;
    QLabel *m_titleLabel;
    QLabel *m_statusLabel;
    QLabel *m_sentLegend;
    QLabel *m_receivedLegend;
    QLabel *m_formLabel;
    QComboBox *m_formCombo;
    QLabel *m_encodingLabel;
    QComboBox *m_encodingCombo;
    FollowText *m_text;
    FindBar *m_findBar;
    QPushButton *m_saveButton;
    QMenu *m_saveMenu;
    QPushButton *m_closeButton;
    QTimer *m_timer;
};
