/* strmap.h - a string -> integer hash map with keys copied into the map. */
#ifndef NT_STRMAP_H
#define NT_STRMAP_H

#include <stddef.h>
#include <stdint.h>

#include "strpool.h"

typedef struct nt_strmap {
    struct nt_strmap_slot *slots;
    size_t cap, count;
    nt_strpool pool;     /* key storage */
} nt_strmap;

uint64_t nt_hash_bytes(const void *p, size_t n);
/* The value stored for key, or -1. */
int64_t nt_strmap_get(const nt_strmap *m, const char *key, size_t len);
/* Makes room for n keys in all, so that filling a map of known size never rehashes.
 * Returns 0 or NT_ENOMEM. */
int nt_strmap_reserve(nt_strmap *m, size_t n);
/* Stores value for key (replacing any). Returns 0 or NT_ENOMEM. */
int nt_strmap_put(nt_strmap *m, const char *key, size_t len, int64_t value);
/* The stored copy of key (NUL-terminated), or NULL when absent. */
const char *nt_strmap_key(const nt_strmap *m, const char *key, size_t len);
/* The keys whose value is at least min, sorted by strcmp: a vocabulary in an order that does
 * not depend on the hash table. *keys is malloc'ed (the caller frees it), the strings are
 * borrowed from m. Returns 0 or NT_ENOMEM. */
int nt_strmap_sorted_keys(const nt_strmap *m, int64_t min, const char ***keys, size_t *n);
void nt_strmap_free(nt_strmap *m);

#endif
