/* topic_features.c - stems, word pairs and character n-grams, weighted by TF-IDF. */
#include "topic_features.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "chars.h"
#include "newstag.h"
#include "random.h"
#include "strmap.h"
#include "utf8.h"

/* Words and abbreviations carry topic; numbers, punctuation and symbols do not. */
static int is_wordlike(const nt_token *t)
{
    return t->kind == NT_TOKEN_WORD || t->kind == NT_TOKEN_ABBREV;
}

/* The length of a word-like token's form as a word (0 for other tokens): abbreviations lose
 * their period, so that "г." and "г" are one word. */
static size_t word_len(const nt_token *t)
{
    if (!is_wordlike(t))
        return 0;
    size_t n = t->norm_len;
    return n && t->norm[n - 1] == '.' ? n - 1 : n;
}

/* The key of the pair feature "b:<first> <second>", from its words' "w:" keys: classification
 * need not build or hash the pair's name. Not symmetric: "b:a b" and "b:b a" differ. */
static inline uint64_t pair_key(uint64_t first, uint64_t second)
{
    uint64_t h = nt_mum(first ^ 0x2d358dccaa6c78a5ull, second ^ 0x8bb84b93962eacc9ull);
    return nt_mum(h ^ 0x4b33a62ed433d4a3ull, 0x4d5a2da51de1aa47ull);
}

/* nt_topic_emit's body, inline so that a caller's own emit (vectorizing) is called directly */
static inline int emit_features(const nt_doc *d, nt_stemmer *st, const nt_topic_settings *s, nt_topic_words *mem,
                                int with_names, nt_topic_emit_fn emit, void *user)
{
    nt_buf f = {0}, prev = {0};
    int rc = nt_buf_reserve(&f, 64);
    if (!rc)
        rc = nt_buf_reserve(&prev, 64);
    int remember = mem && !with_names;
    if (remember) {
        /* every word's hash first, its slot fetched: the lookups below then find it in cache */
        if (!rc)
            rc = nt_topic_words_scratch(mem, d->n);
        for (size_t i = 0; i < d->n && !rc; i++) {
            size_t wlen = word_len(&d->tok[i]);
            if (wlen) {
                mem->hash[i] = nt_feat_hash(d->tok[i].norm, wlen);
                nt_topic_words_prefetch(mem, mem->hash[i]);
            }
        }
    }
    size_t prev_sentence = (size_t)-1;
    uint64_t prev_key = 0;
    int have_prev = 0;
    for (size_t i = 0; i < d->n && !rc; i++) {
        const nt_token *t = &d->tok[i];
        if (!is_wordlike(t)) {
            /* punctuation breaks word pairs; numbers too */
            if (t->kind != NT_TOKEN_QUOTE)
                have_prev = 0;
            continue;
        }
        size_t wlen = word_len(t);
        const char *w = t->norm;
        if (wlen == 0)
            continue;
        /* "w:stem": its key remembered, or the stem found and the name hashed */
        uint64_t key, word_hash = 0;
        int64_t index = NT_TOPIC_INDEX_UNKNOWN;
        const char *stem = w;
        size_t slen = wlen;
        int known = 0;
        if (remember) {
            word_hash = mem->hash[i];
            known = nt_topic_words_get(mem, word_hash, &key, &index);
        }
        if (!known) {
            if (s->stems)
                stem = nt_stem(st, w, wlen, &slen);
            /* room for "b:previous stem", the longer name, made once */
            f.len = 0;
            if ((rc = nt_buf_reserve(&f, 3 + prev.len + slen)))
                break;
            memcpy(f.data, "w:", 2);
            memcpy(f.data + 2, stem, slen);
            key = nt_feat_hash(f.data, 2 + slen);
            if (remember)
                index = nt_topic_words_put(mem, word_hash, key);
        }
        if ((rc = emit(user, key, index, with_names ? f.data : NULL, with_names ? 2 + slen : 0, t->sentence)))
            break;
        if (s->bigrams && have_prev && prev_sentence == t->sentence) {
            size_t len = with_names ? 3 + prev.len + slen : 0;
            if (with_names) {
                memcpy(f.data, "b:", 2);
                memcpy(f.data + 2, prev.data, prev.len);
                f.data[2 + prev.len] = ' ';
                memcpy(f.data + 3 + prev.len, stem, slen);
            }
            if ((rc = emit(user, pair_key(prev_key, key), NT_TOPIC_INDEX_UNKNOWN, with_names ? f.data : NULL, len,
                           t->sentence)))
                break;
        }
        have_prev = 1;
        prev_key = key;
        prev_sentence = t->sentence;
        if (with_names) {
            prev.len = 0;
            if ((rc = nt_buf_append(&prev, stem, slen)))
                break;
        }
        if (s->char_min > 0) {
            /* n-grams of "<word>" by code points */
            size_t cps[258], ncp = 0, pos = 0;
            cps[ncp++] = (size_t)-1; /* '<' */
            while (pos < wlen && ncp < 256) {
                cps[ncp++] = pos;
                int32_t cp;
                int bad;
                pos += nt_utf8_decode((const unsigned char *)w + pos, wlen - pos, &cp, &bad);
            }
            cps[ncp] = wlen; /* start of '>' */
            size_t total = ncp + 1;
            for (int n = s->char_min; n <= s->char_max && !rc; n++) {
                for (size_t a = 0; a + (size_t)n <= total && !rc; a++) {
                    size_t b = a + (size_t)n; /* positions [a, b) of "<" chars ">" */
                    f.len = 0;
                    rc = nt_buf_append(&f, "c:", 2);
                    if (!rc && a == 0)
                        rc = nt_buf_append(&f, "<", 1);
                    size_t from = a == 0 ? 0 : cps[a];
                    size_t to = b >= total ? wlen : cps[b];
                    if (!rc && to > from)
                        rc = nt_buf_append(&f, w + from, to - from);
                    if (!rc && b >= total)
                        rc = nt_buf_append(&f, ">", 1);
                    if (!rc && (b - a) > 1)
                        rc = emit(user, nt_feat_hash(f.data, f.len), NT_TOPIC_INDEX_UNKNOWN, f.data, f.len,
                                  t->sentence);
                }
            }
        }
    }
    nt_buf_free(&f);
    nt_buf_free(&prev);
    return rc;
}

int nt_topic_emit(const nt_doc *d, nt_stemmer *st, const nt_topic_settings *s, nt_topic_words *mem,
                  int with_names, nt_topic_emit_fn emit, void *user)
{
    return emit_features(d, st, s, mem, with_names, emit, user);
}

void nt_sparse_free(nt_sparse *v)
{
    free(v->idx);
    free(v->val);
    memset(v, 0, sizeof *v);
}

/* ---- vocabulary ---- */

typedef struct df_ctx {
    nt_strmap *df;       /* feature -> document frequency */
    nt_strmap *seen;     /* features seen in the current document */
    nt_strmap *at;       /* feature -> its key's place in keys */
    uint64_t *keys;
    size_t n, cap;
} df_ctx;

static int count_df(void *user, uint64_t key, int64_t index, const char *f, size_t len, size_t sentence)
{
    (void)index;
    (void)sentence;
    df_ctx *c = user;
    if (nt_strmap_get(c->seen, f, len) >= 0)
        return 0;
    if (nt_strmap_put(c->seen, f, len, 1))
        return NT_ENOMEM;
    int64_t n = nt_strmap_get(c->df, f, len);
    if (n < 0) { /* a new feature: its key kept for the vocabulary */
        if (c->n == c->cap) {
            size_t cap = c->cap ? 2 * c->cap : 4096;
            uint64_t *p = realloc(c->keys, cap * sizeof *p);
            if (!p)
                return NT_ENOMEM;
            c->keys = p;
            c->cap = cap;
        }
        if (nt_strmap_put(c->at, f, len, (int64_t)c->n))
            return NT_ENOMEM;
        c->keys[c->n++] = key;
    }
    return nt_strmap_put(c->df, f, len, n < 0 ? 1 : n + 1);
}

int nt_topic_vocab_build(nt_topic_vocab *v, const nt_doc *docs, size_t ndocs, nt_stemmer *st,
                         const nt_topic_settings *s)
{
    memset(v, 0, sizeof *v);
    nt_strmap df = {0}, seen = {0}, at = {0};
    df_ctx c = {&df, &seen, &at, NULL, 0, 0};
    int rc = NT_OK;
    for (size_t i = 0; i < ndocs && !rc; i++) {
        nt_strmap_free(&seen);
        rc = nt_topic_emit(&docs[i], st, s, NULL, 1, count_df, &c);
    }
    nt_strmap_free(&seen);
    /* index order by name: the same corpus always gives the same model bytes */
    const char **names = NULL;
    size_t n = 0;
    if (!rc)
        rc = nt_strmap_sorted_keys(&df, s->min_df, &names, &n);
    for (size_t i = 0; i < n && !rc; i++) {
        size_t len = strlen(names[i]);
        int64_t dfi = nt_strmap_get(&df, names[i], len);
        double idf = log((double)(ndocs + 1) / (double)(dfi + 1)) + 1.0;
        rc = nt_topic_vocab_add(v, names[i], len, c.keys[nt_strmap_get(&at, names[i], len)], idf);
        if (rc == NT_EFORMAT) /* its fingerprint is taken: it could not be told apart */
            rc = NT_OK;
    }
    free(names);
    free(c.keys);
    nt_strmap_free(&df);
    nt_strmap_free(&at);
    v->instance = nt_random64();
    if (rc)
        nt_topic_vocab_free(v);
    return rc;
}

int nt_topic_vocab_add(nt_topic_vocab *v, const char *name, size_t len, uint64_t key, double idf)
{
    if ((v->n & (v->n - 1)) == 0) { /* grow at powers of two */
        size_t cap = v->n ? v->n * 2 : 1024;
        double *idfs = realloc(v->idf, cap * sizeof *idfs);
        if (!idfs)
            return NT_ENOMEM;
        v->idf = idfs;
        const char **names = realloc(v->name, cap * sizeof *names);
        if (!names)
            return NT_ENOMEM;
        v->name = names;
    }
    int rc = nt_featmap_add(&v->map, key, (int64_t)v->n);
    if (rc)
        return rc; /* NT_EFORMAT: a feature twice, a damaged model */
    if (!(v->name[v->n] = nt_strpool_add(&v->pool, name, len)))
        return NT_ENOMEM;
    v->idf[v->n] = idf;
    v->n++;
    return NT_OK;
}

void nt_topic_vocab_free(nt_topic_vocab *v)
{
    nt_featmap_free(&v->map);
    nt_strpool_free(&v->pool);
    free(v->idf);
    free(v->name);
    memset(v, 0, sizeof *v);
}

/* ---- vectors ---- */

/* Lookups wait in a batch (nt_featmap_get_many). */
typedef struct vec_ctx {
    const nt_topic_vocab *v;
    nt_occurrence *occ;
    size_t n, cap;
    uint64_t hash[NT_FEATMAP_BATCH];
    int64_t index[NT_FEATMAP_BATCH]; /* known already, or NT_TOPIC_INDEX_UNKNOWN */
    uint32_t sentence[NT_FEATMAP_BATCH];
    size_t pending;
} vec_ctx;

static int flush_lookups(vec_ctx *c)
{
    if (c->n + c->pending > c->cap) {
        size_t cap = c->cap ? c->cap : 1024;
        while (cap < c->n + c->pending)
            cap *= 2;
        nt_occurrence *p = realloc(c->occ, cap * sizeof *p);
        if (!p)
            return NT_ENOMEM;
        c->occ = p;
        c->cap = cap;
    }
    /* the unknown ones looked up together; occurrences stay in text order */
    uint64_t ask[NT_FEATMAP_BATCH];
    int64_t got[NT_FEATMAP_BATCH];
    size_t na = 0;
    for (size_t k = 0; k < c->pending; k++)
        if (c->index[k] == NT_TOPIC_INDEX_UNKNOWN)
            ask[na++] = c->hash[k];
    nt_featmap_get_many(&c->v->map, ask, na, got);
    for (size_t k = 0, a = 0; k < c->pending; k++) {
        int64_t idx = c->index[k] == NT_TOPIC_INDEX_UNKNOWN ? got[a++] : c->index[k];
        if (idx >= 0)
            c->occ[c->n++] = (nt_occurrence){(int32_t)idx, c->sentence[k], 0, 0};
    }
    c->pending = 0;
    return NT_OK;
}

static int collect_occ(void *user, uint64_t key, int64_t index, const char *f, size_t len, size_t sentence)
{
    (void)f;
    (void)len;
    vec_ctx *c = user;
    c->hash[c->pending] = key;
    c->index[c->pending] = index;
    c->sentence[c->pending++] = (uint32_t)(sentence > UINT32_MAX ? UINT32_MAX : sentence);
    return c->pending == NT_FEATMAP_BATCH ? flush_lookups(c) : NT_OK;
}

/* Sorts n non-negative indices below 2^24 (a featmap's values) ascending: byte-wide counting
 * passes, cheaper than comparisons for the few hundred of an article; none for the bytes that
 * are zero in every index (a vocabulary under 65,536 features needs two). */
static void sort_indices(int32_t *a, int32_t *tmp, size_t n)
{
    uint32_t any = 0;
    for (size_t i = 0; i < n; i++)
        any |= (uint32_t)a[i];
    for (int shift = 0; shift < 24 && any >> shift; shift += 8) {
        size_t count[257] = {0};
        for (size_t i = 0; i < n; i++)
            count[((uint32_t)a[i] >> shift & 0xFF) + 1]++;
        for (int b = 0; b < 256; b++)
            count[b + 1] += count[b];
        for (size_t i = 0; i < n; i++)
            tmp[count[(uint32_t)a[i] >> shift & 0xFF]++] = a[i];
        memcpy(a, tmp, n * sizeof *a);
    }
}


int nt_topic_vectorize(const nt_topic_vocab *v, const nt_topic_settings *s, const nt_doc *d,
                       nt_stemmer *st, nt_topic_words *mem, nt_sparse *out, nt_occurrence **occ, size_t *nocc)
{
    vec_ctx c = {.v = v};
    out->n = 0;
    if (mem)
        nt_topic_words_bind(mem, s->stems, v);
    int rc = emit_features(d, st, s, mem, 0, collect_occ, &c);
    if (!rc)
        rc = flush_lookups(&c);
    if (rc) {
        free(c.occ);
        return rc;
    }
    /* counts by feature: place[idx] marks a feature seen in this document, then (once the
     * distinct features are sorted) holds its entry + 1; it is all zeros again after */
    uint32_t *place = mem ? nt_topic_words_places(mem, v->n) : calloc(v->n + 1, sizeof *place);
    int32_t *distinct = malloc((c.n + 1) * sizeof *distinct), *tmp = malloc((c.n + 1) * sizeof *tmp);
    if (place && distinct && tmp && c.n > out->cap) {
        int32_t *pi = realloc(out->idx, c.n * sizeof *pi);
        if (pi)
            out->idx = pi;
        double *pv = realloc(out->val, c.n * sizeof *pv);
        if (pv)
            out->val = pv;
        if (pi && pv)
            out->cap = c.n;
    }
    if (!place || !distinct || !tmp || c.n > out->cap) {
        if (!mem)
            free(place);
        free(distinct);
        free(tmp);
        free(c.occ);
        return NT_ENOMEM;
    }
    size_t nd = 0;
    for (size_t k = 0; k < c.n; k++)
        if (!place[c.occ[k].idx]) {
            place[c.occ[k].idx] = 1;
            distinct[nd++] = c.occ[k].idx;
        }
    sort_indices(distinct, tmp, nd);
    for (size_t i = 0; i < nd; i++) {
        place[distinct[i]] = (uint32_t)i + 1;
        tmp[i] = 0; /* the count, by entry */
    }
    for (size_t k = 0; k < c.n; k++) {
        c.occ[k].entry = place[c.occ[k].idx] - 1;
        tmp[c.occ[k].entry]++;
    }
    double norm2 = 0;
    for (size_t i = 0; i < nd; i++) {
        double tf = (double)tmp[i];
        /* most features occur once: 1 + ln 1 is 1 exactly, without the call */
        double x = (s->sublinear_tf ? (tf == 1 ? 1.0 : 1.0 + log(tf)) : tf) * v->idf[distinct[i]];
        out->idx[i] = distinct[i];
        out->val[i] = x;
        norm2 += x * x;
        place[distinct[i]] = 0;
    }
    out->n = nd;
    for (size_t k = 0; k < c.n; k++)
        c.occ[k].count = (uint32_t)tmp[c.occ[k].entry];
    if (!mem)
        free(place);
    free(distinct);
    free(tmp);
    if (norm2 > 0) {
        double inv = 1.0 / sqrt(norm2);
        for (size_t i = 0; i < out->n; i++)
            out->val[i] *= inv;
    }
    if (occ) {
        *occ = c.occ;
        *nocc = c.n;
    } else {
        free(c.occ);
    }
    return NT_OK;
}
