/* test_topic_features.c - topic feature keys: what classification computes from remembered
 * words and word keys is what training computes from the features' names. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "featmap.h"
#include "stem.h"
#include "topic_features.h"
#include "topic_words.h"

typedef struct seen {
    uint64_t key[20000];
    int64_t index[20000];
    char kind[20000]; /* 'w', 'b', 'c' from the name, or 0 without names */
    size_t n;
} seen;

static int record(void *user, uint64_t key, int64_t index, const char *name, size_t len, size_t sentence)
{
    (void)sentence;
    seen *s = user;
    ck_assert_uint_lt(s->n, sizeof s->key / sizeof s->key[0]);
    if (name) {
        ck_assert_uint_ge(len, 2);
        ck_assert_int_eq(name[1], ':');
        /* word and n-gram keys are their names' hashes; pairs are made from word keys */
        if (name[0] != 'b')
            ck_assert_uint_eq(key, nt_feat_hash(name, len));
    } else {
        ck_assert_uint_eq(len, 0);
    }
    s->kind[s->n] = name ? name[0] : 0;
    s->index[s->n] = index;
    s->key[s->n++] = key;
    return 0;
}

/* The text of the sample article, with awkward words of our own after it. */
static char *sample_text(size_t *len)
{
    FILE *f = fopen(NT_SAMPLES "/akmola-youth-forum.txt", "rb");
    ck_assert_ptr_nonnull(f);
    char *text = malloc(1 << 20);
    size_t n = fread(text, 1, (1 << 20) - 4096, f);
    fclose(f);
    const char *more = "\n\nг. Астана, ул. Ленина. Ёлка и елка; iPhone, COVID-19 «Мектеп» Kaspi.kz 2 500-летие "
                       "детей детей детей. Дети\xFF дети\n";
    memcpy(text + n, more, strlen(more));
    *len = n + strlen(more);
    return text;
}

START_TEST(remembered_keys_are_the_named_keys)
{
    size_t len;
    char *text = sample_text(&len);
    nt_doc d;
    ck_assert_int_eq(nt_doc_build(&d, text, len), NT_OK);
    nt_stemmer *st = nt_stemmer_new();
    static seen named, fresh, remembered;
    nt_topic_words mem = NT_TOPIC_WORDS_INIT;
    nt_topic_vocab v[2];
    for (int stems = 0; stems <= 1; stems++) {
        nt_topic_settings s = {stems, 1, 0, 0, 1, 1};
        ck_assert_int_eq(nt_topic_vocab_build(&v[stems], &d, 1, st, &s), NT_OK);
        nt_topic_words_bind(&mem, stems, &v[stems]);
        named.n = fresh.n = remembered.n = 0;
        ck_assert_int_eq(nt_topic_emit(&d, st, &s, NULL, 1, record, &named), 0);
        ck_assert_int_eq(nt_topic_emit(&d, st, &s, &mem, 0, record, &fresh), 0);      /* fills mem */
        ck_assert_int_eq(nt_topic_emit(&d, st, &s, &mem, 0, record, &remembered), 0); /* uses it */
        ck_assert_uint_gt(named.n, 300);
        ck_assert_uint_eq(fresh.n, named.n);
        ck_assert_uint_eq(remembered.n, named.n);
        size_t pairs = 0, indexed = 0;
        for (size_t i = 0; i < named.n; i++) {
            ck_assert_uint_eq(fresh.key[i], named.key[i]);
            ck_assert_uint_eq(remembered.key[i], named.key[i]);
            pairs += named.kind[i] == 'b';
            /* a word's index comes with it, and it is the vocabulary's; pairs are looked up */
            if (named.kind[i] == 'w') {
                ck_assert_int_eq(remembered.index[i], nt_featmap_get(&v[stems].map, named.key[i]));
                ck_assert_int_eq(fresh.index[i], remembered.index[i]);
                indexed += remembered.index[i] >= 0;
            } else {
                ck_assert_int_eq(remembered.index[i], NT_TOPIC_INDEX_UNKNOWN);
            }
        }
        ck_assert_uint_gt(pairs, 100);
        ck_assert_uint_gt(indexed, 100);
        ck_assert_uint_gt(mem.count, 100); /* and the second pass came from memory */
    }
    /* switching settings empties the memory of keys made with stems: keys differ by setting */
    nt_topic_settings s0 = {0, 1, 0, 0, 1, 1};
    nt_topic_words_bind(&mem, 0, &v[0]);
    size_t differ = 0;
    remembered.n = 0;
    ck_assert_int_eq(nt_topic_emit(&d, st, &s0, &mem, 0, record, &remembered), 0);
    for (size_t i = 0; i < named.n && i < remembered.n; i++)
        differ += remembered.key[i] != named.key[i];
    ck_assert_uint_gt(differ, 100);
    /* a trimmed memory forgets and fills again, with the same keys */
    nt_topic_words_trim(&mem, 10);
    ck_assert_uint_eq(mem.count, 0);
    fresh.n = 0;
    ck_assert_int_eq(nt_topic_emit(&d, st, &s0, &mem, 0, record, &fresh), 0);
    ck_assert_uint_eq(fresh.n, remembered.n);
    ck_assert_int_eq(memcmp(fresh.key, remembered.key, fresh.n * sizeof fresh.key[0]), 0);
    /* another vocabulary (another model) empties it too */
    nt_topic_words_bind(&mem, 0, &v[1]);
    ck_assert_uint_eq(mem.count, 0);
    nt_topic_words_free(&mem);
    nt_topic_vocab_free(&v[0]);
    nt_topic_vocab_free(&v[1]);
    nt_stemmer_free(st);
    nt_doc_free(&d);
    free(text);
}
END_TEST

START_TEST(pairs_are_ordered_and_stay_inside_sentences)
{
    static const char *text = "Дети играют. Играют дети! Дети играют";
    nt_doc d;
    ck_assert_int_eq(nt_doc_build(&d, text, strlen(text)), NT_OK);
    nt_stemmer *st = nt_stemmer_new();
    static seen k;
    k.n = 0;
    nt_topic_settings s = {1, 1, 0, 0, 1, 1};
    ck_assert_int_eq(nt_topic_emit(&d, st, &s, NULL, 1, record, &k), 0);
    /* w w b | w w b | w w b: "дет игра" twice, "игра дет" once, none across sentences */
    ck_assert_uint_eq(k.n, 9);
    ck_assert_int_eq(k.kind[2], 'b');
    ck_assert_int_eq(k.kind[3], 'w');
    ck_assert_uint_eq(k.key[2], k.key[8]);
    ck_assert_uint_ne(k.key[2], k.key[5]);
    ck_assert_uint_eq(k.key[0], k.key[4]);
    ck_assert_uint_eq(k.key[0], k.key[6]);
    /* classification takes a remembered key as it is: a planted one comes out */
    nt_topic_words mem = NT_TOPIC_WORDS_INIT;
    nt_topic_vocab v = {0};
    v.instance = 1;
    nt_topic_words_bind(&mem, 1, &v);
    ck_assert_int_eq(nt_topic_words_put(&mem, nt_feat_hash("дети", strlen("дети")), 12345), -1);
    k.n = 0;
    ck_assert_int_eq(nt_topic_emit(&d, st, &s, &mem, 0, record, &k), 0);
    ck_assert_uint_eq(k.key[0], 12345);
    ck_assert_uint_eq(k.key[4], 12345);
    ck_assert_uint_eq(k.key[6], 12345); /* "Дети" is "дети" once normalized */
    ck_assert_uint_ne(k.key[1], 12345);
    nt_topic_words_free(&mem);
    nt_stemmer_free(st);
    nt_doc_free(&d);
}
END_TEST

/* A vector made with a workspace's memory and scratch, twice over, is the one made without. */
START_TEST(vectors_with_and_without_memory_agree)
{
    size_t len;
    char *text = sample_text(&len);
    nt_doc d[2];
    ck_assert_int_eq(nt_doc_build(&d[0], text, len), NT_OK);
    ck_assert_int_eq(nt_doc_build(&d[1], text, len / 2), NT_OK);
    nt_stemmer *st = nt_stemmer_new();
    nt_topic_settings s = {1, 1, 0, 0, 1, 1};
    nt_topic_vocab v;
    ck_assert_int_eq(nt_topic_vocab_build(&v, d, 2, st, &s), NT_OK);
    nt_topic_words mem = NT_TOPIC_WORDS_INIT;
    for (int round = 0; round < 3; round++)
        for (int k = 0; k < 2; k++) {
            nt_sparse a = {0}, b = {0};
            nt_occurrence *oa = NULL, *ob = NULL;
            size_t na = 0, nb = 0;
            ck_assert_int_eq(nt_topic_vectorize(&v, &s, &d[k], st, NULL, &a, &oa, &na), NT_OK);
            ck_assert_int_eq(nt_topic_vectorize(&v, &s, &d[k], st, &mem, &b, &ob, &nb), NT_OK);
            ck_assert_uint_gt(a.n, 50);
            ck_assert_uint_eq(a.n, b.n);
            ck_assert_int_eq(memcmp(a.idx, b.idx, a.n * sizeof *a.idx), 0);
            ck_assert_int_eq(memcmp(a.val, b.val, a.n * sizeof *a.val), 0);
            ck_assert_uint_eq(na, nb);
            ck_assert_int_eq(memcmp(oa, ob, na * sizeof *oa), 0);
            for (size_t i = 1; i < a.n; i++)
                ck_assert_int_lt(a.idx[i - 1], a.idx[i]);
            free(oa);
            free(ob);
            nt_sparse_free(&a);
            nt_sparse_free(&b);
        }
    nt_topic_words_free(&mem);
    nt_topic_vocab_free(&v);
    nt_stemmer_free(st);
    nt_doc_free(&d[0]);
    nt_doc_free(&d[1]);
    free(text);
}
END_TEST

Suite *nt_test_suite(void)
{
    Suite *s = suite_create("topic_features");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, remembered_keys_are_the_named_keys);
    tcase_add_test(tc, pairs_are_ordered_and_stay_inside_sentences);
    tcase_add_test(tc, vectors_with_and_without_memory_agree);
    suite_add_tcase(s, tc);
    return s;
}
