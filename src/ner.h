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

/* Features of a token's flags and context: first, cap, allcap, latin, inq, capelse, lowelse. */
#define NT_NER_FLAGS 7
#define NT_NER_MAX_WINDOW 5   /* words to each side, at most */
#define NT_NER_AHEAD_BUCKETS 5

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
    /* indices of the static features whose names do not depend on a token's form */
    int32_t f_flag[NT_NER_FLAGS];                 /* first, cap, allcap, latin, inq, ... */
    int32_t f_gaz[3][NT_GAZ_MAX_LISTS];           /* g=, gi=, e= a list */
    int32_t f_ahead[NT_NER_AHEAD_BUCKETS];        /* ahead=bucket */
    int32_t f_ahead_gaz[NT_NER_AHEAD_BUCKETS][NT_GAZ_MAX_LISTS]; /* ahead=bucket&g= a list */
    int32_t f_edge[2 * NT_NER_MAX_WINDOW + 1];    /* w-k=<s>, w+k=</s> */
    int32_t f_nb_gaz[2][NT_GAZ_MAX_LISTS];        /* g-1=, g+1= a list */
    int32_t f_nb_end[2][NT_GAZ_MAX_LISTS];        /* e-1=, e+1= a list */
    int32_t f_nb_cap[2];                          /* cap-1, cap+1 */
    uint64_t instance;   /* random, set when bound: which model a cache's forms came from */
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
/* Static features as vocabulary indices (features not in the vocabulary are dropped), by
 * way of their names: the reference nt_ner_index must agree with (tests/test_ner.c). */
int nt_ner_index_strings(const nt_ner_model *nm, nt_ner_doc *nd, const nt_doc *d, nt_stemmer *st);

/*
 * What a token form (its kind and its bytes) contributes to the features of any token,
 * remembered from token to token and article to article: most of a token's features depend
 * on its form alone, and news repeats its forms. A cache belongs to one thread; it serves
 * one model at a time (a different model empties it). NULL when out of memory.
 */
typedef struct nt_ner_cache nt_ner_cache;
nt_ner_cache *nt_ner_cache_new(void);
void nt_ner_cache_free(nt_ner_cache *c);
/* Forgets everything past max forms (between articles only). */
void nt_ner_cache_trim(nt_ner_cache *c, size_t max);

/* nt_ner_index_strings, the same indices in the same order, from the forms in cache (which
 * may be NULL: one for this call). */
int nt_ner_index(const nt_ner_model *nm, nt_ner_doc *nd, const nt_doc *d, nt_stemmer *st,
                 nt_ner_cache *cache);
void nt_ner_doc_free(nt_ner_doc *nd);

/* ---- pieces nt_ner_emit and nt_ner_index share ---- */
#define NT_NER_NAME_MAX 512   /* a feature name is cut to 511 bytes */
#define NT_NER_NB_PREFIXES 6  /* w, s, sh, g, e, cap of a neighbour */
extern const char *const nt_ner_neighbour_prefix[NT_NER_NB_PREFIXES]; /* printf formats of k */
extern const char *const nt_ner_ahead_name[NT_NER_AHEAD_BUCKETS];
/* Writes prefix + v[0, vlen) into buf (NT_NER_NAME_MAX bytes), cut to fit; returns its length. */
size_t nt_ner_feature_name(char *buf, const char *prefix, const char *v, size_t vlen);
int nt_ner_is_cap(const nt_token *t);
int nt_ner_is_wordish(const nt_token *t);
/* Capitalized mid-sentence (1), lowercase (2), or capitalized where a sentence starts (0). */
int nt_ner_written_as(const nt_token *t);
void nt_ner_mark_candidates(const nt_ner_model *nm, const nt_doc *d, unsigned char *cand);
/* Fills nd->stem (nd->d, nd->stem set) with every token's stem, and inq[i] with whether
 * token i stands inside quotes (an unclosed quote ends with its sentence). */
int nt_ner_stems_and_quotes(nt_ner_doc *nd, nt_stemmer *st, unsigned char *inq);
/* The article's capitalization cues of every word token, from its word's hash: written
 * capitalized mid-sentence elsewhere (capelse) or lowercase elsewhere (lowelse). */
int nt_ner_doc_cues(const nt_doc *d, const uint64_t *word_hash, unsigned char *capelse,
                    unsigned char *lowelse);
/* The look of a token ("Xx", "dd", runs collapsed) into out[cap]. */
void nt_ner_shape(const char *text, size_t len, char *out, size_t cap);
/* The last (suffix) or first n code points of s: *start and the byte length. */
size_t nt_ner_affix(const char *s, size_t len, int n, int suffix, const char **start);
/* Bucket of how far after token i the sentence's next capital or quote is (index into
 * nt_ner_ahead_name). */
size_t nt_ner_ahead(const nt_doc *d, size_t i);

/* Names of the dynamic features of tag / type k; written into buf. */
void nt_ner_prev1_name(const nt_ner_model *nm, size_t tag, char *buf, size_t cap);
void nt_ner_prev2_name(const nt_ner_model *nm, size_t tag, char *buf, size_t cap);
void nt_ner_prev1_cap_name(const nt_ner_model *nm, size_t tag, char *buf, size_t cap);
void nt_ner_memory_name(const nt_ner_model *nm, size_t type, char *buf, size_t cap);
/* Looks the dynamic features, and the static ones whose names are fixed, up in the
 * vocabulary (after it is complete), and gives the model a new instance number. */
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
