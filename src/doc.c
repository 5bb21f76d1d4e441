/* doc.c - all tokens of a document, with their normalized forms kept. */
#include "doc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

int nt_doc_build(nt_doc *d, const char *text, size_t len)
{
    memset(d, 0, sizeof *d);
    d->text = text;
    d->len = len;
    nt_tokenizer *t = NULL;
    nt_buf norms = {0};
    size_t cap = 0;
    int rc = nt_tokenizer_new(&t, text, len);
    if (!rc)
        rc = nt_buf_reserve(&norms, len + 16);
    nt_token tok;
    while (!rc && (rc = nt_tokenizer_next(t, &tok)) == 1) {
        rc = 0;
        if (d->n == cap) {
            cap = cap ? cap * 2 : 256;
            nt_token *p = realloc(d->tok, cap * sizeof *p);
            if (!p) {
                rc = NT_ENOMEM;
                break;
            }
            d->tok = p;
        }
        size_t off = norms.len;
        if ((rc = nt_buf_append(&norms, tok.norm, tok.norm_len + 1)))
            break;
        tok.norm = (const char *)(uintptr_t)off; /* fixed up below, once storage stops moving */
        d->tok[d->n++] = tok;
    }
    nt_tokenizer_free(t);
    if (rc < 0) {
        free(d->tok);
        nt_buf_free(&norms);
        memset(d, 0, sizeof *d);
        return rc;
    }
    d->norms = norms.data;
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
