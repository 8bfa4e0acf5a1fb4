// SPDX-License-Identifier: MIT
// A tiny child for tst_faultinject: performs one libc call per stdin line so the shim can be observed from outside.
//
// Commands, one a line: `<call> <path>` with call one of write, pwrite, pwrite64, writev, fsync,
// fdatasync. Each opens <path> (append, create), does the call once and closes. Answer, one line
// on stdout: `ok <ms>` or `<ERRNO-NAME> <ms>`, ms being how long the call alone took.
// Plain libc on purpose: no Qt, so nothing else in this process writes files behind the test's back.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <iostream>
#include <string>

#include <fcntl.h>
#include <sys/uio.h>
#include <unistd.h>

namespace {

const char *errnoName(int error)
{
    switch (error) {
    case ENOSPC:
        return "ENOSPC";
    case EIO:
        return "EIO";
    case EDQUOT:
        return "EDQUOT";
    default:
        return "OTHER";
    }
}

double nowMs()
{
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return double(now.tv_sec) * 1000.0 + double(now.tv_nsec) / 1e6;
}

} // namespace

int main()
{
    std::string line;
    while (std::getline(std::cin, line)) {
        const size_t space = line.find(' ');
        if (space == std::string::npos) {
            std::printf("usage\n");
            std::fflush(stdout);
            continue;
        }
        const std::string call = line.substr(0, space);
        const std::string path = line.substr(space + 1);
        const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (fd < 0) {
            std::printf("open-failed %s\n", std::strerror(errno));
            std::fflush(stdout);
            continue;
        }
        static const char data[] = "0123456789\n";
        const size_t size = sizeof data - 1;
        const double started = nowMs();
        long result = -1;
        if (call == "write") {
            result = ::write(fd, data, size);
        } else if (call == "pwrite") {
            result = ::pwrite(fd, data, size, 0);
        } else if (call == "pwrite64") {
            result = ::pwrite64(fd, data, size, 0);
        } else if (call == "writev") {
            iovec parts[2] = {{const_cast<char *>(data), 5}, {const_cast<char *>(data + 5), size - 5}};
            result = ::writev(fd, parts, 2);
        } else if (call == "fsync") {
            result = ::fsync(fd);
        } else if (call == "fdatasync") {
            result = ::fdatasync(fd);
        } else {
            errno = EINVAL;
        }
        const int error = errno;
        const double took = nowMs() - started;
        ::close(fd);
        std::printf("%s %.1f\n", result >= 0 ? "ok" : errnoName(error), took);
        std::fflush(stdout);
    }
    return 0;
}
