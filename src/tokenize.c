/* tokenize.c - tokens with exact source offsets, and sentence numbers, in one streaming pass.
 *
 * The scanner reads the caller's original bytes (invalid bytes read as U+FFFD, one byte
 * each) and never copies the text: a token is a byte range into it. Normalization happens
 * per token, for features only. Sentence boundaries are decided between two neighbouring
 * tokens, from the earlier token, the white space between them and the later token, so the
 * tokenizer needs no lookahead buffer and its memory does not grow with the text.
 */
#include <stdlib.h>
#include <string.h>

#include "abbrev.h"
#include "buf.h"
#include "chars.h"
#include "newstag.h"
#include "normalize.h"
#include "tokenize_internal.h"
#include "utf8.h"

struct nt_tokenizer {
    const unsigned char *s;
    size_t len;
    size_t pos, cp_pos;        /* the cursor: bytes and code points consumed */
    size_t sentence;
    int started;
    /* what the sentence splitter remembers of the previous token */
    int prev_kind;
    int32_t prev_last;         /* the last code point of its source */
    int prev_abbrev;           /* NT_ABBREV_* of an abbreviation token */
    int prev_after_number;     /* the token before it was a number */
    int pending_end;           /* a sentence-final mark was seen, closers may follow */
    nt_normalizer nz;
    nt_buf norm;               /* the current token's normalized form starts at norm_base */
    size_t norm_base;
    int keep_norms;            /* every token's form stays in norm, one after another */
    int reference;             /* the general way for every token (tests) */
    struct short_form {        /* forms of short tokens the fast way declines: «, », —, ... */
        unsigned char src[4], src_len, norm_len;
        char norm[12];
    } memo[16];
};

static int norm_of(nt_tokenizer *t, size_t b, size_t e);

/* Decodes the code point at byte offset p (p < len). */
static size_t at(const nt_tokenizer *t, size_t p, int32_t *cp)
{
    int bad;
    if (t->s[p] < 0x80) {
        *cp = t->s[p];
        return 1;
    }
    return nt_utf8_decode(t->s + p, t->len - p, cp, &bad);
}

/* The code point at p, or -1 at the end of the text. */
static int32_t peek(const nt_tokenizer *t, size_t p)
{
    int32_t cp;
    if (p >= t->len)
        return -1;
    at(t, p, &cp);
    return cp;
}

static size_t next_pos(const nt_tokenizer *t, size_t p)
{
    int32_t cp;
    return p + at(t, p, &cp);
}

static int is_alnum(int32_t cp)
{
    return cp >= 0 && (nt_char_is_letter(cp) || nt_char_is_digit(cp));
}

static int is_word_part(int32_t cp)
{
    return cp >= 0 && (is_alnum(cp) || nt_char_is_mark(cp));
}

/* Skips ignorable characters from p; returns the first position after them. */
static size_t skip_ignorables(const nt_tokenizer *t, size_t p)
{
    int32_t cp;
    while (p < t->len && (cp = peek(t, p), nt_char_is_ignorable(cp)))
        p = next_pos(t, p);
    return p;
}

/* A basic Cyrillic letter (U+0400-U+045F) starts at s[0]: lead byte 0xD0, or 0xD1 with a
 * continuation up to 0x9F. Such letters and ASCII are most of what we read, and are
 * answered here without decoding. */
static int basic_cyrillic_at(const unsigned char *s, size_t avail)
{
    return avail >= 2 && (s[1] & 0xC0) == 0x80 && (s[0] == 0xD0 || (s[0] == 0xD1 && s[1] <= 0x9F));
}

static int ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Consumes letters, digits, marks, and ignorables that stand between them. */
static size_t scan_alnum_run(const nt_tokenizer *t, size_t p)
{
    for (;;) {
        while (p < t->len) { /* the fast path */
            if (ascii_alnum(t->s[p]))
                p++;
            else if (basic_cyrillic_at(t->s + p, t->len - p))
                p += 2;
            else
                break;
        }
        int32_t cp = peek(t, p);
        if (is_word_part(cp)) {
            p = next_pos(t, p);
            continue;
        }
        if (cp >= 0 && nt_char_is_ignorable(cp)) {
            size_t q = skip_ignorables(t, p);
            if (is_word_part(peek(t, q))) {
                p = q;
                continue;
            }
        }
        return p;
    }
}

static int ascii_ieq(const nt_tokenizer *t, size_t p, const char *lit)
{
    size_t n = strlen(lit);
    if (p + n > t->len)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = t->s[p + i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        if (c != (unsigned char)lit[i])
            return 0;
    }
    return 1;
}

static int url_stop(int32_t cp)
{
    return cp < 0 || nt_char_is_space(cp) || nt_char_is_control(cp) || cp == '<' || cp == '>' ||
           (nt_char_is_quote(cp) && cp != '\'') || cp == NT_REPLACEMENT_CHAR;
}

/* http://..., https://..., www.x: returns the end, or 0 if none starts at p. */
static size_t scan_url(const nt_tokenizer *t, size_t p)
{
    size_t q;
    if (ascii_ieq(t, p, "https://"))
        q = p + 8;
    else if (ascii_ieq(t, p, "http://"))
        q = p + 7;
    else if (ascii_ieq(t, p, "www.") && is_alnum(peek(t, p + 4)))
        q = p + 4;
    else
        return 0;
    if (url_stop(peek(t, q)))
        return 0;
    int parens = 0;
    while (!url_stop(peek(t, q))) {
        int32_t cp = peek(t, q);
        parens += cp == '(' ? 1 : cp == ')' ? -1 : 0;
        q = next_pos(t, q);
    }
    /* Punctuation that ends the sentence is not part of the address. */
    while (q > p) {
        unsigned char c = t->s[q - 1];
        if (c == ')' && parens < 0) {
            parens++;
            q--;
        } else if (strchr(".,;:!?", c) && c != '\0') {
            q--;
        } else {
            break;
        }
    }
    return q;
}

static int email_local_char(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

static int domain_char(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

/* name@host.tld (ASCII): returns the end, or 0. */
static size_t scan_email(const nt_tokenizer *t, size_t p)
{
    size_t q = p;
    while (q < t->len && email_local_char(t->s[q]))
        q++;
    if (q == p || q >= t->len || t->s[q] != '@')
        return 0;
    q++;
    size_t last_dot = 0, labels = 0;
    for (;;) {
        size_t lab = q;
        while (q < t->len && domain_char(t->s[q]))
            q++;
        if (q == lab)
            return 0;
        labels++;
        if (q + 1 < t->len && t->s[q] == '.' && domain_char(t->s[q + 1])) {
            last_dot = q;
            q++;
            continue;
        }
        break;
    }
    if (labels < 2)
        return 0;
    for (size_t i = last_dot + 1; i < q; i++) /* a top-level domain of letters */
        if (!((t->s[i] | 0x20) >= 'a' && (t->s[i] | 0x20) <= 'z'))
            return 0;
    return q - last_dot > 2 ? q : 0;
}

static int is_group_space(int32_t cp)
{
    return cp == ' ' || cp == 0x00A0 || cp == 0x202F || cp == 0x2009 || cp == 0x2007;
}

static size_t scan_digits(const nt_tokenizer *t, size_t p, size_t *count)
{
    size_t n = 0;
    while (p < t->len && t->s[p] >= '0' && t->s[p] <= '9') {
        p++;
        n++;
    }
    if (n == 0) { /* other decimal digits, rare */
        int32_t cp;
        while (p < t->len && (cp = peek(t, p), nt_char_is_digit(cp))) {
            p = next_pos(t, p);
            n++;
        }
    }
    *count = n;
    return p;
}

/* Numbers: 2 500, 3,5, 6,2%, 28.02.2026, 10:33, 5-й, 5G. Sets *kind. */
static size_t scan_number(const nt_tokenizer *t, size_t p, int *kind)
{
    size_t n;
    size_t q = scan_digits(t, p, &n);
    *kind = NT_TOKEN_NUMBER;
    /* thousands groups: 1-3 digits, then groups of exactly three after one space */
    if (n <= 3) {
        for (;;) {
            int32_t sp = peek(t, q);
            if (!is_group_space(sp))
                break;
            size_t g = next_pos(t, q), gn;
            size_t ge = scan_digits(t, g, &gn);
            if (gn != 3 || is_alnum(peek(t, ge)))
                break;
            q = ge;
        }
    }
    /* decimals, dates, times: a separator between digits */
    for (;;) {
        int32_t c = peek(t, q);
        if ((c == ',' || c == '.' || c == ':') && q + 1 < t->len && nt_char_is_digit(peek(t, q + 1))) {
            q = scan_digits(t, q + 1, &n);
            continue;
        }
        break;
    }
    if (peek(t, q) == '%')
        return q + 1;
    /* letters right after digits (5G, 3D) or after a hyphen (5-й, 10-летие) */
    int32_t c = peek(t, q);
    if (c >= 0 && nt_char_is_letter(c)) {
        *kind = NT_TOKEN_WORD;
        q = scan_alnum_run(t, q);
    }
    while (nt_char_is_joining_hyphen(peek(t, q)) && q + 1 < t->len &&
           nt_char_is_letter(peek(t, next_pos(t, q)))) {
        q = scan_alnum_run(t, next_pos(t, q));
    }
    return q;
}

/* Counts the letters in [p, e) and whether they are all single lowercase ones. */
static size_t count_letters(const nt_tokenizer *t, size_t p, size_t e)
{
    size_t n = 0;
    while (p < e) {
        int32_t cp;
        p += at(t, p, &cp);
        n += nt_char_is_letter(cp) ? 1 : 0;
    }
    return n;
}

/* Words and compounds; then an abbreviation's or an initial's period. */
/* At q (a period after a word): the end of ".tld" when a common top-level domain follows and
 * the word ends there, else 0. A list, so that "в 2025 г.Алматы" and sentence ends stay apart. */
static size_t domain_suffix(const nt_tokenizer *t, size_t q)
{
    static const char *const tlds[] = {"kz", "ru", "com", "org", "net", "uz", "kg", "tj", "by", "ua",
                                       "info", "io", "ai", "tv", "me", "edu", "gov", "asia", "qaz"};
    size_t r = q + 1, e = r;
    while (e < t->len && ((t->s[e] | 0x20) >= 'a' && (t->s[e] | 0x20) <= 'z'))
        e++;
    if (e - r < 2 || e - r > 4 || is_alnum(peek(t, e)) || (e < t->len && (t->s[e] == '-' || t->s[e] == '@')))
        return 0;
    for (size_t i = 0; i < sizeof tlds / sizeof *tlds; i++)
        if (strlen(tlds[i]) == e - r && ascii_ieq(t, r, tlds[i]))
            return e;
    return 0;
}

static size_t scan_word(nt_tokenizer *t, size_t p, int *kind)
{
    size_t q = scan_alnum_run(t, p);
    *kind = NT_TOKEN_WORD;
    for (;;) {
        int32_t c = peek(t, q);
        if ((nt_char_is_joining_hyphen(c) || nt_char_is_apostrophe(c)) && q + 1 < t->len) {
            size_t r = next_pos(t, q);
            if (is_alnum(peek(t, r))) {
                q = scan_alnum_run(t, r);
                continue;
            }
        }
        break;
    }
    if (peek(t, q) != '.')
        return q;

    /* A site's name is one word: Kaspi.kz, Tengrinews.kz, gov.kz */
    size_t tld = domain_suffix(t, q);
    if (tld)
        return tld;

    /* A chain of single letters with periods: т.е., и.о., н.э. */
    size_t e = q;
    if (count_letters(t, p, q) == 1 && nt_char_is_lower(peek(t, p))) {
        size_t r = q + 1;
        while (r < t->len && nt_char_is_lower(peek(t, r))) {
            size_t r2 = next_pos(t, r);
            if (peek(t, r2) != '.')
                break;
            e = r2;
            r = r2 + 1;
        }
    }
    /* the period itself excluded from the lookup key */
    if (!norm_of(t, p, e)) {
        int ab = nt_abbrev_lookup(t->norm.data + t->norm_base, t->norm.len - t->norm_base);
        if (ab != NT_ABBREV_NONE) {
            *kind = NT_TOKEN_ABBREV;
            return e + 1;
        }
    }
    e = q;
    /* An initial: one uppercase letter, a period, then (after a space) a capital. */
    if (count_letters(t, p, q) == 1 && nt_char_is_upper(peek(t, p))) {
        size_t r = q + 1;
        while (r < t->len && (peek(t, r) == ' ' || peek(t, r) == 0xA0))
            r = next_pos(t, r);
        if (r < t->len && nt_char_is_upper(peek(t, r))) {
            *kind = NT_TOKEN_INITIAL;
            return q + 1;
        }
    }
    return q;
}

static size_t scan_emoji(const nt_tokenizer *t, size_t p)
{
    int32_t first = peek(t, p);
    size_t q = next_pos(t, p);
    if (nt_char_is_regional_indicator(first)) {
        if (nt_char_is_regional_indicator(peek(t, q)))
            q = next_pos(t, q);
        return q;
    }
    for (;;) {
        int32_t c = peek(t, q);
        if (c == 0x200D) {
            size_t r = next_pos(t, q);
            if (nt_char_is_emoji(peek(t, r))) {
                q = next_pos(t, r);
                continue;
            }
            return r; /* a trailing joiner still belongs to the emoji */
        }
        if (c >= 0 && (nt_char_is_emoji_extender(c) || nt_char_is_mark(c))) {
            q = next_pos(t, q);
            continue;
        }
        return q;
    }
}

static int is_terminal_mark(int32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == 0x203C || cp == 0x2047 ||
           cp == 0x2048 || cp == 0x2049;
}

/* Scans one token at p (not white space). */
static size_t scan_token(nt_tokenizer *t, size_t p, int *kind)
{
    int32_t c = peek(t, p);
    size_t q;
    if ((c == 'h' || c == 'H' || c == 'w' || c == 'W') && (q = scan_url(t, p))) {
        *kind = NT_TOKEN_URL;
        return q;
    }
    if (c < 0x80 && email_local_char(c) && (q = scan_email(t, p))) {
        *kind = NT_TOKEN_EMAIL;
        return q;
    }
    if (nt_char_is_digit(c))
        return scan_number(t, p, kind);
    if (nt_char_is_letter(c))
        return scan_word(t, p, kind);
    if ((c == '#' || c == '@') && p + 1 < t->len) {
        int32_t d = peek(t, p + 1);
        if (is_alnum(d) || d == '_') {
            q = p + 1;
            while (q < t->len && (is_word_part(peek(t, q)) || peek(t, q) == '_'))
                q = next_pos(t, q);
            /* mentions may carry dots inside: @kazinform.kz stays an address-like name */
            *kind = c == '#' ? NT_TOKEN_HASHTAG : NT_TOKEN_MENTION;
            return q;
        }
    }
    if (nt_char_is_quote(c)) {
        *kind = NT_TOKEN_QUOTE;
        return next_pos(t, p);
    }
    if (nt_char_is_dash(c)) {
        *kind = NT_TOKEN_DASH;
        q = next_pos(t, p);
        while (peek(t, q) == c)
            q = next_pos(t, q);
        return q;
    }
    if (is_terminal_mark(c)) {
        *kind = NT_TOKEN_PUNCT;
        q = next_pos(t, p);
        while (is_terminal_mark(peek(t, q)))
            q = next_pos(t, q);
        return q;
    }
    if (nt_char_is_emoji(c)) {
        *kind = NT_TOKEN_EMOJI;
        return scan_emoji(t, p);
    }
    q = next_pos(t, p);
    if (nt_char_is_mark(c)) { /* marks with nothing to attach to */
        while (nt_char_is_mark(peek(t, q)))
            q = next_pos(t, q);
        *kind = NT_TOKEN_SYMBOL;
        return q;
    }
    {
        /* punctuation (P*) vs symbols (S*, U+FFFD) */
        if (c == NT_REPLACEMENT_CHAR || c == '$' || c == '+' || c == '=' || c == '<' || c == '>' ||
            c == '^' || c == '|' || c == '~' || c == 0x2116 || c == 0xA7 || c == 0xB0 ||
            c == 0x20B8 || c == 0x20BD || c == 0x20AC || (c >= 0x2190 && c <= 0x2BFF))
            *kind = NT_TOKEN_SYMBOL;
        else
            *kind = NT_TOKEN_PUNCT;
    }
    return q;
}

int nt_tokenizer_new(nt_tokenizer **out, const char *text, size_t len)
{
    if (!out || (!text && len))
        return NT_EINVAL;
    nt_tokenizer *t = calloc(1, sizeof *t);
    if (!t)
        return NT_ENOMEM;
    t->s = (const unsigned char *)(text ? text : "");
    t->len = len;
    *out = t;
    return NT_OK;
}

int nt_tokenizer_keep_norms(nt_tokenizer *t, size_t expect)
{
    t->keep_norms = 1;
    return nt_buf_reserve(&t->norm, expect);
}

void nt_tokenizer_reference(nt_tokenizer *t)
{
    t->reference = 1;
}

const char *nt_tokenizer_norms(const nt_tokenizer *t)
{
    return t->norm.data;
}

char *nt_tokenizer_take_norms(nt_tokenizer *t)
{
    char *p = t->norm.data;
    t->norm = (nt_buf){0};
    t->keep_norms = 0;
    return p;
}

void nt_tokenizer_free(nt_tokenizer *t)
{
    if (!t)
        return;
    nt_norm_free(&t->nz);
    nt_buf_free(&t->norm);
    free(t);
}

static int starts_lower(int32_t cp)
{
    return nt_char_is_letter(cp) && !nt_char_is_upper(cp);
}

static int is_closer(int32_t cp)
{
    return cp == ')' || cp == ']' || cp == 0xBB || cp == 0x201D || cp == '"' || cp == '\'' ||
           cp == 0x2019 || cp == 0x203A;
}

/* Does a new sentence start at the token (kind, first) after a gap with `newlines` line
 * breaks and `gap` bytes? Updates nothing. */
static int sentence_breaks(const nt_tokenizer *t, int kind, int32_t first, int newlines, size_t gap)
{
    if (!t->started)
        return 0;
    if (newlines >= 2)
        return 1;
    if (t->pending_end) {
        if (gap == 0 && (is_closer(first) || kind == NT_TOKEN_PUNCT))
            return 0; /* ." or .) close the sentence that just ended */
        if (kind == NT_TOKEN_DASH)
            return newlines > 0; /* «...?» – спросил он: the sentence goes on */
        return !starts_lower(first) && !(kind == NT_TOKEN_PUNCT && first != '(');
    }
    if (t->prev_kind == NT_TOKEN_ABBREV && nt_char_is_upper(first)) {
        if (t->prev_abbrev == NT_ABBREV_FINAL)
            return 1;
        if (t->prev_abbrev == NT_ABBREV_YEAR && t->prev_after_number)
            return 1;
    }
    if (newlines == 1) {
        if (starts_lower(first))
            return 0;
        if (t->prev_last == ',' || t->prev_last == ';' || nt_char_is_joining_hyphen(t->prev_last) ||
            t->prev_last == '(' || t->prev_last == 0xAB || t->prev_last == 0x201E)
            return 0;
        return 1;
    }
    return 0;
}

/* A token's flags, gathered code point by code point (token_flags). */
typedef struct flag_acc {
    unsigned f;
    size_t n, letters, upper;
    int first_letter_seen;
} flag_acc;

/* Adds a letter (of script, uppercase or not) or a digit or anything else. */
static inline void flag_class(flag_acc *a, int digit, int letter, int up, unsigned script)
{
    a->n++;
    if (digit)
        a->f |= NT_TOKEN_HAS_DIGIT;
    if (letter) {
        a->letters++;
        a->upper += up ? 1 : 0;
        if (!a->first_letter_seen && up && a->n == 1)
            a->f |= NT_TOKEN_UPPER_INITIAL;
        a->first_letter_seen = 1;
        a->f |= script;
    }
}

/* Adds code point cp: the classes of ASCII and basic Cyrillic (U+0400-U+045F, all letters)
 * written out, those of the rest asked of chars.c. */
static inline void flag_cp(flag_acc *a, int32_t cp)
{
    if (cp < 0x80) {
        flag_class(a, cp >= '0' && cp <= '9', (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z', cp >= 'A' && cp <= 'Z',
                   NT_TOKEN_HAS_LATIN);
    } else if (cp >= 0x0400 && cp <= 0x045F) {
        flag_class(a, 0, 1, cp <= 0x042F, NT_TOKEN_HAS_CYRILLIC);
    } else {
        int letter = nt_char_is_letter(cp);
        unsigned script = !letter                         ? 0
                          : nt_char_is_latin_letter(cp)    ? NT_TOKEN_HAS_LATIN
                          : nt_char_is_cyrillic_letter(cp) ? NT_TOKEN_HAS_CYRILLIC
                                                           : 0;
        flag_class(a, nt_char_is_digit(cp), letter, letter && nt_char_is_upper(cp), script);
    }
}

static unsigned flag_end(const flag_acc *a)
{
    return a->f | (a->letters >= 2 && a->upper == a->letters ? (unsigned)NT_TOKEN_ALL_UPPER : 0u);
}

static unsigned token_flags(const nt_tokenizer *t, size_t b, size_t e, size_t *ncp,
                            int32_t *first, int32_t *last)
{
    flag_acc a = {0, 0, 0, 0, 0};
    *first = *last = -1;
    while (b < e) {
        int32_t cp;
        int bad = 0;
        if (t->s[b] < 0x80)
            cp = t->s[b++];
        else if (basic_cyrillic_at(t->s + b, e - b))
            cp = ((int32_t)(t->s[b] & 0x1F) << 6) | (t->s[b + 1] & 0x3F), b += 2;
        else
            b += nt_utf8_decode(t->s + b, e - b, &cp, &bad);
        if (a.n == 0)
            *first = cp;
        *last = cp;
        if (bad)
            a.f |= NT_TOKEN_HAS_INVALID;
        flag_cp(&a, cp);
    }
    *ncp = a.n;
    return flag_end(&a);
}

/* What plain_word and fast_norm need of a basic Cyrillic letter U+0400 + i (i < 0x80, its UTF-8 lead
 * 0xD0 | i >> 6, continuation 0x80 | i & 0x3F): bytes 0-1, its normalized form (А-Я -> а-я,
 * Ё ё -> е, the rest as is); bit 16, a basic Cyrillic letter (i < 0x60: U+0400-U+045F);
 * bit 17, uppercase (U+0400-U+042F); bit 18, a Russian letter once lowered (а-я), which the
 * fast form may write. Built by the preprocessor from the rules, not written out. */
#define CYR_LOW(cp) ((cp) >= 0x410 && (cp) <= 0x42F ? (cp) + 0x20 : ((cp) == 0x401 || (cp) == 0x451) ? 0x435 : (cp))
#define CYR_ENTRY(i)                                                                                      \
    ((uint32_t)(0xC0 | CYR_LOW(0x400 + (i)) >> 6) | (uint32_t)(0x80 | (CYR_LOW(0x400 + (i)) & 0x3F)) << 8 | \
     ((i) < 0x60 ? 1u << 16 : 0u) | ((i) < 0x30 ? 1u << 17 : 0u) |                                       \
     (CYR_LOW(0x400 + (i)) >= 0x430 && CYR_LOW(0x400 + (i)) <= 0x44F ? 1u << 18 : 0u))
#define CYR4(i) CYR_ENTRY(i), CYR_ENTRY((i) + 1), CYR_ENTRY((i) + 2), CYR_ENTRY((i) + 3)
#define CYR16(i) CYR4(i), CYR4((i) + 4), CYR4((i) + 8), CYR4((i) + 12)
static const uint32_t cyrillic_letter[128] = {CYR16(0),  CYR16(16), CYR16(32), CYR16(48),
                                              CYR16(64), CYR16(80), CYR16(96), CYR16(112)};
#define CYR_BASIC (1u << 16)
#define CYR_UPPER (1u << 17)
#define CYR_RUSSIAN (1u << 18)

/*
 * The common token in one pass: a word that starts with a basic Cyrillic letter and is a run
 * of basic Cyrillic letters and ASCII letters and digits, ended by the end of the text or by
 * ASCII other than a hyphen, an apostrophe or a period. That is exactly what scan_token and
 * token_flags give such a token (the flags gathered the way flag_class does, for these two
 * kinds of character only); anything else (a hyphen, a period, a mark, other scripts)
 * returns 0 and takes their way. On the way it writes the normalized form after t->norm's
 * content, as fast_norm would, and sets *normed; when fast_norm would decline (Latin letters
 * too, Cyrillic beyond Russian's, no room left) *normed is 0 and nothing is appended.
 */
static int plain_word(nt_tokenizer *t, size_t b, size_t *end, unsigned *flags, size_t *ncp,
                      int32_t *first, int32_t *last, int *normed)
{
    const unsigned char *s = t->s;
    size_t len = t->len, p = b;
    if (!basic_cyrillic_at(s + p, len - p))
        return 0;
    *first = ((int32_t)(s[p] & 0x1F) << 6) | (s[p + 1] & 0x3F);
    unsigned char *d = (unsigned char *)t->norm.data + t->norm.len;
    size_t room = t->norm.cap - t->norm.len - 1, o = 0, n = 0, letters = 0;
    uint32_t russian = CYR_RUSSIAN;
    int latin = 0, digit = 0, lower = 0;
    while (p < len) {
        if (p + 4 <= len && o + 3 < room) {
            /* two letters at a time: lead, continuation, lead, continuation */
            uint32_t w = (uint32_t)s[p] | (uint32_t)s[p + 1] << 8 | (uint32_t)s[p + 2] << 16 |
                         (uint32_t)s[p + 3] << 24;
            if ((w & 0xC0FEC0FEu) == 0x80D080D0u) {
                uint32_t e1 = cyrillic_letter[(w & 1) << 6 | (w >> 8 & 0x3F)];
                uint32_t e2 = cyrillic_letter[(w >> 16 & 1) << 6 | (w >> 24 & 0x3F)];
                if (e1 & e2 & CYR_BASIC) {
                    russian &= e1 & e2;
                    lower |= !(e1 & CYR_UPPER) | !(e2 & CYR_UPPER);
                    letters += 2;
                    n += 2;
                    d[o] = (unsigned char)e1;
                    d[o + 1] = (unsigned char)(e1 >> 8);
                    d[o + 2] = (unsigned char)e2;
                    d[o + 3] = (unsigned char)(e2 >> 8);
                    o += 4;
                    p += 4;
                    continue;
                }
            }
        }
        unsigned char c = s[p];
        if ((c & 0xFE) == 0xD0 && p + 1 < len && (s[p + 1] & 0xC0) == 0x80) {
            uint32_t e = cyrillic_letter[(c & 1) << 6 | (s[p + 1] & 0x3F)];
            if (!(e & CYR_BASIC))
                break;
            russian &= e;
            lower |= !(e & CYR_UPPER);
            letters++;
            if (o + 1 < room) {
                d[o] = (unsigned char)e;
                d[o + 1] = (unsigned char)(e >> 8);
                o += 2;
            } else {
                russian = 0;
            }
            p += 2;
        } else if (ascii_alnum(c)) {
            if (c <= '9') {
                digit = 1;
            } else {
                latin = 1; /* a Latin letter beside Cyrillic ones: homoglyphs, the full way */
                letters++;
                lower |= c >= 'a';
            }
            if (o < room)
                d[o++] = c;
            else
                russian = 0;
            p++;
        } else {
            break;
        }
        n++;
    }
    if (p < len && (s[p] >= 0x80 || s[p] == '-' || s[p] == '\'' || s[p] == '.'))
        return 0;
    *end = p;
    *flags = NT_TOKEN_HAS_CYRILLIC | (latin ? NT_TOKEN_HAS_LATIN : 0u) | (digit ? NT_TOKEN_HAS_DIGIT : 0u) |
             (*first <= 0x042F ? NT_TOKEN_UPPER_INITIAL : 0u) |
             (letters >= 2 && !lower ? NT_TOKEN_ALL_UPPER : 0u);
    *ncp = n;
    *last = s[p - 1] < 0x80 ? s[p - 1] : ((int32_t)(s[p - 2] & 0x1F) << 6) | (s[p - 1] & 0x3F);
    *normed = russian && !latin;
    if (*normed) {
        d[o] = '\0';
        t->norm.len += o;
    }
    return 1;
}

/* Appends a one-byte normalized form (room is there: nt_tokenizer_next made it). */
static void append_form(nt_tokenizer *t, char c)
{
    t->norm.data[t->norm.len++] = c;
    t->norm.data[t->norm.len] = '\0';
}

/*
 * The commonest punctuation in one step: , ; : ( ) alone, a period before white space or the
 * end, « and », a — not repeated. That is the token scan_token and token_flags give these
 * (none can start a URL, an address, a number, a word or an emoji; they are not letters or
 * digits: no flags), and its normalized form (the quotes fold to ", the dash to -) is
 * appended to t->norm; anything else returns 0 and takes their way.
 */
static int common_punct(nt_tokenizer *t, size_t b, size_t *end, int *kind, int32_t *cp)
{
    const unsigned char *s = t->s + b;
    size_t avail = t->len - b;
    switch (s[0]) {
    case ',': case ';': case ':': case '(': case ')':
        break;
    case '.':
        if (avail > 1 && s[1] != ' ' && s[1] != '\n' && s[1] != '\r')
            return 0; /* "...", ".kz", an address */
        break;
    case 0xC2: /* « » */
        if (avail < 2 || (s[1] != 0xAB && s[1] != 0xBB))
            return 0;
        *kind = NT_TOKEN_QUOTE;
        *cp = s[1];
        *end = b + 2;
        append_form(t, '"');
        return 1;
    case 0xE2: /* — alone (a run of them is one token) */
        if (avail < 3 || s[1] != 0x80 || s[2] != 0x94 || (avail >= 6 && !memcmp(s + 3, "\xE2\x80\x94", 3)))
            return 0;
        *kind = NT_TOKEN_DASH;
        *cp = 0x2014;
        *end = b + 3;
        append_form(t, '-');
        return 1;
    default:
        return 0;
    }
    *kind = NT_TOKEN_PUNCT;
    *cp = s[0];
    *end = b + 1;
    append_form(t, (char)s[0]);
    return 1;
}

/*
 * The normalized form of a token made only of ASCII and of Russian letters (А-я, Ёё), appended
 * to out (room for n + 1 more bytes): what nt_norm_run gives such text (case folded, ё as е),
 * without decoding. A token with Latin and Cyrillic letters both, or with any other
 * character, returns 0 and takes the full path (homoglyphs, NFKC).
 */
static int fast_norm(const unsigned char *s, size_t n, nt_buf *out)
{
    int latin = 0, cyrillic = 0;
    size_t o = 0;
    char *d = out->data + out->len;
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        if (c < 0x80) {
            if (c >= 'A' && c <= 'Z')
                c |= 0x20;
            latin |= c >= 'a' && c <= 'z';
            d[o++] = (char)c;
            i++;
            continue;
        }
        /* a Russian letter, lowered by plain_word's table (А-Я -> а-я, Ё ё -> е) */
        if ((c & 0xFE) != 0xD0 || i + 1 >= n || (s[i + 1] & 0xC0) != 0x80)
            return 0;
        uint32_t e = cyrillic_letter[(c & 1) << 6 | (s[i + 1] & 0x3F)];
        if (!(e & CYR_RUSSIAN))
            return 0;
        d[o++] = (char)(unsigned char)e;
        d[o++] = (char)(unsigned char)(e >> 8);
        cyrillic = 1;
        i += 2;
    }
    if (latin && cyrillic)
        return 0;
    d[o] = '\0';
    out->len += o;
    return 1;
}

/* Writes the normalized form of source bytes [b, e) at t->norm_base: the fast way, a
 * remembered short form, or utf8proc's. Returns 0 or NT_ENOMEM. */
static int norm_of(nt_tokenizer *t, size_t b, size_t e)
{
    t->norm.len = t->norm_base;
    if (t->norm.cap - t->norm.len < e - b + 2 && nt_buf_reserve(&t->norm, e - b + 1))
        return NT_ENOMEM;
    if (!t->reference && fast_norm(t->s + b, e - b, &t->norm))
        return 0;
    struct short_form *m = NULL;
    if (!t->reference && e - b <= sizeof m->src) {
        m = &t->memo[(t->s[b] ^ t->s[e - 1]) & 15];
        if (m->src_len == e - b && !memcmp(m->src, t->s + b, e - b)) {
            memcpy(t->norm.data + t->norm.len, m->norm, m->norm_len);
            t->norm.len += m->norm_len;
            t->norm.data[t->norm.len] = '\0';
            return 0;
        }
    }
    if (nt_norm_run(&t->nz, (const char *)t->s + b, e - b))
        return NT_ENOMEM;
    if (nt_norm_to_utf8(&t->nz, &t->norm, NULL))
        return NT_ENOMEM;
    size_t n = t->norm.len - t->norm_base;
    if (m && n <= sizeof m->norm) {
        memcpy(m->src, t->s + b, e - b);
        m->src_len = (unsigned char)(e - b);
        memcpy(m->norm, t->norm.data + t->norm_base, n);
        m->norm_len = (unsigned char)n;
    }
    return 0;
}

int nt_tokenizer_next(nt_tokenizer *t, nt_token *tok)
{
    if (!t || !tok)
        return NT_EINVAL;
    /* the gap: white space, controls, stray ignorables */
    int newlines = 0;
    size_t gap_start = t->pos;
    while (t->pos < t->len) {
        unsigned char c = t->s[t->pos];
        if (c == ' ') { /* most gaps are one space */
            t->pos++;
            t->cp_pos++;
            continue;
        }
        if (!t->reference && ((c > ' ' && c < 0x7F) || basic_cyrillic_at(t->s + t->pos, t->len - t->pos)))
            break; /* visible ASCII or a basic Cyrillic letter: a token starts */
        int32_t cp;
        size_t n = at(t, t->pos, &cp);
        if (!(nt_char_is_space(cp) || nt_char_is_control(cp) || nt_char_is_ignorable(cp)))
            break;
        if (cp == '\r' && t->pos + 1 < t->len && t->s[t->pos + 1] == '\n') {
            /* CR LF is one line break */
        } else if (cp == 0x2029) {
            newlines += 2;
        } else if (nt_char_is_newline(cp)) {
            newlines++;
        }
        t->pos += n;
        t->cp_pos++;
    }
    if (t->pos >= t->len)
        return 0;

    int kind = NT_TOKEN_PUNCT;
    size_t b = t->pos, e, ncp;
    int32_t first = -1, last = -1;
    unsigned flags;
    int normed = 0;
    /* this token's form goes after the kept ones, or replaces the last */
    t->norm_base = t->keep_norms ? t->norm.len : 0;
    t->norm.len = t->norm_base;
    if (t->norm.cap - t->norm.len < 65 && nt_buf_reserve(&t->norm, 64))
        return NT_ENOMEM;
    if (!t->reference && plain_word(t, b, &e, &flags, &ncp, &first, &last, &normed)) {
        kind = NT_TOKEN_WORD;
    } else if (!t->reference && common_punct(t, b, &e, &kind, &first)) {
        flags = 0;
        ncp = 1;
        last = first;
        normed = 1;
    } else {
        e = scan_token(t, b, &kind);
        flags = token_flags(t, b, e, &ncp, &first, &last);
    }

    if (sentence_breaks(t, kind, first, newlines, b - gap_start)) {
        t->sentence++;
        flags |= NT_TOKEN_SENT_START;
    }
    if (!t->started)
        flags |= NT_TOKEN_SENT_START;
    if (!t->started || newlines >= 2)
        flags |= NT_TOKEN_PARA_START;
    if (!t->started || newlines >= 1)
        flags |= NT_TOKEN_LINE_START;

    /* remember what the next boundary decision needs */
    if (kind == NT_TOKEN_PUNCT && is_terminal_mark(first))
        t->pending_end = 1;
    else if (!(t->pending_end && b == gap_start && is_closer(first)))
        t->pending_end = 0;
    t->prev_after_number = t->prev_kind == NT_TOKEN_NUMBER;
    t->prev_kind = kind;
    t->prev_last = last;
    t->started = 1;

    if (!normed && norm_of(t, b, e)) /* (over any lookup key scan_word left there) */
        return NT_ENOMEM;
    const char *norm = t->norm.data + t->norm_base;
    size_t norm_len = t->norm.len - t->norm_base;
    if (t->keep_norms)
        t->norm.len++; /* past the NUL: the next form starts after it */
    t->prev_abbrev = kind == NT_TOKEN_ABBREV ? nt_abbrev_lookup(norm, norm_len ? norm_len - 1 : 0)
                                             : NT_ABBREV_NONE;

    tok->byte_start = b;
    tok->byte_end = e;
    tok->cp_start = t->cp_pos;
    tok->cp_end = t->cp_pos + ncp;
    tok->sentence = t->sentence;
    tok->kind = kind;
    tok->flags = flags;
    tok->norm = norm;
    tok->norm_len = norm_len;
    t->pos = e;
    t->cp_pos += ncp;
    return 1;
}

const char *nt_token_kind_name(int kind)
{
    switch (kind) {
    case NT_TOKEN_WORD: return "word";
    case NT_TOKEN_ABBREV: return "abbrev";
    case NT_TOKEN_INITIAL: return "initial";
    case NT_TOKEN_NUMBER: return "number";
    case NT_TOKEN_PUNCT: return "punct";
    case NT_TOKEN_QUOTE: return "quote";
    case NT_TOKEN_DASH: return "dash";
    case NT_TOKEN_SYMBOL: return "symbol";
    case NT_TOKEN_URL: return "url";
    case NT_TOKEN_EMAIL: return "email";
    case NT_TOKEN_HASHTAG: return "hashtag";
    case NT_TOKEN_MENTION: return "mention";
    case NT_TOKEN_EMOJI: return "emoji";
    default: return "unknown";
    }
}
