/* gazetteer.c - word lists as features: stems of phrase entries, and word endings. */
#include "gazetteer.h"

#include <stdlib.h>
#include <string.h>

#include "corpus_internal.h"
#include "doc.h"
#include "newstag.h"

#define MAX_ENTRY 256
#define MAX_ENTRIES 200000

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && !strcmp(s + a - b, suffix);
}

static int push_entry(nt_gaz_list *l, const char *s, size_t n)
{
    if (l->n >= MAX_ENTRIES)
        return NT_EFORMAT;
    if ((l->n & (l->n - 1)) == 0) {
        char **p = realloc(l->entry, (l->n ? l->n * 2 : 64) * sizeof *p);
        if (!p)
            return NT_ENOMEM;
        l->entry = p;
    }
    char *e = malloc(n + 1);
    if (!e)
        return NT_ENOMEM;
    memcpy(e, s, n);
    e[n] = '\0';
    l->entry[l->n++] = e;
    return NT_OK;
}

int nt_gaz_add_list(nt_gazetteer *g, const char *name, const char *text, size_t len)
{
    if (g->n_lists == NT_GAZ_MAX_LISTS)
        return NT_EINVAL;
    nt_gaz_list *l = &g->list[g->n_lists];
    memset(l, 0, sizeof *l);
    if (!(l->name = nt_strdup(name)))
        return NT_ENOMEM;
    l->endings = ends_with(name, "_endings");
    g->n_lists++;
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && text[j] != '\n')
            j++;
        size_t a = i, b = j;
        while (a < b && (text[a] == ' ' || text[a] == '\t' || text[a] == '\r'))
            a++;
        while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\t' || text[b - 1] == '\r'))
            b--;
        if (b > a && text[a] != '#' && b - a <= MAX_ENTRY) {
            char *norm = NULL;
            size_t nlen = 0;
            int rc = nt_normalize(&norm, &nlen, NULL, text + a, b - a);
            if (rc)
                return rc;
            const char *e = norm;
            if (l->endings && nlen && *e == '-') /* "-ович" and "ович" are one ending */
                e++, nlen--;
            rc = nlen ? push_entry(l, e, nlen) : NT_OK;
            free(norm);
            if (rc)
                return rc;
        }
        i = j + 1;
    }
    return NT_OK;
}

static int or_bits(nt_featmap *m, const char *k, size_t n, uint32_t bit)
{
    return nt_featmap_or(m, nt_feat_hash(k, n), bit);
}

/* A word matches an entry's word when their Snowball stems are equal ("Павлодаре" and
 * "Павлодар") or, for the names the stemmer handles badly, their normalized forms are. */
static int index_word(nt_featmap *m, nt_stemmer *st, const char *w, size_t n, uint32_t bit)
{
    size_t slen;
    const char *s = nt_stem(st, w, n, &slen);
    int rc = or_bits(m, s, slen, bit);
    return rc ? rc : or_bits(m, w, n, bit);
}

/* Prepositions and conjunctions inside long names ("Министерство труда и социальной защиты")
 * say nothing about the name: as "inside" words they would mark every "и" of every text. */
static int is_function_word(const char *w)
{
    static const char *const words[] = {"и", "в", "во", "на", "по", "о", "об", "при", "для", "без", "с", "со",
                                        "к", "ко", "из", "от", "до", "за", "над", "под", "у", "а", "или", "-",
                                        ",", "\"", "'", "(", ")", "of", "the", "and", "for", "de"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (!strcmp(w, words[i]))
            return 1;
    return 0;
}

int nt_gaz_index(nt_gazetteer *g, nt_stemmer *st)
{
    for (size_t li = 0; li < g->n_lists; li++) {
        nt_gaz_list *l = &g->list[li];
        uint32_t bit = 1u << li;
        for (size_t k = 0; k < l->n; k++) {
            const char *e = l->entry[k];
            size_t n = strlen(e);
            if (l->endings) {
                if (or_bits(&g->ending, e, n, bit))
                    return NT_ENOMEM;
                if (n > g->max_ending)
                    g->max_ending = n;
                continue;
            }
            nt_doc d;
            if (nt_doc_build(&d, e, n))
                return NT_ENOMEM;
            int rc = NT_OK;
            for (size_t t = 0; t < d.n && !rc; t++)
                if (t == 0 || !is_function_word(d.tok[t].norm))
                    rc = index_word(t == 0 ? &g->begin : &g->inside, st, d.tok[t].norm, d.tok[t].norm_len, bit);
            nt_doc_free(&d);
            if (rc)
                return rc;
        }
    }
    return NT_OK;
}

void nt_gaz_match(const nt_gazetteer *g, nt_stemmer *st, const char *norm, size_t len,
                  uint32_t *begin, uint32_t *inside, uint32_t *ending)
{
    *begin = *inside = *ending = 0;
    if (len == 0)
        return;
    size_t slen;
    const char *s = nt_stem(st, norm, len, &slen);
    const char *keys[2] = {s, norm};
    size_t lens[2] = {slen, len};
    /* the word itself too, unless it is its own stem */
    int nkeys = (slen == len && !memcmp(s, norm, len)) ? 1 : 2;
    for (int k = 0; k < nkeys; k++) {
        uint64_t h = nt_feat_hash(keys[k], lens[k]);
        int64_t v = nt_featmap_get(&g->begin, h);
        if (v > 0)
            *begin |= (uint32_t)v;
        v = nt_featmap_get(&g->inside, h);
        if (v > 0)
            *inside |= (uint32_t)v;
    }
    /* endings: every suffix that leaves at least two bytes of stem, at code-point starts */
    for (size_t k = len >= 4 ? len - 2 : len; k > 0 && len - k <= g->max_ending; k--) {
        if (((unsigned char)norm[k] & 0xC0) == 0x80 || k >= len)
            continue;
        int64_t v = nt_featmap_get(&g->ending, nt_feat_hash(norm + k, len - k));
        if (v > 0)
            *ending |= (uint32_t)v;
    }
}

/* ---- model section: u32 lists; per list: u32 name length, name, u8 endings, u32 n,
 *      n x (u32 length, bytes) ---- */

int nt_gaz_encode(const nt_gazetteer *g, nt_buf *out)
{
    int rc = nt_buf_put_u32(out, (uint32_t)g->n_lists);
    for (size_t li = 0; li < g->n_lists && !rc; li++) {
        const nt_gaz_list *l = &g->list[li];
        unsigned char e = (unsigned char)l->endings;
        rc = nt_buf_put_u32(out, (uint32_t)strlen(l->name));
        rc = rc ? rc : nt_buf_append(out, l->name, strlen(l->name));
        rc = rc ? rc : nt_buf_append(out, &e, 1);
        rc = rc ? rc : nt_buf_put_u32(out, (uint32_t)l->n);
        for (size_t k = 0; k < l->n && !rc; k++) {
            rc = nt_buf_put_u32(out, (uint32_t)strlen(l->entry[k]));
            rc = rc ? rc : nt_buf_append(out, l->entry[k], strlen(l->entry[k]));
        }
    }
    return rc;
}

int nt_gaz_decode(nt_gazetteer *g, const unsigned char *p, size_t n)
{
    nt_cursor c = {p, n, 0, 0};
    uint32_t nl = nt_cursor_u32(&c);
    if (c.bad || nl > NT_GAZ_MAX_LISTS)
        return NT_EFORMAT;
    for (uint32_t li = 0; li < nl; li++) {
        uint32_t len = nt_cursor_u32(&c);
        if (c.bad || len == 0 || len > 64 || n - c.pos < (size_t)len + 1)
            return NT_EFORMAT;
        nt_gaz_list *l = &g->list[g->n_lists];
        memset(l, 0, sizeof *l);
        if (!(l->name = malloc(len + 1)))
            return NT_ENOMEM;
        memcpy(l->name, p + c.pos, len);
        l->name[len] = '\0';
        g->n_lists++;
        c.pos += len;
        l->endings = p[c.pos++] != 0;
        uint32_t count = nt_cursor_u32(&c);
        if (c.bad || count > MAX_ENTRIES || (size_t)count * 5 > n - c.pos)
            return NT_EFORMAT;
        for (uint32_t k = 0; k < count; k++) {
            len = nt_cursor_u32(&c);
            if (c.bad || len == 0 || len > MAX_ENTRY * 4 || n - c.pos < len)
                return NT_EFORMAT;
            int rc = push_entry(l, (const char *)p + c.pos, len);
            if (rc)
                return rc;
            c.pos += len;
        }
    }
    return c.pos == n ? NT_OK : NT_EFORMAT;
}

void nt_gaz_free(nt_gazetteer *g)
{
    for (size_t li = 0; li < g->n_lists; li++) {
        for (size_t k = 0; k < g->list[li].n; k++)
            free(g->list[li].entry[k]);
        free(g->list[li].entry);
        free(g->list[li].name);
    }
    nt_featmap_free(&g->begin);
    nt_featmap_free(&g->inside);
    nt_featmap_free(&g->ending);
    memset(g, 0, sizeof *g);
}
