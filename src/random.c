/* random.c - 64 bits from the kernel, for telling objects apart. */
#include "random.h"

#include <sys/random.h>
#include <time.h>

#include "featmap.h"

uint64_t nt_random64(void)
{
    uint64_t r;
    if (getrandom(&r, sizeof r, GRND_NONBLOCK) == (ssize_t)sizeof r)
        return r;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    uint64_t mix[3] = {(uint64_t)ts.tv_sec, (uint64_t)ts.tv_nsec, (uint64_t)(uintptr_t)&r};
    return nt_feat_hash((const char *)mix, sizeof mix);
}
