/* corpus_consistency.c - the same words annotated differently, or not at all, elsewhere. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "corpus_internal.h"
#include "strmap.h"

#define MAX_SPAN_TOKENS 10

typedef struct doc_tokens {
    nt_token *t;
    char **norm;
    size_t n;
} doc_tokens;

static void doc_free(doc_tokens *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->norm[i]);
    free(d->norm);
    free(d->t);
    memset(d, 0, sizeof *d);
}

static int doc_tokenize(const nt_article *a, doc_tokens *d)
{
    nt_tokenizer *tk = NULL;
    size_t cap = 0;
    memset(d, 0, sizeof *d);
    if (nt_tokenizer_new(&tk, a->text, a->text_len))
        return NT_ENOMEM;
    nt_token tok;
    int rc;
    while ((rc = nt_tokenizer_next(tk, &tok)) == 1) {
        if (d->n == cap) {
            cap = cap ? cap * 2 : 256;
            nt_token *t = realloc(d->t, cap * sizeof *t);
            char **nm = realloc(d->norm, cap * sizeof *nm);
            if (t) d->t = t;
            if (nm) d->norm = nm;
            if (!t || !nm) { rc = NT_ENOMEM; break; }
        }
        if (!(d->norm[d->n] = nt_strdup(tok.norm))) { rc = NT_ENOMEM; break; }
        d->t[d->n++] = tok;
    }
    nt_tokenizer_free(tk);
    return rc < 0 ? rc : NT_OK;
}

/* The key of tokens [i, j): their norms joined by spaces. */
static int key_of(const doc_tokens *d, size_t i, size_t j, nt_buf *k)
{
    k->len = 0;
    for (size_t x = i; x < j; x++) {
        if ((x > i && nt_buf_append(k, " ", 1)) || nt_buf_append(k, d->norm[x], strlen(d->norm[x])))
            return NT_ENOMEM;
    }
    return NT_OK;
}

/* Per surface form: a bit per type index seen (up to 30 types) and the first place. */
typedef struct form_info {
    unsigned types;
    size_t article;
    long count;
} form_info;

int nt_corpus_consistency(const nt_corpus *c, nt_issue_fn on_issue, void *user, size_t *n_findings)
{
    if (!c || !on_issue)
        return NT_EINVAL;
    size_t n = nt_corpus_count(c), findings = 0;
    nt_strmap forms = {0}, types = {0};
    form_info *info = NULL;
    size_t ninfo = 0, capinfo = 0;
    const char *type_names[30];
    size_t ntypes = 0;
    nt_buf key = {0};
    doc_tokens d = {0};
    int rc = nt_buf_reserve(&key, 0);

    /* pass 1: every annotated form and its types */
    for (size_t ai = 0; ai < n && !rc; ai++) {
        const nt_article *a = nt_corpus_get(c, ai);
        if ((rc = doc_tokenize(a, &d)))
            break;
        size_t ti = 0;
        for (size_t ei = 0; ei < a->n_entities && !rc; ei++) {
            const nt_span *e = &a->entities[ei];
            while (ti < d.n && d.t[ti].cp_start < e->start)
                ti++;
            size_t tj = ti;
            while (tj < d.n && d.t[tj].cp_end <= e->end)
                tj++;
            if (tj == ti || d.t[ti].cp_start != e->start || d.t[tj - 1].cp_end != e->end)
                continue; /* off token boundaries: the validator reports it */
            int64_t ty = nt_strmap_get(&types, e->type, strlen(e->type));
            if (ty < 0) {
                if (ntypes == 30)
                    continue;
                ty = (int64_t)ntypes;
                if ((rc = nt_strmap_put(&types, e->type, strlen(e->type), ty)))
                    break;
                type_names[ntypes++] = nt_strmap_key(&types, e->type, strlen(e->type));
            }
            if ((rc = key_of(&d, ti, tj, &key)))
                break;
            int64_t fi = nt_strmap_get(&forms, key.data, key.len);
            if (fi < 0) {
                if (ninfo == capinfo) {
                    capinfo = capinfo ? capinfo * 2 : 1024;
                    form_info *p = realloc(info, capinfo * sizeof *p);
                    if (!p) { rc = NT_ENOMEM; break; }
                    info = p;
                }
                fi = (int64_t)ninfo;
                info[ninfo++] = (form_info){0, ai, 0};
                if ((rc = nt_strmap_put(&forms, key.data, key.len, fi)))
                    break;
            }
            if ((info[fi].types & (1u << ty)) == 0 && info[fi].types != 0) {
                const nt_article *first = nt_corpus_get(c, info[fi].article);
                nt_report(on_issue, user, NULL, NT_ELABEL, a->file, a->line,
                          "article %s: '%.*s' is %s here but %s in %s (%s:%ld)", a->id,
                          (int)(e->byte_end - e->byte_start), a->text + e->byte_start, e->type,
                          type_names[__builtin_ctz(info[fi].types)], first->id, first->file, first->line);
                findings++;
            }
            info[fi].types |= 1u << ty;
            info[fi].count++;
        }
        doc_free(&d);
    }

    /* pass 2: annotated forms standing elsewhere with no annotation over them */
    for (size_t ai = 0; ai < n && !rc; ai++) {
        const nt_article *a = nt_corpus_get(c, ai);
        if ((rc = doc_tokenize(a, &d)))
            break;
        size_t ei = 0;
        for (size_t i = 0; i < d.n && !rc; i++) {
            /* only capitalized words start a candidate: case folding makes the city Семей
             * and "семей" (of families) one form, and the river Или and "или" another */
            if (!(d.t[i].flags & NT_TOKEN_UPPER_INITIAL))
                continue;
            while (ei < a->n_entities && a->entities[ei].end <= d.t[i].cp_start)
                ei++;
            /* the longest annotated form that starts here and touches no annotation */
            size_t best = 0;
            for (size_t j = i + 1; j <= d.n && j - i <= MAX_SPAN_TOKENS; j++) {
                if (ei < a->n_entities && a->entities[ei].start < d.t[j - 1].cp_end)
                    break;
                if ((rc = key_of(&d, i, j, &key)))
                    break;
                if (nt_strmap_get(&forms, key.data, key.len) >= 0)
                    best = j;
            }
            if (rc || !best)
                continue;
            key_of(&d, i, best, &key);
            form_info *fi = &info[nt_strmap_get(&forms, key.data, key.len)];
            const nt_article *first = nt_corpus_get(c, fi->article);
            size_t bs = d.t[i].byte_start, be = d.t[best - 1].byte_end;
            nt_report(on_issue, user, NULL, NT_ELABEL, a->file, a->line,
                      "article %s: '%.*s' at [%zu, %zu) is not annotated, but is %s %ld time(s), e.g. in %s",
                      a->id, (int)(be - bs), a->text + bs, d.t[i].cp_start, d.t[best - 1].cp_end,
                      type_names[__builtin_ctz(fi->types)], fi->count, first->id);
            findings++;
            i = best - 1;
        }
        doc_free(&d);
    }
    doc_free(&d);
    nt_buf_free(&key);
    nt_strmap_free(&forms);
    nt_strmap_free(&types);
    free(info);
    if (n_findings)
        *n_findings = findings;
    return rc;
}
