/* topic_words.c - the topic features' memory of words (see topic_words.h). */
#include "topic_words.h"

#include <stdlib.h>
#include <string.h>

#include "newstag.h"

/* Forgets the words (the scratch stays). */
static void forget(nt_topic_words *m)
{
    free(m->slot);
    m->slot = NULL;
    m->mask = m->count = 0;
}

void nt_topic_words_bind(nt_topic_words *m, int stems)
{
    if (m->stems != stems) {
        forget(m);
        m->stems = stems;
    }
}

static int grow(nt_topic_words *m)
{
    size_t n = m->slot ? 2 * (m->mask + 1) : 4096;
    uint64_t *slot = calloc(2 * n, sizeof *slot);
    if (!slot)
        return -1;
    for (size_t i = 0; m->slot && i <= m->mask; i++) {
        uint64_t h = m->slot[2 * i];
        if (!h)
            continue;
        size_t j = (size_t)(h >> 32) & (n - 1);
        while (slot[2 * j])
            j = (j + 1) & (n - 1);
        slot[2 * j] = h;
        slot[2 * j + 1] = m->slot[2 * i + 1];
    }
    free(m->slot);
    m->slot = slot;
    m->mask = n - 1;
    return 0;
}

void nt_topic_words_put(nt_topic_words *m, uint64_t h, uint64_t key)
{
    /* at most half full: probes stay short */
    if ((!m->slot || 2 * (m->count + 1) > m->mask + 1) && grow(m))
        return;
    h |= 1;
    size_t i = (size_t)(h >> 32) & m->mask;
    while (m->slot[2 * i] && m->slot[2 * i] != h)
        i = (i + 1) & m->mask;
    if (!m->slot[2 * i])
        m->count++;
    m->slot[2 * i] = h;
    m->slot[2 * i + 1] = key;
}

int nt_topic_words_scratch(nt_topic_words *m, size_t n)
{
    if (n <= m->hash_cap)
        return 0;
    size_t cap = m->hash_cap ? m->hash_cap : 1024;
    while (cap < n)
        cap *= 2;
    uint64_t *p = realloc(m->hash, cap * sizeof *p);
    if (!p)
        return NT_ENOMEM;
    m->hash = p;
    m->hash_cap = cap;
    return 0;
}

void nt_topic_words_trim(nt_topic_words *m, size_t max)
{
    if (m->count > max)
        forget(m);
}

void nt_topic_words_free(nt_topic_words *m)
{
    forget(m);
    m->stems = -1;
    free(m->hash);
    m->hash = NULL;
    m->hash_cap = 0;
}
