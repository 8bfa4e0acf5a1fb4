# SPDX-License-Identifier: MIT
# The Debian package (`cpack -G DEB` in the build folder): programs, units, sysusers/tmpfiles,
# polkit rules, D-Bus policy and the default configuration as a conffile.

set(debianDir ${CMAKE_CURRENT_BINARY_DIR}/debian)
cmake_path(APPEND RECORDER_SYSUSERS_FILE "${CMAKE_INSTALL_PREFIX}" "${RECORDER_SYSUSERS_DIR}" "recorder.conf")
cmake_path(APPEND RECORDER_TMPFILES_FILE "${CMAKE_INSTALL_PREFIX}" "${RECORDER_TMPFILES_DIR}" "recorder.conf")
foreach(script postinst prerm postrm conffiles)
  configure_file(debian/${script}.in ${debianDir}/${script} @ONLY
                 FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                                  WORLD_READ WORLD_EXECUTE)
endforeach()
file(CHMOD ${debianDir}/conffiles PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)

set(CPACK_PACKAGE_NAME "recorder")
set(CPACK_PACKAGE_VENDOR "recorder")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_CONTACT "recorder maintainers <recorder@localhost>")
set(CPACK_GENERATOR "DEB")
# The package installs where this build was configured to (units name the programs by path):
# configure with -DCMAKE_INSTALL_PREFIX=/usr for a package that follows Debian policy.
set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
# Absolute destinations (/etc/recorder, /etc/polkit-1) need DESTDIR staging.
set(CPACK_SET_DESTDIR ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "video")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
if(CMAKE_CROSSCOMPILING)
  # dpkg-shlibdeps reads only the host's dpkg database, which has no arm64 libraries:
  # scripts/cross-build-arm64 computes the library dependencies from its sysroot and passes them.
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS OFF)
  if(CMAKE_SYSTEM_PROCESSOR STREQUAL "aarch64")
    set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE arm64)
  endif()
endif()
# rclone: recorder-offload's engine (docs/offload.md). libqt6sql6-sqlite: the catalog's Qt SQL
# driver, a plugin that no program links, so shlibdeps cannot find it.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "systemd, dbus, rclone, libqt6sql6-sqlite")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "polkitd")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${debianDir}/postinst ${debianDir}/prerm ${debianDir}/postrm ${debianDir}/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
