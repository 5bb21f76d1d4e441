/* jsonl_fields.c - "text" and "id" of a JSONL input line, without building a JSON tree.
 * Anything this reader is unsure of is declined (returns 0) and left to jansson. */
#include "jsonl_fields.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct cursor {
    const unsigned char *p, *end;
} cursor;

static void skip_ws(cursor *c)
{
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
        c->p++;
}

static int hex4(const unsigned char *p, uint32_t *v)
{
    uint32_t x = 0;
    for (int i = 0; i < 4; i++) {
        unsigned char h = p[i];
        x <<= 4;
        if (h >= '0' && h <= '9')
            x |= h - '0';
        else if (h >= 'a' && h <= 'f')
            x |= h - 'a' + 10;
        else if (h >= 'A' && h <= 'F')
            x |= h - 'A' + 10;
        else
            return 0;
    }
    *v = x;
    return 1;
}

static size_t put_utf8(uint32_t cp, unsigned char *o)
{
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | cp >> 6);
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | cp >> 12);
        o[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | cp >> 18);
    o[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
    o[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* What a byte is in a string literal's plain run: 1, ASCII that stands for itself (not a
 * control, a quote or a backslash); 2, the lead of a two-byte UTF-8 sequence (C2-DF, as most
 * Cyrillic is); 0, anything else. A table made by the preprocessor from that rule. */
#define PLAIN(b) ((b) >= 0x20 && (b) < 0x80 && (b) != '"' && (b) != '\\' ? 1 : (b) >= 0xC2 && (b) <= 0xDF ? 2 : 0)
#define PLAIN4(b) PLAIN(b), PLAIN((b) + 1), PLAIN((b) + 2), PLAIN((b) + 3)
#define PLAIN16(b) PLAIN4(b), PLAIN4((b) + 4), PLAIN4((b) + 8), PLAIN4((b) + 12)
#define PLAIN64(b) PLAIN16(b), PLAIN16((b) + 16), PLAIN16((b) + 32), PLAIN16((b) + 48)
static const unsigned char plain_byte[256] = {PLAIN64(0), PLAIN64(64), PLAIN64(128), PLAIN64(192)};

/*
 * Decodes the string literal at c->p (just after its opening quote) into out, which has
 * room for the literal's length: a decoded string is never longer than its literal.
 * Returns the decoded length, or (size_t)-1 when the literal is one to leave to jansson.
 */
static size_t read_string(cursor *c, unsigned char *out)
{
    size_t n = 0;
    while (c->p < c->end) {
        /* the plain run up to a quote, a backslash, a control byte or UTF-8 other than a
         * valid two-byte sequence (Cyrillic is those) */
        const unsigned char *run = c->p;
        while (c->p < c->end) {
            if (c->end - c->p >= 4) { /* two two-byte sequences at a time (Cyrillic text) */
                const unsigned char *q = c->p;
                uint32_t w = (uint32_t)q[0] | (uint32_t)q[1] << 8 | (uint32_t)q[2] << 16 | (uint32_t)q[3] << 24;
                if ((w & 0xC0E0C0E0u) == 0x80C080C0u && (w & 0x1Eu) && (w & 0x1E0000u)) {
                    c->p += 4;
                    continue;
                }
            }
            unsigned k = plain_byte[*c->p];
            if (k == 1)
                c->p++;
            else if (k == 2 && c->end - c->p >= 2 && (c->p[1] & 0xC0) == 0x80)
                c->p += 2;
            else
                break;
        }
        memcpy(out + n, run, (size_t)(c->p - run));
        n += (size_t)(c->p - run);
        if (c->p == c->end)
            return (size_t)-1;
        unsigned char b = *c->p;
        if (b == '"') {
            c->p++;
            return n;
        }
        if (b < 0x20)
            return (size_t)-1; /* a raw control character: jansson's error */
        if (b >= 0x80) {
            size_t k = cli_utf8_seq(c->p, (size_t)(c->end - c->p));
            if (!k)
                return (size_t)-1;
            memcpy(out + n, c->p, k);
            n += k;
            c->p += k;
            continue;
        }
        /* an escape */
        if (c->end - c->p < 2)
            return (size_t)-1;
        unsigned char e = c->p[1];
        c->p += 2;
        switch (e) {
        case '"': out[n++] = '"'; break;
        case '\\': out[n++] = '\\'; break;
        case '/': out[n++] = '/'; break;
        case 'b': out[n++] = '\b'; break;
        case 'f': out[n++] = '\f'; break;
        case 'n': out[n++] = '\n'; break;
        case 'r': out[n++] = '\r'; break;
        case 't': out[n++] = '\t'; break;
        case 'u': {
            uint32_t cp, lo;
            if (c->end - c->p < 4 || !hex4(c->p, &cp))
                return (size_t)-1;
            c->p += 4;
            if (cp == 0 || (cp >= 0xDC00 && cp <= 0xDFFF))
                return (size_t)-1; /* NUL, or a lone low surrogate */
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (c->end - c->p < 6 || c->p[0] != '\\' || c->p[1] != 'u' || !hex4(c->p + 2, &lo) ||
                    lo < 0xDC00 || lo > 0xDFFF)
                    return (size_t)-1;
                c->p += 6;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            }
            n += put_utf8(cp, out + n); /* 6 or 12 literal bytes give at most 3 or 4 */
            break;
        }
        default:
            return (size_t)-1;
        }
    }
    return (size_t)-1;
}

int jsonl_fields(const char *line, size_t len, char **text, size_t *text_len, char **id,
                 size_t *id_len)
{
    *text = *id = NULL;
    *text_len = *id_len = 0;
    cursor c = {(const unsigned char *)line, (const unsigned char *)line + len};
    /* decoded strings go here, one after another; the whole is at most the line's size */
    unsigned char *buf = malloc(len + 1);
    if (!buf)
        return 0;
    size_t used = 0, keys = 0;
    size_t key_at[JSONL_FIELDS_MAX_KEYS], key_len[JSONL_FIELDS_MAX_KEYS];
    size_t text_at = 0, id_at = 0;
    int has_text = 0, has_id = 0, ok = 0;
    skip_ws(&c);
    if (c.p == c.end || *c.p++ != '{')
        goto done;
    skip_ws(&c);
    if (c.p < c.end && *c.p == '}')
        goto done; /* {}: no "text"; jansson words that */
    for (;;) {
        if (c.p == c.end || *c.p++ != '"' || keys == JSONL_FIELDS_MAX_KEYS)
            goto done;
        size_t k = read_string(&c, buf + used);
        if (k == (size_t)-1)
            goto done;
        for (size_t i = 0; i < keys; i++)
            if (key_len[i] == k && !memcmp(buf + key_at[i], buf + used, k))
                goto done; /* a duplicate key */
        key_at[keys] = used;
        key_len[keys++] = k;
        int is_text = k == 4 && !memcmp(buf + used, "text", 4);
        int is_id = k == 2 && !memcmp(buf + used, "id", 2);
        used += k;
        skip_ws(&c);
        if (c.p == c.end || *c.p++ != ':')
            goto done;
        skip_ws(&c);
        if (c.p == c.end || *c.p++ != '"')
            goto done; /* a value other than a string */
        size_t v = read_string(&c, buf + used);
        if (v == (size_t)-1)
            goto done;
        if (is_text) {
            text_at = used;
            *text_len = v;
            has_text = 1;
        } else if (is_id) {
            id_at = used;
            *id_len = v;
            has_id = 1;
        }
        used += v;
        skip_ws(&c);
        if (c.p == c.end)
            goto done;
        if (*c.p == ',') {
            c.p++;
            skip_ws(&c);
            continue;
        }
        if (*c.p++ != '}')
            goto done;
        skip_ws(&c);
        ok = c.p == c.end && has_text;
        break;
    }
done:
    if (ok && has_id) {
        if ((*id = malloc(*id_len + 1)) != NULL) {
            memcpy(*id, buf + id_at, *id_len);
            (*id)[*id_len] = '\0';
        } else {
            ok = 0;
        }
    }
    if (ok) { /* the text moves to the front of buf, which becomes *text */
        memmove(buf, buf + text_at, *text_len);
        buf[*text_len] = '\0';
        *text = (char *)buf;
        return 1;
    }
    *text_len = *id_len = 0;
    free(buf);
    return ok;
}
