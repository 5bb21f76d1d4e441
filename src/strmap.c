/* strmap.c - open addressing with linear probing; keys live in a string pool. */
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#include "newstag.h"

struct nt_strmap_slot {
    const char *key; /* NULL: empty */
    size_t len;
    uint64_t hash;
    int64_t value;
};

uint64_t nt_hash_bytes(const void *p, size_t n)
{
    /* FNV-1a, then a final mix so that linear probing sees well-spread bits */
    const unsigned char *s = p;
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) {
        h ^= s[i];
        h *= 1099511628211ull;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

static struct nt_strmap_slot *find(const nt_strmap *m, const char *key, size_t len, uint64_t h)
{
    size_t mask = m->cap - 1, i = (size_t)h & mask;
    for (;;) {
        struct nt_strmap_slot *s = &m->slots[i];
        if (!s->key || (s->hash == h && s->len == len && !memcmp(s->key, key, len)))
            return s;
        i = (i + 1) & mask;
    }
}

int64_t nt_strmap_get(const nt_strmap *m, const char *key, size_t len)
{
    if (!m->cap)
        return -1;
    struct nt_strmap_slot *s = find(m, key, len, nt_hash_bytes(key, len));
    return s->key ? s->value : -1;
}

const char *nt_strmap_key(const nt_strmap *m, const char *key, size_t len)
{
    if (!m->cap)
        return NULL;
    return find(m, key, len, nt_hash_bytes(key, len))->key;
}

static int rehash(nt_strmap *m, size_t cap);

static int grow(nt_strmap *m)
{
    return rehash(m, m->cap ? m->cap * 2 : 256);
}

int nt_strmap_reserve(nt_strmap *m, size_t n)
{
    size_t cap = m->cap ? m->cap : 256;
    while (n * 4 > cap * 3)
        cap *= 2;
    return cap > m->cap ? rehash(m, cap) : 0;
}

static int rehash(nt_strmap *m, size_t cap)
{
    struct nt_strmap_slot *old = m->slots;
    size_t oldcap = m->cap;
    m->slots = calloc(cap, sizeof *m->slots);
    if (!m->slots) {
        m->slots = old;
        return NT_ENOMEM;
    }
    m->cap = cap;
    for (size_t i = 0; i < oldcap; i++)
        if (old[i].key)
            *find(m, old[i].key, old[i].len, old[i].hash) = old[i];
    free(old);
    return 0;
}

int nt_strmap_put(nt_strmap *m, const char *key, size_t len, int64_t value)
{
    if ((m->count + 1) * 4 > m->cap * 3 && grow(m))
        return NT_ENOMEM;
    uint64_t h = nt_hash_bytes(key, len);
    struct nt_strmap_slot *s = find(m, key, len, h);
    if (!s->key) {
        const char *k = nt_strpool_add(&m->pool, key, len);
        if (!k)
            return NT_ENOMEM;
        s->key = k;
        s->len = len;
        s->hash = h;
        m->count++;
    }
    s->value = value;
    return 0;
}

static int key_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int nt_strmap_sorted_keys(const nt_strmap *m, int64_t min, const char ***keys, size_t *n)
{
    const char **k = malloc((m->count + 1) * sizeof *k);
    if (!k)
        return NT_ENOMEM;
    *n = 0;
    for (size_t i = 0; i < m->cap; i++)
        if (m->slots[i].key && m->slots[i].value >= min)
            k[(*n)++] = m->slots[i].key;
    qsort(k, *n, sizeof *k, key_cmp);
    *keys = k;
    return NT_OK;
}

void nt_strmap_free(nt_strmap *m)
{
    nt_strpool_free(&m->pool);
    free(m->slots);
    memset(m, 0, sizeof *m);
}
