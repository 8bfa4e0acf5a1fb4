// SPDX-License-Identifier: MIT
// Two hours of made-up /metrics readings, so the figures page can be pictured with a history.
#pragma once

class FiguresPage;

// Reentrant: writes nothing but the page it is given.
class FiguresFixture
{
public:
    // Feeds `page` one reading a minute for two hours: a recorder filling its disk at about
    // 0.5 GB an hour, a few bursts of dropped frames, one watchdog restart, a warm Pi.
    static void feed(FiguresPage &page);
};
