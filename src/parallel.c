/* parallel.c - a small work queue over pthreads. */
#include "parallel.h"

#include <pthread.h>

typedef struct pool {
    void (*job)(void *, size_t);
    void *ctx;
    size_t n, next, done;
    int cancel;
    pthread_mutex_t mu;
    pthread_cond_t cv;
} pool;

static void *worker(void *arg)
{
    pool *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        size_t k = p->next < p->n && !p->cancel ? p->next++ : p->n;
        pthread_mutex_unlock(&p->mu);
        if (k >= p->n)
            return NULL;
        p->job(p->ctx, k);
        pthread_mutex_lock(&p->mu);
        p->done++;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
    }
}

int nt_parallel_for(size_t n, int threads, void (*job)(void *, size_t), void *ctx,
                    nt_progress_fn progress, void *user, const char *stage)
{
    if (threads <= 1 || n <= 1) {
        for (size_t k = 0; k < n; k++) {
            if (progress && progress(user, stage, k, n))
                return NT_ECANCELED;
            job(ctx, k);
        }
        if (progress && progress(user, stage, n, n))
            return NT_ECANCELED;
        return NT_OK;
    }
    pool p = {job, ctx, n, 0, 0, 0, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER};
    pthread_t th[64];
    int started = 0;
    for (int k = 0; k < threads && k < 64 && (size_t)k < n; k++)
        if (pthread_create(&th[started], NULL, worker, &p) == 0)
            started++;
    if (started == 0) { /* no threads to be had: do it here */
        pthread_mutex_destroy(&p.mu);
        pthread_cond_destroy(&p.cv);
        return nt_parallel_for(n, 1, job, ctx, progress, user, stage);
    }
    /* the caller reports progress while the workers work */
    pthread_mutex_lock(&p.mu);
    for (;;) {
        size_t done = p.done;
        pthread_mutex_unlock(&p.mu);
        int stop = progress && progress(user, stage, done, n);
        pthread_mutex_lock(&p.mu);
        if (stop)
            p.cancel = 1;
        if (p.done >= p.n || p.cancel)
            break;
        if (p.done == done)
            pthread_cond_wait(&p.cv, &p.mu);
    }
    int canceled = p.cancel && p.next < p.n;
    pthread_mutex_unlock(&p.mu);
    for (int k = 0; k < started; k++)
        pthread_join(th[k], NULL);
    pthread_mutex_destroy(&p.mu);
    pthread_cond_destroy(&p.cv);
    return canceled ? NT_ECANCELED : NT_OK;
}
