/* featmap.c - open addressing with linear probing over fingerprints alone. */
#include "featmap.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "newstag.h"

#define VALUE_MASK ((1u << NT_FEATMAP_INDEX_BITS) - 1)

/* Slots keep fingerprints; the home slot comes from the fingerprint alone, so rehashing
 * needs no names. */
static size_t home_of_slot(uint64_t s, size_t mask)
{
    return (size_t)((s >> NT_FEATMAP_INDEX_BITS) * 0x9e3779b97f4a7c15ull >> 24) & mask;
}

static void place(uint64_t *slot, size_t mask, uint64_t s)
{
    size_t i = home_of_slot(s, mask);
    while (slot[i])
        i = (i + 1) & mask;
    slot[i] = s;
}

int nt_featmap_reserve(nt_featmap *m, size_t n)
{
    size_t cap = 16;
    while (cap < 2 * n + 2) /* at most half full: short probes, and always a free slot */
        cap *= 2;
    if (m->slot && cap <= m->mask + 1)
        return NT_OK;
    uint64_t *slot = calloc(cap, sizeof *slot);
    if (!slot)
        return NT_ENOMEM;
    for (size_t i = 0; m->slot && i <= m->mask; i++)
        if (m->slot[i])
            place(slot, cap - 1, m->slot[i]);
    if (!m->borrowed)
        free(m->slot);
    m->slot = slot;
    m->mask = cap - 1;
    m->borrowed = 0;
    return NT_OK;
}

int nt_featmap_add(nt_featmap *m, uint64_t hash, int64_t value)
{
    if (value < 0 || value > NT_FEATMAP_MAX_INDEX)
        return NT_EINVAL;
    if (nt_featmap_get(m, hash) >= 0)
        return NT_EFORMAT;
    if ((!m->slot || 2 * (m->count + 1) + 2 > m->mask + 1) && nt_featmap_reserve(m, 2 * m->count + 16))
        return NT_ENOMEM;
    place(m->slot, m->mask, nt_featmap_fingerprint(hash) << NT_FEATMAP_INDEX_BITS | (uint64_t)(value + 1));
    m->count++;
    return NT_OK;
}

void nt_featmap_get_many(const nt_featmap *m, const uint64_t *hash, size_t n, int64_t *out)
{
    for (size_t k = 0; k < n && m->slot; k++)
        __builtin_prefetch(&m->slot[nt_featmap_home(m, hash[k])]);
    for (size_t k = 0; k < n; k++)
        out[k] = nt_featmap_get(m, hash[k]);
}

int nt_featmap_or(nt_featmap *m, uint64_t hash, int64_t bits)
{
    if (bits < 0 || bits > NT_FEATMAP_MAX_INDEX)
        return NT_EINVAL;
    if (m->slot && !m->borrowed) {
        uint64_t fp = nt_featmap_fingerprint(hash);
        for (size_t i = nt_featmap_home(m, hash); m->slot[i]; i = (i + 1) & m->mask)
            if (m->slot[i] >> NT_FEATMAP_INDEX_BITS == fp) {
                int64_t v = ((int64_t)(m->slot[i] & VALUE_MASK) - 1) | bits;
                if (v > NT_FEATMAP_MAX_INDEX)
                    return NT_EINVAL;
                m->slot[i] = fp << NT_FEATMAP_INDEX_BITS | (uint64_t)(v + 1);
                return NT_OK;
            }
    }
    return nt_featmap_add(m, hash, bits);
}

void nt_featmap_free(nt_featmap *m)
{
    if (!m->borrowed)
        free(m->slot);
    memset(m, 0, sizeof *m);
}

int nt_featmap_encode(const nt_featmap *m, nt_buf *out)
{
    size_t cap = m->slot ? m->mask + 1 : 0;
    int rc = nt_buf_put_u64(out, cap);
    rc = rc ? rc : nt_buf_reserve(out, cap * 8);
    for (size_t i = 0; i < cap && !rc; i++)
        rc = nt_buf_put_u64(out, m->slot[i]);
    return rc;
}

int nt_featmap_decode(nt_featmap *m, const unsigned char *p, size_t n, size_t count)
{
    memset(m, 0, sizeof *m);
    nt_cursor c = {p, n, 0, 0};
    uint64_t cap = nt_cursor_u64(&c);
    if (c.bad || cap < 2 || (cap & (cap - 1)) || (n - 8) % 8 || (n - 8) / 8 != cap || count >= cap ||
        count > NT_FEATMAP_MAX_INDEX + 1)
        return NT_EFORMAT;
    const uint64_t *slots = (const uint64_t *)(const void *)(p + 8);
    uint64_t *own = NULL;
    int in_place = (uintptr_t)slots % 8 == 0;
#if !defined(__BYTE_ORDER__) || __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
    in_place = 0;
#endif
    if (!in_place) {
        if (!(own = malloc(cap * sizeof *own)))
            return NT_ENOMEM;
        for (size_t i = 0; i < cap; i++)
            own[i] = nt_cursor_u64(&c);
        slots = own;
    }
    size_t used = 0, bad = 0;
    for (size_t i = 0; i < cap; i++)
        if (slots[i]) {
            used++;
            bad += (slots[i] & VALUE_MASK) == 0 || (slots[i] & VALUE_MASK) > count;
        }
    if (used != count || bad || c.bad) {
        free(own);
        return NT_EFORMAT;
    }
    m->slot = own ? own : (uint64_t *)(uintptr_t)slots;
    m->mask = cap - 1;
    m->count = count;
    m->borrowed = own == NULL;
    return NT_OK;
}
