/* corpus_check.c - the corpus validator and the annotation-consistency report. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chars.h"
#include "corpus_internal.h"
#include "strmap.h"
#include "utf8.h"

typedef struct checker {
    nt_issue_fn on_issue;
    void *user;
    size_t count;
} checker;

#define ISSUE(ck, a, code, ...)                                                                   \
    do {                                                                                          \
        nt_report((ck)->on_issue, (ck)->user, NULL, (code), (a)->file, (a)->line, __VA_ARGS__);    \
        (ck)->count++;                                                                            \
    } while (0)

static int in_list(const char *s, const char *const *list, size_t n)
{
    if (!list)
        return 1;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(s, list[i]))
            return 1;
    return 0;
}

/* Marks which code-point offsets start and end a token. */
static int token_bounds(const nt_article *a, unsigned char **starts, unsigned char **ends, size_t *ncp)
{
    *ncp = nt_utf8_count(a->text, a->text_len);
    *starts = calloc(*ncp + 1, 1);
    *ends = calloc(*ncp + 1, 1);
    nt_tokenizer *t = NULL;
    if (!*starts || !*ends || nt_tokenizer_new(&t, a->text, a->text_len))
        return NT_ENOMEM;
    nt_token tok;
    int rc;
    while ((rc = nt_tokenizer_next(t, &tok)) == 1) {
        (*starts)[tok.cp_start] = 1;
        (*ends)[tok.cp_end] = 1;
    }
    nt_tokenizer_free(t);
    return rc < 0 ? rc : NT_OK;
}

static int check_article(checker *ck, const nt_article *a, const nt_corpus_rules *r)
{
    if (a->text_len == 0)
        ISSUE(ck, a, NT_EPARSE, "article %s: empty text", a->id);
    if (a->split && strcmp(a->split, "train") && strcmp(a->split, "dev") && strcmp(a->split, "test"))
        ISSUE(ck, a, NT_ELABEL, "article %s: split '%s' is not train, dev or test", a->id, a->split);
    for (size_t i = 0; i < a->n_topics; i++) {
        if (!in_list(a->topics[i], r ? r->topics : NULL, r ? r->n_topics : 0))
            ISSUE(ck, a, NT_ELABEL, "article %s: unknown topic '%s'", a->id, a->topics[i]);
        for (size_t j = 0; j < i; j++)
            if (!strcmp(a->topics[i], a->topics[j]))
                ISSUE(ck, a, NT_ELABEL, "article %s: topic '%s' given twice", a->id, a->topics[i]);
    }
    unsigned char *starts = NULL, *ends = NULL;
    size_t ncp = 0;
    int rc = token_bounds(a, &starts, &ends, &ncp);
    for (size_t i = 0; rc == NT_OK && i < a->n_entities; i++) {
        const nt_span *e = &a->entities[i];
        const char *s = a->text + e->byte_start;
        int n = (int)(e->byte_end - e->byte_start);
        if (!in_list(e->type, r ? r->entity_types : NULL, r ? r->n_entity_types : 0))
            ISSUE(ck, a, NT_ELABEL, "article %s: unknown entity type '%s' at [%zu, %zu)", a->id, e->type, e->start, e->end);
        if (e->end > ncp || e->start >= e->end || n <= 0) {
            ISSUE(ck, a, NT_EPARSE, "article %s: entity [%zu, %zu) is empty or out of range", a->id, e->start, e->end);
            continue;
        }
        int32_t first, last;
        int bad;
        nt_utf8_decode((const unsigned char *)s, (size_t)n, &first, &bad);
        size_t k = (size_t)n - 1; /* the start of the last code point */
        while (k > 0 && (((const unsigned char *)s)[k] & 0xC0) == 0x80)
            k--;
        nt_utf8_decode((const unsigned char *)s + k, (size_t)n - k, &last, &bad);
        if (nt_char_is_space(first) || nt_char_is_space(last))
            ISSUE(ck, a, NT_EPARSE, "article %s: entity '%.*s' [%zu, %zu) starts or ends with a space", a->id, n, s, e->start, e->end);
        else if (!starts[e->start] || !ends[e->end])
            ISSUE(ck, a, NT_EPARSE, "article %s: entity %s '%.*s' [%zu, %zu) is not on token boundaries", a->id, e->type, n, s, e->start, e->end);
        if (i > 0 && e->start < a->entities[i - 1].end)
            ISSUE(ck, a, NT_EPARSE, "article %s: entity '%.*s' [%zu, %zu) overlaps the one before it", a->id, n, s, e->start, e->end);
    }
    free(starts);
    free(ends);
    return rc;
}

/* ---- near duplicates: Jaccard similarity of sets of hashed word 5-grams ---- */

typedef struct shingles {
    uint64_t *h;
    size_t n;
} shingles;

static int u64_cmp(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? -1 : a > b;
}

static int make_shingles(const nt_article *a, shingles *sh)
{
    enum { K = 5 };
    uint64_t win[K];
    size_t nwords = 0, cap = 0;
    sh->h = NULL;
    sh->n = 0;
    nt_tokenizer *t = NULL;
    if (nt_tokenizer_new(&t, a->text, a->text_len))
        return NT_ENOMEM;
    nt_token tok;
    while (nt_tokenizer_next(t, &tok) == 1) {
        if (tok.kind != NT_TOKEN_WORD && tok.kind != NT_TOKEN_NUMBER)
            continue;
        win[nwords % K] = nt_hash_bytes(tok.norm, tok.norm_len);
        nwords++;
        if (nwords < K)
            continue;
        uint64_t h = 0;
        for (size_t i = 0; i < K; i++)
            h = h * 0x9E3779B97F4A7C15ull + win[(nwords + i) % K];
        if (sh->n == cap) {
            cap = cap ? cap * 2 : 256;
            uint64_t *p = realloc(sh->h, cap * sizeof *p);
            if (!p) {
                nt_tokenizer_free(t);
                return NT_ENOMEM;
            }
            sh->h = p;
        }
        sh->h[sh->n++] = h;
    }
    nt_tokenizer_free(t);
    if (sh->n) {
        qsort(sh->h, sh->n, sizeof *sh->h, u64_cmp);
        size_t u = 1;
        for (size_t i = 1; i < sh->n; i++)
            if (sh->h[i] != sh->h[u - 1])
                sh->h[u++] = sh->h[i];
        sh->n = u;
    }
    return NT_OK;
}

static double jaccard(const shingles *a, const shingles *b)
{
    size_t i = 0, j = 0, common = 0;
    while (i < a->n && j < b->n) {
        if (a->h[i] == b->h[j])
            common++, i++, j++;
        else if (a->h[i] < b->h[j])
            i++;
        else
            j++;
    }
    size_t uni = a->n + b->n - common;
    return uni ? (double)common / (double)uni : 1.0;
}

static int check_near_duplicates(checker *ck, const nt_corpus *c, double threshold)
{
    size_t n = nt_corpus_count(c);
    shingles *sh = calloc(n ? n : 1, sizeof *sh);
    if (!sh)
        return NT_ENOMEM;
    int rc = NT_OK;
    for (size_t i = 0; i < n && !rc; i++)
        rc = make_shingles(nt_corpus_get(c, i), &sh[i]);
    for (size_t i = 0; i < n && !rc; i++) {
        for (size_t j = i + 1; j < n; j++) {
            size_t lo = sh[i].n < sh[j].n ? sh[i].n : sh[j].n, hi = sh[i].n ^ sh[j].n ^ lo;
            if (hi && (double)lo / (double)hi < threshold)
                continue; /* sizes too different for the threshold to be reached */
            double s = jaccard(&sh[i], &sh[j]);
            if (s >= threshold) {
                const nt_article *a = nt_corpus_get(c, i), *b = nt_corpus_get(c, j);
                ISSUE(ck, b, NT_EPARSE, "article %s (%s) nearly duplicates %s (%s, %s:%ld): similarity %.2f",
                      b->id, b->split ? b->split : "no split", a->id, a->split ? a->split : "no split",
                      a->file, a->line, s);
            }
        }
    }
    for (size_t i = 0; i < n; i++)
        free(sh[i].h);
    free(sh);
    return rc;
}

int nt_corpus_check(const nt_corpus *c, const nt_corpus_rules *rules, nt_issue_fn on_issue,
                    void *user, size_t *n_issues)
{
    if (!c || !on_issue)
        return NT_EINVAL;
    checker ck = {on_issue, user, 0};
    size_t n = nt_corpus_count(c);
    int rc = NT_OK;
    for (size_t i = 0; i < n && !rc; i++)
        rc = check_article(&ck, nt_corpus_get(c, i), rules);
    if (!rc) { /* duplicate ids */
        nt_strmap ids = {0};
        for (size_t i = 0; i < n && !rc; i++) {
            const nt_article *a = nt_corpus_get(c, i);
            int64_t prev = nt_strmap_get(&ids, a->id, strlen(a->id));
            if (prev >= 0) {
                const nt_article *p = nt_corpus_get(c, (size_t)prev);
                ISSUE(&ck, a, NT_EPARSE, "article id %s is used already at %s:%ld", a->id, p->file, p->line);
            } else if (nt_strmap_put(&ids, a->id, strlen(a->id), (int64_t)i)) {
                rc = NT_ENOMEM;
            }
        }
        nt_strmap_free(&ids);
    }
    if (!rc && rules && rules->near_duplicate > 0)
        rc = check_near_duplicates(&ck, c, rules->near_duplicate);
    if (n_issues)
        *n_issues = ck.count;
    return rc;
}
