/* featmap.c - open addressing with linear probing over hashes alone. */
#include "featmap.h"

#include <stdlib.h>
#include <string.h>

#include "newstag.h"

static uint64_t mix(uint64_t h)
{
    h ^= h >> 32;
    h *= 0xd6e8feb86659fd93ull;
    h ^= h >> 32;
    h *= 0xd6e8feb86659fd93ull;
    h ^= h >> 32;
    return h;
}

uint64_t nt_feat_hash(const char *name, size_t len)
{
    uint64_t h = 0x9e3779b97f4a7c15ull ^ (len * 0xff51afd7ed558ccdull);
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, name + i, 8);
        h = (h ^ mix(w)) * 0x9fb21c651e98df25ull;
    }
    if (i < len) {
        uint64_t w = 0;
        memcpy(&w, name + i, len - i);
        h = (h ^ mix(w)) * 0x9fb21c651e98df25ull;
    }
    return mix(h);
}

static void place(nt_featmap_slot *slot, size_t mask, uint64_t hash, int64_t index)
{
    size_t i = (size_t)hash & mask;
    while (slot[i].hash)
        i = (i + 1) & mask;
    slot[i].hash = hash;
    slot[i].index = index;
}

int nt_featmap_reserve(nt_featmap *m, size_t n)
{
    size_t cap = 16;
    while (cap < 2 * n + 2) /* at most half full: short probes */
        cap *= 2;
    if (m->slot && cap <= m->mask + 1)
        return NT_OK;
    nt_featmap_slot *slot = calloc(cap, sizeof *slot);
    if (!slot)
        return NT_ENOMEM;
    for (size_t i = 0; m->slot && i <= m->mask; i++)
        if (m->slot[i].hash)
            place(slot, cap - 1, m->slot[i].hash, m->slot[i].index);
    free(m->slot);
    m->slot = slot;
    m->mask = cap - 1;
    return NT_OK;
}

int nt_featmap_add(nt_featmap *m, uint64_t hash, int64_t index)
{
    if (nt_featmap_get(m, hash) >= 0)
        return NT_EFORMAT;
    if ((!m->slot || 2 * (m->count + 1) + 2 > m->mask + 1) && nt_featmap_reserve(m, 2 * m->count + 16))
        return NT_ENOMEM;
    place(m->slot, m->mask, hash + !hash, index);
    m->count++;
    return NT_OK;
}

int nt_featmap_or(nt_featmap *m, uint64_t hash, int64_t bits)
{
    if (m->slot) {
        uint64_t h = hash + !hash;
        for (size_t i = (size_t)h & m->mask; m->slot[i].hash; i = (i + 1) & m->mask)
            if (m->slot[i].hash == h) {
                m->slot[i].index |= bits;
                return NT_OK;
            }
    }
    return nt_featmap_add(m, hash, bits);
}

void nt_featmap_free(nt_featmap *m)
{
    free(m->slot);
    memset(m, 0, sizeof *m);
}
