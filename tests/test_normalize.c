/* test_normalize.c - the feature normalizer and its map back to source bytes. */
#include <check.h>
#include <string.h>

#include "newstag.h"

static void expect_norm(const char *in, const char *want)
{
    char *out = NULL;
    size_t len = 0;
    ck_assert_int_eq(nt_normalize(&out, &len, NULL, in, strlen(in)), NT_OK);
    ck_assert_msg(strcmp(out, want) == 0, "normalize(%s) = [%s], want [%s]", in, out, want);
    ck_assert_uint_eq(len, strlen(want));
    nt_free(out);
}

START_TEST(case_folding_and_yo)
{
    expect_norm("Ёлка", "елка");
    expect_norm("ЁЖИК ЕЩЁ", "ежик еще");
    expect_norm("е\xCC\x88ж", "еж"); /* е + combining diaeresis composes to ё, then folds */
    expect_norm("UNICEF", "unicef");
}
END_TEST

START_TEST(kazakh_letters_stay_distinct)
{
    expect_norm("ӘҒҚҢӨҰҮҺІ", "әғқңөұүһі");
    expect_norm("Қазақстан", "қазақстан");
}
END_TEST

START_TEST(nfkc_and_spaces)
{
    expect_norm("ﬁle", "file");
    expect_norm("Ｘ２", "x2");
    expect_norm("2\xC2\xA0" "500", "2 500");          /* NBSP */
    expect_norm("10\xE2\x80\xAF" "000", "10 000");    /* narrow NBSP */
    expect_norm("a\xE2\x80\x83" "b", "a b");          /* em space */
}
END_TEST

START_TEST(ignorables_removed)
{
    expect_norm("моло\xC2\xAD" "дежь", "молодежь");       /* soft hyphen */
    expect_norm("ин\xE2\x80\x8B" "тернет", "интернет");   /* ZWSP */
    expect_norm("\xEF\xBB\xBF" "Текст", "текст");        /* BOM */
}
END_TEST

START_TEST(quotes_and_dashes_unified)
{
    expect_norm("«Жасыл ел»", "\"жасыл ел\"");
    expect_norm("„тест“ “x”", "\"тест\" \"x\"");
    expect_norm("a – b — c ‑ d − e", "a - b - c - d - e");
    expect_norm("O’Brien", "o'brien");
}
END_TEST

START_TEST(latin_lookalikes_in_cyrillic_words)
{
    expect_norm("Aкмола", "акмола");        /* Latin A */
    expect_norm("Kaзaхстан", "казахстан");  /* Latin K and a */
    expect_norm("IT-специалист", "it-специалист"); /* a Latin word stays Latin */
    expect_norm("Almaty", "almaty");
    expect_norm("Qазақ", "qазақ");           /* q has no twin: left as written */
}
END_TEST

START_TEST(offsets_map_to_source)
{
    const char *in = "Ёж\xC2\xAD" "ик «А»";
    char *out = NULL;
    size_t len = 0, *map = NULL;
    ck_assert_int_eq(nt_normalize(&out, &len, &map, in, strlen(in)), NT_OK);
    ck_assert_str_eq(out, "ежик \"а\"");
    ck_assert_uint_eq(map[0], 0);           /* е from Ё */
    ck_assert_uint_eq(map[2], 2);           /* ж */
    ck_assert_uint_eq(map[4], 6);           /* и after the soft hyphen (bytes 4-5) */
    ck_assert_uint_eq(map[len], strlen(in));
    for (size_t i = 1; i < len; i++)
        ck_assert_uint_le(map[i - 1], map[i]);
    nt_free(out);
    nt_free(map);
}
END_TEST

START_TEST(invalid_utf8_becomes_replacement)
{
    char *out = NULL;
    size_t len = 0;
    const char in[] = "А\xFF" "Б\xC0";
    ck_assert_int_eq(nt_normalize(&out, &len, NULL, in, sizeof in - 1), NT_OK);
    ck_assert_str_eq(out, "а\xEF\xBF\xBD" "б\xEF\xBF\xBD");
    nt_free(out);
}
END_TEST

START_TEST(combining_flood_is_bounded)
{
    enum { N = 100000 };
    static char in[1 + 2 * N];
    in[0] = 'a';
    for (int i = 0; i < N; i++)
        memcpy(in + 1 + 2 * i, "\xCC\x81", 2); /* combining acute */
    char *out = NULL;
    size_t len = 0;
    ck_assert_int_eq(nt_normalize(&out, &len, NULL, in, sizeof in), NT_OK);
    ck_assert_uint_gt(len, 0);
    nt_free(out);
}
END_TEST

START_TEST(bad_arguments)
{
    char *out;
    size_t len;
    ck_assert_int_eq(nt_normalize(NULL, &len, NULL, "x", 1), NT_EINVAL);
    ck_assert_int_eq(nt_normalize(&out, &len, NULL, NULL, 3), NT_EINVAL);
    ck_assert_int_eq(nt_normalize(&out, &len, NULL, NULL, 0), NT_OK);
    ck_assert_uint_eq(len, 0);
    nt_free(out);
}
END_TEST

Suite *nt_test_suite(void)
{
    Suite *s = suite_create("normalize");
    TCase *tc = tcase_create("normalize");
    tcase_add_test(tc, case_folding_and_yo);
    tcase_add_test(tc, kazakh_letters_stay_distinct);
    tcase_add_test(tc, nfkc_and_spaces);
    tcase_add_test(tc, ignorables_removed);
    tcase_add_test(tc, quotes_and_dashes_unified);
    tcase_add_test(tc, latin_lookalikes_in_cyrillic_words);
    tcase_add_test(tc, offsets_map_to_source);
    tcase_add_test(tc, invalid_utf8_becomes_replacement);
    tcase_add_test(tc, combining_flood_is_bounded);
    tcase_add_test(tc, bad_arguments);
    suite_add_tcase(s, tc);
    return s;
}
