/* tok_helpers.h - collects all tokens of a text, for tests. */
#ifndef NT_TOK_HELPERS_H
#define NT_TOK_HELPERS_H

#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "newstag.h"
#include "tokenize_internal.h"

typedef struct {
    nt_token *v;
    char **norm;
    size_t n;
} token_list;

/* reference: every token the general way (nt_tokenizer_reference), for the shortcuts' tests */
static inline token_list tokenize_all_way(const char *text, size_t len, int reference)
{
    token_list l = {0};
    nt_tokenizer *t = NULL;
    ck_assert_int_eq(nt_tokenizer_new(&t, text, len), NT_OK);
    if (reference)
        nt_tokenizer_reference(t);
    nt_token tok;
    int rc;
    size_t cap = 0;
    while ((rc = nt_tokenizer_next(t, &tok)) == 1) {
        if (l.n == cap) {
            cap = cap ? cap * 2 : 64;
            l.v = realloc(l.v, cap * sizeof *l.v);
            l.norm = realloc(l.norm, cap * sizeof *l.norm);
        }
        l.norm[l.n] = strdup(tok.norm);
        l.v[l.n++] = tok;
    }
    ck_assert_int_eq(rc, 0);
    nt_tokenizer_free(t);
    return l;
}

/* Fills text[0, cap - margin) with pieces of pal[0, npal) picked by a generator kept in *x
 * (the same *x gives the same text); returns the length. */
static inline size_t palette_text(char *text, size_t cap, size_t margin, const char *const *pal, size_t npal,
                                  uint64_t *x)
{
    size_t n = 0;
    while (n + margin < cap) {
        *x = *x * 6364136223846793005ull + 1442695040888963407ull;
        const char *c = pal[(*x >> 33) % npal];
        memcpy(text + n, c, strlen(c));
        n += strlen(c);
    }
    return n;
}

/* Token a (form a_norm) is token b (form b_norm): offsets, sentence, kind, flags and form. */
static inline void assert_same_token(const nt_token *a, const char *a_norm, const nt_token *b, const char *b_norm)
{
    ck_assert_uint_eq(a->byte_start, b->byte_start);
    ck_assert_uint_eq(a->byte_end, b->byte_end);
    ck_assert_uint_eq(a->cp_start, b->cp_start);
    ck_assert_uint_eq(a->cp_end, b->cp_end);
    ck_assert_uint_eq(a->sentence, b->sentence);
    ck_assert_int_eq(a->kind, b->kind);
    ck_assert_uint_eq(a->flags, b->flags);
    ck_assert_uint_eq(a->norm_len, b->norm_len);
    ck_assert_uint_eq(strlen(a_norm), a->norm_len);
    ck_assert_str_eq(a_norm, b_norm);
}

static inline token_list tokenize_all(const char *text, size_t len)
{
    return tokenize_all_way(text, len, 0);
}

static inline void token_list_free(token_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->norm[i]);
    free(l->norm);
    free(l->v);
    memset(l, 0, sizeof *l);
}

#endif
