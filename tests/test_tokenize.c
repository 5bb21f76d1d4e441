/* test_tokenize.c - tokens and kinds, driven by tests/data/tokens.txt. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_file.h"
#include "doc.h"
#include "tok_helpers.h"

START_TEST(cases_from_data_file)
{
    test_case *cases = NULL;
    long n = case_file_load(NT_TEST_DATA "/tokens.txt", &cases);
    ck_assert_int_gt(n, 20);
    for (long i = 0; i < n; i++) {
        test_case *c = &cases[i];
        ck_assert_msg(c->n_expected >= 1, "tokens.txt:%ld: no expectation", c->line);
        char *parts[256], *kinds[256];
        size_t np = case_split(c->expected[0], parts, 256);
        token_list l = tokenize_all(c->input, c->input_len);
        ck_assert_msg(l.n == np, "tokens.txt:%ld: %zu tokens, want %zu", c->line, l.n, np);
        for (size_t k = 0; k < np; k++) {
            size_t len = l.v[k].byte_end - l.v[k].byte_start;
            ck_assert_msg(len == strlen(parts[k]) &&
                              memcmp(c->input + l.v[k].byte_start, parts[k], len) == 0,
                          "tokens.txt:%ld: token %zu is [%.*s], want [%s]", c->line, k, (int)len,
                          c->input + l.v[k].byte_start, parts[k]);
        }
        if (c->n_expected >= 2) {
            size_t nk = case_split(c->expected[1], kinds, 256);
            ck_assert_msg(nk == np, "tokens.txt:%ld: kinds line has %zu entries", c->line, nk);
            for (size_t k = 0; k < nk; k++)
                ck_assert_msg(strcmp(nt_token_kind_name(l.v[k].kind), kinds[k]) == 0,
                              "tokens.txt:%ld: token %zu [%s] is %s, want %s", c->line, k,
                              parts[k], nt_token_kind_name(l.v[k].kind), kinds[k]);
        }
        token_list_free(&l);
    }
    case_file_free(cases, n);
}
END_TEST

START_TEST(norm_forms_are_normalized)
{
    const char *text = "Aкмолинской «ОБЛАСТИ» Ёлка";
    token_list l = tokenize_all(text, strlen(text));
    ck_assert_uint_eq(l.n, 5);
    ck_assert_str_eq(l.norm[0], "акмолинской");
    ck_assert_str_eq(l.norm[1], "\"");
    ck_assert_str_eq(l.norm[2], "области");
    ck_assert_str_eq(l.norm[4], "елка");
    token_list_free(&l);
}
END_TEST

/* A token's norm is nt_normalize of its text, whichever path made it (ASCII and Russian
 * letters take a short one): checked on random mixes of the characters where the paths part. */
START_TEST(norm_is_nt_normalize_of_the_token)
{
    static const char *pal[] = {"a", "X", "z", "0", "9", "-", "'", ".", "а", "Я", "П", "Р", "я", "ё", "Ё",
                                "Ѐ", "ѐ", "ђ", "Ђ", "ї", "Ѣ", "\xCC\x81", "\xCC\x88", "ﬁ", "Ａ", "ß",
                                "\xC2\xAD", "р", "с", "о", "o", "c", "p", "қ", "Ә", " ", " ", "\xD0", "\xFF",
                                "«", "»", "—", "“", "…", "№", " « ", " — ", " № "};
    char text[4096];
    uint64_t x = 99;
    size_t checked = 0;
    for (int round = 0; round < 150; round++) {
        size_t n = palette_text(text, sizeof text, 8, pal, sizeof pal / sizeof pal[0], &x);
        token_list l = tokenize_all(text, n);
        /* a document keeps all forms in one storage: the same tokens and forms */
        nt_doc d;
        ck_assert_int_eq(nt_doc_build(&d, text, n), NT_OK);
        ck_assert_uint_eq(d.n, l.n);
        for (size_t i = 0; i < l.n; i++)
            assert_same_token(&d.tok[i], d.tok[i].norm, &l.v[i], l.norm[i]);
        nt_doc_free(&d);
        for (size_t i = 0; i < l.n; i++) {
            char *norm = NULL;
            size_t len = 0;
            ck_assert_int_eq(nt_normalize(&norm, &len, NULL, text + l.v[i].byte_start,
                                          l.v[i].byte_end - l.v[i].byte_start), NT_OK);
            ck_assert_str_eq(l.norm[i], norm);
            free(norm);
            checked++;
        }
        token_list_free(&l);
    }
    ck_assert_uint_gt(checked, 10000);
}
END_TEST

/* The shortcuts for common text (plain words, common punctuation, fast and remembered forms)
 * give what the general way gives, token for token: on text made of what they take and of
 * what should make them decline. */
START_TEST(shortcuts_equal_the_general_way)
{
    static const char *pal[] = {"Москва", "мир", "ЁЛКА", "Ёж", "ёж", "ПРИВЕТ", "А", "я", "Ѐ", "ѐ", "ђ", "Ђ",
                                "Ѣ", "ї", "Ҷ", "қ", "a", "Z", "0", "7", "x1", "-", "'", "’", ".", ". ", ".\n",
                                "..", ",", ";", ":", "(", ")", "«", "»", "—", "——", "–", "“", "…", "№", " ",
                                " ", " ", "\n", "\n\n", "\r\n", "\xC2\xA0", "\xCC\x81", "\xC2\xAD", "ﬁ",
                                "\xD0", "\xD1", "\xFF", "\xD1\xA0", "г.", "т.е.", "Kaspi.kz", "@ник", "#тег",
                                "http://a.kz/x", "a@b.kz", "2 500", "3,5", "5-й", "😀", "Iphone", "ЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ"
                                "ЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖЖ"};
    char text[8192];
    uint64_t x = 7;
    size_t compared = 0;
    for (int round = 0; round < 150; round++) {
        size_t n = palette_text(text, sizeof text, 200, pal, sizeof pal / sizeof pal[0], &x);
        token_list a = tokenize_all_way(text, n, 0), b = tokenize_all_way(text, n, 1);
        ck_assert_uint_eq(a.n, b.n);
        for (size_t i = 0; i < a.n; i++, compared++)
            assert_same_token(&a.v[i], a.norm[i], &b.v[i], b.norm[i]);
        token_list_free(&a);
        token_list_free(&b);
    }
    ck_assert_uint_gt(compared, 50000);
}
END_TEST

START_TEST(flags_describe_the_source)
{
    const char *text = "ЮНИСЕФ Aкмола Kazakhstan 2026\n\nНовый абзац";
    token_list l = tokenize_all(text, strlen(text));
    ck_assert_uint_eq(l.n, 6);
    ck_assert(l.v[0].flags & NT_TOKEN_ALL_UPPER);
    ck_assert(l.v[0].flags & NT_TOKEN_UPPER_INITIAL);
    ck_assert(l.v[0].flags & NT_TOKEN_PARA_START);
    ck_assert(l.v[1].flags & NT_TOKEN_HAS_LATIN);
    ck_assert(l.v[1].flags & NT_TOKEN_HAS_CYRILLIC);
    ck_assert(!(l.v[2].flags & NT_TOKEN_HAS_CYRILLIC));
    ck_assert(l.v[3].flags & NT_TOKEN_HAS_DIGIT);
    ck_assert(l.v[4].flags & NT_TOKEN_PARA_START);
    ck_assert(l.v[4].flags & NT_TOKEN_SENT_START);
    ck_assert(!(l.v[5].flags & NT_TOKEN_LINE_START));
    token_list_free(&l);
}
END_TEST

START_TEST(empty_and_blank_input)
{
    token_list l = tokenize_all("", 0);
    ck_assert_uint_eq(l.n, 0);
    l = tokenize_all(" \n\t\r\n ", 6);
    ck_assert_uint_eq(l.n, 0);
    nt_tokenizer *t = NULL;
    ck_assert_int_eq(nt_tokenizer_new(&t, NULL, 0), NT_OK);
    nt_token tok;
    ck_assert_int_eq(nt_tokenizer_next(t, &tok), 0);
    ck_assert_int_eq(nt_tokenizer_next(t, &tok), 0);
    nt_tokenizer_free(t);
    ck_assert_int_eq(nt_tokenizer_new(&t, NULL, 5), NT_EINVAL);
    ck_assert_int_eq(nt_tokenizer_new(NULL, "x", 1), NT_EINVAL);
    nt_tokenizer_free(NULL);
}
END_TEST

START_TEST(a_million_byte_token)
{
    size_t n = 1 << 20;
    char *s = malloc(n);
    for (size_t i = 0; i < n; i++)
        s[i] = (char)('a' + i % 26);
    token_list l = tokenize_all(s, n);
    ck_assert_uint_eq(l.n, 1);
    ck_assert_uint_eq(l.v[0].byte_end, n);
    token_list_free(&l);
    free(s);
}
END_TEST

Suite *nt_test_suite(void)
{
    Suite *s = suite_create("tokenize");
    TCase *tc = tcase_create("tokenize");
    tcase_add_test(tc, cases_from_data_file);
    tcase_add_test(tc, norm_forms_are_normalized);
    tcase_add_test(tc, norm_is_nt_normalize_of_the_token);
    tcase_add_test(tc, flags_describe_the_source);
    tcase_add_test(tc, shortcuts_equal_the_general_way);
    tcase_add_test(tc, empty_and_blank_input);
    tcase_add_test(tc, a_million_byte_token);
    suite_add_tcase(s, tc);
    return s;
}
