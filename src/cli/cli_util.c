/* cli_util.c - error messages, whole-file reading, and text/JSON output helpers. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

void cli_error(const char *file, long line, const char *fmt, ...)
{
    va_list ap;
    fputs("newstag: ", stderr);
    if (file && *file) {
        if (line > 0)
            fprintf(stderr, "%s:%ld: ", file, line);
        else
            fprintf(stderr, "%s: ", file);
    }
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

void cli_report(const char *file, const nt_error *err, int code)
{
    const char *where = (err && err->file[0]) ? err->file : file;
    long line = err ? err->line : 0;
    const char *msg = (err && err->message[0]) ? err->message : nt_strerror(code);
    cli_error(where, line, "%s", msg);
}

void cli_big_buffer(FILE *f, char *buf, size_t size)
{
    if (buf && !isatty(fileno(f)))
        setvbuf(f, buf, _IOFBF, size);
}

void cli_put_fixed(FILE *f, double v, int decimals)
{
    static const double scale[10] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    if (!(v >= 0 && v <= 1) || signbit(v) || decimals < 1 || decimals > 9) {
        fprintf(f, "%.*f", decimals, v);
        return;
    }
    double x = v * scale[decimals], whole = floor(x), frac = x - whole;
    if (fabs(frac - 0.5) < 1e-6) { /* near a tie the product's rounding could decide: ask printf */
        fprintf(f, "%.*f", decimals, v);
        return;
    }
    unsigned long k = (unsigned long)whole + (frac > 0.5);
    char buf[16];
    int n = 2 + decimals;
    buf[0] = (char)('0' + k / (unsigned long)scale[decimals]);
    buf[1] = '.';
    for (int i = n - 1; i >= 2; i--, k /= 10)
        buf[i] = (char)('0' + k % 10);
    fwrite(buf, 1, (size_t)n, f);
}

void cli_put_size(FILE *f, size_t n)
{
    char buf[24];
    int i = sizeof buf;
    do {
        buf[--i] = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    fwrite(buf + i, 1, sizeof buf - (size_t)i, f);
}

int cli_parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || errno || *s == '-')
        return -1;
    unsigned shift = 0;
    if (*end == 'K' || *end == 'k')
        shift = 10, end++;
    else if (*end == 'M' || *end == 'm')
        shift = 20, end++;
    else if (*end == 'G' || *end == 'g')
        shift = 30, end++;
    if (*end != '\0' || v > (~0ULL >> shift) || (v << shift) > (unsigned long long)SIZE_MAX)
        return -1;
    *out = (size_t)(v << shift);
    return 0;
}

int cli_read_file(const char *path, size_t max_bytes, char **data, size_t *len)
{
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        cli_error(name, 0, "cannot open: %s", strerror(errno));
        return -1;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    int rc = -1;
    if (!buf) {
        cli_error(name, 0, "out of memory");
        goto done;
    }
    for (;;) {
        if (n == cap) {
            if (cap > max_bytes) {
                cli_error(name, 0, "larger than the limit of %zu bytes (see --max-bytes)", max_bytes);
                goto done;
            }
            size_t ncap = cap * 2;
            char *p = realloc(buf, ncap + 1);
            if (!p) {
                cli_error(name, 0, "out of memory");
                goto done;
            }
            buf = p;
            cap = ncap;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                cli_error(name, 0, "read error: %s", strerror(errno));
                goto done;
            }
            break;
        }
    }
    if (n > max_bytes) {
        cli_error(name, 0, "larger than the limit of %zu bytes (see --max-bytes)", max_bytes);
        goto done;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    buf = NULL;
    rc = 0;
done:
    free(buf);
    if (!is_stdin && f)
        fclose(f);
    return rc;
}

/* Length of the valid UTF-8 sequence at s (0 when the byte is invalid). Same rules as the
 * library's decoder: no overlongs, no surrogates, nothing above U+10FFFF. */
size_t cli_utf8_seq(const unsigned char *s, size_t len)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return len >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (len < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if (c == 0xE0 && s[1] < 0xA0)
            return 0;
        if (c == 0xED && s[1] >= 0xA0)
            return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (len < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && s[1] < 0x90)
            return 0;
        if (c == 0xF4 && s[1] >= 0x90)
            return 0;
        return 4;
    }
    return 0;
}

void cli_text_clean(FILE *f, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        size_t n = cli_utf8_seq(u + i, len - i);
        if (n == 0) {
            fputs("\xEF\xBF\xBD", f);
            i++;
        } else {
            fwrite(u + i, 1, n, f);
            i += n;
        }
    }
}

void cli_json_string(FILE *f, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    putc('"', f);
    while (i < len) {
        /* a run that needs no escaping (printable ASCII but quote and backslash, and valid
         * two-byte UTF-8) is written at once */
        size_t run = i;
        while (run < len) {
            unsigned char b = u[run];
            if (b >= 0x20 && b < 0x7F && b != '"' && b != '\\')
                run++;
            else if (b >= 0xC2 && b <= 0xDF && run + 1 < len && (u[run + 1] & 0xC0) == 0x80)
                run += 2;
            else
                break;
        }
        if (run > i) {
            fwrite(u + i, 1, run - i, f);
            i = run;
            continue;
        }
        unsigned char c = u[i];
        if (c < 0x80) {
            switch (c) {
            case '"': fputs("\\\"", f); break;
            case '\\': fputs("\\\\", f); break;
            case '\n': fputs("\\n", f); break;
            case '\r': fputs("\\r", f); break;
            case '\t': fputs("\\t", f); break;
            default:
                if (c < 0x20 || c == 0x7F)
                    fprintf(f, "\\u%04x", c);
                else
                    putc(c, f);
            }
            i++;
            continue;
        }
        size_t n = cli_utf8_seq(u + i, len - i);
        if (n == 0) {
            fputs("\\ufffd", f);
            i++;
        } else {
            fwrite(u + i, 1, n, f);
            i += n;
        }
    }
    putc('"', f);
}
