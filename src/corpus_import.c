/* corpus_import.c - other people's NER formats, converted into corpus articles:
 * factRuEval-2016 (name-centric reduction, see newstag.h) and CoNLL-style BIO. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "corpus_internal.h"
#include "error.h"
#include "strmap.h"
#include "utf8.h"

typedef struct span_list {
    nt_span *v;
    size_t n, cap;
} span_list;

static int span_push(span_list *l, size_t start, size_t end, const char *type)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        nt_span *p = realloc(l->v, cap * sizeof *p);
        if (!p)
            return NT_ENOMEM;
        l->v = p;
        l->cap = cap;
    }
    nt_span *s = &l->v[l->n];
    memset(s, 0, sizeof *s);
    s->start = start;
    s->end = end;
    s->type = nt_strdup(type);
    if (!s->type)
        return NT_ENOMEM;
    l->n++;
    return NT_OK;
}

static void span_list_free(span_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free((char *)l->v[i].type);
    free(l->v);
    memset(l, 0, sizeof *l);
}

static int outer_first(const void *x, const void *y)
{
    const nt_span *a = x, *b = y;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return a->end > b->end ? -1 : a->end < b->end; /* longer first */
}

/* Flattens nested and repeated spans: the outer one wins. */
static void flatten(span_list *l)
{
    if (!l->n)
        return;
    qsort(l->v, l->n, sizeof *l->v, outer_first);
    size_t k = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (k > 0 && l->v[i].start < l->v[k - 1].end) {
            free((char *)l->v[i].type);
            continue;
        }
        l->v[k++] = l->v[i];
    }
    l->n = k;
}

/* ---- factRuEval-2016 ---- */

typedef struct fre_span {
    size_t start, len;
    char kind[24];
} fre_span;

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads one document: book_N.txt, .spans, .objects under dir. */
static int fre_document(nt_corpus *c, const char *dir, const char *base, nt_issue_fn on_issue,
                        void *user, nt_error *err)
{
    char path[4096];
    char *text = NULL, *spans = NULL, *objects = NULL;
    size_t tlen, slen, olen;
    span_list out = {0};
    nt_strmap ids = {0};
    fre_span *sv = NULL;
    size_t nsv = 0, capsv = 0;
    int rc;
    snprintf(path, sizeof path, "%s/%s.txt", dir, base);
    if ((rc = nt_read_file(path, &text, &tlen, err)))
        goto done;
    if (nt_utf8_first_invalid(text, tlen) < tlen) {
        rc = nt_report(on_issue, user, err, NT_EUTF8, path, 0, "invalid UTF-8");
        goto done;
    }
    size_t ncp = nt_utf8_count(text, tlen);
    snprintf(path, sizeof path, "%s/%s.spans", dir, base);
    if ((rc = nt_read_file(path, &spans, &slen, err)))
        goto done;
    long lineno = 0;
    for (char *line = spans, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        lineno++;
        char kind[24];
        unsigned long long id, start, len;
        if (sscanf(line, "%llu %23s %llu %llu", &id, kind, &start, &len) != 4) {
            if (strspn(line, " \t\r") == strlen(line))
                continue;
            rc = nt_report(on_issue, user, err, NT_EPARSE, path, lineno, "expected 'id type start length ...'");
            goto done;
        }
        if (start + len > ncp || len == 0) {
            rc = nt_report(on_issue, user, err, NT_EPARSE, path, lineno, "span [%llu, +%llu) is outside the text", start, len);
            goto done;
        }
        if (nsv == capsv) {
            capsv = capsv ? capsv * 2 : 256;
            fre_span *p = realloc(sv, capsv * sizeof *p);
            if (!p) { rc = NT_ENOMEM; goto done; }
            sv = p;
        }
        sv[nsv].start = (size_t)start;
        sv[nsv].len = (size_t)len;
        snprintf(sv[nsv].kind, sizeof sv[nsv].kind, "%s", kind);
        char key[32];
        int kl = snprintf(key, sizeof key, "%llu", id);
        if ((rc = nt_strmap_put(&ids, key, (size_t)kl, (int64_t)nsv)))
            goto done;
        nsv++;
    }
    snprintf(path, sizeof path, "%s/%s.objects", dir, base);
    if ((rc = nt_read_file(path, &objects, &olen, err)))
        goto done;
    lineno = 0;
    for (char *line = objects, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        lineno++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char *save = NULL;
        char *tok = strtok_r(line, " \t\r", &save);
        if (!tok)
            continue;
        char *type = strtok_r(NULL, " \t\r", &save);
        if (!type) {
            rc = nt_report(on_issue, user, err, NT_EPARSE, path, lineno, "expected 'id Type span_id ...'");
            goto done;
        }
        const char *ours = !strcmp(type, "Person") ? "PER"
                           : !strcmp(type, "Org") ? "ORG"
                           : (!strcmp(type, "Location") || !strcmp(type, "LocOrg")) ? "LOC"
                                                                                     : NULL;
        size_t lo = (size_t)-1, hi = 0;
        while ((tok = strtok_r(NULL, " \t\r", &save))) {
            int64_t k = nt_strmap_get(&ids, tok, strlen(tok));
            if (k < 0) {
                rc = nt_report(on_issue, user, err, NT_EPARSE, path, lineno, "span %s is not in the .spans file", tok);
                goto done;
            }
            if (!ours)
                continue;
            const fre_span *s = &sv[k];
            if (!strcmp(ours, "PER")) {
                if (s->start < lo) lo = s->start;
                if (s->start + s->len > hi) hi = s->start + s->len;
            } else if ((!strcmp(ours, "ORG") && !strcmp(s->kind, "org_name")) ||
                       (!strcmp(ours, "LOC") && !strcmp(s->kind, "loc_name"))) {
                if ((rc = span_push(&out, s->start, s->start + s->len, ours)))
                    goto done;
            }
        }
        if (ours && !strcmp(ours, "PER") && hi > 0 && (rc = span_push(&out, lo, hi, "PER")))
            goto done;
    }
    flatten(&out);
    nt_article a = {0};
    a.id = nt_strdup(base);
    a.lang = nt_strdup("ru");
    a.text = text;
    a.text_len = tlen;
    text = NULL;
    a.entities = out.v;
    a.n_entities = out.n;
    out.v = NULL;
    out.n = 0;
    a.topics = calloc(1, sizeof(char *));
    snprintf(path, sizeof path, "%s/%s.txt", dir, base);
    a.file = nt_strdup(path);
    a.line = 0;
    if (!a.id || !a.lang || !a.topics || !a.file)
        rc = NT_ENOMEM;
    if (!rc)
        rc = nt_corpus_take(c, &a);
    nt_article_release(&a);
done:
    if (rc == NT_ENOMEM)
        nt_fail(err, NT_ENOMEM, path, 0, -1, NULL);
    span_list_free(&out);
    nt_strmap_free(&ids);
    free(sv);
    free(text);
    free(spans);
    free(objects);
    return rc;
}

int nt_corpus_read_factrueval(nt_corpus *c, const char *dir, nt_issue_fn on_issue, void *user,
                              nt_error *err)
{
    if (!c || !dir)
        return NT_EINVAL;
    DIR *d = opendir(dir);
    if (!d)
        return nt_fail(err, NT_EIO, dir, 0, -1, "cannot open the directory");
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    int rc = NT_OK;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".txt"))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 128;
            char **p = realloc(names, cap * sizeof *p);
            if (!p) { rc = NT_ENOMEM; break; }
            names = p;
        }
        if (!(names[n] = nt_strdup(e->d_name))) { rc = NT_ENOMEM; break; }
        names[n][l - 4] = '\0';
        n++;
    }
    closedir(d);
    if (!rc && n == 0)
        rc = nt_fail(err, NT_EIO, dir, 0, -1, "no factRuEval documents (book_N.txt) here");
    if (!rc)
        qsort(names, n, sizeof *names, name_cmp);
    int result = rc;
    for (size_t i = 0; i < n && rc != NT_ENOMEM; i++) {
        rc = fre_document(c, dir, names[i], on_issue, user, err);
        if (rc)
            result = rc;
        if (rc && !on_issue)
            break;
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    if (result == NT_ENOMEM)
        return nt_fail(err, NT_ENOMEM, dir, 0, -1, NULL);
    return result;
}

/* ---- CoNLL BIO ---- */

typedef struct conll_doc {
    nt_buf text;
    span_list spans;
    size_t cp;                /* code points in text so far */
    char open_type[32];       /* the entity being read, or "" */
    size_t open_start;
    int sentence_has_tokens;
    long first_line;
} conll_doc;

static int conll_close(conll_doc *d)
{
    int rc = NT_OK;
    if (d->open_type[0])
        rc = span_push(&d->spans, d->open_start, d->cp, d->open_type);
    d->open_type[0] = '\0';
    return rc;
}

static int conll_emit(nt_corpus *c, conll_doc *d, const char *path, size_t docno)
{
    int rc = conll_close(d);
    if (rc || d->text.len == 0) {
        span_list_free(&d->spans);
        nt_buf_free(&d->text);
        return rc;
    }
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    char id[512];
    snprintf(id, sizeof id, "%s-%zu", base, docno);
    nt_article a = {0};
    a.id = nt_strdup(id);
    a.lang = nt_strdup("ru");
    a.text = d->text.data;
    a.text_len = d->text.len;
    a.entities = d->spans.v;
    a.n_entities = d->spans.n;
    a.topics = calloc(1, sizeof(char *));
    a.file = nt_strdup(path);
    a.line = d->first_line;
    memset(&d->text, 0, sizeof d->text);
    memset(&d->spans, 0, sizeof d->spans);
    rc = (a.id && a.lang && a.topics && a.file) ? nt_corpus_take(c, &a) : NT_ENOMEM;
    nt_article_release(&a);
    return rc;
}

int nt_corpus_read_conll(nt_corpus *c, const char *path, nt_issue_fn on_issue, void *user,
                         nt_error *err)
{
    if (!c || !path)
        return NT_EINVAL;
    char *data = NULL;
    size_t len;
    int rc = nt_read_file(path, &data, &len, err);
    if (rc)
        return rc;
    if (nt_utf8_first_invalid(data, len) < len) {
        free(data);
        return nt_report(on_issue, user, err, NT_EUTF8, path, 0, "invalid UTF-8");
    }
    conll_doc d = {0};
    size_t docno = 0;
    long lineno = 0;
    int result = NT_OK;
    for (char *line = data, *next; line && *line && !rc; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        lineno++;
        size_t l = strlen(line);
        while (l && (line[l - 1] == '\r' || line[l - 1] == ' ' || line[l - 1] == '\t'))
            line[--l] = '\0';
        if (l == 0) { /* sentence break */
            if ((rc = conll_close(&d)))
                break;
            d.sentence_has_tokens = 0;
            continue;
        }
        if (!strncmp(line, "-DOCSTART-", 10)) {
            if ((rc = conll_emit(c, &d, path, docno)))
                break;
            docno++;
            d = (conll_doc){0};
            continue;
        }
        char *tab = line + l;
        while (tab > line && tab[-1] != ' ' && tab[-1] != '\t')
            tab--;
        if (tab == line) {
            result = nt_report(on_issue, user, err, NT_EPARSE, path, lineno, "expected 'token ... TAG'");
            if (!on_issue)
                break;
            continue;
        }
        const char *tag = tab;
        char *tokend = tab;
        while (tokend > line && (tokend[-1] == ' ' || tokend[-1] == '\t'))
            tokend--;
        char *tokstart = line; /* the token is the first column */
        while (tokstart < tokend && (*tokstart == ' ' || *tokstart == '\t'))
            tokstart++;
        char *sp = tokstart;
        while (sp < tokend && *sp != ' ' && *sp != '\t')
            sp++;
        size_t toklen = (size_t)(sp - tokstart);
        if (toklen == 0) {
            result = nt_report(on_issue, user, err, NT_EPARSE, path, lineno, "expected 'token ... TAG'");
            if (!on_issue)
                break;
            continue;
        }
        int is_o = !strcmp(tag, "O");
        int is_b = !strncmp(tag, "B-", 2), is_i = !strncmp(tag, "I-", 2);
        if (!is_o && !is_b && !is_i) {
            result = nt_report(on_issue, user, err, NT_EPARSE, path, lineno, "tag '%s' is not O, B-TYPE or I-TYPE", tag);
            if (!on_issue)
                break;
            continue;
        }
        const char *type = is_o ? "" : tag + 2;
        int continues = is_i && !strcmp(d.open_type, type);
        if (!continues && (rc = conll_close(&d))) /* the entity ends before the separator */
            break;
        if (d.text.len == 0)
            d.first_line = lineno;
        if (d.text.len) { /* tokens by a space, sentences by a line break */
            if ((rc = nt_buf_append(&d.text, d.sentence_has_tokens ? " " : "\n", 1)))
                break;
            d.cp++;
        }
        if (!is_o && !continues) {
            snprintf(d.open_type, sizeof d.open_type, "%s", type);
            d.open_start = d.cp;
        }
        if ((rc = nt_buf_append(&d.text, tokstart, toklen)))
            break;
        d.cp += nt_utf8_count(tokstart, toklen);
        d.sentence_has_tokens = 1;
    }
    if (!rc)
        rc = conll_emit(c, &d, path, docno);
    span_list_free(&d.spans);
    nt_buf_free(&d.text);
    free(data);
    if (rc == NT_ENOMEM)
        return nt_fail(err, NT_ENOMEM, path, lineno, -1, NULL);
    return rc ? rc : result;
}
