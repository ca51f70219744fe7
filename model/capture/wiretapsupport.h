#pragma once

// Wireshark's wiretap library must be initialised once per process before any
// file is opened or written; every capture class calls this first.
namespace WiretapSupport {

void init(); // thread-safe, idempotent

} // namespace WiretapSupport
