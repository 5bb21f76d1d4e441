/* strpool.c - strings packed into 64 KiB blocks (a longer string gets a block of its own). */
#include "strpool.h"

#include <stdlib.h>
#include <string.h>

const char *nt_strpool_add(nt_strpool *p, const char *s, size_t len)
{
    if (p->nblocks == 0 || p->used + len + 1 > p->cap) {
        size_t cap = len + 1 > 65536 ? len + 1 : 65536;
        char **b = realloc(p->blocks, (p->nblocks + 1) * sizeof *b);
        if (!b)
            return NULL;
        p->blocks = b;
        if (!(b[p->nblocks] = malloc(cap)))
            return NULL;
        p->nblocks++;
        p->used = 0;
        p->cap = cap;
    }
    char *d = p->blocks[p->nblocks - 1] + p->used;
    memcpy(d, s, len);
    d[len] = '\0';
    p->used += len + 1;
    return d;
}

void nt_strpool_free(nt_strpool *p)
{
    for (size_t i = 0; i < p->nblocks; i++)
        free(p->blocks[i]);
    free(p->blocks);
    memset(p, 0, sizeof *p);
}
