#pragma once

#include <thread>

// Loads the system's font configuration on a second thread while the window
// is being set up. fontconfig reads and parses some sixty XML files the first
// time any text is measured, about a quarter of the window's start-up when it
// happens on the GUI thread. Loading is thread-safe and happens once per
// process, so Qt later finds it done.
class FontWarmUp
{
public:
    FontWarmUp();
    ~FontWarmUp();
    FontWarmUp(const FontWarmUp &) = delete;
    FontWarmUp &operator=(const FontWarmUp &) = delete;

    // Blocks until the configuration is loaded; call before the first text is
    // measured, so the GUI thread never parses the same files a second time.
    void wait();

private:
    std::thread m_thread;
};
