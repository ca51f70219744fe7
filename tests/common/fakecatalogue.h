#pragma once

#include <QList>
#include <QString>
#include <QTranslator>

#include <utility>

// Stands in for a compiled catalogue, so a test can switch the language live
// without building a .qm: only the words it checks need a translation.
class FakeCatalogue : public QTranslator
{
public:
    struct Entry
    {
        // A null or empty context matches any context. Texts are string literals.
        const char *context;
        const char *source;
        QString translation;
    };

    explicit FakeCatalogue(QList<Entry> entries)
        : m_entries(std::move(entries))
    {}

    bool isEmpty() const override { return false; }

    QString translate(const char *context, const char *source, const char *, int) const override
    {
        for (const Entry &entry : m_entries) {
            const bool anyContext = !entry.context || !*entry.context;
            if ((anyContext || qstrcmp(entry.context, context) == 0) &&
                qstrcmp(entry.source, source) == 0)
                return entry.translation;
        }
        return {};
    }

private:
    QList<Entry> m_entries;
};
