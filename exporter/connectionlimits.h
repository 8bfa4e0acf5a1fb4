// SPDX-License-Identifier: MIT
// The bounds the hardened socket layer puts on every client ([metrics] max_connections, …).
#pragma once

// Reentrant value type.
struct ConnectionLimits {
    int maxConnections = 64;          // open connections; the least productive one makes room for a new one
    int maxConnectionsPerClient = 16; // open connections from one peer address
    int maxHeaderBytes = 8192;        // request line plus headers; more gets 431 and a close
    int headerTimeoutMs = 10000;      // from a request's first byte to the end of its headers
    int idleTimeoutMs = 30000;        // a kept-alive connection without a request is closed; so is one
                                      // whose reply stays unsent (a client that sends but never reads)
};
