/* corpus_authoring.c - the hand-typed corpus form: "@@ ID", "@key value" headers, and a body
 * with [[TYPE|surface]] markers. Parsing computes the code-point offsets people should never
 * have to count, and every article is rendered back and compared with its source, so the
 * form and the JSONL made from it can never drift apart. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "corpus_internal.h"
#include "error.h"
#include "utf8.h"

typedef struct line_ref {
    const char *s;
    size_t len;
    long no;
} line_ref;

typedef struct parse_ctx {
    const char *path;
    nt_issue_fn on_issue;
    void *user;
    nt_error *err;
    int result;
} parse_ctx;

#define REPORT(ctx, code, line, ...)                                                              \
    ((ctx)->result = nt_report((ctx)->on_issue, (ctx)->user, (ctx)->err, (code), (ctx)->path,     \
                               (line), __VA_ARGS__))

static int valid_id(const char *s, size_t n)
{
    if (n == 0 || n > 128)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.'))
            return 0;
    }
    return 1;
}

static int valid_type(const char *s, size_t n)
{
    if (n == 0 || n > 32)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || s[i] == '_' || (s[i] >= '0' && s[i] <= '9')))
            return 0;
    return 1;
}

static char *dup_n(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static const char *HEADER_KEYS[] = {"topics", "genre", "region", "hard_negative", "split"};

/* "@key value": returns the key's index, or -1 if the line is not a known header. */
static int header_key(const line_ref *l, const char **value, size_t *vlen)
{
    if (l->len < 2 || l->s[0] != '@' || l->s[1] == '@')
        return -1;
    for (int k = 0; k < (int)(sizeof HEADER_KEYS / sizeof HEADER_KEYS[0]); k++) {
        size_t kl = strlen(HEADER_KEYS[k]);
        if (l->len >= 1 + kl && !memcmp(l->s + 1, HEADER_KEYS[k], kl) &&
            (l->len == 1 + kl || l->s[1 + kl] == ' ' || l->s[1 + kl] == '\t')) {
            const char *v = l->s + 1 + kl;
            size_t n = l->len - 1 - kl;
            while (n && (*v == ' ' || *v == '\t'))
                v++, n--;
            while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
                n--;
            *value = v;
            *vlen = n;
            return k;
        }
    }
    return -1;
}

static int add_topics(nt_article *a, const char *v, size_t n)
{
    size_t i = 0;
    while (i < n) {
        while (i < n && (v[i] == ' ' || v[i] == '\t' || v[i] == ','))
            i++;
        size_t j = i;
        while (j < n && v[j] != ' ' && v[j] != '\t' && v[j] != ',')
            j++;
        if (j > i && !(j - i == 1 && v[i] == '-')) {
            char **t = realloc((char **)a->topics, (a->n_topics + 1) * sizeof *t);
            if (!t)
                return NT_ENOMEM;
            a->topics = (const char *const *)t;
            if (!(t[a->n_topics] = dup_n(v + i, j - i)))
                return NT_ENOMEM;
            a->n_topics++;
        }
        i = j;
    }
    return NT_OK;
}

/* Turns the body lines into text and spans. Returns NT_OK, NT_EPARSE (reported) or NT_ENOMEM. */
static int parse_body(parse_ctx *ctx, nt_article *a, const line_ref *lines, size_t n)
{
    nt_buf text = {0};
    nt_span *spans = NULL;
    size_t nspans = 0, cp = 0;
    int rc = nt_buf_reserve(&text, 0);
    for (size_t li = 0; li < n && rc == NT_OK; li++) {
        const char *s = lines[li].s;
        size_t len = lines[li].len, i = 0;
        if (li > 0) {
            rc = nt_buf_append(&text, "\n", 1);
            cp++;
        }
        while (i < len && rc == NT_OK) {
            if (len - i >= 2 && s[i] == '[' && s[i + 1] == '[') {
                const char *bar = memchr(s + i + 2, '|', len - i - 2);
                const char *close = NULL;
                for (size_t k = i + 2; k + 1 < len; k++)
                    if (s[k] == ']' && s[k + 1] == ']') {
                        close = s + k;
                        break;
                    }
                if (!bar || !close || bar > close) {
                    REPORT(ctx, NT_EPARSE, lines[li].no, "article %s: '[[' without a matching '|' and ']]' on the same line", a->id);
                    rc = NT_EPARSE;
                    break;
                }
                const char *type = s + i + 2;
                size_t tlen = (size_t)(bar - type);
                const char *surf = bar + 1;
                size_t slen = (size_t)(close - surf);
                if (!valid_type(type, tlen)) {
                    REPORT(ctx, NT_EPARSE, lines[li].no, "article %s: entity type '%.*s' is not UPPERCASE letters", a->id, (int)tlen, type);
                    rc = NT_EPARSE;
                    break;
                }
                if (slen == 0 || memchr(surf, '[', slen) || memchr(surf, '|', slen)) {
                    REPORT(ctx, NT_EPARSE, lines[li].no, "article %s: empty or nested marker [[%.*s|%.*s]]", a->id, (int)tlen, type, (int)slen, surf);
                    rc = NT_EPARSE;
                    break;
                }
                nt_span *p = realloc(spans, (nspans + 1) * sizeof *p);
                if (!p) {
                    rc = NT_ENOMEM;
                    break;
                }
                spans = p;
                size_t ncp = nt_utf8_count(surf, slen);
                spans[nspans].start = cp;
                spans[nspans].end = cp + ncp;
                spans[nspans].type = dup_n(type, tlen);
                if (!spans[nspans].type) {
                    rc = NT_ENOMEM;
                    break;
                }
                nspans++;
                rc = nt_buf_append(&text, surf, slen);
                cp += ncp;
                i = (size_t)(close - s) + 2;
                continue;
            }
            if (len - i >= 2 && s[i] == ']' && s[i + 1] == ']') {
                REPORT(ctx, NT_EPARSE, lines[li].no, "article %s: ']]' without an opening '[['", a->id);
                rc = NT_EPARSE;
                break;
            }
            /* copy up to the next bracket */
            size_t j = i + 1;
            while (j < len && s[j] != '[' && s[j] != ']')
                j++;
            rc = nt_buf_append(&text, s + i, j - i);
            cp += nt_utf8_count(s + i, j - i);
            i = j;
        }
    }
    if (rc == NT_OK) {
        a->text = text.data;
        a->text_len = text.len;
        a->entities = spans;
        a->n_entities = nspans;
        return NT_OK;
    }
    for (size_t k = 0; k < nspans; k++)
        free((char *)spans[k].type);
    free(spans);
    nt_buf_free(&text);
    return rc;
}

int nt_article_render_authoring(char **out, size_t *out_len, const nt_article *a)
{
    if (!out || !a)
        return NT_EINVAL;
    nt_buf b = {0};
    int rc = nt_buf_reserve(&b, a->text_len + 16 * a->n_entities);
    size_t pos = 0, k = 0;
    while (rc == NT_OK && k < a->n_entities) {
        const nt_span *e = &a->entities[k++];
        if (e->byte_start < pos) /* overlapping: the checker reports it; keep the first */
            continue;
        rc = nt_buf_append(&b, a->text + pos, e->byte_start - pos);
        if (!rc) rc = nt_buf_append(&b, "[[", 2);
        if (!rc) rc = nt_buf_append(&b, e->type, strlen(e->type));
        if (!rc) rc = nt_buf_append(&b, "|", 1);
        if (!rc) rc = nt_buf_append(&b, a->text + e->byte_start, e->byte_end - e->byte_start);
        if (!rc) rc = nt_buf_append(&b, "]]", 2);
        pos = e->byte_end;
    }
    if (!rc)
        rc = nt_buf_append(&b, a->text + pos, a->text_len - pos);
    if (rc) {
        nt_buf_free(&b);
        return rc;
    }
    *out = b.data;
    if (out_len)
        *out_len = b.len;
    return NT_OK;
}

/* The body as it stands in the file, lines joined by '\n', for the round-trip check. */
static char *join_lines(const line_ref *lines, size_t n, size_t *len)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += lines[i].len + 1;
    char *s = malloc(total + 1), *o = s;
    if (!s)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (i)
            *o++ = '\n';
        memcpy(o, lines[i].s, lines[i].len);
        o += lines[i].len;
    }
    *o = '\0';
    *len = (size_t)(o - s);
    return s;
}

static int finish_article(parse_ctx *ctx, nt_corpus *c, nt_article *a, const line_ref *body,
                          size_t nbody, int has_topics)
{
    while (nbody && body[nbody - 1].len == 0)
        nbody--;
    while (nbody && body[0].len == 0)
        body++, nbody--;
    int rc;
    if (!has_topics) {
        REPORT(ctx, NT_EPARSE, a->line, "article %s: no @topics line (write '@topics -' for none)", a->id);
        nt_article_release(a);
        return NT_EPARSE;
    }
    if (nbody == 0) {
        REPORT(ctx, NT_EPARSE, a->line, "article %s: empty body", a->id);
        nt_article_release(a);
        return NT_EPARSE;
    }
    if (a->hard_negative && a->n_topics) {
        REPORT(ctx, NT_EPARSE, a->line, "article %s: @hard_negative is for articles without topics", a->id);
        nt_article_release(a);
        return NT_EPARSE;
    }
    rc = parse_body(ctx, a, body, nbody);
    if (rc) {
        nt_article_release(a);
        return rc;
    }
    if (!a->lang && !(a->lang = nt_strdup("ru"))) {
        nt_article_release(a);
        return NT_ENOMEM;
    }
    long line = a->line;
    char *id = nt_strdup(a->id);
    rc = id ? nt_corpus_take(c, a) : NT_ENOMEM;
    if (rc) {
        free(id);
        nt_article_release(a);
        return rc;
    }
    /* round trip: render the stored article and compare it with the source body */
    const nt_article *stored = nt_corpus_get(c, nt_corpus_count(c) - 1);
    char *rendered = NULL, *source = NULL;
    size_t rlen = 0, slen = 0;
    rc = nt_article_render_authoring(&rendered, &rlen, stored);
    if (!rc && !(source = join_lines(body, nbody, &slen)))
        rc = NT_ENOMEM;
    if (!rc && (rlen != slen || memcmp(rendered, source, slen)))
        rc = REPORT(ctx, NT_EPARSE, line, "article %s: rendering it back does not give its source (overlapping markers?)", id);
    free(rendered);
    free(source);
    free(id);
    return rc;
}

int nt_corpus_read_authoring(nt_corpus *c, const char *path, nt_issue_fn on_issue, void *user,
                             nt_error *err)
{
    if (!c || !path)
        return NT_EINVAL;
    char *data = NULL;
    size_t len = 0;
    int rc = nt_read_file(path, &data, &len, err);
    if (rc)
        return rc;
    parse_ctx ctx = {path, on_issue, user, err, NT_OK};
    size_t bad = nt_utf8_first_invalid(data, len);
    if (bad < len || memchr(data, '\0', len)) {
        long line = 1;
        for (size_t i = 0; i < bad && i < len; i++)
            line += data[i] == '\n';
        nt_report(on_issue, user, err, NT_EUTF8, path, line, "invalid UTF-8 or NUL byte at byte %zu", bad);
        free(data);
        return NT_EUTF8;
    }
    /* split into lines */
    size_t nlines = 0, cap = 0;
    line_ref *lines = NULL;
    for (size_t i = 0; i <= len;) {
        size_t j = i;
        while (j < len && data[j] != '\n')
            j++;
        if (j == len && i == len)
            break;
        if (nlines == cap) {
            cap = cap ? cap * 2 : 1024;
            line_ref *p = realloc(lines, cap * sizeof *p);
            if (!p) {
                free(lines);
                free(data);
                return nt_fail(err, NT_ENOMEM, path, 0, -1, NULL);
            }
            lines = p;
        }
        size_t l = j - i;
        if (l && data[i + l - 1] == '\r')
            l--;
        lines[nlines].s = data + i;
        lines[nlines].len = l;
        lines[nlines].no = (long)nlines + 1;
        nlines++;
        i = j + 1;
    }

    size_t li = 0;
    while (li < nlines) {
        const line_ref *l = &lines[li];
        if (l->len == 0 || l->s[0] == '#') {
            li++;
            continue;
        }
        if (!(l->len >= 3 && !memcmp(l->s, "@@ ", 3))) {
            REPORT(&ctx, NT_EPARSE, l->no, "text outside an article (an article starts with '@@ ID')");
            if (!on_issue)
                break;
            li++;
            continue;
        }
        nt_article a = {0};
        const char *id = l->s + 3;
        size_t idlen = l->len - 3;
        while (idlen && id[idlen - 1] == ' ')
            idlen--;
        a.line = l->no;
        a.id = dup_n(id, idlen);
        a.file = nt_strdup(path);
        if (!a.id || !a.file) {
            nt_article_release(&a);
            rc = nt_fail(err, NT_ENOMEM, path, l->no, -1, NULL);
            break;
        }
        int ok = valid_id(id, idlen), has_topics = 0;
        if (!ok)
            REPORT(&ctx, NT_EPARSE, l->no, "article id '%.*s' must be letters, digits, '-', '_' or '.'", (int)idlen, id);
        li++;
        /* header lines */
        const char *v;
        size_t vlen;
        int k;
        while (li < nlines && (k = header_key(&lines[li], &v, &vlen)) >= 0) {
            int r = NT_OK;
            const char **field = NULL;
            switch (k) {
            case 0:
                if (has_topics)
                    REPORT(&ctx, NT_EPARSE, lines[li].no, "article %s: a second @topics line", a.id), ok = 0;
                has_topics = 1;
                r = add_topics(&a, v, vlen);
                break;
            case 1: field = &a.genre; break;
            case 2: field = &a.region; break;
            case 3: field = &a.hard_negative; break;
            case 4: field = &a.split; break;
            }
            if (field) {
                if (*field || vlen == 0) {
                    REPORT(&ctx, NT_EPARSE, lines[li].no, "article %s: @%s is empty or repeated", a.id, HEADER_KEYS[k]);
                    ok = 0;
                }
                free((char *)*field);
                *field = dup_n(v, vlen);
                if (!*field)
                    r = NT_ENOMEM;
            }
            if (r) {
                long at = lines[li].no;
                nt_article_release(&a);
                free(lines);
                free(data);
                return nt_fail(err, NT_ENOMEM, path, at, -1, NULL);
            }
            li++;
        }
        size_t body_start = li;
        while (li < nlines && !(lines[li].len >= 2 && !memcmp(lines[li].s, "@@", 2)))
            li++;
        if (!ok) {
            nt_article_release(&a);
            if (!on_issue)
                break;
            continue;
        }
        rc = finish_article(&ctx, c, &a, lines + body_start, li - body_start, has_topics);
        if (rc == NT_ENOMEM) {
            ctx.result = nt_fail(err, NT_ENOMEM, path, 0, -1, NULL);
            break;
        }
        if (rc && !on_issue)
            break;
    }
    free(lines);
    free(data);
    return ctx.result;
}
