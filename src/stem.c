/* stem.c - the Russian Snowball stemmer, applied to Cyrillic words only. */
#include "stem.h"

#include <libstemmer.h>
#include <stdlib.h>

struct nt_stemmer {
    struct sb_stemmer *ru;
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
    const sb_symbol *s = sb_stemmer_stem(st->ru, (const sb_symbol *)word, (int)len);
    if (!s) {
        *out_len = len;
        return word;
    }
    *out_len = (size_t)sb_stemmer_length(st->ru);
    return (const char *)s;
}

void nt_stemmer_free(nt_stemmer *st)
{
    if (!st)
        return;
    sb_stemmer_delete(st->ru);
    free(st);
}
