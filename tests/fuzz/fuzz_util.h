/* fuzz_util.h - hands fuzz input to the library's path-taking readers through a memfd. */
#ifndef NT_FUZZ_UTIL_H
#define NT_FUZZ_UTIL_H

#define _GNU_SOURCE
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

/* Writes data into an anonymous in-memory file; path receives /proc/self/fd/N. Returns the
 * descriptor (close it after use) or -1. */
static int fuzz_memfile(const unsigned char *data, size_t size, char *path, size_t cap)
{
    int fd = memfd_create("nt_fuzz", 0);
    if (fd < 0)
        return -1;
    size_t off = 0;
    while (off < size) {
        ssize_t n = write(fd, data + off, size - off);
        if (n <= 0) {
            close(fd);
            return -1;
        }
        off += (size_t)n;
    }
    snprintf(path, cap, "/proc/self/fd/%d", fd);
    return fd;
}

#endif
