/* test_corpus.c - corpus readers, the authoring round trip, the checker and the importers. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "newstag.h"

#define CORPUS_DATA NT_TEST_DATA "/corpus"

typedef struct issues {
    char text[64][600];
    long line[64];
    int n;
} issues;

static void collect(void *user, const nt_error *e)
{
    issues *is = user;
    if (is->n < 64) {
        snprintf(is->text[is->n], sizeof is->text[0], "%s", e->message);
        is->line[is->n] = e->line;
    }
    is->n++;
}

static int has_issue(const issues *is, long line, const char *needle)
{
    for (int i = 0; i < is->n && i < 64; i++)
        if ((line == 0 || is->line[i] == line) && strstr(is->text[i], needle))
            return 1;
    return 0;
}

static const char *span_text(const nt_article *a, size_t k, char *buf, size_t cap)
{
    const nt_span *e = &a->entities[k];
    snprintf(buf, cap, "%.*s", (int)(e->byte_end - e->byte_start), a->text + e->byte_start);
    return buf;
}

START_TEST(authoring_form_parses_with_offsets)
{
    nt_corpus *c = NULL;
    nt_error err;
    ck_assert_int_eq(nt_corpus_new(&c), NT_OK);
    ck_assert_int_eq(nt_corpus_read_authoring(c, CORPUS_DATA "/good.txt", NULL, NULL, &err), NT_OK);
    ck_assert_uint_eq(nt_corpus_count(c), 2);
    const nt_article *a = nt_corpus_get(c, 0);
    ck_assert_str_eq(a->id, "t-001");
    ck_assert_uint_eq(a->n_topics, 2);
    ck_assert_str_eq(a->topics[0], "neet");
    ck_assert_str_eq(a->genre, "press_release");
    ck_assert_str_eq(a->region, "Актюбинская область");
    ck_assert_ptr_null(a->hard_negative);
    ck_assert_uint_eq(a->n_entities, 3);
    char buf[256];
    ck_assert_str_eq(span_text(a, 0, buf, sizeof buf), "Актобе");
    ck_assert_str_eq(span_text(a, 1, buf, sizeof buf), "НПП «Атамекен»");
    ck_assert_str_eq(a->entities[1].type, "ORG");
    ck_assert_str_eq(span_text(a, 2, buf, sizeof buf), "Мадина Ержанова");
    /* code points: "14.02.2026, 11:20\n\nВ " is 21 code points */
    ck_assert_uint_eq(a->entities[0].start, 21);
    ck_assert_uint_eq(a->entities[0].end, 27);
    ck_assert_ptr_null(strstr(a->text, "[["));
    ck_assert(a->text[a->text_len - 1] != '\n'); /* trailing blank lines dropped */
    const nt_article *b = nt_corpus_get(c, 1);
    ck_assert_uint_eq(b->n_topics, 0);
    ck_assert_str_eq(b->hard_negative, "youth sport");
    ck_assert_str_eq(b->lang, "ru");

    char *r = NULL;
    size_t rlen = 0;
    ck_assert_int_eq(nt_article_render_authoring(&r, &rlen, b), NT_OK);
    ck_assert_ptr_nonnull(strstr(r, "[[ORG|акимат Костанайской области]]"));
    ck_assert_ptr_nonnull(strstr(r, "[[PER|А. Жумабеков]]"));
    nt_free(r);
    nt_corpus_free(c);
}
END_TEST

START_TEST(authoring_errors_name_their_lines)
{
    nt_corpus *c = NULL;
    issues is = {0};
    ck_assert_int_eq(nt_corpus_new(&c), NT_OK);
    ck_assert_int_eq(nt_corpus_read_authoring(c, CORPUS_DATA "/bad.txt", collect, &is, NULL), NT_EPARSE);
    ck_assert(has_issue(&is, 1, "outside an article"));
    ck_assert(has_issue(&is, 4, "without a matching"));
    ck_assert(has_issue(&is, 5, "no @topics"));
    ck_assert(has_issue(&is, 9, "UPPERCASE"));
    ck_assert(has_issue(&is, 12, "without an opening"));
    ck_assert(has_issue(&is, 15, "empty or repeated"));
    /* the one good article is still read */
    ck_assert_uint_eq(nt_corpus_count(c), 1);
    ck_assert_str_eq(nt_corpus_get(c, 0)->id, "b-006");
    nt_corpus_free(c);

    /* without a callback, the first problem stops the read and fills err */
    nt_error err;
    nt_error_clear(&err);
    ck_assert_int_eq(nt_corpus_new(&c), NT_OK);
    ck_assert_int_eq(nt_corpus_read_authoring(c, CORPUS_DATA "/bad.txt", NULL, NULL, &err), NT_EPARSE);
    ck_assert_int_eq(err.line, 1);
    ck_assert_ptr_nonnull(strstr(err.file, "bad.txt"));
    nt_corpus_free(c);
}
END_TEST

START_TEST(jsonl_reader_reports_and_skips_bad_lines)
{
    nt_corpus *c = NULL;
    issues is = {0};
    ck_assert_int_eq(nt_corpus_new(&c), NT_OK);
    ck_assert_int_eq(nt_corpus_read_jsonl(c, CORPUS_DATA "/mixed.jsonl", collect, &is, NULL), NT_EPARSE);
    ck_assert(has_issue(&is, 2, "malformed JSON"));
    ck_assert(has_issue(&is, 3, "\"topics\" must be an array"));
    ck_assert(has_issue(&is, 4, "needs \"id\""));
    ck_assert(has_issue(&is, 5, "out of range"));
    ck_assert(has_issue(&is, 6, "malformed JSON")); /* duplicated key */
    ck_assert_int_eq(is.n, 5);
    ck_assert_uint_eq(nt_corpus_count(c), 3); /* lines 1, 8 and 9 */
    const nt_article *a = nt_corpus_get(c, 0);
    ck_assert_uint_eq(a->entities[0].byte_start, strlen("Аким "));
    ck_assert_uint_eq(a->line, 1);
    ck_assert_uint_eq(nt_corpus_get(c, 1)->line, 8);

    /* the checker finds the semantic problems */
    static const char *topics[] = {"child_welfare", "digitalization", "green_skills", "neet"};
    static const char *types[] = {"PER", "ORG", "LOC"};
    nt_corpus_rules rules = {topics, 4, types, 3, 0.9};
    issues ck = {0};
    size_t n = 0;
    ck_assert_int_eq(nt_corpus_check(c, &rules, collect, &ck, &n), NT_OK);
    ck_assert_uint_eq(n, (size_t)ck.n);
    ck_assert(has_issue(&ck, 8, "unknown topic 'sports'"));
    ck_assert(has_issue(&ck, 8, "unknown entity type 'GPE'"));
    ck_assert(has_issue(&ck, 8, "not on token boundaries"));
    ck_assert(has_issue(&ck, 8, "overlaps"));
    ck_assert(has_issue(&ck, 8, "starts or ends with a space"));
    ck_assert(has_issue(&ck, 9, "used already"));
    ck_assert(has_issue(&ck, 9, "nearly duplicates"));
    nt_corpus_free(c);
}
END_TEST

START_TEST(jsonl_write_round_trip)
{
    nt_corpus *c = NULL, *back = NULL;
    nt_error err;
    ck_assert_int_eq(nt_corpus_new(&c), NT_OK);
    ck_assert_int_eq(nt_corpus_read_authoring(c, CORPUS_DATA "/good.txt", NULL, NULL, &err), NT_OK);
    ck_assert_int_eq(nt_corpus_set_split(c, 0, "train"), NT_OK);
    char path[] = "/tmp/nt_corpus_testXXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    ck_assert_int_eq(nt_corpus_write_jsonl(c, path, NULL, &err), NT_OK);
    ck_assert_int_eq(nt_corpus_new(&back), NT_OK);
    ck_assert_int_eq(nt_corpus_read_jsonl(back, path, NULL, NULL, &err), NT_OK);
    ck_assert_uint_eq(nt_corpus_count(back), 2);
    for (size_t i = 0; i < 2; i++) {
        const nt_article *a = nt_corpus_get(c, i), *b = nt_corpus_get(back, i);
        ck_assert_str_eq(a->text, b->text);
        ck_assert_uint_eq(a->n_entities, b->n_entities);
        for (size_t k = 0; k < a->n_entities; k++) {
            ck_assert_uint_eq(a->entities[k].start, b->entities[k].start);
            ck_assert_uint_eq(a->entities[k].byte_end, b->entities[k].byte_end);
        }
    }
    ck_assert_str_eq(nt_corpus_get(back, 0)->split, "train");
    ck_assert_str_eq(nt_corpus_get(back, 1)->hard_negative, "youth sport");
    /* a split filter writes only that split */
    ck_assert_int_eq(nt_corpus_write_jsonl(c, path, "train", &err), NT_OK);
    nt_corpus_free(back);
    ck_assert_int_eq(nt_corpus_new(&back), NT_OK);
    ck_assert_int_eq(nt_corpus_read_jsonl(back, path, NULL, NULL, &err), NT_OK);
    ck_assert_uint_eq(nt_corpus_count(back), 1);
    /* an unwritable place fails cleanly */
    ck_assert_int_eq(nt_corpus_write_jsonl(c, "/nonexistent-dir/x.jsonl", NULL, &err), NT_EIO);
    ck_assert_ptr_nonnull(strstr(err.file, "/nonexistent-dir/x.jsonl"));
    unlink(path);
    nt_corpus_free(c);
    nt_corpus_free(back);
}
END_TEST

START_TEST(conll_import)
{
    nt_corpus *c = NULL;
    nt_error err;
    ck_assert_int_eq(nt_corpus_new(&c), NT_OK);
    ck_assert_int_eq(nt_corpus_read_conll(c, CORPUS_DATA "/sample.conll", NULL, NULL, &err), NT_OK);
    ck_assert_uint_eq(nt_corpus_count(c), 2);
    const nt_article *a = nt_corpus_get(c, 0);
    ck_assert_str_eq(a->text, "Аким Нурлан Сапаров посетил Атырау .\nВ ЦОН города Атырау очередь .");
    char buf[128];
    ck_assert_uint_eq(a->n_entities, 3);
    ck_assert_str_eq(span_text(a, 0, buf, sizeof buf), "Нурлан Сапаров");
    ck_assert_str_eq(span_text(a, 1, buf, sizeof buf), "Атырау");
    ck_assert_str_eq(span_text(a, 2, buf, sizeof buf), "ЦОН города Атырау");
    const nt_article *b = nt_corpus_get(c, 1);
    ck_assert_uint_eq(b->n_entities, 2); /* B- after B- starts a new entity */
    nt_corpus_free(c);
}
END_TEST

START_TEST(factrueval_import_name_centric)
{
    nt_corpus *c = NULL;
    nt_error err;
    ck_assert_int_eq(nt_corpus_new(&c), NT_OK);
    ck_assert_int_eq(nt_corpus_read_factrueval(c, CORPUS_DATA "/factrueval", NULL, NULL, &err), NT_OK);
    ck_assert_uint_eq(nt_corpus_count(c), 1);
    const nt_article *a = nt_corpus_get(c, 0);
    ck_assert_str_eq(a->id, "book_1");
    char buf[128];
    /* Org "Мэр Алматы" has no org_name: only the LocOrg LOC; Person spans both names;
     * the Project is dropped, the Org with the same span kept */
    ck_assert_uint_eq(a->n_entities, 4);
    ck_assert_str_eq(span_text(a, 0, buf, sizeof buf), "Алматы");
    ck_assert_str_eq(a->entities[0].type, "LOC");
    ck_assert_str_eq(span_text(a, 1, buf, sizeof buf), "Ерлан Сапаров");
    ck_assert_str_eq(a->entities[1].type, "PER");
    ck_assert_str_eq(span_text(a, 2, buf, sizeof buf), "\"Болашак\"");
    ck_assert_str_eq(a->entities[2].type, "ORG");
    ck_assert_str_eq(a->entities[3].type, "LOC");
    nt_corpus_free(c);
    ck_assert_int_eq(nt_corpus_new(&c), NT_OK);
    ck_assert_int_eq(nt_corpus_read_factrueval(c, "/nonexistent", NULL, NULL, &err), NT_EIO);
    nt_corpus_free(c);
}
END_TEST

START_TEST(consistency_report)
{
    nt_corpus *c = NULL;
    char path[] = "/tmp/nt_consistencyXXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    const char *src = "@@ c-1\n@topics -\nВ [[LOC|Атырау]] открыли [[ORG|Атырау]].\n"
                      "@@ c-2\n@topics -\nВ Атырау тепло.\n";
    ck_assert_int_eq(write(fd, src, strlen(src)), (ssize_t)strlen(src));
    close(fd);
    ck_assert_int_eq(nt_corpus_new(&c), NT_OK);
    nt_error err;
    ck_assert_int_eq(nt_corpus_read_authoring(c, path, NULL, NULL, &err), NT_OK);
    issues is = {0};
    size_t n = 0;
    ck_assert_int_eq(nt_corpus_consistency(c, collect, &is, &n), NT_OK);
    ck_assert_uint_eq(n, 2);
    ck_assert(has_issue(&is, 0, "is ORG here but LOC"));
    ck_assert(has_issue(&is, 0, "is not annotated"));
    unlink(path);
    nt_corpus_free(c);
}
END_TEST

static void ignore_issue(void *user, const nt_error *e)
{
    (void)user;
    (void)e;
}

/* Inputs that once crashed a fuzz target: every reader and check must now take them. */
START_TEST(fuzz_regressions)
{
    DIR *d = opendir(NT_FUZZ_REGRESSIONS);
    ck_assert_ptr_nonnull(d);
    struct dirent *ent;
    int n = 0;
    while ((ent = readdir(d))) {
        if (ent->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", NT_FUZZ_REGRESSIONS, ent->d_name);
        nt_corpus *c = NULL;
        nt_error err;
        size_t k = 0;
        ck_assert_int_eq(nt_corpus_new(&c), NT_OK);
        nt_corpus_read_jsonl(c, path, ignore_issue, NULL, &err);
        nt_corpus_read_authoring(c, path, ignore_issue, NULL, &err);
        nt_corpus_read_conll(c, path, ignore_issue, NULL, &err);
        ck_assert_int_eq(nt_corpus_check(c, NULL, ignore_issue, NULL, &k), NT_OK);
        ck_assert_int_eq(nt_corpus_consistency(c, ignore_issue, NULL, &k), NT_OK);
        for (size_t i = 0; i < nt_corpus_count(c); i++) {
            const nt_article *a = nt_corpus_get(c, i);
            for (size_t j = 0; j < a->n_entities; j++)
                ck_assert_uint_lt(a->entities[j].start, a->entities[j].end);
        }
        nt_corpus_free(c);
        n++;
    }
    closedir(d);
    ck_assert_int_ge(n, 1);
}
END_TEST

Suite *nt_test_suite(void)
{
    Suite *s = suite_create("corpus");
    TCase *tc = tcase_create("corpus");
    tcase_add_test(tc, authoring_form_parses_with_offsets);
    tcase_add_test(tc, authoring_errors_name_their_lines);
    tcase_add_test(tc, jsonl_reader_reports_and_skips_bad_lines);
    tcase_add_test(tc, jsonl_write_round_trip);
    tcase_add_test(tc, conll_import);
    tcase_add_test(tc, factrueval_import_name_centric);
    tcase_add_test(tc, consistency_report);
    tcase_add_test(tc, fuzz_regressions);
    suite_add_tcase(s, tc);
    return s;
}
