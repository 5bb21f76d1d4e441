/* stem.h - Snowball stemming (Debian's libstemmer) of normalized words. */
#ifndef NT_STEM_H
#define NT_STEM_H

#include <stddef.h>

/* A stemmer is not shared between threads: each classification has its own (an nt_workspace's). */
typedef struct nt_stemmer nt_stemmer;

/* Russian Snowball; NULL when out of memory. */
nt_stemmer *nt_stemmer_new(void);
/* Stems word[0, len) (normalized, lowercase UTF-8). The result is borrowed from st until its
 * next call; *out_len receives its length. Words with no Cyrillic letters come back as they
 * are. */
const char *nt_stem(nt_stemmer *st, const char *word, size_t len, size_t *out_len);
/* Forgets the remembered stems when there are more than max of them, so that a stemmer kept
 * across articles stays bounded. Only between articles: it invalidates earlier results. */
void nt_stemmer_trim(nt_stemmer *st, size_t max);
void nt_stemmer_free(nt_stemmer *st);

#endif
