# SPDX-License-Identifier: MIT
# Cross-compiles for 64-bit Arm Linux (Raspberry Pi 3/4/5 on a 64-bit OS) from an amd64 Debian 12
# machine with Debian's aarch64 cross compiler and a sysroot of Debian arm64 packages, as made by
# scripts/cross-build-arm64 (which passes -DRECORDER_SYSROOT=DIR; the environment variable of the
# same name works too).

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)

if(NOT RECORDER_SYSROOT AND DEFINED ENV{RECORDER_SYSROOT})
  set(RECORDER_SYSROOT "$ENV{RECORDER_SYSROOT}")
endif()
if(NOT RECORDER_SYSROOT OR NOT IS_DIRECTORY "${RECORDER_SYSROOT}/usr/lib/aarch64-linux-gnu")
  message(FATAL_ERROR "toolchain-aarch64-linux-gnu: RECORDER_SYSROOT='${RECORDER_SYSROOT}' is not an arm64 "
                      "sysroot (no usr/lib/aarch64-linux-gnu in it); make one with scripts/cross-build-arm64")
endif()
# try_compile() projects read this file again in a fresh CMake: they only see the variables listed here.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES RECORDER_SYSROOT RECORDER_EXTRA_PREFIX)

set(CMAKE_SYSROOT "${RECORDER_SYSROOT}")
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

# A prefix inside the sysroot with libraries built from source (scripts/cross-build-arm64
# --libcamera installs libcamera there); searched before the Debian packages.
set(CMAKE_FIND_ROOT_PATH "${RECORDER_SYSROOT}")
set(pkgConfigDirs "")
if(RECORDER_EXTRA_PREFIX)
  list(PREPEND CMAKE_FIND_ROOT_PATH "${RECORDER_SYSROOT}${RECORDER_EXTRA_PREFIX}")
  list(APPEND pkgConfigDirs "${RECORDER_SYSROOT}${RECORDER_EXTRA_PREFIX}/lib/aarch64-linux-gnu/pkgconfig"
                            "${RECORDER_SYSROOT}${RECORDER_EXTRA_PREFIX}/lib/pkgconfig")
endif()
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# The host's pkg-config reads the sysroot's .pc files only, and prefixes their paths with it.
list(APPEND pkgConfigDirs "${RECORDER_SYSROOT}/usr/lib/aarch64-linux-gnu/pkgconfig"
                          "${RECORDER_SYSROOT}/usr/share/pkgconfig" "${RECORDER_SYSROOT}/usr/lib/pkgconfig")
string(REPLACE ";" ":" pkgConfigDirs "${pkgConfigDirs}")
set(ENV{PKG_CONFIG_LIBDIR} "${pkgConfigDirs}")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "${RECORDER_SYSROOT}")
unset(ENV{PKG_CONFIG_PATH})

# The linker resolves the libraries' own dependencies (Qt needs ICU, FFmpeg its codecs) in the
# sysroot; a cross linker does not read the sysroot's ld.so.conf.
set(libDirs /usr/lib/aarch64-linux-gnu /lib/aarch64-linux-gnu)
if(RECORDER_EXTRA_PREFIX)
  list(PREPEND libDirs "${RECORDER_EXTRA_PREFIX}/lib/aarch64-linux-gnu")
endif()
set(rpathLink "")
foreach(dir IN LISTS libDirs)
  string(APPEND rpathLink " -Wl,-rpath-link,${RECORDER_SYSROOT}${dir}")
endforeach()
set(CMAKE_EXE_LINKER_FLAGS_INIT "${rpathLink}")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "${rpathLink}")
set(CMAKE_MODULE_LINKER_FLAGS_INIT "${rpathLink}")

# Qt's build tools (moc, rcc, uic, qdbusxml2cpp, lrelease) run on the host: the host's Qt 6 must be
# the same version as the sysroot's. Without Qt6LinguistTools_DIR the sysroot's arm64 lrelease would
# be run ("Exec format error").
set(hostCMakeDir "/usr/lib/${CMAKE_HOST_SYSTEM_PROCESSOR}-linux-gnu/cmake")
set(QT_HOST_PATH "/usr" CACHE PATH "The host's Qt 6 prefix")
set(QT_HOST_PATH_CMAKE_DIR "${hostCMakeDir}" CACHE PATH "The host's Qt 6 CMake packages")
set(Qt6LinguistTools_DIR "${hostCMakeDir}/Qt6LinguistTools" CACHE PATH "The host's Qt 6 Linguist tools")

# Lets CTest and build steps run arm64 programs on the host.
find_program(RECORDER_QEMU_AARCH64 NAMES qemu-aarch64-static qemu-aarch64)
if(RECORDER_QEMU_AARCH64)
  set(CMAKE_CROSSCOMPILING_EMULATOR "${RECORDER_QEMU_AARCH64};-L;${RECORDER_SYSROOT}")
endif()
