// SPDX-License-Identifier: MIT
// Loads FFmpeg's libavdevice on first use and registers its inputs (V4L2, ALSA, PulseAudio).
#include "avdevices.h"

extern "C" {
#include <libavdevice/version.h>
#include <libavutil/macros.h>
}

#include <dlfcn.h>

QString AvDevices::load()
{
    static const QString error = [] {
        const char *library = "libavdevice.so." AV_STRINGIFY(LIBAVDEVICE_VERSION_MAJOR);
        void *handle = dlopen(library, RTLD_NOW | RTLD_LOCAL);
        if (!handle)
            return QStringLiteral("cannot load %1: %2").arg(QString::fromLatin1(library), QString::fromLocal8Bit(dlerror()));
        using RegisterAll = void (*)();
        auto registerAll = reinterpret_cast<RegisterAll>(dlsym(handle, "avdevice_register_all"));
        if (!registerAll)
            return QStringLiteral("%1 has no avdevice_register_all").arg(QString::fromLatin1(library));
        registerAll();
        return QString();
    }();
    return error;
}
