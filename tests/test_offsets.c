/* test_offsets.c - the offset contract, proved on committed articles and random inputs:
 * the original text cut at a token's offsets is exactly that token's source, code-point
 * offsets agree with byte offsets, nothing but white space falls between tokens, and a
 * token's norm is the normalization of its source. */
#include <check.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chars.h"
#include "tok_helpers.h"
#include "utf8.h"

static void check_contract(const char *text, size_t len, const char *what)
{
    token_list l = tokenize_all(text, len);
    size_t prev_end = 0, prev_sent = 0;
    for (size_t i = 0; i < l.n; i++) {
        const nt_token *t = &l.v[i];
        ck_assert_msg(t->byte_start < t->byte_end && t->byte_end <= len, "%s: token %zu bounds", what, i);
        ck_assert_msg(t->byte_start >= prev_end, "%s: token %zu overlaps", what, i);
        /* the gap holds only white space, controls and ignorables */
        const unsigned char *u = (const unsigned char *)text;
        for (size_t p = prev_end; p < t->byte_start;) {
            int32_t cp;
            int bad;
            p += nt_utf8_decode(u + p, len - p, &cp, &bad);
            ck_assert_msg(!bad && (nt_char_is_space(cp) || nt_char_is_control(cp) ||
                                   nt_char_is_ignorable(cp)),
                          "%s: U+%04X lost between tokens %zu and %zu", what, (unsigned)cp, i - 1, i);
        }
        ck_assert_msg(t->cp_start == nt_utf8_count(text, t->byte_start), "%s: token %zu cp_start", what, i);
        ck_assert_msg(t->cp_end - t->cp_start == nt_utf8_count(text + t->byte_start, t->byte_end - t->byte_start),
                      "%s: token %zu cp length", what, i);
        ck_assert_msg(t->sentence == prev_sent || t->sentence == prev_sent + 1, "%s: sentence jump", what);
        char *norm = NULL;
        size_t nlen = 0;
        ck_assert_int_eq(nt_normalize(&norm, &nlen, NULL, text + t->byte_start, t->byte_end - t->byte_start), NT_OK);
        ck_assert_msg(strcmp(norm, l.norm[i]) == 0, "%s: token %zu norm [%s] vs [%s]", what, i, l.norm[i], norm);
        nt_free(norm);
        prev_end = t->byte_end;
        prev_sent = t->sentence;
    }
    for (size_t p = prev_end; p < len;) {
        int32_t cp;
        int bad;
        p += nt_utf8_decode((const unsigned char *)text + p, len - p, &cp, &bad);
        ck_assert_msg(!bad && (nt_char_is_space(cp) || nt_char_is_control(cp) || nt_char_is_ignorable(cp)),
                      "%s: U+%04X lost at the end", what, (unsigned)cp);
    }
    token_list_free(&l);
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    ck_assert_uint_eq(fread(s, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    s[n] = '\0';
    *len = (size_t)n;
    return s;
}

static int check_dir(const char *dir)
{
    DIR *d = opendir(dir);
    ck_assert_msg(d != NULL, "cannot open %s", dir);
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".txt"))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t len;
        char *s = read_all(path, &len);
        check_contract(s, len, path);
        free(s);
        n++;
    }
    closedir(d);
    return n;
}

START_TEST(committed_articles)
{
    int n = check_dir(NT_SAMPLES) + check_dir(NT_TEST_DATA "/articles");
    ck_assert_int_ge(n, 2);
}
END_TEST

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static const char *PIECES[] = {
    "а", "Б", "ё", "Ё", "қ", "Ә", "і", "z", "Q", "A", "0", "7", " ", " ", "\xC2\xA0", "\n", "\r\n",
    "\r", "\n\n", "\t", ".", ",", "!", "?", "…", ":", ";", "%", "-", "‑", "–", "—", "«", "»", "\"",
    "'", "’", "(", ")", "@", "#", "/", "http://", "www.", "\xC2\xAD", "\xE2\x80\x8B", "\xE2\x80\x8D",
    "\xEF\xBB\xBF", "\xCC\x81", "\xF0\x9F\x91\x8D", "\xF0\x9F\x8F\xBD", "\xF0\x9F\x87\xB0",
    "\xEF\xB8\x8F", "\xFF", "\xC0", "\xE2\x80", "\xED\xA0\x80", "\x80", "\x00", "г.", "т.е.", "Н. ",
    "2 500", "3,5", "28.02.2026", "ﬁ", "Ｘ", "№",
};

START_TEST(random_inputs)
{
    size_t npieces = sizeof PIECES / sizeof PIECES[0];
    char buf[4096];
    for (int iter = 0; iter < 3000; iter++) {
        size_t len = 0, want = rnd() % 400;
        while (len < want) {
            const char *p = PIECES[rnd() % npieces];
            size_t pl = p[0] ? strlen(p) : 1; /* the "\x00" piece is one NUL byte */
            if (len + pl >= sizeof buf)
                break;
            memcpy(buf + len, p, pl);
            len += pl;
        }
        char what[64];
        snprintf(what, sizeof what, "random mix %d", iter);
        check_contract(buf, len, what);
    }
    for (int iter = 0; iter < 2000; iter++) {
        size_t len = rnd() % 300;
        for (size_t i = 0; i < len; i++)
            buf[i] = (char)(rnd() & 0xFF);
        char what[64];
        snprintf(what, sizeof what, "random bytes %d", iter);
        check_contract(buf, len, what);
    }
}
END_TEST

Suite *nt_test_suite(void)
{
    Suite *s = suite_create("offsets");
    TCase *tc = tcase_create("offsets");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, committed_articles);
    tcase_add_test(tc, random_inputs);
    suite_add_tcase(s, tc);
    return s;
}
