/* ner.c - token features for the entity tagger, and its decoder.
 *
 * A token gets features from itself and its neighbours (forms, stems, affixes, shapes,
 * capitalization, quotes, gazetteer hits), from the article (the same word capitalized or
 * lowercase elsewhere), and from the decisions already made (the previous two tags, and
 * whether its stem was tagged earlier in the article). Decoding goes left to right, picking
 * the best tag that keeps the sequence valid, as classic SVM chunkers do.
 */
#include "ner.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "chars.h"
#include "newstag.h"
#include "random.h"
#include "svm_linear.h"
#include "utf8.h"

int nt_ner_is_cap(const nt_token *t)
{
    return (t->flags & (NT_TOKEN_UPPER_INITIAL | NT_TOKEN_ALL_UPPER)) != 0;
}

/* How a word is written: capitalized mid-sentence (1), lowercase (2), or capitalized at the
 * start of a sentence, which says nothing (0). */
int nt_ner_written_as(const nt_token *t)
{
    return (t->flags & NT_TOKEN_UPPER_INITIAL) ? ((t->flags & NT_TOKEN_SENT_START) ? 0 : 1) : 2;
}

int nt_ner_is_wordish(const nt_token *t)
{
    return t->kind == NT_TOKEN_WORD || t->kind == NT_TOKEN_ABBREV || t->kind == NT_TOKEN_INITIAL;
}

/* Which tokens may be inside an entity. Everything else is O without asking the model:
 * that is what keeps training practical (and its recall is measured by nt_train). */
void nt_ner_mark_candidates(const nt_ner_model *nm, const nt_doc *d, unsigned char *cand)
{
    for (size_t i = 0; i < d->n; i++) {
        const nt_token *t = &d->tok[i];
        cand[i] = nt_ner_is_cap(t) || t->kind == NT_TOKEN_INITIAL || t->kind == NT_TOKEN_QUOTE;
    }
    /* lowercase words (and numbers, №) near a capitalized word in the same sentence */
    for (size_t i = 0; i < d->n; i++) {
        const nt_token *t = &d->tok[i];
        if (!nt_ner_is_cap(t) || t->kind == NT_TOKEN_PUNCT)
            continue;
        for (size_t k = 1; k <= (size_t)nm->s.reach_before && k <= i; k++) {
            const nt_token *u = &d->tok[i - k];
            if (u->sentence != t->sentence ||
                (u->kind == NT_TOKEN_PUNCT && u->norm[0] != '(' && !(nm->s.reach_commas && u->norm[0] == ',')))
                break;
            cand[i - k] = 1;
        }
        for (size_t k = 1; k <= (size_t)nm->s.reach_after && i + k < d->n; k++) {
            const nt_token *u = &d->tok[i + k];
            if (u->sentence != t->sentence ||
                (u->kind == NT_TOKEN_PUNCT && !(nm->s.reach_commas && u->norm[0] == ',')))
                break;
            cand[i + k] = 1;
        }
    }
}

void nt_ner_shape(const char *text, size_t len, char *out, size_t cap)
{
    size_t o = 0, i = 0;
    char last = 0;
    while (i < len && o + 1 < cap) {
        int32_t cp;
        int bad;
        i += nt_utf8_decode((const unsigned char *)text + i, len - i, &cp, &bad);
        char c = nt_char_is_upper(cp) ? 'X' : nt_char_is_letter(cp) ? 'x' : nt_char_is_digit(cp) ? 'd'
               : (cp < 0x80 && cp > 0x20) ? (char)cp : nt_char_is_quote(cp) ? '"' : nt_char_is_dash(cp) ? '-' : '*';
        if (c != last)
            out[o++] = c;
        last = c;
    }
    out[o] = '\0';
}

size_t nt_ner_affix(const char *s, size_t len, int n, int suffix, const char **start)
{
    if (suffix) {
        size_t k = len;
        for (int c = 0; c < n && k > 0; c++) {
            k--;
            while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
                k--;
        }
        *start = s + k;
        return len - k;
    }
    size_t k = 0;
    for (int c = 0; c < n && k < len; c++) {
        k++;
        while (k < len && ((unsigned char)s[k] & 0xC0) == 0x80)
            k++;
    }
    *start = s;
    return k;
}

int nt_ner_stems_and_quotes(nt_ner_doc *nd, nt_stemmer *st, unsigned char *inq)
{
    const nt_doc *d = nd->d;
    int depth = 0, straight = 0;
    for (size_t i = 0; i < d->n; i++) {
        const nt_token *t = &d->tok[i];
        if (i > 0 && t->sentence != d->tok[i - 1].sentence)
            depth = 0, straight = 0; /* an unclosed quote ends with its sentence */
        size_t slen;
        const char *s = nt_stem(st, t->norm, t->norm_len, &slen);
        if (!(nd->stem[i] = malloc(slen + 1)))
            return NT_ENOMEM;
        memcpy(nd->stem[i], s, slen);
        nd->stem[i][slen] = '\0';
        const char *src = d->text + t->byte_start;
        if (t->kind == NT_TOKEN_QUOTE) {
            if (!strncmp(src, "\xC2\xAB", 2) || !strncmp(src, "\xE2\x80\x9E", 3))
                depth++;
            else if (!strncmp(src, "\xC2\xBB", 2) && depth > 0)
                depth--;
            else if (*src == '"')
                straight = !straight;
        }
        inq[i] = depth > 0 || straight;
    }
    return NT_OK;
}

int nt_ner_doc_cues(const nt_doc *d, const uint64_t *word_hash, unsigned char *capelse,
                    unsigned char *lowelse)
{
    nt_featmap seen = {0}; /* hash of a word -> how it is written in the article */
    int rc = NT_OK;
    for (size_t i = 0; i < d->n && !rc; i++)
        if (nt_ner_is_wordish(&d->tok[i]))
            rc = nt_featmap_or(&seen, word_hash[i], nt_ner_written_as(&d->tok[i]));
    for (size_t i = 0; i < d->n && !rc; i++) {
        const nt_token *t = &d->tok[i];
        if (!nt_ner_is_wordish(t))
            continue;
        int64_t v = nt_featmap_get(&seen, word_hash[i]);
        int self = nt_ner_written_as(t);
        /* "elsewhere" means another occurrence; one occurrence sets only its own bit */
        capelse[i] = (v & 1) && !(self == 1 && v == 1);
        lowelse[i] = (v & 2) && self != 2;
    }
    nt_featmap_free(&seen);
    return rc;
}

const char *const nt_ner_ahead_name[NT_NER_AHEAD_BUCKETS] = {"1", "2", "3", "4-6", "none"};

size_t nt_ner_ahead(const nt_doc *d, size_t i)
{
    const nt_token *t = &d->tok[i];
    for (size_t k = 1; k <= 6 && i + k < d->n; k++) {
        const nt_token *u = &d->tok[i + k];
        if (u->sentence != t->sentence || (u->kind == NT_TOKEN_PUNCT && u->norm[0] != ','))
            break;
        if (nt_ner_is_cap(u) || u->kind == NT_TOKEN_QUOTE)
            return k <= 3 ? k - 1 : 3;
    }
    return 4;
}

const char *const nt_ner_neighbour_prefix[NT_NER_NB_PREFIXES] = {"w%+d=", "s%+d=", "sh%+d=", "g%+d=", "e%+d=", "cap%+d"};

typedef struct femit {
    int (*emit)(void *, size_t, const char *, size_t);
    void *user;
    size_t tok;
    char buf[NT_NER_NAME_MAX];
} femit;

size_t nt_ner_feature_name(char *buf, const char *prefix, const char *v, size_t vlen)
{
    size_t p = strlen(prefix);
    if (p + vlen >= NT_NER_NAME_MAX)
        vlen = NT_NER_NAME_MAX - p - 1;
    memcpy(buf, prefix, p);
    memcpy(buf + p, v, vlen);
    return p + vlen;
}

static int put(femit *f, const char *prefix, const char *v, size_t vlen)
{
    return f->emit(f->user, f->tok, f->buf, nt_ner_feature_name(f->buf, prefix, v, vlen));
}

static int put0(femit *f, const char *name)
{
    return f->emit(f->user, f->tok, name, strlen(name));
}

static int put_gaz(femit *f, const nt_gazetteer *g, const char *prefix, uint32_t bits)
{
    for (size_t l = 0; l < g->n_lists; l++)
        if (bits & (1u << l)) {
            int rc = put(f, prefix, g->list[l].name, strlen(g->list[l].name));
            if (rc)
                return rc;
        }
    return 0;
}

int nt_ner_emit(const nt_ner_model *nm, nt_ner_doc *nd, const nt_doc *d, nt_stemmer *st,
                int (*emit)(void *, size_t, const char *, size_t), void *user)
{
    memset(nd, 0, sizeof *nd);
    nd->d = d;
    size_t n = d->n;
    nd->candidate = calloc(n + 1, 1);
    nd->stem = calloc(n + 1, sizeof *nd->stem);
    uint32_t *gb = calloc(n + 1, sizeof *gb), *gi = calloc(n + 1, sizeof *gi), *ge = calloc(n + 1, sizeof *ge);
    unsigned char *inq = calloc(n + 1, 1), *capelse = calloc(n + 1, 1), *lowelse = calloc(n + 1, 1);
    uint64_t *word_hash = malloc((n + 1) * sizeof *word_hash);
    int rc = (nd->candidate && nd->stem && gb && gi && ge && inq && capelse && lowelse && word_hash)
                 ? NT_OK : NT_ENOMEM;
    if (!rc) {
        nt_ner_mark_candidates(nm, d, nd->candidate);
        rc = nt_ner_stems_and_quotes(nd, st, inq);
    }
    for (size_t i = 0; i < n && !rc; i++) {
        const nt_token *t = &d->tok[i];
        if (nt_ner_is_wordish(t) || t->kind == NT_TOKEN_NUMBER)
            nt_gaz_match(&nm->gaz, st, t->norm, t->norm_len, &gb[i], &gi[i], &ge[i]);
        word_hash[i] = nt_feat_hash(t->norm, t->norm_len);
    }
    if (!rc && nm->s.doc_features)
        rc = nt_ner_doc_cues(d, word_hash, capelse, lowelse);
    femit f;
    f.emit = emit;
    f.user = user;
    /* the names of the neighbour features, made once rather than per token */
    enum { W = NT_NER_MAX_WINDOW, NP = NT_NER_NB_PREFIXES };
    const char *const *pfx = nt_ner_neighbour_prefix;
    static const char *const suf[5] = {"", "suf1=", "suf2=", "suf3=", "suf4="};
    char nb[2 * W + 1][NP][12];
    int win = nm->s.window < W ? nm->s.window : W;
    for (int k = -win; k <= win; k++)
        for (int p = 0; p < NP; p++)
            snprintf(nb[k + W][p], sizeof nb[k + W][p], pfx[p], k);
    char sh[16];
    for (size_t i = 0; i < n && !rc; i++) {
        if (!nd->candidate[i])
            continue;
        const nt_token *t = &d->tok[i];
        f.tok = i;
        const char *a;
        size_t al;
        rc = put(&f, "w=", t->norm, t->norm_len);
        if (!rc) rc = put(&f, "s=", nd->stem[i], strlen(nd->stem[i]));
        for (int k = 1; k <= 4 && !rc && nt_ner_is_wordish(t); k++) {
            al = nt_ner_affix(t->norm, t->norm_len, k, 1, &a);
            rc = put(&f, suf[k], a, al);
        }
        if (!rc && nt_ner_is_wordish(t)) {
            al = nt_ner_affix(t->norm, t->norm_len, 3, 0, &a);
            rc = put(&f, "pre3=", a, al);
        }
        nt_ner_shape(d->text + t->byte_start, t->byte_end - t->byte_start, sh, sizeof sh);
        if (!rc) rc = put(&f, "sh=", sh, strlen(sh));
        if (!rc) rc = put(&f, "k=", nt_token_kind_name(t->kind), strlen(nt_token_kind_name(t->kind)));
        if (!rc && (t->flags & NT_TOKEN_SENT_START)) rc = put0(&f, "first");
        if (!rc && (t->flags & NT_TOKEN_UPPER_INITIAL)) rc = put0(&f, "cap");
        if (!rc && (t->flags & NT_TOKEN_ALL_UPPER)) rc = put0(&f, "allcap");
        if (!rc && (t->flags & NT_TOKEN_HAS_LATIN)) rc = put0(&f, "latin");
        if (!rc && inq[i]) rc = put0(&f, "inq");
        if (!rc && capelse[i]) rc = put0(&f, "capelse");
        if (!rc && lowelse[i]) rc = put0(&f, "lowelse");
        if (!rc) rc = put_gaz(&f, &nm->gaz, "g=", gb[i]);
        if (!rc) rc = put_gaz(&f, &nm->gaz, "gi=", gi[i]);
        if (!rc) rc = put_gaz(&f, &nm->gaz, "e=", ge[i]);
        if (!rc && nm->s.lookahead) {
            /* a lowercase head ("управления", "центр") starts a name only when a proper name
             * follows in its genitive chain: how far ahead the next capital or quote is,
             * alone and with the token's gazetteer lists */
            const char *bucket = nt_ner_ahead_name[nt_ner_ahead(d, i)];
            rc = put(&f, "ahead=", bucket, strlen(bucket));
            char ag[24];
            snprintf(ag, sizeof ag, "ahead=%s&g=", bucket);
            if (!rc) rc = put_gaz(&f, &nm->gaz, ag, gb[i] | gi[i]);
        }
        /* neighbours, within the sentence */
        for (int k = -win; k <= win && !rc; k++) {
            if (k == 0)
                continue;
            char (*p)[12] = nb[k + W];
            long j = (long)i + k;
            if (j < 0 || (size_t)j >= n || d->tok[j].sentence != t->sentence) {
                rc = put(&f, p[0], k < 0 ? "<s>" : "</s>", k < 0 ? 3 : 4);
                continue;
            }
            const nt_token *u = &d->tok[j];
            rc = put(&f, p[0], u->norm, u->norm_len);
            if (!rc && (k == -1 || k == 1)) {
                rc = put(&f, p[1], nd->stem[j] ? nd->stem[j] : "", nd->stem[j] ? strlen(nd->stem[j]) : 0);
                nt_ner_shape(d->text + u->byte_start, u->byte_end - u->byte_start, sh, sizeof sh);
                if (!rc) rc = put(&f, p[2], sh, strlen(sh));
                if (!rc && (size_t)j < i) rc = put_gaz(&f, &nm->gaz, p[3], gb[j] | gi[j]);
                if (!rc && (size_t)j > i) rc = put_gaz(&f, &nm->gaz, p[3], gb[j]);
                if (!rc) rc = put_gaz(&f, &nm->gaz, p[4], ge[j]);
                if (!rc && nt_ner_is_cap(u))
                    rc = put0(&f, p[5]);
            }
        }
    }
    free(gb);
    free(gi);
    free(ge);
    free(inq);
    free(capelse);
    free(lowelse);
    free(word_hash);
    return rc;
}

/* ---- static features as indices ---- */

/* Features arrive one at a time; their lookups wait in a batch (nt_featmap_get_many). */
typedef struct index_ctx {
    const nt_ner_model *nm;
    nt_ner_doc *nd;
    size_t n, cap;
    size_t cur;
    uint64_t hash[NT_FEATMAP_BATCH];
    size_t tok[NT_FEATMAP_BATCH];
    size_t pending;
} index_ctx;

static int flush_lookups(index_ctx *c)
{
    if (c->n + c->pending > c->cap) {
        size_t cap = c->cap ? c->cap : 4096;
        while (cap < c->n + c->pending)
            cap *= 2;
        int32_t *p = realloc(c->nd->feat, cap * sizeof *p);
        if (!p)
            return NT_ENOMEM;
        c->nd->feat = p;
        c->cap = cap;
    }
    int64_t f[NT_FEATMAP_BATCH];
    nt_featmap_get_many(&c->nm->vocab, c->hash, c->pending, f);
    for (size_t k = 0; k < c->pending; k++) {
        while (c->cur < c->tok[k]) /* tokens without features so far get empty ranges */
            c->nd->feat_start[++c->cur] = c->n;
        if (f[k] >= 0)
            c->nd->feat[c->n++] = (int32_t)f[k];
    }
    c->pending = 0;
    return NT_OK;
}

static int collect_index(void *user, size_t tok, const char *f, size_t len)
{
    index_ctx *c = user;
    c->hash[c->pending] = nt_feat_hash(f, len);
    c->tok[c->pending++] = tok;
    return c->pending == NT_FEATMAP_BATCH ? flush_lookups(c) : NT_OK;
}

int nt_ner_index_strings(const nt_ner_model *nm, nt_ner_doc *nd, const nt_doc *d, nt_stemmer *st)
{
    /* token i's features are feat[feat_start[i], feat_start[i + 1]); nt_ner_emit resets nd,
     * so the arrays are built aside and attached afterwards */
    nt_ner_doc build;
    memset(&build, 0, sizeof build);
    build.feat_start = calloc(d->n + 2, sizeof *build.feat_start);
    if (!build.feat_start)
        return NT_ENOMEM;
    index_ctx c = {.nm = nm, .nd = &build};
    int rc = nt_ner_emit(nm, nd, d, st, collect_index, &c);
    if (!rc)
        rc = flush_lookups(&c);
    while (c.cur < d->n)
        build.feat_start[++c.cur] = c.n;
    nd->feat = build.feat;
    nd->feat_start = build.feat_start;
    return rc;
}

void nt_ner_doc_free(nt_ner_doc *nd)
{
    if (nd->stem && nd->d)
        for (size_t i = 0; i < nd->d->n; i++)
            free(nd->stem[i]);
    free(nd->stem);
    free(nd->candidate);
    free(nd->feat);
    free(nd->feat_start);
    memset(nd, 0, sizeof *nd);
}

/* ---- dynamic features ---- */

static const char *tag_name(const nt_ner_model *nm, size_t tag, char *buf, size_t cap)
{
    if (tag == 0)
        snprintf(buf, cap, "O");
    else
        snprintf(buf, cap, "%s-%s", (tag % 2) ? "B" : "I", nm->type[(tag - 1) / 2]);
    return buf;
}

void nt_ner_prev1_name(const nt_ner_model *nm, size_t tag, char *buf, size_t cap)
{
    char t[80];
    snprintf(buf, cap, "t-1=%s", tag_name(nm, tag, t, sizeof t));
}

void nt_ner_prev2_name(const nt_ner_model *nm, size_t tag, char *buf, size_t cap)
{
    char t[80];
    snprintf(buf, cap, "t-2=%s", tag_name(nm, tag, t, sizeof t));
}

void nt_ner_prev1_cap_name(const nt_ner_model *nm, size_t tag, char *buf, size_t cap)
{
    char t[80];
    snprintf(buf, cap, "t-1=%s&cap", tag_name(nm, tag, t, sizeof t));
}

void nt_ner_memory_name(const nt_ner_model *nm, size_t type, char *buf, size_t cap)
{
    snprintf(buf, cap, "mem=%s", nm->type[type]);
}

static int32_t index_of(const nt_ner_model *nm, const char *prefix, const char *v)
{
    char buf[NT_NER_NAME_MAX];
    size_t len = nt_ner_feature_name(buf, prefix, v, strlen(v));
    return (int32_t)nt_featmap_get(&nm->vocab, nt_feat_hash(buf, len));
}

/* The names nt_ner_emit makes from a token's flags, context and gazetteer lists alone. */
static void bind_fixed(nt_ner_model *nm)
{
    static const char *const flag[NT_NER_FLAGS] = {"first", "cap", "allcap", "latin", "inq", "capelse", "lowelse"};
    static const char *const gaz[3] = {"g=", "gi=", "e="};
    for (int k = 0; k < NT_NER_FLAGS; k++)
        nm->f_flag[k] = index_of(nm, flag[k], "");
    for (size_t l = 0; l < NT_GAZ_MAX_LISTS; l++) {
        const char *name = l < nm->gaz.n_lists ? nm->gaz.list[l].name : NULL;
        for (int g = 0; g < 3; g++)
            nm->f_gaz[g][l] = name ? index_of(nm, gaz[g], name) : -1;
        for (int b = 0; b < NT_NER_AHEAD_BUCKETS; b++) {
            char ag[24];
            snprintf(ag, sizeof ag, "ahead=%s&g=", nt_ner_ahead_name[b]);
            nm->f_ahead_gaz[b][l] = name ? index_of(nm, ag, name) : -1;
        }
        for (int side = 0; side < 2; side++) {
            char p[12];
            snprintf(p, sizeof p, nt_ner_neighbour_prefix[3], side ? 1 : -1);
            nm->f_nb_gaz[side][l] = name ? index_of(nm, p, name) : -1;
            snprintf(p, sizeof p, nt_ner_neighbour_prefix[4], side ? 1 : -1);
            nm->f_nb_end[side][l] = name ? index_of(nm, p, name) : -1;
        }
    }
    for (int b = 0; b < NT_NER_AHEAD_BUCKETS; b++)
        nm->f_ahead[b] = index_of(nm, "ahead=", nt_ner_ahead_name[b]);
    for (int k = -NT_NER_MAX_WINDOW; k <= NT_NER_MAX_WINDOW; k++) {
        char p[12];
        snprintf(p, sizeof p, nt_ner_neighbour_prefix[0], k);
        nm->f_edge[k + NT_NER_MAX_WINDOW] = k ? index_of(nm, p, k < 0 ? "<s>" : "</s>") : -1;
    }
    for (int side = 0; side < 2; side++) {
        char p[12];
        snprintf(p, sizeof p, nt_ner_neighbour_prefix[5], side ? 1 : -1);
        nm->f_nb_cap[side] = index_of(nm, p, "");
    }
}

int nt_ner_bind_dynamic(nt_ner_model *nm)
{
    free(nm->f_prev1);
    free(nm->f_prev2);
    free(nm->f_prev1_cap);
    free(nm->f_memory);
    nm->f_prev1 = malloc(nm->n_tags * sizeof(int32_t));
    nm->f_prev2 = malloc(nm->n_tags * sizeof(int32_t));
    nm->f_prev1_cap = malloc(nm->n_tags * sizeof(int32_t));
    nm->f_memory = malloc((nm->n_types + 1) * sizeof(int32_t));
    if (!nm->f_prev1 || !nm->f_prev2 || !nm->f_prev1_cap || !nm->f_memory)
        return NT_ENOMEM;
    char buf[128];
    for (size_t t = 0; t < nm->n_tags; t++) {
        nt_ner_prev1_name(nm, t, buf, sizeof buf);
        nm->f_prev1[t] = (int32_t)nt_featmap_get(&nm->vocab, nt_feat_hash(buf, strlen(buf)));
        nt_ner_prev2_name(nm, t, buf, sizeof buf);
        nm->f_prev2[t] = (int32_t)nt_featmap_get(&nm->vocab, nt_feat_hash(buf, strlen(buf)));
        nt_ner_prev1_cap_name(nm, t, buf, sizeof buf);
        nm->f_prev1_cap[t] = (int32_t)nt_featmap_get(&nm->vocab, nt_feat_hash(buf, strlen(buf)));
    }
    for (size_t k = 0; k < nm->n_types; k++) {
        nt_ner_memory_name(nm, k, buf, sizeof buf);
        nm->f_memory[k] = (int32_t)nt_featmap_get(&nm->vocab, nt_feat_hash(buf, strlen(buf)));
    }
    bind_fixed(nm);
    nm->instance = nt_random64();
    return NT_OK;
}

size_t nt_ner_dynamic(const nt_ner_model *nm, const nt_ner_doc *nd, size_t i, const int *tags,
                      const nt_featmap *memory, int32_t *out)
{
    size_t n = 0;
    size_t p1 = i >= 1 ? (size_t)tags[i - 1] : 0, p2 = i >= 2 ? (size_t)tags[i - 2] : 0;
    if (nm->f_prev1[p1] >= 0)
        out[n++] = nm->f_prev1[p1];
    if (nm->f_prev2[p2] >= 0)
        out[n++] = nm->f_prev2[p2];
    if ((nd->d->tok[i].flags & NT_TOKEN_UPPER_INITIAL) && nm->f_prev1_cap[p1] >= 0)
        out[n++] = nm->f_prev1_cap[p1];
    if (nm->s.memory && memory) {
        int64_t bits = nt_featmap_get(memory, nt_feat_hash(nd->stem[i], strlen(nd->stem[i])));
        for (size_t k = 0; bits > 0 && k < nm->n_types; k++)
            if ((bits & ((int64_t)1 << k)) && nm->f_memory[k] >= 0)
                out[n++] = nm->f_memory[k];
    }
    return n;
}

int nt_ner_allowed(size_t prev, size_t t)
{
    if (t == 0 || t % 2 == 1)
        return 1; /* O and B-X go anywhere */
    return prev == t || prev == t - 1; /* I-X after B-X or I-X */
}

int nt_ner_decode(const nt_ner_model *nm, const nt_ner_doc *nd, nt_ner_span **spans, size_t *nspans,
                  int *tags_out)
{
    const nt_doc *d = nd->d;
    size_t n = d->n, T = nm->n_tags;
    int *tags = tags_out ? tags_out : malloc((n + 1) * sizeof *tags);
    double *prob = malloc((n + 1) * sizeof *prob);
    double *s = malloc(T * sizeof *s);
    int32_t dyn[64];
    nt_featmap memory = {0}; /* hash of a stem -> types it was tagged with */
    nt_ner_span *out = NULL;
    size_t nout = 0, cap = 0;
    int rc = (tags && prob && s) ? NT_OK : NT_ENOMEM;
    for (size_t i = 0; i < n && !rc; i++) {
        tags[i] = 0;
        prob[i] = 1.0;
        if (!nd->candidate[i])
            continue;
        /* the next token's weight rows are fetched while this one is scored */
        for (size_t k = nd->feat_start[i + 1]; k < nd->feat_start[i + 2 <= n ? i + 2 : n]; k++)
            __builtin_prefetch(nm->w + (size_t)nd->feat[k] * T);
        for (size_t t = 0; t < T; t++)
            s[t] = nm->bias[t];
        for (size_t k = nd->feat_start[i]; k < nd->feat_start[i + 1]; k++) {
            const double *w = nm->w + (size_t)nd->feat[k] * T;
            for (size_t t = 0; t < T; t++)
                s[t] += w[t];
        }
        size_t nd_ = nt_ner_dynamic(nm, nd, i, tags, &memory, dyn);
        for (size_t k = 0; k < nd_; k++) {
            const double *w = nm->w + (size_t)dyn[k] * T;
            for (size_t t = 0; t < T; t++)
                s[t] += w[t];
        }
        size_t prev = i ? (size_t)tags[i - 1] : 0, best = 0;
        double bestp = -1;
        for (size_t t = 0; t < T; t++) {
            if (!nt_ner_allowed(prev, t))
                continue;
            double p = nt_platt_prob(s[t], nm->platt_a[t], nm->platt_b[t]);
            if (p > bestp) {
                bestp = p;
                best = t;
            }
        }
        tags[i] = (int)best;
        prob[i] = bestp;
        if (best != 0 && nm->s.memory) {
            size_t type = (best - 1) / 2;
            rc = nt_featmap_or(&memory, nt_feat_hash(nd->stem[i], strlen(nd->stem[i])), (int64_t)1 << type);
        }
    }
    /* spans from tags */
    for (size_t i = 0; i < n && !rc;) {
        if (tags[i] == 0 || tags[i] % 2 == 0) { /* an I- never starts a span: decoding forbids it */
            i++;
            continue;
        }
        size_t j = i + 1;
        while (j < n && tags[j] == tags[i] + 1)
            j++;
        if (nout == cap) {
            cap = cap ? cap * 2 : 16;
            nt_ner_span *p = realloc(out, cap * sizeof *p);
            if (!p) {
                rc = NT_ENOMEM;
                break;
            }
            out = p;
        }
        double sum = 0;
        for (size_t k = i; k < j; k++)
            sum += prob[k];
        out[nout++] = (nt_ner_span){i, j - 1, (size_t)(tags[i] - 1) / 2, sum / (double)(j - i)};
        i = j;
    }
    nt_featmap_free(&memory);
    if (!tags_out)
        free(tags);
    free(prob);
    free(s);
    if (rc) {
        free(out);
        return rc;
    }
    *spans = out;
    *nspans = nout;
    return NT_OK;
}

void nt_ner_model_free(nt_ner_model *nm)
{
    for (size_t k = 0; nm->type && k < nm->n_types; k++)
        free(nm->type[k]);
    free(nm->type);
    nt_featmap_free(&nm->vocab);
    nt_strpool_free(&nm->names);
    free(nm->name);
    free(nm->w);
    free(nm->bias);
    free(nm->platt_a);
    free(nm->platt_b);
    nt_gaz_free(&nm->gaz);
    free(nm->f_prev1);
    free(nm->f_prev2);
    free(nm->f_prev1_cap);
    free(nm->f_memory);
    memset(nm, 0, sizeof *nm);
}
