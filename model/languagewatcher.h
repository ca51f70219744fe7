#pragma once

#include <QObject>

#include <functional>

// Calls a function whenever the application's translators change, i.e. when
// the language is switched while the program runs. Widgets hear of it through
// QEvent::LanguageChange; item models are not widgets, so they use this to
// re-announce their headers and texts and let the views show the new words.
class LanguageWatcher : public QObject
{
    Q_OBJECT

public:
    LanguageWatcher(std::function<void()> onChange, QObject *parent);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    std::function<void()> m_onChange;
};
