/* doc.h - a tokenized document held in memory: the input of feature extraction. */
#ifndef NT_DOC_H
#define NT_DOC_H

#include <stddef.h>

#include "newstag.h"

typedef struct nt_doc {
    const char *text;   /* borrowed: the caller's original text */
    size_t len;
    nt_token *tok;      /* tok[i].norm points into the doc's own storage */
    size_t n;
    size_t n_sentences;
    char *norms;        /* all normalized forms, NUL-separated */
} nt_doc;

/* Tokenizes text[0, len) into d. Returns NT_OK or NT_ENOMEM; d is empty on failure. */
int nt_doc_build(nt_doc *d, const char *text, size_t len);
void nt_doc_free(nt_doc *d);

#endif
