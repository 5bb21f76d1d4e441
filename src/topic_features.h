/* topic_features.h - the bag of features a topic classifier sees in a document. */
#ifndef NT_TOPIC_FEATURES_H
#define NT_TOPIC_FEATURES_H

#include <stddef.h>
#include <stdint.h>

#include "doc.h"
#include "stem.h"
#include "featmap.h"
#include "strpool.h"
#include "topic_words.h"

/* Which features, chosen by measurement (see the model's manifest for the values used). */
typedef struct nt_topic_settings {
    int stems;        /* 1: Snowball stems of words; 0: whole normalized forms */
    int bigrams;      /* adjacent word pairs inside a sentence */
    int char_min;     /* character n-grams inside words, from char_min to char_max code */
    int char_max;     /*   points; char_min = 0 turns them off */
    int min_df;       /* a feature must occur in this many training documents */
    int sublinear_tf; /* 1 + ln(tf) instead of tf */
} nt_topic_settings;

/* Receives a feature occurrence: its key (what the vocabulary's map is keyed by), its index in
 * the vocabulary when the word memory knows it (NT_TOPIC_INDEX_UNKNOWN when not, -1: not in
 * it), its name (NULL and len 0 unless names were asked for) and the sentence it stands in.
 * Non-zero stops. */
#define NT_TOPIC_INDEX_UNKNOWN (-2)
typedef int (*nt_topic_emit_fn)(void *user, uint64_t key, int64_t index, const char *name, size_t len,
                                size_t sentence);

/*
 * Calls emit for every feature occurrence of d, in text order. A "w:" feature's key is the
 * hash of its name, a "b:" pair's is made from its two words' keys (pair_key), a "c:"
 * n-gram's the hash of its name. with_names: build every name (training); without, mem (may
 * be NULL; bound with nt_topic_words_bind) remembers each word's key and index across calls,
 * and pairs are never named.
 */
int nt_topic_emit(const nt_doc *d, nt_stemmer *st, const nt_topic_settings *s, nt_topic_words *mem,
                  int with_names, nt_topic_emit_fn emit, void *user);

/* A sparse vector: n (index, value) pairs with increasing indices. */
typedef struct nt_sparse {
    int32_t *idx;
    double *val;
    size_t n, cap;
} nt_sparse;

void nt_sparse_free(nt_sparse *v);

/* Features kept at training time, their inverse document frequencies, and their names in
 * index order (for saving). */
typedef struct nt_topic_vocab {
    nt_featmap map;    /* feature -> index */
    uint64_t instance; /* random, drawn when built or loaded: which vocabulary a memory's indices are of */
    nt_strpool pool;   /* the names */
    double *idf;
    const char **name; /* index -> name, borrowed from pool */
    size_t n;
} nt_topic_vocab;

/* Builds the vocabulary over docs[0, ndocs), keeping features with df >= s->min_df. */
int nt_topic_vocab_build(nt_topic_vocab *v, const nt_doc *docs, size_t ndocs, nt_stemmer *st,
                         const nt_topic_settings *s);
/* Adds a feature, keyed by key (nt_topic_emit's), with its idf; index = current size.
 * NT_EFORMAT: the key's fingerprint is there already. */
int nt_topic_vocab_add(nt_topic_vocab *v, const char *name, size_t len, uint64_t key, double idf);
void nt_topic_vocab_free(nt_topic_vocab *v);

/* One feature occurrence, the sentence it stands in and its entry in the document's vector,
 * for evidence. */
typedef struct nt_occurrence {
    int32_t idx;
    uint32_t sentence;
    uint32_t entry;  /* out->idx[entry] == idx */
    uint32_t count;  /* occurrences of idx in the document */
} nt_occurrence;

/*
 * The L2-normalized TF-IDF vector of d. If occ is not NULL it receives every occurrence of a
 * known feature (*nocc of them, in text order, malloc'ed, caller frees) so that a score can
 * be split over sentences.
 */
int nt_topic_vectorize(const nt_topic_vocab *v, const nt_topic_settings *s, const nt_doc *d,
                       nt_stemmer *st, nt_topic_words *mem, nt_sparse *out, nt_occurrence **occ, size_t *nocc);

#endif
