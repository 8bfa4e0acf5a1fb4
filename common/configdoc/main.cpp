// SPDX-License-Identifier: MIT
// recorder-configdoc: prints docs/configuration.md or the example recorder.conf from the key table.
#include "configschema.h"

#include <cstdio>
#include <cstring>

int main(int argc, char **argv)
{
    if (argc == 2 && std::strcmp(argv[1], "--markdown") == 0) {
        std::fputs(ConfigSchema::markdown().toUtf8().constData(), stdout);
        return 0;
    }
    if (argc == 2 && std::strcmp(argv[1], "--example") == 0) {
        std::fputs(ConfigSchema::exampleConfig().toUtf8().constData(), stdout);
        return 0;
    }
    std::fprintf(stderr, "usage: recorder-configdoc --markdown | --example\n");
    return 64;
}
