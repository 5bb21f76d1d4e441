/* file_image.c - mmap with MAP_POPULATE: the pages come in one call, not one fault each,
 * which on a virtual machine is most of what loading a model used to cost. */
#define _DEFAULT_SOURCE
#include "file_image.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"

#ifndef MAP_POPULATE
#define MAP_POPULATE 0
#endif

int nt_file_image_open(nt_file_image *im, const char *path, size_t max_len, nt_error *err)
{
    memset(im, 0, sizeof *im);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return nt_fail(err, NT_EIO, path, 0, -1, "cannot open: %s", strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) {
        close(fd);
        return nt_fail(err, NT_EIO, path, 0, -1, "cannot read: %s", strerror(errno));
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return nt_fail(err, NT_EIO, path, 0, -1, S_ISDIR(st.st_mode) ? "is a directory, not a model file"
                                                                     : "is not a regular file");
    }
    if ((uint64_t)st.st_size > max_len) {
        close(fd);
        return nt_fail(err, NT_EFORMAT, path, 0, -1, "larger than any newstag model can be");
    }
    size_t len = (size_t)st.st_size;
    if (len == 0) {
        close(fd);
        im->p = (const unsigned char *)"";
        return NT_OK;
    }
    void *p = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (p != MAP_FAILED) {
        close(fd);
        im->p = p;
        im->len = len;
        im->mapped = 1;
        return NT_OK;
    }
    /* no mapping (some file systems): read it, into memory malloc aligns for any type */
    unsigned char *buf = malloc(len);
    size_t got = 0;
    while (buf && got < len) {
        ssize_t r = read(fd, buf + got, len - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    if (!buf)
        return nt_fail(err, NT_ENOMEM, path, 0, -1, NULL);
    if (got != len) {
        free(buf);
        return nt_fail(err, NT_EIO, path, 0, -1, "cannot read the whole file");
    }
    im->p = buf;
    im->len = len;
    return NT_OK;
}

int nt_file_image_holds(const nt_file_image *im, const void *p)
{
    uintptr_t a = (uintptr_t)im->p, x = (uintptr_t)p;
    return im->len && x >= a && x < a + im->len;
}

void nt_file_image_close(nt_file_image *im)
{
    if (im->len) {
        if (im->mapped)
            munmap((void *)im->p, im->len);
        else
            free((void *)im->p);
    }
    memset(im, 0, sizeof *im);
}
