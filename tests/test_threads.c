/* test_threads.c - one loaded model shared by many threads classifying at once gives the
 * same results as one thread (run under ThreadSanitizer in CI). */
#include <check.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "newstag.h"

static const char *TEXTS[] = {
    "Аким Павлодарской области Ерлан Жумабаев открыл центр для молодежи без работы.",
    "В Шымкенте школьники получили планшеты и доступ к интернету, сообщает Kazinform.",
    "Волонтеры «Жасыл ел» высадили деревья в Кокшетау вместе с Айгерим Сапаровой.",
    "Детский фонд ООН (ЮНИСЕФ) и акимат Атырауской области открыли комнату матери и ребенка.",
};
#define NTEXTS 4
#define NTHREADS 8
#define ROUNDS 25

typedef struct shared {
    const nt_model *m;
    double expect_score[NTEXTS][16];
    size_t expect_entities[NTEXTS];
    nt_entity expect_entity[NTEXTS][64];
    int failures, started;
    pthread_mutex_t mu;
} shared;

/* The results of one classification of each text, on this thread, without a workspace. */
static void expect_from(shared *s, const nt_model *m)
{
    memset(s, 0, sizeof *s);
    s->m = m;
    for (int t = 0; t < NTEXTS; t++) {
        nt_result *r = NULL;
        nt_error err;
        ck_assert_int_eq(nt_classify(&r, m, TEXTS[t], strlen(TEXTS[t]), &err), NT_OK);
        for (size_t k = 0; k < nt_result_topic_count(r) && k < 16; k++)
            s->expect_score[t][k] = nt_result_topic(r, k)->score;
        s->expect_entities[t] = nt_result_entity_count(r);
        for (size_t k = 0; k < nt_result_entity_count(r) && k < 64; k++)
            s->expect_entity[t][k] = *nt_result_entity(r, k);
        nt_result_free(r);
    }
}

/* Whether r is what the first, single-threaded classification of text t gave. */
static int same_as_expected(const shared *s, int t, const nt_result *r)
{
    for (size_t k = 0; k < nt_result_topic_count(r); k++)
        if (nt_result_topic(r, k)->score != s->expect_score[t][k])
            return 0;
    if (nt_result_entity_count(r) != s->expect_entities[t])
        return 0;
    for (size_t k = 0; k < nt_result_entity_count(r) && k < 64; k++) {
        const nt_entity *e = nt_result_entity(r, k), *x = &s->expect_entity[t][k];
        if (e->byte_start != x->byte_start || e->byte_end != x->byte_end || strcmp(e->type, x->type) ||
            e->score != x->score)
            return 0;
    }
    return 1;
}

static void *run(void *arg)
{
    shared *s = arg;
    /* every other thread keeps a workspace from article to article */
    pthread_mutex_lock(&s->mu);
    nt_workspace *ws = s->started++ % 2 ? nt_workspace_new() : NULL;
    pthread_mutex_unlock(&s->mu);
    for (int round = 0; round < ROUNDS; round++) {
        for (int t = 0; t < NTEXTS; t++) {
            nt_result *r = NULL;
            nt_error err;
            int bad = nt_classify_with(ws, &r, s->m, TEXTS[t], strlen(TEXTS[t]),
                                       NT_CLASSIFY_TOPICS | NT_CLASSIFY_ENTITIES, &err) != NT_OK;
            bad = bad || !same_as_expected(s, t, r);
            nt_result_free(r);
            if (bad) {
                pthread_mutex_lock(&s->mu);
                s->failures++;
                pthread_mutex_unlock(&s->mu);
            }
        }
    }
    nt_workspace_free(ws);
    return NULL;
}

static nt_model *small_model(void)
{
    char path[] = "/tmp/nt_threads_corpusXXXXXX";
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "w");
    for (int a = 0; a < 40; a++) {
        fprintf(f, "@@ t%03d\n@topics %s\n", a, a % 2 ? "youth" : "-");
        fprintf(f, "В [[LOC|%s]] [[PER|%s]] %s. [[ORG|%s]] сообщает об этом.\n\n",
                a % 3 ? "Павлодаре" : "Шымкенте", a % 4 ? "Ерлан Жумабаев" : "Айгерим Сапарова",
                a % 2 ? "открыл центр для молодежи без работы" : "осмотрел новые дороги",
                a % 5 ? "Kazinform" : "Акимат Атырауской области");
    }
    fclose(f);
    nt_corpus *c = NULL;
    nt_error err;
    nt_corpus_new(&c);
    ck_assert_int_eq(nt_corpus_read_authoring(c, path, NULL, NULL, &err), NT_OK);
    unlink(path);
    nt_train_options *o = NULL;
    nt_train_options_new(&o);
    nt_model *m = NULL;
    ck_assert_int_eq(nt_train(&m, c, NULL, NULL, o, NULL, NULL, &err), NT_OK);
    nt_train_options_free(o);
    nt_corpus_free(c);
    return m;
}

START_TEST(many_threads_share_one_model)
{
    char path[4096];
    nt_model *owned = NULL;
    nt_error err;
    /* the shipped model when there is one; else a small one trained here */
    if (nt_model_default_path(path, sizeof path) == 0 || nt_model_load(&owned, path, &err) != NT_OK)
        owned = small_model();
    shared s;
    expect_from(&s, owned);
    pthread_mutex_init(&s.mu, NULL);
    pthread_t th[NTHREADS];
    for (int i = 0; i < NTHREADS; i++)
        ck_assert_int_eq(pthread_create(&th[i], NULL, run, &s), 0);
    for (int i = 0; i < NTHREADS; i++)
        pthread_join(th[i], NULL);
    ck_assert_int_eq(s.failures, 0);
    pthread_mutex_destroy(&s.mu);
    nt_model_free(owned);
}
END_TEST

/* A workspace that has seen more words than it keeps forgets them and still gives the
 * results of a fresh classification. */
START_TEST(a_workspace_stays_bounded_and_right)
{
    char path[4096];
    nt_model *m = NULL;
    nt_error err;
    if (nt_model_default_path(path, sizeof path) == 0 || nt_model_load(&m, path, &err) != NT_OK)
        m = small_model();
    shared s;
    expect_from(&s, m);
    nt_workspace *ws = nt_workspace_new();
    ck_assert_ptr_nonnull(ws);
    /* articles of made-up Cyrillic words, more distinct words than a workspace keeps */
    static const char *syl[] = {"ка", "ра", "но", "ту", "ми", "ле", "бо", "жа", "ше", "зу", "ви", "го",
                                "да", "пе", "ры", "сю"};
    size_t words = 0;
    char *text = malloc(64 * 1024);
    uint64_t x = 1;
    for (int a = 0; words < 3 * NT_WORKSPACE_MAX_WORDS / 2; a++) {
        size_t n = 0;
        for (int w = 0; w < 3000; w++, words++) { /* 21 bytes each */
            x = x * 6364136223846793005ull + 1442695040888963407ull;
            for (int k = 0; k < 5; k++) {
                const char *p = syl[(x >> (20 + 4 * k)) & 15];
                memcpy(text + n, p, 4);
                n += 4;
            }
            text[n++] = w % 12 == 11 ? '.' : ' ';
        }
        nt_result *r = NULL;
        ck_assert_int_eq(nt_classify_with(ws, &r, m, text, n, NT_CLASSIFY_TOPICS | NT_CLASSIFY_ENTITIES, &err),
                         NT_OK);
        nt_result_free(r);
        if (a % 8 == 0) /* and the known texts, now and then */
            for (int t = 0; t < NTEXTS; t++) {
                ck_assert_int_eq(nt_classify_with(ws, &r, m, TEXTS[t], strlen(TEXTS[t]),
                                                  NT_CLASSIFY_TOPICS | NT_CLASSIFY_ENTITIES, &err),
                                 NT_OK);
                ck_assert(same_as_expected(&s, t, r));
                nt_result_free(r);
            }
    }
    free(text);
    nt_workspace_free(ws);
    nt_model_free(m);
}
END_TEST

Suite *nt_test_suite(void)
{
    Suite *s = suite_create("threads");
    TCase *tc = tcase_create("threads");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, many_threads_share_one_model);
    tcase_add_test(tc, a_workspace_stays_bounded_and_right);
    suite_add_tcase(s, tc);
    return s;
}
