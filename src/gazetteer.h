/* gazetteer.h - word lists written for the project (places, first names, organization head
 * words, titles, name endings), matched by stem, whole form or ending, baked into the model. */
#ifndef NT_GAZETTEER_H
#define NT_GAZETTEER_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "stem.h"
#include "featmap.h"

#define NT_GAZ_MAX_LISTS 23 /* list bits are featmap values */

typedef struct nt_gaz_list {
    char *name;       /* from the file name: "locations", "surname_endings", ... */
    int endings;      /* 1: entries are word endings; 0: words or phrases */
    char **entry;     /* normalized entries, as saved in the model */
    size_t n;
} nt_gaz_list;

typedef struct nt_gazetteer {
    nt_gaz_list list[NT_GAZ_MAX_LISTS];
    size_t n_lists;
    nt_featmap begin;  /* stem -> bitmask of phrase lists whose entry starts with it */
    nt_featmap inside; /* stem -> bitmask of phrase lists with it later in an entry */
    nt_featmap ending; /* "ending" -> bitmask of ending lists */
    size_t max_ending; /* longest ending, in bytes */
} nt_gazetteer;

/* Adds a list of entries (one a line, '#' comments) from text; name decides its kind:
 * names ending in "_endings" are ending lists. Entries are normalized. */
int nt_gaz_add_list(nt_gazetteer *g, const char *name, const char *text, size_t len);
/* Builds the lookup maps (after all lists are added). */
int nt_gaz_index(nt_gazetteer *g, nt_stemmer *st);
/* The lists a token (its normalized form) matches: bits of lists whose entries start with
 * it, have it later on, or end like it. Inflected forms match by their Snowball stem. */
void nt_gaz_match(const nt_gazetteer *g, nt_stemmer *st, const char *norm, size_t len,
                  uint32_t *begin, uint32_t *inside, uint32_t *ending);
/* Serialization for the model file. */
int nt_gaz_encode(const nt_gazetteer *g, nt_buf *out);
/* Returns NT_OK or NT_EFORMAT for a damaged section. */
int nt_gaz_decode(nt_gazetteer *g, const unsigned char *p, size_t n);
void nt_gaz_free(nt_gazetteer *g);

#endif
