/* test_model.c - training, the model file, and everything that can be wrong with one. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "newstag.h"

/* A small corpus written on the fly: sport articles, IT articles, both, and neither. */
static const char *SPORT[] = {"футбол", "матч", "команда", "тренер", "турнир", "чемпионат", "гол", "стадион"};
static const char *IT[] = {"цифровой", "платформа", "интернет", "программа", "данные", "сервис", "приложение", "сеть"};
static const char *OTHER[] = {"город", "область", "жители", "новость", "сегодня", "власти", "дорога", "погода",
                              "рынок", "цены", "урожай", "зима"};

static uint64_t rng = 88172645463325252ull;
static unsigned next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng >> 11);
}

static void words(FILE *f, const char **v, size_t n, int count)
{
    for (int i = 0; i < count; i++)
        fprintf(f, "%s ", v[next_rand() % n]);
}

static char *write_corpus(int n)
{
    rng = 88172645463325252ull; /* the same corpus every time */
    static char path[64];
    strcpy(path, "/tmp/nt_model_corpusXXXXXX");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    FILE *f = fdopen(fd, "w");
    for (int i = 0; i < n; i++) {
        int kind = i % 4; /* 0 none, 1 sport, 2 it, 3 both */
        fprintf(f, "@@ a%03d\n@topics %s\n", i,
                kind == 0 ? "-" : kind == 1 ? "sport" : kind == 2 ? "it" : "sport it");
        words(f, OTHER, 12, 12);
        fprintf(f, ". ");
        if (kind & 1)
            words(f, SPORT, 8, 6);
        if (kind & 2)
            words(f, IT, 8, 6);
        words(f, OTHER, 12, 8);
        fprintf(f, ".\n\n");
    }
    fclose(f);
    return path;
}

static nt_model *train_small(nt_corpus **corpus_out)
{
    nt_corpus *c = NULL;
    nt_error err;
    char *path = write_corpus(80);
    ck_assert_int_eq(nt_corpus_new(&c), NT_OK);
    ck_assert_int_eq(nt_corpus_read_authoring(c, path, NULL, NULL, &err), NT_OK);
    unlink(path);
    nt_train_options *o = NULL;
    ck_assert_int_eq(nt_train_options_new(&o), NT_OK);
    nt_model *m = NULL;
    int rc = nt_train(&m, c, NULL, NULL, o, NULL, NULL, &err);
    ck_assert_msg(rc == NT_OK, "train: %s", err.message);
    nt_train_options_free(o);
    if (corpus_out)
        *corpus_out = c;
    else
        nt_corpus_free(c);
    return m;
}

static char *save_tmp(const nt_model *m)
{
    static char path[64];
    strcpy(path, "/tmp/nt_modelXXXXXX");
    int fd = mkstemp(path);
    close(fd);
    nt_error err;
    ck_assert_int_eq(nt_model_save(m, path, &err), NT_OK);
    return path;
}

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *b = malloc(*len + 1);
    ck_assert_uint_eq(fread(b, 1, *len, f), *len);
    fclose(f);
    return b;
}

static void spit(const char *path, const unsigned char *b, size_t len)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    if (len)
        ck_assert_uint_eq(fwrite(b, 1, len, f), len);
    fclose(f);
}

START_TEST(learns_the_labels_of_the_corpus)
{
    nt_corpus *c = NULL;
    nt_model *m = train_small(&c);
    ck_assert_uint_eq(nt_model_topic_count(m), 2);
    ck_assert_str_eq(nt_model_topic(m, 0), "it");
    ck_assert_str_eq(nt_model_topic(m, 1), "sport");
    ck_assert_ptr_null(nt_model_topic(m, 2));
    const char *text = "Новый турнир: команда и тренер готовят матч на стадионе.";
    nt_result *r = NULL;
    nt_error err;
    ck_assert_int_eq(nt_classify(&r, m, text, strlen(text), &err), NT_OK);
    ck_assert_uint_eq(nt_result_topic_count(r), 2);
    const nt_topic_result *sport = nt_result_topic(r, 1), *it = nt_result_topic(r, 0);
    ck_assert_str_eq(sport->label, "sport");
    ck_assert(sport->assigned);
    ck_assert(!it->assigned);
    ck_assert(sport->score > 0.5 && sport->score <= 1.0);
    ck_assert(it->score >= 0.0 && it->score < sport->score);
    ck_assert_uint_ge(sport->n_evidence, 1);
    /* evidence points at the sentence about sport, in the original text */
    ck_assert_uint_eq(sport->evidence[0].byte_start, 0);
    ck_assert_uint_eq(sport->evidence[0].byte_end, strlen(text));
    nt_result_free(r);

    nt_eval *e = NULL;
    ck_assert_int_eq(nt_evaluate(&e, m, c, &err), NT_OK);
    ck_assert(nt_eval_macro_f1(e) > 0.95);
    ck_assert_ptr_nonnull(strstr(nt_eval_json(e), "\"exact_set_accuracy\""));
    ck_assert_ptr_nonnull(strstr(nt_eval_text(e), "sport"));
    nt_eval_free(e);
    ck_assert_ptr_nonnull(strstr(nt_model_manifest(m), "\"cross_validation\""));
    nt_model_free(m);
    nt_corpus_free(c);
}
END_TEST

START_TEST(save_load_round_trip_and_determinism)
{
    nt_model *a = train_small(NULL), *b = train_small(NULL);
    char pa[64], pb[64];
    strcpy(pa, save_tmp(a));
    strcpy(pb, save_tmp(b));
    size_t la, lb;
    unsigned char *ba = slurp(pa, &la), *bb = slurp(pb, &lb);
    ck_assert_uint_eq(la, lb);
    ck_assert_msg(memcmp(ba, bb, la) == 0, "two trainings on the same corpus differ");
    nt_model *loaded = NULL;
    nt_error err;
    ck_assert_int_eq(nt_model_load(&loaded, pa, &err), NT_OK);
    const char *text = "Цифровой сервис и приложение: данные в сети. Турнир.";
    nt_result *r1 = NULL, *r2 = NULL;
    ck_assert_int_eq(nt_classify(&r1, a, text, strlen(text), &err), NT_OK);
    ck_assert_int_eq(nt_classify(&r2, loaded, text, strlen(text), &err), NT_OK);
    for (size_t t = 0; t < 2; t++)
        ck_assert(nt_result_topic(r1, t)->score == nt_result_topic(r2, t)->score);
    ck_assert_str_eq(nt_model_manifest(a), nt_model_manifest(loaded));
    nt_result_free(r1);
    nt_result_free(r2);
    nt_model_free(loaded);
    nt_model_free(a);
    nt_model_free(b);
    free(ba);
    free(bb);
    unlink(pa);
    unlink(pb);
}
END_TEST

START_TEST(damaged_models_are_refused)
{
    nt_model *m = train_small(NULL);
    char path[64];
    strcpy(path, save_tmp(m));
    nt_model_free(m);
    size_t len;
    unsigned char *good = slurp(path, &len);
    unsigned char *bad = malloc(len + 16);
    nt_error err;
    nt_model *out = NULL;
    /* truncated at many lengths, including every length in the header and table */
    for (size_t cut = 0; cut < len; cut += (cut < 256 ? 1 : 97)) {
        spit(path, good, cut);
        int rc = nt_model_load(&out, path, &err);
        ck_assert_msg(rc == NT_EFORMAT && out == NULL, "truncated at %zu: rc %d", cut, rc);
    }
    /* one flipped bit anywhere */
    for (size_t pos = 0; pos < len; pos += (pos < 256 ? 1 : 61)) {
        memcpy(bad, good, len);
        bad[pos] ^= 0x10;
        spit(path, bad, len);
        int rc = nt_model_load(&out, path, &err);
        ck_assert_msg(rc == NT_EFORMAT || rc == NT_EVERSION, "bit flip at %zu: rc %d", pos, rc);
        ck_assert_ptr_null(out);
    }
    /* trailing garbage */
    memcpy(bad, good, len);
    memcpy(bad + len, "garbage!", 8);
    spit(path, bad, len + 8);
    ck_assert_int_eq(nt_model_load(&out, path, &err), NT_EFORMAT);
    /* a newer format version */
    memcpy(bad, good, len);
    bad[8] = NT_MODEL_FORMAT_VERSION + 1;
    spit(path, bad, len);
    ck_assert_int_eq(nt_model_load(&out, path, &err), NT_EVERSION);
    ck_assert_ptr_nonnull(strstr(err.message, "version"));
    /* another file type */
    static const char elf[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";
    spit(path, (const unsigned char *)elf, sizeof elf - 1);
    ck_assert_int_eq(nt_model_load(&out, path, &err), NT_EFORMAT);
    ck_assert_ptr_nonnull(strstr(err.message, "not a newstag model"));
    ck_assert_ptr_nonnull(strstr(err.file, path));
    /* a directory, and nothing at all */
    ck_assert_int_eq(nt_model_load(&out, "/tmp", &err), NT_EIO);
    ck_assert_int_eq(nt_model_load(&out, "/nonexistent/model.ntm", &err), NT_EIO);
    /* the good file still loads */
    spit(path, good, len);
    ck_assert_int_eq(nt_model_load(&out, path, &err), NT_OK);
    nt_model_free(out);
    free(good);
    free(bad);
    unlink(path);
}
END_TEST

/* Offset of the named section in a model file's bytes (the table: 24-byte header, then
 * 48-byte entries of a 24-byte name and u64 offset, size, checksum). */
static size_t section_at(const unsigned char *b, const char *name)
{
    uint32_t nsec = (uint32_t)b[12] | (uint32_t)b[13] << 8;
    for (uint32_t i = 0; i < nsec; i++) {
        const unsigned char *e = b + 24 + 48 * (size_t)i;
        if (!strcmp((const char *)e, name)) {
            uint64_t off = 0;
            for (int k = 7; k >= 0; k--)
                off = off << 8 | e[24 + k];
            return (size_t)off;
        }
    }
    ck_abort_msg("no section %s", name);
    return 0;
}

START_TEST(a_model_loads_in_part)
{
    char path[4096];
    ck_assert_uint_gt(nt_model_default_path(path, sizeof path), 0);
    nt_error err;
    nt_model *full = NULL, *topics = NULL, *ents = NULL, *m0 = NULL;
    ck_assert_int_eq(nt_model_load(&full, path, &err), NT_OK);
    ck_assert_int_eq(nt_model_load_only(&topics, path, NT_CLASSIFY_TOPICS, &err), NT_OK);
    ck_assert_int_eq(nt_model_load_only(&ents, path, NT_CLASSIFY_ENTITIES, &err), NT_OK);
    const char *text = "В Павлодаре акимат и Министерство цифрового развития открыли IT-школу для детей. "
                       "Ерлан Сапаров рассказал о цифровых навыках молодежи.";
    nt_result *a = NULL, *b = NULL;
    ck_assert_int_eq(nt_classify_only(&a, full, text, strlen(text), NT_CLASSIFY_TOPICS, &err), NT_OK);
    ck_assert_int_eq(nt_classify_only(&b, topics, text, strlen(text), NT_CLASSIFY_TOPICS, &err), NT_OK);
    ck_assert_uint_eq(nt_result_topic_count(a), nt_result_topic_count(b));
    for (size_t t = 0; t < nt_result_topic_count(a); t++) {
        ck_assert(nt_result_topic(a, t)->score == nt_result_topic(b, t)->score);
        ck_assert_uint_eq(nt_result_topic(a, t)->n_evidence, nt_result_topic(b, t)->n_evidence);
    }
    nt_result_free(a);
    nt_result_free(b);
    ck_assert_int_eq(nt_classify_only(&a, full, text, strlen(text), NT_CLASSIFY_ENTITIES, &err), NT_OK);
    ck_assert_int_eq(nt_classify_only(&b, ents, text, strlen(text), NT_CLASSIFY_ENTITIES, &err), NT_OK);
    ck_assert_uint_gt(nt_result_entity_count(a), 1);
    ck_assert_uint_eq(nt_result_entity_count(a), nt_result_entity_count(b));
    for (size_t k = 0; k < nt_result_entity_count(a); k++) {
        const nt_entity *x = nt_result_entity(a, k), *y = nt_result_entity(b, k);
        ck_assert_str_eq(x->type, y->type);
        ck_assert_uint_eq(x->byte_start, y->byte_start);
        ck_assert_uint_eq(x->byte_end, y->byte_end);
        ck_assert(x->score == y->score);
    }
    nt_result_free(a);
    nt_result_free(b);
    /* what a model was not loaded for is refused, not answered empty */
    ck_assert_int_eq(nt_classify(&a, topics, text, strlen(text), &err), NT_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.message, "entity tagger"));
    ck_assert_int_eq(nt_classify_only(&a, ents, text, strlen(text), NT_CLASSIFY_TOPICS, &err), NT_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.message, "topic classifier"));
    ck_assert_int_eq(nt_model_save(topics, "/tmp/nt_part.ntm", &err), NT_EINVAL);
    ck_assert_int_eq(access("/tmp/nt_part.ntm", F_OK), -1);
    ck_assert_int_eq(nt_model_load_only(&m0, path, 0, &err), NT_EINVAL);
    ck_assert_int_eq(nt_model_load_only(&m0, path, 4, &err), NT_EINVAL);
    ck_assert_ptr_null(m0);
    nt_model_free(full);
    nt_model_free(topics);
    nt_model_free(ents);

    /* a damaged entity section goes unnoticed by a model loaded for topics, not by the others */
    size_t len;
    unsigned char *good = slurp(path, &len);
    unsigned char *bad = malloc(len);
    char tmp[] = "/tmp/nt_partXXXXXX";
    int fd = mkstemp(tmp);
    ck_assert_int_ge(fd, 0);
    close(fd);
    memcpy(bad, good, len);
    bad[section_at(good, "ner.weights") + 100] ^= 0x40;
    spit(tmp, bad, len);
    nt_model *m = NULL;
    ck_assert_int_eq(nt_model_load(&m, tmp, &err), NT_EFORMAT);
    ck_assert_int_eq(nt_model_load_only(&m, tmp, NT_CLASSIFY_ENTITIES, &err), NT_EFORMAT);
    ck_assert_int_eq(nt_model_load_only(&m, tmp, NT_CLASSIFY_TOPICS, &err), NT_OK);
    nt_model_free(m);
    m = NULL;
    memcpy(bad, good, len);
    bad[section_at(good, "topic.weights") + 100] ^= 0x40;
    spit(tmp, bad, len);
    ck_assert_int_eq(nt_model_load_only(&m, tmp, NT_CLASSIFY_TOPICS, &err), NT_EFORMAT);
    ck_assert_int_eq(nt_model_load_only(&m, tmp, NT_CLASSIFY_ENTITIES, &err), NT_OK);
    nt_model_free(m);
    unlink(tmp);
    free(good);
    free(bad);
}
END_TEST

START_TEST(parameters_describe_themselves_and_are_checked)
{
    ck_assert_uint_ge(nt_train_param_count(), 5);
    for (size_t i = 0; i < nt_train_param_count(); i++) {
        const nt_param_info *p = nt_train_param(i);
        ck_assert(p->name && p->description && p->min <= p->default_value && p->default_value <= p->max);
    }
    ck_assert_ptr_null(nt_train_param(nt_train_param_count()));
    nt_train_options *o = NULL;
    nt_error err;
    ck_assert_int_eq(nt_train_options_new(&o), NT_OK);
    ck_assert_int_eq(nt_train_options_set(o, "C", "2.5", &err), NT_OK);
    ck_assert_int_eq(nt_train_options_set(o, "C", "-1", &err), NT_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.message, "out of range"));
    ck_assert_int_eq(nt_train_options_set(o, "C", "abc", &err), NT_EINVAL);
    ck_assert_int_eq(nt_train_options_set(o, "cv_folds", "2.5", &err), NT_EINVAL);
    ck_assert_int_eq(nt_train_options_set(o, "nonsense", "1", &err), NT_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.message, "unknown"));
    ck_assert_int_eq(nt_train_options_set_threads(o, 0), NT_EINVAL);
    nt_train_options_free(o);
}
END_TEST

static int cancel_at_topics(void *user, const char *stage, size_t done, size_t total)
{
    (void)done;
    (void)total;
    int *seen = user;
    (*seen)++;
    return strcmp(stage, "topics") == 0;
}

START_TEST(training_can_be_canceled)
{
    nt_corpus *c = NULL;
    nt_error err;
    char *path = write_corpus(40);
    ck_assert_int_eq(nt_corpus_new(&c), NT_OK);
    ck_assert_int_eq(nt_corpus_read_authoring(c, path, NULL, NULL, &err), NT_OK);
    unlink(path);
    nt_train_options *o = NULL;
    nt_train_options_new(&o);
    nt_train_options_set_threads(o, 1);
    nt_model *m = NULL;
    int seen = 0;
    ck_assert_int_eq(nt_train(&m, c, NULL, NULL, o, cancel_at_topics, &seen, &err), NT_ECANCELED);
    ck_assert_ptr_null(m);
    ck_assert_int_ge(seen, 2);
    nt_train_options_free(o);
    nt_corpus_free(c);
}
END_TEST

Suite *nt_test_suite(void)
{
    Suite *s = suite_create("model");
    TCase *tc = tcase_create("model");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, learns_the_labels_of_the_corpus);
    tcase_add_test(tc, save_load_round_trip_and_determinism);
    tcase_add_test(tc, damaged_models_are_refused);
    tcase_add_test(tc, a_model_loads_in_part);
    tcase_add_test(tc, parameters_describe_themselves_and_are_checked);
    tcase_add_test(tc, training_can_be_canceled);
    suite_add_tcase(s, tc);
    return s;
}
