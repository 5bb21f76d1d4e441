/* topic_words.h - what each word gives the topic features, remembered across articles.
 *
 * A word's "w:" feature takes a stem (a memory lookup with a string compare, or the Snowball
 * stemmer), a hash of the feature's name and a lookup in the vocabulary; articles repeat
 * their words, and a workspace sees the same few thousand words in article after article.
 * The memory maps a 64-bit hash of the word's normalized form to the feature's key and its
 * index in one vocabulary: one probe instead. Two words with one hash would share a key;
 * among the NT_WORKSPACE_MAX_WORDS words a memory holds before it is emptied, that happens
 * about once in 10^9 fillings.
 */
#ifndef NT_TOPIC_WORDS_H
#define NT_TOPIC_WORDS_H

#include <stddef.h>
#include <stdint.h>

struct nt_topic_vocab;

typedef struct nt_topic_words {
    uint64_t *slot;   /* triples (word hash | 1, key, index as int64); word hash 0: empty */
    size_t mask, count;
    int stems;        /* the settings the keys were made under (-1: none yet) */
    uint64_t instance;/* the vocabulary the indices are of */
    const struct nt_topic_vocab *vocab;
    uint64_t *hash;   /* scratch: a document's word hashes, found before they are looked up */
    size_t hash_cap;
    uint32_t *place;  /* scratch: one zero per feature of the bound vocabulary (vectorizing) */
} nt_topic_words;

#define NT_TOPIC_WORDS_INIT {NULL, 0, 0, -1, 0, NULL, NULL, 0, NULL}

/* Binds the memory to settings (stems or whole words) and a vocabulary: what it remembers
 * under others is forgotten. */
void nt_topic_words_bind(nt_topic_words *m, int stems, const struct nt_topic_vocab *vocab);
/* Where the word with hash h (| 1, as stored) starts probing in a table of mask + 1 slots. */
static inline size_t nt_topic_words_home(uint64_t h, size_t mask)
{
    return (size_t)(h >> 32) & mask;
}
/* Asks for the slot of the word with hash h to be fetched from memory: a document's words are
 * announced before they are looked up, so their cache misses overlap. */
static inline void nt_topic_words_prefetch(const nt_topic_words *m, uint64_t h)
{
    if (m->slot)
        __builtin_prefetch(&m->slot[3 * nt_topic_words_home(h | 1, m->mask)]);
}
/* The remembered key of the word with hash h and that key's index in the vocabulary (-1: not
 * in it): 1, or 0 when the word is not remembered. */
static inline int nt_topic_words_get(const nt_topic_words *m, uint64_t h, uint64_t *key, int64_t *index)
{
    if (!m->slot)
        return 0;
    h |= 1;
    for (size_t i = nt_topic_words_home(h, m->mask);; i = (i + 1) & m->mask) {
        if (m->slot[3 * i] == h) {
            *key = m->slot[3 * i + 1];
            *index = (int64_t)m->slot[3 * i + 2];
            return 1;
        }
        if (!m->slot[3 * i])
            return 0;
    }
}
/* Remembers h -> key and returns key's index in the bound vocabulary (-1: not in it;
 * NT_TOPIC_INDEX_UNKNOWN when none is bound).
 * Remembering is an optimization: out of memory, it remembers nothing, and the index is
 * right anyway. */
int64_t nt_topic_words_put(nt_topic_words *m, uint64_t h, uint64_t key);
/* n zeros (the bound vocabulary's size), kept for the next call: whoever uses them leaves
 * them zero. NULL when out of memory. */
uint32_t *nt_topic_words_places(nt_topic_words *m, size_t n);
/* Room for n hashes in m->hash: 0, or NT_ENOMEM. */
int nt_topic_words_scratch(nt_topic_words *m, size_t n);
/* Forgets everything once more than max words are remembered (between articles only). */
void nt_topic_words_trim(nt_topic_words *m, size_t max);
void nt_topic_words_free(nt_topic_words *m);

#endif
