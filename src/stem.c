/* stem.c - the Russian Snowball stemmer, applied to Cyrillic words only, with a memory of
 * the words already stemmed: an article repeats its words, and the topic features, the
 * entity features and the gazetteers all ask for the same stems. */
#include "stem.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

#include "featmap.h"
#include "strpool.h"

#define MAX_REMEMBERED 1000000

typedef struct remembered {
    const char *word, *stem;
    size_t wlen, slen;
} remembered;

struct nt_stemmer {
    struct sb_stemmer *ru;
    nt_featmap seen;   /* hash of a word -> index in known */
    remembered *known;
    size_t n, cap;
    nt_strpool pool;
};

nt_stemmer *nt_stemmer_new(void)
{
    nt_stemmer *st = calloc(1, sizeof *st);
    if (!st)
        return NULL;
    st->ru = sb_stemmer_new("russian", "UTF_8");
    if (!st->ru) {
        free(st);
        return NULL;
    }
    return st;
}

const char *nt_stem(nt_stemmer *st, const char *word, size_t len, size_t *out_len)
{
    /* Latin words, numbers and Kazakh-only words pass through: the Russian stemmer would
     * only mangle them. A first byte of 0xD0/0xD1 is a basic Cyrillic letter. */
    int cyrillic = 0;
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)word[i] == 0xD0 || (unsigned char)word[i] == 0xD1) {
            cyrillic = 1;
            break;
        }
    if (!cyrillic || len < 4 || len > 256) {
        *out_len = len;
        return word;
    }
    uint64_t h = nt_feat_hash(word, len);
    int64_t k = nt_featmap_get(&st->seen, h);
    if (k >= 0 && st->known[k].wlen == len && !memcmp(st->known[k].word, word, len)) {
        *out_len = st->known[k].slen;
        return st->known[k].stem;
    }
    const sb_symbol *s = sb_stemmer_stem(st->ru, (const sb_symbol *)word, (int)len);
    if (!s) {
        *out_len = len;
        return word;
    }
    *out_len = (size_t)sb_stemmer_length(st->ru);
    if (k < 0 && st->n < MAX_REMEMBERED) {
        /* remembering is an optimization: when memory runs out, the stem is still right */
        if (st->n == st->cap) {
            size_t cap = st->cap ? st->cap * 2 : 1024;
            remembered *p = realloc(st->known, cap * sizeof *p);
            if (!p)
                return (const char *)s;
            st->known = p;
            st->cap = cap;
        }
        remembered r = {nt_strpool_add(&st->pool, word, len), nt_strpool_add(&st->pool, (const char *)s, *out_len),
                        len, *out_len};
        if (r.word && r.stem && nt_featmap_add(&st->seen, h, (int64_t)st->n) == 0) {
            st->known[st->n++] = r;
            return r.stem;
        }
    }
    return (const char *)s;
}

void nt_stemmer_trim(nt_stemmer *st, size_t max)
{
    if (st->n <= max)
        return;
    nt_featmap_free(&st->seen);
    nt_strpool_free(&st->pool);
    st->n = 0;
}

void nt_stemmer_free(nt_stemmer *st)
{
    if (!st)
        return;
    sb_stemmer_delete(st->ru);
    nt_featmap_free(&st->seen);
    free(st->known);
    nt_strpool_free(&st->pool);
    free(st);
}
