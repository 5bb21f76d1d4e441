/* test_featmap.c - the feature hash table: every name found again through growth and through
 * the model file's encoding, absent names absent, flags or'ed, damaged tables refused. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "featmap.h"
#include "newstag.h"

enum { N = 50000 };

static uint64_t name_hash(int i)
{
    char name[32];
    int len = snprintf(name, sizeof name, "w=слово%d", i);
    return nt_feat_hash(name, (size_t)len);
}

/* The hash as first written: the tail copied into a zeroed word. Models store tables built
 * with it, so a faster nt_feat_hash must give exactly its values. */
static uint64_t reference_mum(uint64_t a, uint64_t b)
{
    __uint128_t r = (__uint128_t)a * b;
    return (uint64_t)r ^ (uint64_t)(r >> 64);
}

static uint64_t reference_hash(const char *name, size_t len)
{
    uint64_t h = 0x9e3779b97f4a7c15ull ^ len;
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t w = 0;
        for (int b = 0; b < 8; b++)
            w |= (uint64_t)(unsigned char)name[i + b] << (8 * b);
        h = reference_mum(h ^ w, 0xa0761d6478bd642full);
    }
    if (i < len) {
        uint64_t w = 0;
        for (size_t b = 0; i + b < len; b++)
            w |= (uint64_t)(unsigned char)name[i + b] << (8 * b);
        h = reference_mum(h ^ w, 0xe7037ed1a0b428dbull);
    }
    return reference_mum(h ^ 0x8ebc6af09c88c6e3ull, 0x589965cc75374cc3ull);
}

START_TEST(the_hash_is_the_one_models_were_built_with)
{
    char name[64];
    uint64_t x = 7;
    for (int round = 0; round < 2000; round++)
        for (size_t len = 0; len <= sizeof name; len++) {
            for (size_t b = 0; b < len; b++) {
                x = x * 6364136223846793005ull + 1442695040888963407ull;
                name[b] = (char)(x >> 56);
            }
            ck_assert_uint_eq(nt_feat_hash(name, len), reference_hash(name, len));
        }
    /* and a value written down, so that a change in both would show too */
    ck_assert_uint_eq(nt_feat_hash("w=москва", strlen("w=москва")), 0x6ac9e40e749538bcull);
}
END_TEST

START_TEST(every_name_found_after_growth)
{
    nt_featmap m = {0};
    size_t skipped = 0;
    for (int i = 0; i < N; i++) {
        int rc = nt_featmap_add(&m, name_hash(i), i);
        ck_assert(rc == NT_OK || rc == NT_EFORMAT);
        skipped += rc == NT_EFORMAT;
    }
    ck_assert_uint_le(skipped, 1); /* 40-bit fingerprints: a collision in 50,000 is rare */
    size_t found = 0;
    for (int i = 0; i < N; i++)
        found += nt_featmap_get(&m, name_hash(i)) == i;
    ck_assert_uint_ge(found, N - 2 * skipped);
    for (int i = N; i < 2 * N; i++)
        ck_assert_int_eq(nt_featmap_get(&m, name_hash(i)), -1);
    ck_assert_int_eq(nt_featmap_add(&m, name_hash(7), 99), NT_EFORMAT); /* a name twice */
    ck_assert_int_eq(nt_featmap_add(&m, name_hash(N + 1), NT_FEATMAP_MAX_INDEX + 1), NT_EINVAL);
    nt_featmap_free(&m);
}
END_TEST

START_TEST(flags_are_ored)
{
    nt_featmap m = {0};
    uint64_t h = nt_feat_hash("павлодар", strlen("павлодар"));
    ck_assert_int_eq(nt_featmap_or(&m, h, 1), NT_OK);
    ck_assert_int_eq(nt_featmap_or(&m, h, 4), NT_OK);
    ck_assert_int_eq(nt_featmap_get(&m, h), 5);
    ck_assert_int_eq(nt_featmap_or(&m, nt_feat_hash("x", 1), 0), NT_OK);
    ck_assert_int_eq(nt_featmap_get(&m, nt_feat_hash("x", 1)), 0); /* present with no flags */
    nt_featmap_free(&m);
}
END_TEST

START_TEST(encoding_round_trip_and_damage)
{
    nt_featmap m = {0};
    for (int i = 0; i < 1000; i++)
        ck_assert_int_eq(nt_featmap_add(&m, name_hash(i), i), NT_OK);
    nt_buf b = {0};
    ck_assert_int_eq(nt_featmap_encode(&m, &b), NT_OK);
    /* nt_buf's storage is malloc'ed: 8-aligned, so the decoded map is used in place */
    nt_featmap d;
    ck_assert_int_eq(nt_featmap_decode(&d, (const unsigned char *)b.data, b.len, 1000), NT_OK);
    ck_assert(d.borrowed);
    for (int i = 0; i < 1000; i++)
        ck_assert_int_eq(nt_featmap_get(&d, name_hash(i)), i);
    nt_featmap_free(&d);
    /* misaligned: decoded as a copy, same answers */
    char *shifted = malloc(b.len + 1);
    memcpy(shifted + 1, b.data, b.len);
    ck_assert_int_eq(nt_featmap_decode(&d, (const unsigned char *)shifted + 1, b.len, 1000), NT_OK);
    ck_assert(!d.borrowed);
    ck_assert_int_eq(nt_featmap_get(&d, name_hash(999)), 999);
    nt_featmap_free(&d);
    free(shifted);
    /* the wrong count, a truncated table, an index out of range, a table with no free slot */
    ck_assert_int_eq(nt_featmap_decode(&d, (const unsigned char *)b.data, b.len, 999), NT_EFORMAT);
    ck_assert_int_eq(nt_featmap_decode(&d, (const unsigned char *)b.data, b.len - 8, 1000), NT_EFORMAT);
    uint64_t *slot = (uint64_t *)(void *)(b.data + 8);
    size_t cap = m.mask + 1, k = 0;
    while (!slot[k])
        k++;
    uint64_t saved = slot[k];
    slot[k] = (saved & ~(uint64_t)0xFFFFFF) | 5000; /* index 4999 of 1000 */
    ck_assert_int_eq(nt_featmap_decode(&d, (const unsigned char *)b.data, b.len, 1000), NT_EFORMAT);
    slot[k] = saved;
    for (size_t i = 0; i < cap; i++)
        if (!slot[i])
            slot[i] = ((uint64_t)1 << 63) | 1;
    ck_assert_int_eq(nt_featmap_decode(&d, (const unsigned char *)b.data, b.len, 1000), NT_EFORMAT);
    nt_buf_free(&b);
    nt_featmap_free(&m);
}
END_TEST

Suite *nt_test_suite(void)
{
    Suite *s = suite_create("featmap");
    TCase *tc = tcase_create("featmap");
    tcase_add_test(tc, the_hash_is_the_one_models_were_built_with);
    tcase_add_test(tc, every_name_found_after_growth);
    tcase_add_test(tc, flags_are_ored);
    tcase_add_test(tc, encoding_round_trip_and_damage);
    suite_add_tcase(s, tc);
    return s;
}
