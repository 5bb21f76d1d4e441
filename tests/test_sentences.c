/* test_sentences.c - sentence splitting, driven by tests/data/sentences.txt. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "case_file.h"
#include "tok_helpers.h"

START_TEST(cases_from_data_file)
{
    test_case *cases = NULL;
    long n = case_file_load(NT_TEST_DATA "/sentences.txt", &cases);
    ck_assert_int_gt(n, 10);
    for (long i = 0; i < n; i++) {
        test_case *c = &cases[i];
        token_list l = tokenize_all(c->input, c->input_len);
        size_t nsent = l.n ? l.v[l.n - 1].sentence + 1 : 0;
        ck_assert_msg(nsent == c->n_expected, "sentences.txt:%ld: %zu sentences, want %zu",
                      c->line, nsent, c->n_expected);
        size_t k = 0;
        for (size_t s = 0; s < nsent; s++) {
            size_t first = k;
            while (k < l.n && l.v[k].sentence == s)
                k++;
            ck_assert_msg(k > first, "sentences.txt:%ld: sentence %zu is empty", c->line, s);
            ck_assert(l.v[first].flags & NT_TOKEN_SENT_START);
            size_t b = l.v[first].byte_start, e = l.v[k - 1].byte_end;
            ck_assert_msg(e - b == strlen(c->expected[s]) &&
                              memcmp(c->input + b, c->expected[s], e - b) == 0,
                          "sentences.txt:%ld: sentence %zu is [%.*s], want [%s]", c->line, s,
                          (int)(e - b), c->input + b, c->expected[s]);
        }
        token_list_free(&l);
    }
    case_file_free(cases, n);
}
END_TEST

START_TEST(sentence_numbers_never_decrease)
{
    const char *text = "Один. Два! Три? «Четыре.» Пять…\n\nШесть";
    token_list l = tokenize_all(text, strlen(text));
    for (size_t i = 1; i < l.n; i++) {
        ck_assert_uint_ge(l.v[i].sentence, l.v[i - 1].sentence);
        ck_assert_uint_le(l.v[i].sentence, l.v[i - 1].sentence + 1);
    }
    ck_assert_uint_eq(l.v[l.n - 1].sentence, 5);
    token_list_free(&l);
}
END_TEST

Suite *nt_test_suite(void)
{
    Suite *s = suite_create("sentences");
    TCase *tc = tcase_create("sentences");
    tcase_add_test(tc, cases_from_data_file);
    tcase_add_test(tc, sentence_numbers_never_decrease);
    suite_add_tcase(s, tc);
    return s;
}
