/* tokenize_internal.h - the library's own ways into the tokenizer: documents (doc.c), tests. */
#ifndef NT_TOKENIZE_INTERNAL_H
#define NT_TOKENIZE_INTERNAL_H

#include <stddef.h>

#include "newstag.h"

/* From now on every token's normalized form is kept: each is appended, NUL-terminated, to the
 * tokenizer's storage instead of replacing the last, so a document needs no copy of its own.
 * expect: the bytes all forms will need (the text's length is a good guess). Returns 0 or
 * NT_ENOMEM. */
int nt_tokenizer_keep_norms(nt_tokenizer *t, size_t expect);
/* The storage's start: a token's form lies at tok.norm - nt_tokenizer_norms(t) when it is
 * returned (the storage moves as it grows, so keep offsets). */
const char *nt_tokenizer_norms(const nt_tokenizer *t);
/* From now on every token takes the general way: scan_token, token_flags and utf8proc's
 * normalization, none of the shortcuts for common text (plain words, common punctuation, fast
 * and remembered forms). What the shortcuts must equal, token for token: for tests. */
void nt_tokenizer_reference(nt_tokenizer *t);
/* Hands the storage over (the caller frees it); the tokenizer keeps no forms after. */
char *nt_tokenizer_take_norms(nt_tokenizer *t);

#endif
