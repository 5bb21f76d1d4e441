/* test_threads.c - one loaded model shared by many threads classifying at once gives the
 * same results as one thread (run under ThreadSanitizer in CI). */
#include <check.h>
#include <pthread.h>
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
    int failures;
    pthread_mutex_t mu;
} shared;

static void *run(void *arg)
{
    shared *s = arg;
    for (int round = 0; round < ROUNDS; round++) {
        for (int t = 0; t < NTEXTS; t++) {
            nt_result *r = NULL;
            nt_error err;
            int bad = nt_classify(&r, s->m, TEXTS[t], strlen(TEXTS[t]), &err) != NT_OK;
            for (size_t k = 0; !bad && k < nt_result_topic_count(r); k++)
                bad = nt_result_topic(r, k)->score != s->expect_score[t][k];
            bad = bad || nt_result_entity_count(r) != s->expect_entities[t];
            nt_result_free(r);
            if (bad) {
                pthread_mutex_lock(&s->mu);
                s->failures++;
                pthread_mutex_unlock(&s->mu);
            }
        }
    }
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
    memset(&s, 0, sizeof s);
    s.m = owned;
    pthread_mutex_init(&s.mu, NULL);
    for (int t = 0; t < NTEXTS; t++) {
        nt_result *r = NULL;
        ck_assert_int_eq(nt_classify(&r, owned, TEXTS[t], strlen(TEXTS[t]), &err), NT_OK);
        for (size_t k = 0; k < nt_result_topic_count(r) && k < 16; k++)
            s.expect_score[t][k] = nt_result_topic(r, k)->score;
        s.expect_entities[t] = nt_result_entity_count(r);
        nt_result_free(r);
    }
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

Suite *nt_test_suite(void)
{
    Suite *s = suite_create("threads");
    TCase *tc = tcase_create("threads");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, many_threads_share_one_model);
    suite_add_tcase(s, tc);
    return s;
}
