/* test_ner.c - gazetteers, gold tags, decoding that never yields an invalid tag sequence,
 * and an entity tagger trained, saved and loaded end to end. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "corpus_internal.h"
#include "doc.h"
#include "gazetteer.h"
#include "model.h"
#include "ner.h"
#include "ner_train.h"

START_TEST(gazetteer_matches_stems_and_endings)
{
    nt_gazetteer g;
    memset(&g, 0, sizeof g);
    nt_stemmer *st = nt_stemmer_new();
    const char *loc = "# places\nАстана\nМангистауская область\n  Шымкент  \n";
    const char *end = "ова\n-ович\n";
    ck_assert_int_eq(nt_gaz_add_list(&g, "locations", loc, strlen(loc)), NT_OK);
    ck_assert_int_eq(nt_gaz_add_list(&g, "surname_endings", end, strlen(end)), NT_OK);
    ck_assert_uint_eq(g.list[0].n, 3);
    ck_assert_str_eq(g.list[0].entry[2], "шымкент");
    ck_assert(g.list[1].endings);
    ck_assert_str_eq(g.list[1].entry[1], "ович");
    ck_assert_int_eq(nt_gaz_index(&g, st), NT_OK);
    uint32_t b, i, e;
    nt_gaz_match(&g, st, "астана", strlen("астана"), &b, &i, &e); /* the whole form */
    ck_assert_uint_eq(b, 1);
    nt_gaz_match(&g, st, "мангистауской", strlen("мангистауской"), &b, &i, &e); /* by stem */
    ck_assert_uint_eq(b, 1);
    nt_gaz_match(&g, st, "шымкенте", strlen("шымкенте"), &b, &i, &e);
    ck_assert_uint_eq(b, 1);
    nt_gaz_match(&g, st, "области", strlen("области"), &b, &i, &e);
    ck_assert_uint_eq(b, 0);
    ck_assert_uint_eq(i, 1);
    nt_gaz_match(&g, st, "сапарова", strlen("сапарова"), &b, &i, &e);
    ck_assert_uint_eq(e, 2);
    nt_gaz_match(&g, st, "ерланович", strlen("ерланович"), &b, &i, &e);
    ck_assert_uint_eq(e, 2);
    nt_gaz_match(&g, st, "ова", strlen("ова"), &b, &i, &e); /* the ending alone is no name */
    ck_assert_uint_eq(e, 0);

    nt_buf enc = {0};
    ck_assert_int_eq(nt_gaz_encode(&g, &enc), NT_OK);
    nt_gazetteer h;
    memset(&h, 0, sizeof h);
    ck_assert_int_eq(nt_gaz_decode(&h, (const unsigned char *)enc.data, enc.len), NT_OK);
    ck_assert_uint_eq(h.n_lists, 2);
    ck_assert_str_eq(h.list[0].name, "locations");
    ck_assert_uint_eq(h.list[0].n, 3);
    for (size_t cut = 0; cut < enc.len; cut++) {
        nt_gazetteer bad;
        memset(&bad, 0, sizeof bad);
        ck_assert_int_eq(nt_gaz_decode(&bad, (const unsigned char *)enc.data, cut), NT_EFORMAT);
        nt_gaz_free(&bad);
    }
    nt_gaz_free(&h);
    nt_buf_free(&enc);
    nt_gaz_free(&g);
    nt_stemmer_free(st);
}
END_TEST

START_TEST(only_valid_tag_sequences)
{
    for (size_t prev = 0; prev < 7; prev++)
        for (size_t t = 0; t < 7; t++) {
            int valid = t == 0 || t % 2 == 1 || prev == t || prev + 1 == t;
            ck_assert_int_eq(nt_ner_allowed(prev, t), valid);
        }
}
END_TEST

/* A corpus of short articles about people in places at organizations. */
static char *write_ner_corpus(void)
{
    static const char *first[] = {"Ерлан", "Айгерим", "Нурлан", "Дана", "Сергей", "Ольга", "Арман", "Мадина"};
    static const char *last[] = {"Сапаров", "Жумабаева", "Касымов", "Ли", "Петров", "Ким", "Оспанов", "Ахметова"};
    static const char *city[] = {"Актобе", "Павлодаре", "Шымкенте", "Атырау", "Костанае", "Таразе"};
    static const char *org[] = {"акимат города", "университет имени Абая", "фонд «Болашак»", "ТОО «Арна»"};
    static char path[64];
    strcpy(path, "/tmp/nt_ner_corpusXXXXXX");
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "w");
    for (int a = 0; a < 60; a++) {
        fprintf(f, "@@ n%03d\n@topics %s\n", a, a % 2 ? "people" : "places");
        for (int s = 0; s < 4; s++) {
            int k = (a * 7 + s * 3) % 8, c = (a + s) % 6, o = (a + 2 * s) % 4;
            fprintf(f, "Вчера в [[LOC|%s]] [[PER|%s %s]] посетил ", city[c], first[k], last[(k + s) % 8]);
            if (o == 0)
                fprintf(f, "акимат города. ");
            else
                fprintf(f, "[[ORG|%s]]. ", org[o]);
            fprintf(f, "Об этом сообщил [[PER|%s]] из [[LOC|%s]].\n", last[(k + 3) % 8], city[(c + 1) % 6]);
        }
        fprintf(f, "\n");
    }
    fclose(f);
    (void)org;
    return path;
}

START_TEST(tagger_learns_and_round_trips)
{
    nt_corpus *c = NULL;
    nt_error err;
    char *path = write_ner_corpus();
    ck_assert_int_eq(nt_corpus_new(&c), NT_OK);
    int rc = nt_corpus_read_authoring(c, path, NULL, NULL, &err);
    ck_assert_msg(rc == NT_OK, "%s:%ld: %s", err.file, err.line, err.message);
    unlink(path);
    nt_train_options *o = NULL;
    nt_train_options_new(&o);
    const char *names = "Ерлан\nАйгерим\nНурлан\n";
    ck_assert_int_eq(nt_train_options_add_gazetteer(o, "first_names", names, strlen(names)), NT_OK);
    ck_assert_int_eq(nt_train_options_add_gazetteer(o, "", names, 1), NT_EINVAL);
    nt_model *m = NULL;
    rc = nt_train(&m, c, NULL, NULL, o, NULL, NULL, &err);
    ck_assert_msg(rc == NT_OK, "train: %s", err.message);
    ck_assert(m->ner.present);
    ck_assert_uint_eq(m->ner.n_types, 3);
    ck_assert_str_eq(m->ner.type[0], "LOC");

    const char *text = "Вчера в Таразе Арман Касымов посетил ТОО «Арна». Об этом сообщил Ким из Актобе.";
    nt_result *r = NULL;
    ck_assert_int_eq(nt_classify(&r, m, text, strlen(text), &err), NT_OK);
    static const char *want[][2] = {{"LOC", "Таразе"}, {"PER", "Арман Касымов"}, {"ORG", "ТОО «Арна»"},
                                    {"PER", "Ким"}, {"LOC", "Актобе"}};
    ck_assert_uint_eq(nt_result_entity_count(r), 5);
    for (size_t i = 0; i < 5; i++) {
        const nt_entity *e = nt_result_entity(r, i);
        ck_assert_str_eq(e->type, want[i][0]);
        ck_assert_int_eq((int)(e->byte_end - e->byte_start), (int)strlen(want[i][1]));
        ck_assert(!memcmp(text + e->byte_start, want[i][1], strlen(want[i][1])));
        ck_assert(e->score > 0.5 && e->score <= 1.0);
    }
    /* code points: "Вчера в " is 8 of them */
    ck_assert_uint_eq(nt_result_entity(r, 0)->cp_start, 8);
    ck_assert_uint_eq(nt_result_entity(r, 0)->cp_end, 14);
    nt_result_free(r);

    /* save, load, same entities; a damaged entity section is refused */
    char mpath[] = "/tmp/nt_ner_modelXXXXXX";
    close(mkstemp(mpath));
    ck_assert_int_eq(nt_model_save(m, mpath, &err), NT_OK);
    nt_model *l = NULL;
    ck_assert_int_eq(nt_model_load(&l, mpath, &err), NT_OK);
    ck_assert(l->ner.present);
    nt_result *r2 = NULL;
    ck_assert_int_eq(nt_classify(&r2, l, text, strlen(text), &err), NT_OK);
    ck_assert_uint_eq(nt_result_entity_count(r2), 5);
    ck_assert(nt_result_entity(r2, 1)->score == nt_result_entity(r2, 1)->score);
    nt_result_free(r2);
    nt_model_free(l);

    nt_eval *e = NULL;
    ck_assert_int_eq(nt_evaluate_ex(&e, m, c, 1, &err), NT_OK);
    ck_assert(nt_eval_entity_f1(e) > 0.95);
    ck_assert_ptr_nonnull(strstr(nt_eval_json(e), "\"overlap\""));
    ck_assert_ptr_nonnull(strstr(nt_eval_errors(e), "article\terror"));
    nt_eval_free(e);

    unlink(mpath);
    nt_model_free(m);
    nt_train_options_free(o);
    nt_corpus_free(c);
}
END_TEST

/* Both documents' static features: the same candidates, stems, and indices in the same order. */
static void same_features(const nt_ner_doc *a, const nt_ner_doc *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ck_assert_int_eq(a->candidate[i], b->candidate[i]);
        ck_assert_str_eq(a->stem[i], b->stem[i]);
        ck_assert_uint_eq(a->feat_start[i + 1] - a->feat_start[i], b->feat_start[i + 1] - b->feat_start[i]);
        for (size_t k = 0; k < a->feat_start[i + 1] - a->feat_start[i]; k++)
            ck_assert_int_eq(a->feat[a->feat_start[i] + k], b->feat[b->feat_start[i] + k]);
    }
}

/* nt_ner_index (token forms, remembered in a cache across documents and models) gives what
 * naming every feature and looking it up gives. */
START_TEST(forms_give_the_features_names_give)
{
    nt_corpus *c = NULL;
    nt_error err;
    char *path = write_ner_corpus();
    ck_assert_int_eq(nt_corpus_new(&c), NT_OK);
    ck_assert_int_eq(nt_corpus_read_authoring(c, path, NULL, NULL, &err), NT_OK);
    unlink(path);
    nt_train_options *o = NULL;
    nt_train_options_new(&o);
    const char *names = "Ерлан\nАйгерим\nНурлан\n";
    ck_assert_int_eq(nt_train_options_add_gazetteer(o, "first_names", names, strlen(names)), NT_OK);
    ck_assert_int_eq(nt_train_options_set(o, "ner_window", "3", &err), NT_OK); /* w-3=, w+3= too */
    nt_model *models[2] = {NULL, NULL};
    ck_assert_int_eq(nt_train(&models[0], c, NULL, NULL, o, NULL, NULL, &err), NT_OK);
    char mpath[4096];
    if (nt_model_default_path(mpath, sizeof mpath) == 0 || nt_model_load(&models[1], mpath, &err) != NT_OK)
        models[1] = NULL;

    /* the sample article, every corpus article, and text made to be awkward */
    char *sample = NULL;
    size_t sample_len = 0;
    FILE *f = fopen(NT_SAMPLES "/akmola-youth-forum.txt", "rb");
    ck_assert_ptr_nonnull(f);
    sample = malloc(1 << 20);
    sample_len = fread(sample, 1, 1 << 20, f);
    fclose(f);
    static const char *pal[] = {"Ерлан ", "Сапаров ", "«", "»", "\"", "акимат ", "КАЗАХСТАН ", "ТОО ", ", ",
                                ". ", "\n\n", "Kaspi.kz ", "2026 ", "г. ", "А. ", "COVID-19 ", "Ёлка ", "(",
                                ") ", "Қазақстан ", "\xFF", "iPhone ", "в ", "Актобе "};
    char awkward[8192];
    size_t an = 0;
    uint64_t x = 5;
    while (an + 200 < sizeof awkward) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        const char *p = pal[(x >> 33) % (sizeof pal / sizeof pal[0])];
        memcpy(awkward + an, p, strlen(p));
        an += strlen(p);
        if ((x >> 20) % 97 == 0) { /* now and then a token too long to remember */
            for (int k = 0; k < 60; k++, an += 2)
                memcpy(awkward + an, "я", 2);
            awkward[an++] = ' ';
        }
    }
    nt_ner_cache *cache = nt_ner_cache_new();
    nt_stemmer *st = nt_stemmer_new();
    size_t compared = 0;
    for (int round = 0; round < 2; round++)
        for (int mi = 0; mi < 2; mi++) {
            if (!models[mi])
                continue;
            const nt_ner_model *nm = &models[mi]->ner;
            for (size_t a = 0; a < nt_corpus_count(c) + 2; a++) {
                const char *text = a == 0 ? sample : a == 1 ? awkward : nt_corpus_get(c, a - 2)->text;
                size_t len = a == 0 ? sample_len : a == 1 ? an : nt_corpus_get(c, a - 2)->text_len;
                nt_doc d;
                ck_assert_int_eq(nt_doc_build(&d, text, len), NT_OK);
                nt_ner_doc want, got;
                ck_assert_int_eq(nt_ner_index_strings(nm, &want, &d, st), NT_OK);
                ck_assert_int_eq(nt_ner_index(nm, &got, &d, st, cache), NT_OK);
                same_features(&want, &got, d.n);
                compared += d.n;
                nt_ner_doc_free(&want);
                nt_ner_doc_free(&got);
                nt_doc_free(&d);
            }
        }
    ck_assert_uint_gt(compared, 10000);
    nt_stemmer_free(st);
    nt_ner_cache_free(cache);
    free(sample);
    nt_model_free(models[0]);
    nt_model_free(models[1]);
    nt_train_options_free(o);
    nt_corpus_free(c);
}
END_TEST

START_TEST(gold_tags_follow_spans)
{
    nt_corpus *c = NULL;
    nt_error err;
    char path[] = "/tmp/nt_goldXXXXXX";
    int fd = mkstemp(path);
    const char *src = "@@ g1\n@topics -\n[[PER|Н. Е. Сапарова]] и [[LOC|Актобе]].\n";
    ck_assert_int_eq(write(fd, src, strlen(src)), (ssize_t)strlen(src));
    close(fd);
    nt_corpus_new(&c);
    ck_assert_int_eq(nt_corpus_read_authoring(c, path, NULL, NULL, &err), NT_OK);
    unlink(path);
    const nt_article *a = nt_corpus_get(c, 0);
    nt_doc d;
    ck_assert_int_eq(nt_doc_build(&d, a->text, a->text_len), NT_OK);
    nt_ner_model nm;
    memset(&nm, 0, sizeof nm);
    char *types[] = {"LOC", "PER"};
    nm.type = types;
    nm.n_types = 2;
    nm.n_tags = 5;
    int tags[16];
    ck_assert_int_eq(nt_ner_gold_tags(&nm, a, &d, tags), NT_OK);
    int want[] = {3, 4, 4, 0, 1, 0}; /* Н. Е. Сапарова и Актобе . */
    ck_assert_uint_eq(d.n, 6);
    for (size_t i = 0; i < d.n; i++)
        ck_assert_int_eq(tags[i], want[i]);
    nt_doc_free(&d);
    nt_corpus_free(c);
}
END_TEST

Suite *nt_test_suite(void)
{
    Suite *s = suite_create("ner");
    TCase *tc = tcase_create("ner");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, gazetteer_matches_stems_and_endings);
    tcase_add_test(tc, only_valid_tag_sequences);
    tcase_add_test(tc, gold_tags_follow_spans);
    tcase_add_test(tc, forms_give_the_features_names_give);
    tcase_add_test(tc, tagger_learns_and_round_trips);
    suite_add_tcase(s, tc);
    return s;
}
