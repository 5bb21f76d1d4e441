/* corpus.c - the article container, and the JSONL format it reads and writes. */
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "corpus_internal.h"
#include "error.h"
#include "utf8.h"

struct nt_corpus {
    nt_article *a;
    size_t n, cap;
};

char *nt_strdup(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

int nt_report(nt_issue_fn on_issue, void *user, nt_error *err, int code, const char *file,
              long line, const char *fmt, ...)
{
    nt_error e;
    nt_error_clear(&e);
    e.code = code;
    snprintf(e.file, sizeof e.file, "%s", file ? file : "");
    e.line = line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e.message, sizeof e.message, fmt, ap);
    va_end(ap);
    if (on_issue)
        on_issue(user, &e);
    else if (err)
        *err = e;
    return code;
}

int nt_read_file(const char *path, char **data, size_t *len, nt_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return nt_fail(err, NT_EIO, path, 0, -1, "cannot open: %s", strerror(errno));
    /* one allocation of the right size for regular files; pipes and the like grow */
    size_t cap = 1 << 16, n = 0;
    if (fseek(f, 0, SEEK_END) == 0) {
        long size = ftell(f);
        if (size > 0 && (unsigned long)size < ((size_t)1 << 40))
            cap = (size_t)size + 1;
        rewind(f);
    }
    char *buf = malloc(cap + 1);
    while (buf) {
        if (n == cap) {
            char *p = cap > ((size_t)1 << 40) ? NULL : realloc(buf, cap * 2 + 1);
            if (!p) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = p;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (!buf)
        return nt_fail(err, NT_ENOMEM, path, 0, -1, NULL);
    if (bad) {
        free(buf);
        return nt_fail(err, NT_EIO, path, 0, -1, "read error");
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return NT_OK;
}

int nt_corpus_new(nt_corpus **out)
{
    if (!out)
        return NT_EINVAL;
    *out = calloc(1, sizeof **out);
    return *out ? NT_OK : NT_ENOMEM;
}

void nt_article_release(nt_article *a)
{
    free((char *)a->id);
    free((char *)a->lang);
    free((char *)a->text);
    for (size_t i = 0; i < a->n_topics; i++)
        free((char *)a->topics[i]);
    free((char **)a->topics);
    for (size_t i = 0; i < a->n_entities; i++)
        free((char *)a->entities[i].type);
    free((nt_span *)a->entities);
    free((char *)a->genre);
    free((char *)a->region);
    free((char *)a->split);
    free((char *)a->hard_negative);
    free((char *)a->file);
    memset(a, 0, sizeof *a);
}

void nt_corpus_free(nt_corpus *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++)
        nt_article_release(&c->a[i]);
    free(c->a);
    free(c);
}

size_t nt_corpus_count(const nt_corpus *c)
{
    return c ? c->n : 0;
}

const nt_article *nt_corpus_get(const nt_corpus *c, size_t i)
{
    return c && i < c->n ? &c->a[i] : NULL;
}

int nt_corpus_set_split(nt_corpus *c, size_t i, const char *split)
{
    if (!c || i >= c->n)
        return NT_EINVAL;
    char *s = nt_strdup(split);
    if (split && !s)
        return NT_ENOMEM;
    free((char *)c->a[i].split);
    c->a[i].split = s;
    return NT_OK;
}

static int span_cmp(const void *x, const void *y)
{
    const nt_span *a = x, *b = y;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return a->end < b->end ? -1 : a->end > b->end;
}

int nt_corpus_take(nt_corpus *c, nt_article *a)
{
    nt_span *e = (nt_span *)a->entities;
    if (a->n_entities)
        qsort(e, a->n_entities, sizeof *e, span_cmp);
    /* code points -> bytes, through a table of the byte offset of every code point */
    if (a->n_entities) {
        size_t ncp = nt_utf8_count(a->text, a->text_len);
        size_t *at = malloc((ncp + 1) * sizeof *at);
        if (!at)
            return NT_ENOMEM;
        const unsigned char *s = (const unsigned char *)a->text;
        size_t byte = 0;
        for (size_t cp = 0; cp < ncp; cp++) {
            int32_t ch;
            int bad;
            at[cp] = byte;
            byte += nt_utf8_decode(s + byte, a->text_len - byte, &ch, &bad);
        }
        at[ncp] = a->text_len;
        for (size_t k = 0; k < a->n_entities; k++) {
            e[k].byte_start = at[e[k].start <= ncp ? e[k].start : ncp];
            e[k].byte_end = at[e[k].end <= ncp ? e[k].end : ncp];
        }
        free(at);
    }
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        nt_article *p = realloc(c->a, cap * sizeof *p);
        if (!p)
            return NT_ENOMEM;
        c->a = p;
        c->cap = cap;
    }
    c->a[c->n++] = *a;
    memset(a, 0, sizeof *a);
    return NT_OK;
}

/* ---- JSONL ---- */

static const char *opt_string(json_t *o, const char *key, int *bad)
{
    json_t *v = json_object_get(o, key);
    if (!v || json_is_null(v))
        return NULL;
    if (!json_is_string(v)) {
        *bad = 1;
        return NULL;
    }
    return json_string_value(v);
}

/* Parses one JSON line into a; returns NT_OK or NT_EPARSE with a reason in why. */
static int parse_record(json_t *o, nt_article *a, char *why, size_t why_len)
{
    int bad = 0;
    if (!json_is_object(o)) {
        snprintf(why, why_len, "not a JSON object");
        return NT_EPARSE;
    }
    const char *id = opt_string(o, "id", &bad);
    const char *text = opt_string(o, "text", &bad);
    if (bad || !id || !*id || !text) {
        snprintf(why, why_len, "needs \"id\" (a non-empty string) and \"text\" (a string)");
        return NT_EPARSE;
    }
    const char *lang = opt_string(o, "lang", &bad);
    const char *genre = opt_string(o, "genre", &bad);
    const char *region = opt_string(o, "region", &bad);
    const char *split = opt_string(o, "split", &bad);
    const char *hard = opt_string(o, "hard_negative", &bad);
    if (bad) {
        snprintf(why, why_len, "article %s: lang, genre, region, split and hard_negative must be strings", id);
        return NT_EPARSE;
    }
    json_t *topics = json_object_get(o, "topics");
    if (!json_is_array(topics)) {
        snprintf(why, why_len, "article %s: \"topics\" must be an array of strings", id);
        return NT_EPARSE;
    }
    json_t *ents = json_object_get(o, "entities");
    if (ents && !json_is_array(ents)) {
        snprintf(why, why_len, "article %s: \"entities\" must be an array", id);
        return NT_EPARSE;
    }
    size_t text_len = json_string_length(json_object_get(o, "text"));
    if (memchr(text, '\0', text_len)) {
        snprintf(why, why_len, "article %s: text holds a NUL character", id);
        return NT_EPARSE;
    }
    size_t ncp = nt_utf8_count(text, text_len);
    size_t nt = json_array_size(topics), ne = ents ? json_array_size(ents) : 0;

    a->id = nt_strdup(id);
    a->text = nt_strdup(text);
    a->text_len = text_len;
    a->lang = nt_strdup(lang ? lang : "ru");
    a->genre = nt_strdup(genre);
    a->region = nt_strdup(region);
    a->split = nt_strdup(split);
    a->hard_negative = nt_strdup(hard);
    a->topics = calloc(nt ? nt : 1, sizeof(char *));
    a->entities = calloc(ne ? ne : 1, sizeof(nt_span));
    if (!a->id || !a->text || !a->lang || !a->topics || !a->entities)
        return NT_ENOMEM;
    for (size_t i = 0; i < nt; i++) {
        json_t *t = json_array_get(topics, i);
        if (!json_is_string(t) || json_string_length(t) == 0) {
            snprintf(why, why_len, "article %s: topic %zu is not a non-empty string", id, i);
            return NT_EPARSE;
        }
        ((char **)a->topics)[a->n_topics++] = nt_strdup(json_string_value(t));
    }
    for (size_t i = 0; i < ne; i++) {
        json_t *e = json_array_get(ents, i);
        json_t *js = json_object_get(e, "start"), *je = json_object_get(e, "end");
        json_t *jt = json_object_get(e, "type");
        if (!json_is_integer(js) || !json_is_integer(je) || !json_is_string(jt) ||
            json_string_length(jt) == 0) {
            snprintf(why, why_len, "article %s: entity %zu needs integer \"start\", \"end\" and a \"type\" string", id, i);
            return NT_EPARSE;
        }
        json_int_t s = json_integer_value(js), en = json_integer_value(je);
        if (s < 0 || en <= s || (size_t)en > ncp) {
            snprintf(why, why_len, "article %s: entity %zu [%lld, %lld) is out of range (text has %zu code points)",
                     id, i, (long long)s, (long long)en, ncp);
            return NT_EPARSE;
        }
        nt_span *sp = (nt_span *)&a->entities[a->n_entities++];
        sp->start = (size_t)s;
        sp->end = (size_t)en;
        sp->type = nt_strdup(json_string_value(jt));
        if (!sp->type)
            return NT_ENOMEM;
    }
    return NT_OK;
}

int nt_corpus_read_jsonl(nt_corpus *c, const char *path, nt_issue_fn on_issue, void *user,
                         nt_error *err)
{
    if (!c || !path)
        return NT_EINVAL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return nt_fail(err, NT_EIO, path, 0, -1, "cannot open: %s", strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    long lineno = 0;
    int result = NT_OK;
    for (;;) {
        /* read one line of any length */
        size_t n = 0;
        int ch = EOF;
        while ((ch = getc(f)) != EOF) {
            if (n + 2 > cap) {
                size_t ncap = cap ? cap * 2 : 4096;
                char *p = realloc(line, ncap);
                if (!p) {
                    result = nt_fail(err, NT_ENOMEM, path, lineno + 1, -1, NULL);
                    goto done;
                }
                line = p;
                cap = ncap;
            }
            if (ch == '\n')
                break;
            line[n++] = (char)ch;
        }
        if (n == 0 && ch == EOF)
            break;
        lineno++;
        if (n && line[n - 1] == '\r')
            n--;
        size_t k = 0;
        while (k < n && (line[k] == ' ' || line[k] == '\t'))
            k++;
        if (k == n)
            continue; /* blank lines are allowed */
        json_error_t jerr;
        json_t *o = json_loadb(line, n, JSON_REJECT_DUPLICATES, &jerr);
        if (!o) {
            int code = strstr(jerr.text, "UTF-8") ? NT_EUTF8 : NT_EPARSE;
            result = nt_report(on_issue, user, err, code, path, lineno, "malformed JSON: %s (column %d)",
                               jerr.text, jerr.column);
            if (!on_issue)
                goto done;
            continue;
        }
        nt_article a = {0};
        char why[400] = "";
        int rc = parse_record(o, &a, why, sizeof why);
        json_decref(o);
        if (rc == NT_OK) {
            a.file = nt_strdup(path);
            a.line = lineno;
            rc = a.file ? nt_corpus_take(c, &a) : NT_ENOMEM;
        }
        if (rc != NT_OK) {
            nt_article_release(&a);
            if (rc == NT_ENOMEM) {
                result = nt_fail(err, NT_ENOMEM, path, lineno, -1, NULL);
                goto done;
            }
            result = nt_report(on_issue, user, err, rc, path, lineno, "%s", why);
            if (!on_issue)
                goto done;
        }
    }
    if (ferror(f))
        result = nt_fail(err, NT_EIO, path, lineno, -1, "read error");
done:
    free(line);
    fclose(f);
    return result;
}

static json_t *record_json(const nt_article *a)
{
    json_t *o = json_object();
    json_t *topics = json_array(), *ents = json_array();
    if (!o || !topics || !ents)
        goto fail;
    json_object_set_new(o, "id", json_string(a->id));
    json_object_set_new(o, "lang", json_string(a->lang ? a->lang : "ru"));
    json_object_set_new(o, "text", json_stringn(a->text, a->text_len));
    for (size_t i = 0; i < a->n_topics; i++)
        json_array_append_new(topics, json_string(a->topics[i]));
    json_object_set_new(o, "topics", topics);
    topics = NULL;
    for (size_t i = 0; i < a->n_entities; i++) {
        json_t *e = json_pack("{s:I,s:I,s:s}", "start", (json_int_t)a->entities[i].start, "end",
                              (json_int_t)a->entities[i].end, "type", a->entities[i].type);
        if (!e || json_array_append_new(ents, e))
            goto fail;
    }
    json_object_set_new(o, "entities", ents);
    ents = NULL;
    if (a->genre)
        json_object_set_new(o, "genre", json_string(a->genre));
    if (a->region)
        json_object_set_new(o, "region", json_string(a->region));
    if (a->split)
        json_object_set_new(o, "split", json_string(a->split));
    if (a->hard_negative)
        json_object_set_new(o, "hard_negative", json_string(a->hard_negative));
    return o;
fail:
    json_decref(o);
    json_decref(topics);
    json_decref(ents);
    return NULL;
}

int nt_corpus_write_jsonl(const nt_corpus *c, const char *path, const char *split, nt_error *err)
{
    if (!c || !path)
        return NT_EINVAL;
    nt_atomic_file af;
    int rc = nt_atomic_open(&af, path, err);
    if (rc)
        return rc;
    for (size_t i = 0; i < c->n; i++) {
        const nt_article *a = &c->a[i];
        if (split && (!a->split || strcmp(a->split, split)))
            continue;
        json_t *o = record_json(a);
        char *s = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
        json_decref(o);
        if (!s) {
            nt_atomic_abort(&af);
            return nt_fail(err, NT_ENOMEM, path, 0, -1, NULL);
        }
        fputs(s, af.f);
        fputc('\n', af.f);
        free(s);
    }
    return nt_atomic_commit(&af, err);
}
