/* ner_index.c - the entity tagger's static features as vocabulary indices, assembled from
 * what each token form contributes, remembered in a cache. The result is the one
 * nt_ner_index_strings gets by naming every feature and looking the name up: the same
 * indices in the same order (the order fixes how the decoder's sums round). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "ner.h"
#include "newstag.h"

#define W NT_NER_MAX_WINDOW
/* Forms longer than this are not remembered (a megabyte-long token must not stay). */
#define MAX_KEY 96

/* What a form (a token's kind and bytes) contributes; -1: a feature the vocabulary lacks. */
typedef struct form {
    int32_t self[9];          /* w=, s=, suf1= .. suf4=, pre3=, sh=, k= */
    int32_t nb_w[2 * W + 1];  /* w-k= / w+k= of this form, as the neighbour k away */
    int32_t nb_s[2], nb_sh[2];/* s-1=, s+1=; sh-1=, sh+1= */
    uint32_t gb, gi, ge;      /* gazetteer lists: entries begin with it, have it inside, end */
    uint64_t norm_hash;       /* the article's capitalization cues key on the word */
    size_t key_at, key_len;   /* kind byte and source bytes, in the cache's keys */
} form;

struct nt_ner_cache {
    uint64_t instance; /* the model whose vocabulary the forms point into */
    nt_featmap map;    /* key hash -> form */
    form *form;
    size_t n, cap;
    nt_buf keys;
};

nt_ner_cache *nt_ner_cache_new(void)
{
    return calloc(1, sizeof(nt_ner_cache));
}

static void cache_clear(nt_ner_cache *c)
{
    nt_featmap_free(&c->map);
    c->n = 0;
    c->keys.len = 0;
}

void nt_ner_cache_trim(nt_ner_cache *c, size_t max)
{
    if (c && c->n > max)
        cache_clear(c);
}

void nt_ner_cache_free(nt_ner_cache *c)
{
    if (!c)
        return;
    nt_featmap_free(&c->map);
    free(c->form);
    nt_buf_free(&c->keys);
    free(c);
}

static int32_t lookup(const nt_ner_model *nm, const char *prefix, const char *v, size_t vlen)
{
    char buf[NT_NER_NAME_MAX];
    size_t len = nt_ner_feature_name(buf, prefix, v, vlen);
    return (int32_t)nt_featmap_get(&nm->vocab, nt_feat_hash(buf, len));
}

static void make_form(const nt_ner_model *nm, nt_stemmer *st, const nt_doc *d, const nt_token *t, form *f)
{
    static const char *const suf[5] = {"", "suf1=", "suf2=", "suf3=", "suf4="};
    int win = nm->s.window < W ? nm->s.window : W;
    for (size_t k = 0; k < sizeof f->self / sizeof f->self[0]; k++)
        f->self[k] = -1;
    for (int k = 0; k < 2 * W + 1; k++)
        f->nb_w[k] = -1;
    f->nb_s[0] = f->nb_s[1] = f->nb_sh[0] = f->nb_sh[1] = -1;
    f->self[0] = lookup(nm, "w=", t->norm, t->norm_len);
    size_t slen;
    const char *stem = nt_stem(st, t->norm, t->norm_len, &slen);
    f->self[1] = lookup(nm, "s=", stem, slen);
    char p[12];
    for (int side = 0; side < 2 && win >= 1; side++) {
        snprintf(p, sizeof p, nt_ner_neighbour_prefix[1], side ? 1 : -1);
        f->nb_s[side] = lookup(nm, p, stem, slen);
    }
    int wordish = nt_ner_is_wordish(t);
    const char *a;
    size_t al;
    for (int k = 1; k <= 4 && wordish; k++) {
        al = nt_ner_affix(t->norm, t->norm_len, k, 1, &a);
        f->self[1 + k] = lookup(nm, suf[k], a, al);
    }
    if (wordish) {
        al = nt_ner_affix(t->norm, t->norm_len, 3, 0, &a);
        f->self[6] = lookup(nm, "pre3=", a, al);
    }
    char sh[16];
    nt_ner_shape(d->text + t->byte_start, t->byte_end - t->byte_start, sh, sizeof sh);
    f->self[7] = lookup(nm, "sh=", sh, strlen(sh));
    const char *kind = nt_token_kind_name(t->kind);
    f->self[8] = lookup(nm, "k=", kind, strlen(kind));
    for (int side = 0; side < 2 && win >= 1; side++) {
        snprintf(p, sizeof p, nt_ner_neighbour_prefix[2], side ? 1 : -1);
        f->nb_sh[side] = lookup(nm, p, sh, strlen(sh));
    }
    for (int k = -win; k <= win; k++) {
        if (!k)
            continue;
        snprintf(p, sizeof p, nt_ner_neighbour_prefix[0], k);
        f->nb_w[k + W] = lookup(nm, p, t->norm, t->norm_len);
    }
    f->gb = f->gi = f->ge = 0;
    if (wordish || t->kind == NT_TOKEN_NUMBER)
        nt_gaz_match(&nm->gaz, st, t->norm, t->norm_len, &f->gb, &f->gi, &f->ge);
    f->norm_hash = nt_feat_hash(t->norm, t->norm_len);
}

/* Forms not remembered (too long, or their fingerprint taken) are kept per article here. */
typedef struct odd_forms {
    form *v;
    size_t n, cap;
} odd_forms;

#define ODD_BIT ((size_t)1 << (sizeof(size_t) * 8 - 1))
#define NO_FORM ((size_t)-1)

/* The form of token t: from the cache, or made (and remembered when it can be). Returns its
 * index in c->form, ODD_BIT | its index in odd->v, or NO_FORM when out of memory. */
static size_t form_of(nt_ner_cache *c, const nt_ner_model *nm, nt_stemmer *st, const nt_doc *d,
                      const nt_token *t, odd_forms *odd)
{
    const char *src = d->text + t->byte_start;
    size_t len = t->byte_end - t->byte_start;
    uint64_t h = nt_feat_hash(src, len) + 0x9e3779b97f4a7c15ull * (uint64_t)(t->kind + 1);
    int64_t k = len <= MAX_KEY ? nt_featmap_get(&c->map, h) : -1;
    if (k >= 0) {
        const form *f = &c->form[k];
        if (f->key_len == len + 1 && (unsigned char)c->keys.data[f->key_at] == (unsigned char)t->kind &&
            !memcmp(c->keys.data + f->key_at + 1, src, len))
            return (size_t)k;
    }
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 1024;
        form *p = realloc(c->form, cap * sizeof *p);
        if (!p)
            return NO_FORM;
        c->form = p;
        c->cap = cap;
    }
    form *f = &c->form[c->n];
    make_form(nm, st, d, t, f);
    /* kept when it is short and its key's fingerprint is free; else this article's own */
    unsigned char kind = (unsigned char)t->kind;
    if (k < 0 && len <= MAX_KEY) {
        f->key_at = c->keys.len;
        f->key_len = len + 1;
        if (nt_buf_append(&c->keys, (const char *)&kind, 1) || nt_buf_append(&c->keys, src, len)) {
            c->keys.len = f->key_at;
        } else if (nt_featmap_add(&c->map, h, (int64_t)c->n) == NT_OK) {
            return c->n++;
        } else {
            c->keys.len = f->key_at;
        }
    }
    if (odd->n == odd->cap) {
        size_t cap = odd->cap ? odd->cap * 2 : 16;
        form *p = realloc(odd->v, cap * sizeof *p);
        if (!p)
            return NO_FORM;
        odd->v = p;
        odd->cap = cap;
    }
    odd->v[odd->n] = *f;
    return ODD_BIT | odd->n++;
}

/* Appends the index v to the document's feature list (when the vocabulary has it). */
typedef struct feats {
    int32_t *v;
    size_t n, cap;
    int failed;
} feats;

static void add(feats *fs, int32_t v)
{
    if (v < 0)
        return;
    if (fs->n == fs->cap) {
        size_t cap = fs->cap ? fs->cap * 2 : 4096;
        int32_t *p = realloc(fs->v, cap * sizeof *p);
        if (!p) {
            fs->failed = 1;
            return;
        }
        fs->v = p;
        fs->cap = cap;
    }
    fs->v[fs->n++] = v;
}

static void add_lists(feats *fs, const int32_t *idx, size_t n_lists, uint32_t bits)
{
    for (size_t l = 0; bits && l < n_lists; l++)
        if (bits & (1u << l))
            add(fs, idx[l]);
}

int nt_ner_index(const nt_ner_model *nm, nt_ner_doc *nd, const nt_doc *d, nt_stemmer *st,
                 nt_ner_cache *cache)
{
    nt_ner_cache *own = NULL;
    if (!cache && !(cache = own = nt_ner_cache_new()))
        return NT_ENOMEM;
    if (cache->instance != nm->instance) {
        cache_clear(cache);
        cache->instance = nm->instance;
    }
    memset(nd, 0, sizeof *nd);
    nd->d = d;
    size_t n = d->n, nl = nm->gaz.n_lists;
    nd->candidate = calloc(n + 1, 1);
    nd->stem = calloc(n + 1, sizeof *nd->stem);
    nd->feat_start = calloc(n + 2, sizeof *nd->feat_start);
    size_t *fi = malloc((n + 1) * sizeof *fi); /* each token's form (form_of) */
    odd_forms odd = {NULL, 0, 0};
    unsigned char *inq = calloc(n + 1, 1), *capelse = calloc(n + 1, 1), *lowelse = calloc(n + 1, 1);
    uint64_t *word_hash = malloc((n + 1) * sizeof *word_hash);
    feats fs = {NULL, 0, 0, 0};
    int rc = (nd->candidate && nd->stem && nd->feat_start && fi && inq && capelse && lowelse && word_hash)
                 ? NT_OK : NT_ENOMEM;
    if (!rc) {
        nt_ner_mark_candidates(nm, d, nd->candidate);
        rc = nt_ner_stems_and_quotes(nd, st, inq);
    }
    for (size_t i = 0; i < n && !rc; i++)
        if ((fi[i] = form_of(cache, nm, st, d, &d->tok[i], &odd)) == NO_FORM)
            rc = NT_ENOMEM;
#define FORM(i) ((fi[i] & ODD_BIT) ? &odd.v[fi[i] & ~ODD_BIT] : &cache->form[fi[i]])
    for (size_t i = 0; i < n && !rc; i++)
        word_hash[i] = FORM(i)->norm_hash;
    if (!rc && nm->s.doc_features)
        rc = nt_ner_doc_cues(d, word_hash, capelse, lowelse);
    int win = nm->s.window < W ? nm->s.window : W;
    for (size_t i = 0; i < n && !rc; i++) {
        nd->feat_start[i] = fs.n;
        if (!nd->candidate[i])
            continue;
        const nt_token *t = &d->tok[i];
        const form *f = FORM(i);
        for (int k = 0; k < 9; k++)
            add(&fs, f->self[k]);
        unsigned flags = t->flags;
        if (flags & NT_TOKEN_SENT_START) add(&fs, nm->f_flag[0]);
        if (flags & NT_TOKEN_UPPER_INITIAL) add(&fs, nm->f_flag[1]);
        if (flags & NT_TOKEN_ALL_UPPER) add(&fs, nm->f_flag[2]);
        if (flags & NT_TOKEN_HAS_LATIN) add(&fs, nm->f_flag[3]);
        if (inq[i]) add(&fs, nm->f_flag[4]);
        if (capelse[i]) add(&fs, nm->f_flag[5]);
        if (lowelse[i]) add(&fs, nm->f_flag[6]);
        add_lists(&fs, nm->f_gaz[0], nl, f->gb);
        add_lists(&fs, nm->f_gaz[1], nl, f->gi);
        add_lists(&fs, nm->f_gaz[2], nl, f->ge);
        if (nm->s.lookahead) {
            size_t b = nt_ner_ahead(d, i);
            add(&fs, nm->f_ahead[b]);
            add_lists(&fs, nm->f_ahead_gaz[b], nl, f->gb | f->gi);
        }
        for (int k = -win; k <= win; k++) {
            if (k == 0)
                continue;
            long j = (long)i + k;
            if (j < 0 || (size_t)j >= n || d->tok[j].sentence != t->sentence) {
                add(&fs, nm->f_edge[k + W]);
                continue;
            }
            const form *u = FORM(j);
            add(&fs, u->nb_w[k + W]);
            if (k == -1 || k == 1) {
                int side = k > 0;
                add(&fs, u->nb_s[side]);
                add(&fs, u->nb_sh[side]);
                add_lists(&fs, nm->f_nb_gaz[side], nl, side ? u->gb : u->gb | u->gi);
                add_lists(&fs, nm->f_nb_end[side], nl, u->ge);
                if (nt_ner_is_cap(&d->tok[j]))
                    add(&fs, nm->f_nb_cap[side]);
            }
        }
        if (fs.failed)
            rc = NT_ENOMEM;
    }
#undef FORM
    if (!rc) {
        nd->feat_start[n] = fs.n;
        nd->feat_start[n + 1] = fs.n;
        nd->feat = fs.v;
    } else {
        free(fs.v);
    }
    free(fi);
    free(odd.v);
    free(inq);
    free(capelse);
    free(lowelse);
    free(word_hash);
    nt_ner_cache_free(own);
    return rc;
}
