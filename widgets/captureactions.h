#pragma once

#include "exportselection.h"

#include <QString>

// What the window's capture commands do, implemented over the capture library
// (model/capture) and handed to FileActions::setCaptureActions(). FileActions
// owns the menu entries, shortcuts and file dialogs; an implementation only
// does the work and reports through the window (status bar, message boxes).
// Every call comes from the GUI thread with a file name the user chose; long
// work (loading a large file, writing a capture) belongs on another thread.
class CaptureActions
{
public:
    virtual ~CaptureActions() = default;

    // File > Open capture… (Ctrl+O): read a pcap or pcapng file into a
    // read-only session.
    virtual void openCapture(const QString &fileName) = 0;
    // File > Save capture… (Ctrl+S) with every kept event, and Export > … >
    // Capture file… with the whole log, the filtered log or the selected rows.
    // The format follows the file name's extension (.pcapng, .pcap).
    virtual void saveCapture(const QString &fileName, const ExportSelection &events) = 0;
    // File > Record to file…: write every event from now on to the file, as it
    // happens. Returns false (after telling the user why) when recording could
    // not start. When recording later stops by itself (a write error), the
    // implementation calls FileActions::setRecording(false).
    virtual bool startRecording(const QString &fileName) = 0;
    virtual void stopRecording() = 0;
};
