/* tok_helpers.h - collects all tokens of a text, for tests. */
#ifndef NT_TOK_HELPERS_H
#define NT_TOK_HELPERS_H

#include <check.h>
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
