// SPDX-License-Identifier: MIT
// recorder-configdoc: prints docs/configuration.md or the example recorder.conf from the key table,
// or checks a recorder.conf with the programs' own loader (install.sh --migrate, after importing).
#include "config.h"
#include "configschema.h"

#include <QString>

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
    if (argc == 3 && std::strcmp(argv[1], "--check") == 0) {
        // The file alone, not this shell's RECORDER_* variables: the units do not see those.
        const Config::Result result =
            Config::load(QString::fromLocal8Bit(argv[2]), true, QProcessEnvironment());
        if (result.ok())
            return 0;
        std::fprintf(stderr, "%s\n", result.error.toUtf8().constData());
        return Config::kExitConfigError;
    }
    std::fprintf(stderr, "usage: recorder-configdoc --markdown | --example | --check FILE\n");
    return 64;
}
