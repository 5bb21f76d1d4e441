/* parallel.h - independent jobs on worker threads, with progress and cancellation reported
 * from the calling thread only (the library's callbacks never run on a worker). */
#ifndef NT_PARALLEL_H
#define NT_PARALLEL_H

#include <stddef.h>

#include "newstag.h"

/* Runs job(ctx, k) for k in [0, n) on up to `threads` threads (the caller's included).
 * Returns NT_OK, or NT_ECANCELED when progress asked to stop (jobs already started finish;
 * the others never start). */
int nt_parallel_for(size_t n, int threads, void (*job)(void *ctx, size_t k), void *ctx,
                    nt_progress_fn progress, void *user, const char *stage);

#endif
