/* doc.c - all tokens of a document, with their normalized forms kept. */
#include "doc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tokenize_internal.h"

int nt_doc_build(nt_doc *d, const char *text, size_t len)
{
    memset(d, 0, sizeof *d);
    d->text = text;
    d->len = len;
    nt_tokenizer *t = NULL;
    /* about one token per 8 bytes of Russian text: most articles never grow the array */
    size_t cap = len / 8 + 16;
    int rc = nt_tokenizer_new(&t, text, len);
    if (!rc)
        rc = nt_tokenizer_keep_norms(t, len + 16);
    if (!rc && !(d->tok = malloc(cap * sizeof *d->tok)))
        rc = NT_ENOMEM;
    while (!rc) {
        if (d->n == cap) { /* room first: the tokenizer writes each token in place */
            cap *= 2;
            nt_token *p = realloc(d->tok, cap * sizeof *p);
            if (!p) {
                rc = NT_ENOMEM;
                break;
            }
            d->tok = p;
        }
        nt_token *tok = &d->tok[d->n];
        if ((rc = nt_tokenizer_next(t, tok)) != 1)
            break;
        rc = 0;
        /* an offset, fixed up below once the storage stops moving */
        tok->norm = (const char *)(uintptr_t)(tok->norm - nt_tokenizer_norms(t));
        d->n++;
    }
    d->norms = t ? nt_tokenizer_take_norms(t) : NULL;
    nt_tokenizer_free(t);
    if (rc < 0) {
        free(d->tok);
        free(d->norms);
        memset(d, 0, sizeof *d);
        return rc;
    }
    for (size_t i = 0; i < d->n; i++)
        d->tok[i].norm = d->norms + (uintptr_t)d->tok[i].norm;
    d->n_sentences = d->n ? d->tok[d->n - 1].sentence + 1 : 0;
    return NT_OK;
}

void nt_doc_free(nt_doc *d)
{
    free(d->tok);
    free(d->norms);
    memset(d, 0, sizeof *d);
}
