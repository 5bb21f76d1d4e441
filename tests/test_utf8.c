/* test_utf8.c - the invalid-byte policy of the decoder. */
#include <check.h>
#include <string.h>

#include "utf8.h"

static size_t dec(const char *s, size_t len, int32_t *cp, int *bad)
{
    return nt_utf8_decode((const unsigned char *)s, len, cp, bad);
}

START_TEST(valid_sequences)
{
    int32_t cp;
    int bad;
    ck_assert_uint_eq(dec("A", 1, &cp, &bad), 1);
    ck_assert_int_eq(cp, 'A');
    ck_assert_uint_eq(dec("\xD0\x96", 2, &cp, &bad), 2); /* Ж */
    ck_assert_int_eq(cp, 0x0416);
    ck_assert_int_eq(bad, 0);
    ck_assert_uint_eq(dec("\xD2\x9B", 2, &cp, &bad), 2); /* қ */
    ck_assert_int_eq(cp, 0x049B);
    ck_assert_uint_eq(dec("\xE2\x80\x94", 3, &cp, &bad), 3); /* — */
    ck_assert_int_eq(cp, 0x2014);
    ck_assert_uint_eq(dec("\xF0\x9F\x98\x80", 4, &cp, &bad), 4); /* 😀 */
    ck_assert_int_eq(cp, 0x1F600);
    ck_assert_uint_eq(dec("\xF4\x8F\xBF\xBF", 4, &cp, &bad), 4); /* U+10FFFF */
    ck_assert_int_eq(bad, 0);
}
END_TEST

START_TEST(invalid_bytes_read_as_one_replacement_each)
{
    static const char *cases[] = {
        "\xC0\xAF",         /* overlong '/' */
        "\xC1\xBF",         /* overlong */
        "\xE0\x80\xAF",     /* overlong 3-byte */
        "\xF0\x80\x80\xAF", /* overlong 4-byte */
        "\xED\xA0\x80",     /* surrogate D800 */
        "\xED\xBF\xBF",     /* surrogate DFFF */
        "\xF4\x90\x80\x80", /* above U+10FFFF */
        "\xF5\x80\x80\x80", "\xFE", "\xFF",
        "\x80",             /* stray continuation */
        "\xD0",             /* truncated 2-byte */
        "\xE2\x80",         /* truncated 3-byte */
        "\xF0\x9F\x98",     /* truncated 4-byte */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int32_t cp;
        int bad;
        size_t n = dec(cases[i], strlen(cases[i]), &cp, &bad);
        ck_assert_msg(n == 1 && bad == 1 && cp == NT_REPLACEMENT_CHAR, "case %zu", i);
    }
}
END_TEST

START_TEST(counting_and_first_invalid)
{
    const char *s = "Ақ\xFFтау\xE2\x80";
    ck_assert_uint_eq(nt_utf8_first_invalid(s, strlen(s)), 4);
    /* А қ FFFD т а у FFFD FFFD */
    ck_assert_uint_eq(nt_utf8_count(s, strlen(s)), 8);
    ck_assert_uint_eq(nt_utf8_first_invalid("Алматы", strlen("Алматы")), strlen("Алматы"));
}
END_TEST

Suite *nt_test_suite(void)
{
    Suite *s = suite_create("utf8");
    TCase *tc = tcase_create("decode");
    tcase_add_test(tc, valid_sequences);
    tcase_add_test(tc, invalid_bytes_read_as_one_replacement_each);
    tcase_add_test(tc, counting_and_first_invalid);
    suite_add_tcase(s, tc);
    return s;
}
