/* featmap.h - feature name -> index, looked up by a hash of the name.
 *
 * Classification looks up some thirty features per token, nearly all of them in a vocabulary
 * of tens of thousands. Comparing names would cost a second cache miss and a memcmp per
 * lookup; this map keeps only a 40-bit fingerprint of each name's 64-bit hash and its index,
 * in one 8-byte slot. The slot a name starts probing from is taken from its fingerprint, so
 * two names with one fingerprint meet: the second is refused, and training leaves it out of
 * the vocabulary (a vocabulary of 100,000 names loses one about once in 200 trainings). A
 * feature outside the vocabulary is taken for a vocabulary feature only if their
 * fingerprints agree, about once in 10^12 lookups.
 */
#ifndef NT_FEATMAP_H
#define NT_FEATMAP_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct nt_buf;

#define NT_FEATMAP_INDEX_BITS 24
#define NT_FEATMAP_MAX_INDEX ((1 << NT_FEATMAP_INDEX_BITS) - 2) /* values 0 .. this */

typedef struct nt_featmap {
    uint64_t *slot; /* fingerprint << 24 | (value + 1); 0: empty */
    size_t mask, count;
    int borrowed;   /* slot lies in a model file's image: not freed here */
} nt_featmap;

/* The hash of name[0, len): 8 bytes at a time, well mixed. Its name is written in a model's
 * manifest and checked on load: a model's tables are only valid for the keys they were built
 * with ("-pairs": topic word pairs are keyed from their words' keys, topic_features.c). */
#define NT_FEAT_HASH_NAME "mum64-fp40-pairs"

static inline uint64_t nt_feat_hash(const char *name, size_t len);

/* One 64x64->128-bit multiply, the halves folded (as wyhash does). */
static inline uint64_t nt_mum(uint64_t a, uint64_t b)
{
    __uint128_t r = (__uint128_t)a * b;
    return (uint64_t)r ^ (uint64_t)(r >> 64);
}

/* Bytes p[0, n), 1 <= n <= 7, as a little-endian word padded with zeros, in at most three
 * loads: no call to memcpy for a variable length. */
static inline uint64_t nt_tail_word(const unsigned char *p, size_t n)
{
    if (n >= 4) {
        uint32_t lo, hi;
        memcpy(&lo, p, 4);
        memcpy(&hi, p + n - 4, 4);
        return (uint64_t)lo | ((uint64_t)hi >> (8 * (8 - n))) << 32;
    }
    return (uint64_t)p[0] | (uint64_t)p[n >> 1] << (8 * (n >> 1)) | (uint64_t)p[n - 1] << (8 * (n - 1));
}

/* Inline: it runs for every feature of every token, and names are short. */
static inline uint64_t nt_feat_hash(const char *name, size_t len)
{
    uint64_t h = 0x9e3779b97f4a7c15ull ^ len;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w;
        memcpy(&w, name + i, 8);
        h = nt_mum(h ^ w, 0xa0761d6478bd642full);
    }
    if (i < len)
        h = nt_mum(h ^ nt_tail_word((const unsigned char *)name + i, len - i), 0xe7037ed1a0b428dbull);
    return nt_mum(h ^ 0x8ebc6af09c88c6e3ull, 0x589965cc75374cc3ull);
}

/* Makes room for n names in all (so that a map of known size never rehashes). Returns 0 or
 * NT_ENOMEM. A zeroed map is empty and valid. */
int nt_featmap_reserve(nt_featmap *m, size_t n);
/* Adds hash -> value (0 .. NT_FEATMAP_MAX_INDEX). Returns 0, NT_ENOMEM, NT_EINVAL for a value
 * out of range, or NT_EFORMAT when the fingerprint is there already (the same name twice, or
 * two names with one fingerprint). */
int nt_featmap_add(nt_featmap *m, uint64_t hash, int64_t value);

static inline uint64_t nt_featmap_fingerprint(uint64_t hash)
{
    return (hash >> NT_FEATMAP_INDEX_BITS) | ((uint64_t)1 << 39); /* never 0 */
}

static inline size_t nt_featmap_home(const nt_featmap *m, uint64_t hash)
{
    return (size_t)(nt_featmap_fingerprint(hash) * 0x9e3779b97f4a7c15ull >> 24) & m->mask;
}

/* The value stored for hash, or -1. */
static inline int64_t nt_featmap_get(const nt_featmap *m, uint64_t hash)
{
    if (!m->slot)
        return -1;
    uint64_t fp = nt_featmap_fingerprint(hash);
    for (size_t i = nt_featmap_home(m, hash);; i = (i + 1) & m->mask) {
        uint64_t s = m->slot[i];
        if (!s)
            return -1;
        if (s >> NT_FEATMAP_INDEX_BITS == fp)
            return (int64_t)(s & ((1u << NT_FEATMAP_INDEX_BITS) - 1)) - 1;
    }
}
/* out[i] = nt_featmap_get(m, hash[i]) for n hashes at once: their slots are fetched from
 * memory together, which is what a lookup costs once the map is larger than the caches.
 * Callers gather up to NT_FEATMAP_BATCH hashes before asking. */
#define NT_FEATMAP_BATCH 64
void nt_featmap_get_many(const nt_featmap *m, const uint64_t *hash, size_t n, int64_t *out);
/* Sets hash's value to (its value or 0) | bits: per-document flags kept by hash. Returns 0,
 * NT_ENOMEM or NT_EINVAL (bits out of range). */
int nt_featmap_or(nt_featmap *m, uint64_t hash, int64_t bits);
void nt_featmap_free(nt_featmap *m);

/* The map as the model file stores it: u64 number of slots, then the u64 slots,
 * little-endian. */
int nt_featmap_encode(const nt_featmap *m, struct nt_buf *out);
/* Takes the map from p[0, n), in place when the host's layout is the file's (p 8-aligned,
 * little-endian), else as a copy. It must hold exactly `count` names with values below
 * `count`, and free slots: a damaged map is refused (NT_EFORMAT), never looped over. */
int nt_featmap_decode(nt_featmap *m, const unsigned char *p, size_t n, size_t count);

#endif
