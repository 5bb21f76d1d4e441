/* featmap.h - feature name -> index, looked up by a 64-bit hash of the name.
 *
 * Classification looks up some thirty features per token, nearly all of them in a vocabulary
 * of tens of thousands. Comparing names would cost a second cache miss and a memcmp per
 * lookup; this map keeps only each name's 64-bit hash and its index, 16 bytes a slot. Two
 * names of one vocabulary with the same hash are refused when the map is built; a feature
 * outside the vocabulary is taken for a vocabulary feature only if their hashes agree, about
 * once in 10^14 lookups for a vocabulary of 100,000.
 */
#ifndef NT_FEATMAP_H
#define NT_FEATMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct nt_featmap_slot {
    uint64_t hash;  /* 0: empty (a name hashing to 0 is stored as 1) */
    int64_t index;
} nt_featmap_slot;

typedef struct nt_featmap {
    nt_featmap_slot *slot;
    size_t mask, count;
} nt_featmap;

/* The hash of name[0, len): 8 bytes at a time, well mixed. */
uint64_t nt_feat_hash(const char *name, size_t len);

/* Makes room for n names in all (so that a map of known size never rehashes). Returns 0 or
 * NT_ENOMEM. A zeroed map is empty and valid. */
int nt_featmap_reserve(nt_featmap *m, size_t n);
/* Adds hash -> index. Returns 0, NT_ENOMEM, or NT_EFORMAT when the hash is there already
 * (the same name twice, or two names with one hash). */
int nt_featmap_add(nt_featmap *m, uint64_t hash, int64_t index);
/* The index stored for hash, or -1. */
static inline int64_t nt_featmap_get(const nt_featmap *m, uint64_t hash)
{
    if (!m->slot)
        return -1;
    hash += !hash;
    for (size_t i = (size_t)hash & m->mask;; i = (i + 1) & m->mask) {
        if (m->slot[i].hash == hash)
            return m->slot[i].index;
        if (!m->slot[i].hash)
            return -1;
    }
}
/* Sets hash's value to (its value or 0) | bits: per-document flags kept by hash. Returns 0
 * or NT_ENOMEM. */
int nt_featmap_or(nt_featmap *m, uint64_t hash, int64_t bits);
void nt_featmap_free(nt_featmap *m);

#endif
