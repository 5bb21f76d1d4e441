/* ner.h - the entity tagger: token features, the tag set, and greedy constrained decoding. */
#ifndef NT_NER_H
#define NT_NER_H

#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "gazetteer.h"
#include "stem.h"
#include "featmap.h"
#include "strmap.h"
#include "strpool.h"

typedef struct nt_ner_settings {
    int window;          /* words to each side seen by a token's features */
    int min_count;       /* a feature must occur this often in training */
    int reach_before;    /* a lowercase word this many words before a capitalized one (or */
    int reach_after;     /*   after it) may be inside an entity: the candidate filter */
    int reach_commas;    /* 1: a comma does not end the reach (official names with commas) */
    int lookahead;       /* 1: how far ahead the next capitalized word or quote is */
    int doc_features;    /* the same word capitalized or lowercase elsewhere in the article */
    int memory;          /* the same stem already tagged earlier in the article */
} nt_ner_settings;

/* Tag t: 0 is O; 1 + 2k is B-type[k]; 2 + 2k is I-type[k]. */
typedef struct nt_ner_model {
    int present;
    nt_ner_settings s;
    size_t n_types, n_tags;
    char **type;
    nt_featmap vocab;    /* feature -> index */
    nt_strpool names;
    const char **name;   /* index -> feature (borrowed from names) */
    size_t dim;
    double *w;           /* dim * n_tags, feature-major */
    double *bias, *platt_a, *platt_b;
    nt_gazetteer gaz;
    /* indices of the features that depend on decisions already made (-1: unseen) */
    int32_t *f_prev1, *f_prev2, *f_prev1_cap; /* per tag */
    int32_t *f_memory;                        /* per type */
} nt_ner_model;

/* Per document: which tokens may be inside an entity, and what they look like. */
typedef struct nt_ner_doc {
    const nt_doc *d;
    unsigned char *candidate;
    char **stem;          /* per token, NUL-terminated */
    int32_t *feat;        /* static feature indices of all candidates, CSR */
    size_t *feat_start;   /* n + 1 */
} nt_ner_doc;

/* Calls emit(user, token, feature, len) for every static feature of every candidate token.
 * Also fills nd->candidate and nd->stem. */
int nt_ner_emit(const nt_ner_model *nm, nt_ner_doc *nd, const nt_doc *d, nt_stemmer *st,
                int (*emit)(void *user, size_t tok, const char *f, size_t len), void *user);
/* Static features as vocabulary indices (features not in the vocabulary are dropped). */
int nt_ner_index(const nt_ner_model *nm, nt_ner_doc *nd, const nt_doc *d, nt_stemmer *st);
void nt_ner_doc_free(nt_ner_doc *nd);

/* Names of the dynamic features of tag / type k; written into buf. */
void nt_ner_prev1_name(const nt_ner_model *nm, size_t tag, char *buf, size_t cap);
void nt_ner_prev2_name(const nt_ner_model *nm, size_t tag, char *buf, size_t cap);
void nt_ner_prev1_cap_name(const nt_ner_model *nm, size_t tag, char *buf, size_t cap);
void nt_ner_memory_name(const nt_ner_model *nm, size_t type, char *buf, size_t cap);
/* Looks the dynamic features up in the vocabulary (after it is complete). */
int nt_ner_bind_dynamic(nt_ner_model *nm);

/* The dynamic feature indices of token i given the tags before it and the memory of stems
 * tagged so far (stem -> bitmask of types). Writes at most 2 + 1 + n_types indices. */
size_t nt_ner_dynamic(const nt_ner_model *nm, const nt_ner_doc *nd, size_t i, const int *tags,
                      const nt_featmap *memory, int32_t *out);

/* Is tag `t` allowed after tag `prev`? I-X only after B-X or I-X. */
int nt_ner_allowed(size_t prev, size_t t);

typedef struct nt_ner_span {
    size_t first, last;  /* tokens, inclusive */
    size_t type;
    double score;
} nt_ner_span;

/* Tags the document: greedy, left to right, never an invalid sequence. Returns the spans
 * (malloc'ed, *n of them) and, if tags_out is not NULL, the tag of every token. */
int nt_ner_decode(const nt_ner_model *nm, const nt_ner_doc *nd, nt_ner_span **spans, size_t *n,
                  int *tags_out);

void nt_ner_model_free(nt_ner_model *nm);

#endif
