/* normalize.c - NFKC + case folding + the project's own foldings, by utf8proc.
 *
 * Text is cut into segments (a character and the combining marks after it) and each
 * segment is normalized on its own. That keeps every output character tied to the source
 * bytes it came from, which is what lets offsets survive normalization. Canonical
 * composition never crosses a starter for the scripts we read, so nothing is lost by it.
 */
#include "normalize.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "chars.h"
#include "newstag.h"
#include "utf8.h"

/* Past this many marks, a flood of combining characters is cut into new segments, so that
 * one segment's work stays bounded whatever the input. */
#define NT_MAX_SEGMENT_CPS 32

static const utf8proc_option_t NORM_OPTIONS =
    UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_IGNORE | UTF8PROC_STABLE;

/* The project's foldings that Unicode does not do, applied before decomposition. */
static utf8proc_int32_t fold_custom(utf8proc_int32_t cp, void *data)
{
    (void)data;
    if (cp == 0x0451 || cp == 0x0401) /* ё Ё */
        return 0x0435;
    if (cp == '\n' || cp == '\r' || cp == '\t')
        return cp;
    if (nt_char_is_space(cp) && !nt_char_is_newline(cp))
        return ' ';
    if (nt_char_is_dash(cp))
        return '-';
    if (cp == 0x2018 || cp == 0x2019 || cp == 0x201A || cp == 0x201B || cp == 0x02BC)
        return '\'';
    if (nt_char_is_quote(cp) && cp != '\'' && cp != '`')
        return '"';
    return cp;
}

static int grow(nt_normalizer *nz, size_t extra)
{
    if (nz->n + extra <= nz->cap)
        return 0;
    size_t cap = nz->cap ? nz->cap : 64;
    while (cap < nz->n + extra)
        cap *= 2;
    int32_t *cp = realloc(nz->cp, cap * sizeof *cp);
    if (!cp)
        return NT_ENOMEM;
    nz->cp = cp;
    size_t *src = realloc(nz->src, cap * sizeof *src);
    if (!src)
        return NT_ENOMEM;
    nz->src = src;
    nz->cap = cap;
    return 0;
}

static int push(nt_normalizer *nz, int32_t cp, size_t src)
{
    if (grow(nz, 1))
        return NT_ENOMEM;
    nz->cp[nz->n] = cp;
    nz->src[nz->n] = src;
    nz->n++;
    return 0;
}

/* The common case: one ASCII or basic Russian letter with no marks after it. */
static int fast_fold(int32_t cp, int32_t *out)
{
    if (cp < 0x80) { /* NFKC and fold_custom leave ASCII alone but for case */
        *out = (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
        return 1;
    }
    if (cp >= 0x0410 && cp <= 0x042F) {
        *out = cp + 0x20;
        return 1;
    }
    if (cp >= 0x0430 && cp <= 0x044F) {
        *out = cp;
        return 1;
    }
    if (cp == 0x0401 || cp == 0x0451) {
        *out = 0x0435;
        return 1;
    }
    return 0;
}

static int normalize_segment(nt_normalizer *nz, const int32_t *cps, size_t ncp, size_t src)
{
    int32_t fast;
    if (ncp == 1 && fast_fold(cps[0], &fast))
        return push(nz, fast, src);

    size_t need = ncp * 4 + 1;
    if (need > nz->seg_cap) {
        char *p = realloc(nz->seg, need);
        if (!p)
            return NT_ENOMEM;
        nz->seg = p;
        nz->seg_cap = need;
    }
    size_t seglen = 0;
    for (size_t i = 0; i < ncp; i++)
        seglen += nt_utf8_encode(cps[i], nz->seg + seglen);

    for (;;) {
        utf8proc_ssize_t r = utf8proc_decompose_custom((const utf8proc_uint8_t *)nz->seg,
                                                       (utf8proc_ssize_t)seglen, nz->dec,
                                                       (utf8proc_ssize_t)nz->dec_cap, NORM_OPTIONS,
                                                       fold_custom, NULL);
        if (r < 0)
            return NT_ENOMEM; /* cannot happen on valid UTF-8 short of memory */
        if ((size_t)r > nz->dec_cap) {
            size_t cap = (size_t)r + 8;
            int32_t *p = realloc(nz->dec, cap * sizeof *p);
            if (!p)
                return NT_ENOMEM;
            nz->dec = p;
            nz->dec_cap = cap;
            continue;
        }
        r = utf8proc_normalize_utf32(nz->dec, r, NORM_OPTIONS);
        if (r < 0)
            return NT_ENOMEM;
        for (utf8proc_ssize_t i = 0; i < r; i++) {
            int32_t c = nz->dec[i];
            if (c == 0x0451) /* composition may rebuild ё from е + U+0308 */
                c = 0x0435;
            if (push(nz, c, src))
                return NT_ENOMEM;
        }
        return 0;
    }
}

/* Latin letters that look like Cyrillic ones, in case-folded form, and their twins. */
static int32_t cyrillic_twin(int32_t cp)
{
    switch (cp) {
    case 'a': return 0x0430;
    case 'b': return 0x0432;
    case 'c': return 0x0441;
    case 'e': return 0x0435;
    case 'h': return 0x043D;
    case 'i': return 0x0456;
    case 'k': return 0x043A;
    case 'm': return 0x043C;
    case 'o': return 0x043E;
    case 'p': return 0x0440;
    case 't': return 0x0442;
    case 'x': return 0x0445;
    case 'y': return 0x0443;
    default: return 0;
    }
}

/* In each run of letters that has Cyrillic letters and only look-alike Latin ones, the
 * Latin letters are typing errors: map them to Cyrillic. */
static void fix_homoglyphs(nt_normalizer *nz)
{
    size_t i = 0;
    while (i < nz->n) {
        if (!nt_char_is_letter(nz->cp[i])) {
            i++;
            continue;
        }
        size_t j = i;
        int cyr = 0, latin_twin = 0, latin_other = 0;
        while (j < nz->n && (nt_char_is_letter(nz->cp[j]) || nt_char_is_mark(nz->cp[j]))) {
            int32_t c = nz->cp[j];
            if (nt_char_is_cyrillic_letter(c))
                cyr = 1;
            else if (nt_char_is_latin_letter(c)) {
                if (cyrillic_twin(c))
                    latin_twin = 1;
                else
                    latin_other = 1;
            }
            j++;
        }
        if (cyr && latin_twin && !latin_other) {
            for (size_t k = i; k < j; k++) {
                int32_t t = cyrillic_twin(nz->cp[k]);
                if (t)
                    nz->cp[k] = t;
            }
        }
        i = j;
    }
}

int nt_norm_run(nt_normalizer *nz, const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    int32_t seg[NT_MAX_SEGMENT_CPS];
    size_t nseg = 0, seg_src = 0, i = 0;
    nz->n = 0;
    while (i < len) {
        int32_t cp;
        int bad;
        size_t n = nt_utf8_decode(s + i, len - i, &cp, &bad);
        /* below U+0300 and in U+0400-U+0482 nothing combines: no table lookup there */
        int extends = nseg > 0 && nseg < NT_MAX_SEGMENT_CPS && !bad && cp >= 0x300 &&
                      !(cp >= 0x400 && cp <= 0x482) && utf8proc_get_property(cp)->combining_class != 0;
        if (!extends && nseg > 0) {
            if (normalize_segment(nz, seg, nseg, seg_src))
                return NT_ENOMEM;
            nseg = 0;
        }
        if (nseg == 0)
            seg_src = i;
        seg[nseg++] = cp;
        i += n;
    }
    if (nseg > 0 && normalize_segment(nz, seg, nseg, seg_src))
        return NT_ENOMEM;
    fix_homoglyphs(nz);
    return 0;
}

int nt_norm_to_utf8(const nt_normalizer *nz, nt_buf *out, size_t **src_of_byte)
{
    size_t start = out->len;
    if (nt_buf_reserve(out, nz->n * 4))
        return NT_ENOMEM;
    size_t *map = NULL;
    if (src_of_byte) {
        map = realloc(*src_of_byte, (start + nz->n * 4 + 1) * sizeof *map);
        if (!map)
            return NT_ENOMEM;
        *src_of_byte = map;
    }
    for (size_t i = 0; i < nz->n; i++) {
        size_t k = nt_utf8_encode(nz->cp[i], out->data + out->len);
        if (map)
            for (size_t b = 0; b < k; b++)
                map[out->len + b] = nz->src[i];
        out->len += k;
    }
    out->data[out->len] = '\0';
    return 0;
}

void nt_norm_free(nt_normalizer *nz)
{
    free(nz->cp);
    free(nz->src);
    free(nz->seg);
    free(nz->dec);
    memset(nz, 0, sizeof *nz);
}

int nt_normalize(char **out, size_t *out_len, size_t **src_offsets, const char *text, size_t len)
{
    if (!out || !out_len || (!text && len))
        return NT_EINVAL;
    nt_normalizer nz = {0};
    nt_buf b = {0};
    size_t *map = NULL;
    int rc = nt_norm_run(&nz, text ? text : "", len);
    if (!rc)
        rc = nt_buf_reserve(&b, 0);
    if (!rc)
        rc = nt_norm_to_utf8(&nz, &b, src_offsets ? &map : NULL);
    if (!rc && src_offsets) {
        size_t *m = realloc(map, (b.len + 1) * sizeof *m);
        if (!m)
            rc = NT_ENOMEM;
        else {
            map = m;
            map[b.len] = len;
        }
    }
    nt_norm_free(&nz);
    if (rc) {
        nt_buf_free(&b);
        free(map);
        return rc;
    }
    *out = b.data;
    *out_len = b.len;
    if (src_offsets)
        *src_offsets = map;
    return NT_OK;
}
