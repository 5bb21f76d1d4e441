/* topic_words.c - the topic features' memory of words (see topic_words.h). */
#include "topic_words.h"

#include <stdlib.h>
#include <string.h>

#include "newstag.h"
#include "topic_features.h"

/* Forgets the words (the scratch stays, but for what is sized by the vocabulary). */
static void forget(nt_topic_words *m)
{
    free(m->slot);
    m->slot = NULL;
    m->mask = m->count = 0;
    m->instance = 0;
    free(m->place);
    m->place = NULL;
}

void nt_topic_words_bind(nt_topic_words *m, int stems, const nt_topic_vocab *vocab)
{
    if (m->stems != stems || m->instance != vocab->instance) {
        forget(m);
        m->stems = stems;
        m->instance = vocab->instance;
    }
    m->vocab = vocab;
}

static int grow(nt_topic_words *m)
{
    size_t n = m->slot ? 2 * (m->mask + 1) : 4096;
    uint64_t *slot = calloc(3 * n, sizeof *slot);
    if (!slot)
        return -1;
    for (size_t i = 0; m->slot && i <= m->mask; i++) {
        uint64_t h = m->slot[3 * i];
        if (!h)
            continue;
        size_t j = nt_topic_words_home(h, n - 1);
        while (slot[3 * j])
            j = (j + 1) & (n - 1);
        memcpy(&slot[3 * j], &m->slot[3 * i], 3 * sizeof *slot);
    }
    free(m->slot);
    m->slot = slot;
    m->mask = n - 1;
    return 0;
}

int64_t nt_topic_words_put(nt_topic_words *m, uint64_t h, uint64_t key)
{
    int64_t index = m->vocab ? nt_featmap_get(&m->vocab->map, key) : NT_TOPIC_INDEX_UNKNOWN;
    /* at most half full: probes stay short */
    if ((!m->slot || 2 * (m->count + 1) > m->mask + 1) && grow(m))
        return index;
    h |= 1;
    size_t i = nt_topic_words_home(h, m->mask);
    while (m->slot[3 * i] && m->slot[3 * i] != h)
        i = (i + 1) & m->mask;
    if (!m->slot[3 * i])
        m->count++;
    m->slot[3 * i] = h;
    m->slot[3 * i + 1] = key;
    m->slot[3 * i + 2] = (uint64_t)index;
    return index;
}

uint32_t *nt_topic_words_places(nt_topic_words *m, size_t n)
{
    if (!m->place)
        m->place = calloc(n + 1, sizeof *m->place);
    return m->place;
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
    m->vocab = NULL;
    free(m->hash);
    m->hash = NULL;
    m->hash_cap = 0;
}
