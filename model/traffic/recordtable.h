#pragma once

#include <QtGlobal>

#include <algorithm>
#include <vector>

// Records numbered 1, 2, 3... in the order they are added, found by number,
// and forgotten one at a time in any order. Forgotten slots are compacted
// away in batches, so memory follows the records kept, not the records ever
// made (a store that saw a million short connections keeps only the recent
// ones). Not thread-safe: the store calls it under its mutex.
template <typename Id, typename T> class RecordTable
{
public:
    Id add(T value)
    {
        const Id id = m_nextId++;
        m_slots.push_back({id, true, std::move(value)});
        ++m_live;
        return id;
    }

    // nullptr when `id` was never added or has been forgotten.
    T *find(Id id)
    {
        const auto it = std::lower_bound(m_slots.begin(), m_slots.end(), id,
                                         [](const Slot &s, Id value) { return s.id < value; });
        return it != m_slots.end() && it->id == id && it->live ? &it->value : nullptr;
    }
    const T *find(Id id) const { return const_cast<RecordTable *>(this)->find(id); }

    void forget(Id id)
    {
        const auto it = std::lower_bound(m_slots.begin(), m_slots.end(), id,
                                         [](const Slot &s, Id value) { return s.id < value; });
        if (it == m_slots.end() || it->id != id || !it->live)
            return;
        it->live = false;
        it->value = T();
        --m_live;
        // Compacting when half the slots are dead keeps forgetting O(1) on average.
        if (m_slots.size() - m_live > std::max<size_t>(64, m_live)) {
            m_slots.erase(std::remove_if(m_slots.begin(), m_slots.end(),
                                         [](const Slot &s) { return !s.live; }),
                          m_slots.end());
            if (m_slots.capacity() > 2 * m_slots.size() + 64)
                m_slots.shrink_to_fit();
        }
    }

    size_t size() const { return m_live; }
    Id nextId() const { return m_nextId; }
    // Bytes held by the slots themselves (dead ones included, until compacted).
    qint64 slotBytes() const { return qint64(m_slots.size() * sizeof(Slot)); }

    // Calls fn(const T &) for every record kept, in order of number.
    template <typename Fn> void forEach(Fn fn) const
    {
        for (const Slot &s : m_slots) {
            if (s.live)
                fn(s.value);
        }
    }

private:
    struct Slot
    {
        Id id;
        bool live;
        T value;
    };
    std::vector<Slot> m_slots;
    size_t m_live = 0;
    Id m_nextId = 1;
};
