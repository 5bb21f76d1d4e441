/* strpool.h - NUL-terminated copies of strings, in large blocks that never move. */
#ifndef NT_STRPOOL_H
#define NT_STRPOOL_H

#include <stddef.h>

typedef struct nt_strpool {
    char **blocks;
    size_t nblocks, used, cap;
} nt_strpool;

/* A stable copy of s[0, len) with a NUL after it, or NULL when out of memory. A zeroed pool
 * is empty and valid. */
const char *nt_strpool_add(nt_strpool *p, const char *s, size_t len);
void nt_strpool_free(nt_strpool *p);

#endif
