/* test_jsonl_fields.c - the CLI's direct reader of JSONL lines agrees with jansson: every line
 * it accepts, jansson accepts with the same "text" and "id"; the usual lines it does accept.
 * And its direct writers of numbers agree with printf. */
#include <check.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "jsonl_fields.h"

/* Checks one line against jansson; returns what jsonl_fields returned. */
static int agree(const char *line, size_t len)
{
    char *text, *id;
    size_t text_len, id_len;
    int ok = jsonl_fields(line, len, &text, &text_len, &id, &id_len);
    json_error_t je;
    json_t *doc = json_loadb(line, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
    if (!ok) {
        ck_assert_ptr_null(text);
        ck_assert_ptr_null(id);
        json_decref(doc);
        return 0;
    }
    ck_assert_msg(doc != NULL, "accepted a line jansson rejects (%s): %.*s", je.text, (int)len, line);
    json_t *t = json_object_get(doc, "text"), *i = json_object_get(doc, "id");
    ck_assert(json_is_string(t));
    ck_assert_uint_eq(json_string_length(t), text_len);
    ck_assert(memcmp(json_string_value(t), text, text_len) == 0);
    ck_assert_int_eq(text[text_len], '\0');
    if (id) {
        ck_assert(json_is_string(i));
        ck_assert_uint_eq(json_string_length(i), id_len);
        ck_assert(memcmp(json_string_value(i), id, id_len) == 0);
    } else {
        ck_assert_ptr_null(i);
    }
    free(text);
    free(id);
    json_decref(doc);
    return 1;
}

static int agree_s(const char *line)
{
    return agree(line, strlen(line));
}

START_TEST(usual_lines_are_read)
{
    ck_assert(agree_s("{\"id\": \"a1\", \"text\": \"Акимат области Абай\"}"));
    ck_assert(agree_s("{\"text\":\"x\"}"));
    ck_assert(agree_s(" { \"text\" : \"x\" , \"id\" : \"\" } "));
    ck_assert(agree_s("{\"text\": \"\", \"lang\": \"ru\", \"source\": \"https:\\/\\/example.kz\"}"));
    ck_assert(agree_s("{\"text\": \"q\\\"b\\\\s\\/\\b\\f\\n\\r\\t\"}"));
    ck_assert(agree_s("{\"text\": \"\\u0410\\u0431\\u0430\\u0439 \\ud83d\\ude00 \\u00e9 \\u007f \\u0001\"}"));
    ck_assert(agree_s("{\"text\": \"😀 «ёлка» — Қазақстан\"}"));
    /* what the reader must decline: jansson decides */
    ck_assert(!agree_s("{\"id\": 7, \"text\": \"x\"}"));
    ck_assert(!agree_s("{\"text\": \"x\", \"meta\": {\"a\": \"b\"}}"));
    ck_assert(!agree_s("{\"text\": \"x\", \"tags\": [\"a\"]}"));
    ck_assert(!agree_s("{\"text\": \"x\", \"ok\": true}"));
    ck_assert(!agree_s("{\"text\": \"a\\u0000b\"}"));
    ck_assert(!agree_s("{\"text\": \"x\", \"text\": \"y\"}"));
    ck_assert(!agree_s("{\"text\": \"\\ud83d\"}"));
    ck_assert(!agree_s("{\"text\": \"\\ude00\"}"));
    ck_assert(!agree_s("{\"text\": \"\\ud83d\\u0041\"}"));
    ck_assert(!agree_s("{\"text\": \"\\x\"}"));
    ck_assert(!agree_s("{\"text\": \"\\u12g4\"}"));
    ck_assert(!agree_s("{\"text\": \"tab\there\"}"));
    ck_assert(!agree_s("{\"text\": \"x\"} x"));
    ck_assert(!agree_s("{\"text\": \"x\",}"));
    ck_assert(!agree_s("{\"text\": \"x\""));
    ck_assert(!agree_s("{\"id\": \"x\"}"));
    ck_assert(!agree_s("{}"));
    ck_assert(!agree_s("[\"text\"]"));
    ck_assert(!agree_s(""));
    ck_assert(!agree_s("{\"text\": \"\xD0\"}"));         /* truncated sequence */
    ck_assert(!agree_s("{\"text\": \"\xC0\xAF\"}"));     /* overlong */
    ck_assert(!agree_s("{\"text\": \"\xED\xA0\x80\"}")); /* a surrogate in UTF-8 */
    ck_assert(!agree_s("{\"text\": \"\xF4\x90\x80\x80\"}"));
    ck_assert(!agree_s("{\"a\":\"\",\"b\":\"\",\"c\":\"\",\"d\":\"\",\"e\":\"\",\"f\":\"\",\"g\":\"\",\"h\":\"\","
                       "\"text\":\"x\"}"));
    /* an embedded NUL byte in the line is a control character inside a string */
    static const char nul[] = "{\"text\": \"a\0b\"}";
    ck_assert(!agree(nul, sizeof nul - 1));
}
END_TEST

static uint64_t state = 0x9E3779B97F4A7C15u;
static uint32_t next(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (uint32_t)(state >> 32);
}

/* Random edits of valid lines: bytes that matter to JSON and UTF-8, inserted, replaced,
 * deleted. Whatever the reader accepts, jansson must read the same way. */
START_TEST(random_edits_agree_with_jansson)
{
    static const char *seeds[] = {
        "{\"id\": \"a1\", \"text\": \"Акимат \\\"Абай\\\" \\u0410\\ud83d\\ude00\"}",
        "{\"text\":\"x\\n\\t\",\"id\":\"\\u00e9\",\"src\":\"web\"}",
        " {\"lang\" : \"kk\", \"text\" : \"Қазақстан 😀\"} ",
    };
    static const char alphabet[] = "{}[]\":,\\/ untx0aAdD8\t\n\x01\x7f\x80\xbf\xc0\xd0\xe0\xed\xf0\xf4\xff";
    char buf[256];
    int accepted = 0;
    for (int round = 0; round < 200000; round++) {
        const char *s = seeds[next() % 3];
        size_t n = strlen(s);
        memcpy(buf, s, n);
        int edits = 1 + (int)(next() % 3);
        for (int e = 0; e < edits; e++) {
            size_t at = n ? next() % n : 0;
            char c = alphabet[next() % (sizeof alphabet - 1)];
            switch (next() % 3) {
            case 0:
                buf[at] = c;
                break;
            case 1:
                if (n + 1 < sizeof buf) {
                    memmove(buf + at + 1, buf + at, n - at);
                    buf[at] = c;
                    n++;
                }
                break;
            default:
                if (n) {
                    memmove(buf + at, buf + at + 1, n - at - 1);
                    n--;
                }
            }
        }
        accepted += agree(buf, n);
    }
    ck_assert_int_gt(accepted, 1000); /* the edits leave many lines readable */
}
END_TEST

/* cli_put_fixed(v, d) writes what printf("%.*f", d, v) writes. */
static void same_as_printf(double v, int decimals)
{
    char *got = NULL, want[512];
    size_t len = 0;
    FILE *f = open_memstream(&got, &len);
    ck_assert_ptr_nonnull(f);
    cli_put_fixed(f, v, decimals);
    fclose(f);
    snprintf(want, sizeof want, "%.*f", decimals, v);
    ck_assert_msg(!strcmp(got, want), "%.17g with %d decimals: %s, printf %s", v, decimals, got, want);
    free(got);
}

START_TEST(numbers_are_written_as_printf_writes_them)
{
    uint64_t x = 3;
    for (int i = 0; i < 300000; i++) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        double v = (double)(x >> 11) / 9007199254740992.0; /* [0, 1) */
        same_as_printf(v, 3 + i % 2);
    }
    /* ties and their neighbours, the ends, and what is not a probability */
    for (int k = 0; k <= 20000; k++) {
        double tie = (k + 0.5) / 10000;
        same_as_printf(tie, 4);
        same_as_printf(nextafter(tie, 0), 4);
        same_as_printf(nextafter(tie, 1), 4);
        same_as_printf((k + 0.5) / 1000, 3);
    }
    double odd[] = {0, 1, 0.99995, 0.99994999, 1e-300, -0.0, -0.25, 1.5, 123.456, 1e300};
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++)
        for (int d = 1; d <= 9; d++)
            same_as_printf(odd[i], d);
    char *got = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&got, &len);
    cli_put_size(f, 0);
    fputc(' ', f);
    cli_put_size(f, 18446744073709551615u);
    fclose(f);
    ck_assert_str_eq(got, "0 18446744073709551615");
    free(got);
}
END_TEST

Suite *nt_test_suite(void)
{
    Suite *s = suite_create("jsonl_fields");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, usual_lines_are_read);
    tcase_add_test(tc, random_edits_agree_with_jansson);
    tcase_add_test(tc, numbers_are_written_as_printf_writes_them);
    suite_add_tcase(s, tc);
    return s;
}
