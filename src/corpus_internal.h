/* corpus_internal.h - how the corpus readers build articles. */
#ifndef NT_CORPUS_INTERNAL_H
#define NT_CORPUS_INTERNAL_H

#include "newstag.h"

/*
 * Every pointer in an article held by a corpus is malloc'ed and owned by the corpus. A
 * reader fills an nt_article with malloc'ed fields and hands it over with
 * nt_corpus_take(), which also sorts the entities and computes their byte offsets from the
 * code-point ones (these must already be checked against the text).
 */
int nt_corpus_take(nt_corpus *c, nt_article *a);
/* Frees the fields of an article that was not handed over. */
void nt_article_release(nt_article *a);
/* strdup that returns NULL for NULL. */
char *nt_strdup(const char *s);
/* Reports a problem: to on_issue when there is one, else into err. Returns code. */
int nt_report(nt_issue_fn on_issue, void *user, nt_error *err, int code, const char *file,
              long line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;
/* Reads a whole file into a NUL-terminated malloc'ed buffer. Returns NT_OK, NT_EIO, NT_ENOMEM. */
int nt_read_file(const char *path, char **data, size_t *len, nt_error *err);

#endif
