/* case_file.c - loader for tests/data case files. */
#include "case_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static size_t put_utf8(unsigned long cp, char *o)
{
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) { o[0] = (char)(0xC0 | (cp >> 6)); o[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12)); o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F)); return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18)); o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Unescapes in place; returns the new length. */
static size_t unescape(char *s)
{
    char *o = s;
    for (char *p = s; *p; p++) {
        if (*p != '\\' || !p[1]) { *o++ = *p; continue; }
        p++;
        switch (*p) {
        case 'n': *o++ = '\n'; break;
        case 't': *o++ = '\t'; break;
        case 'r': *o++ = '\r'; break;
        case '\\': *o++ = '\\'; break;
        case 'x':
            if (hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
                *o++ = (char)(hexval(p[1]) * 16 + hexval(p[2]));
                p += 2;
            }
            break;
        case 'u':
            if (p[1] == '{') {
                unsigned long cp = strtoul(p + 2, &p, 16); /* p lands on '}' */
                o += put_utf8(cp, o);
            }
            break;
        default: *o++ = '\\'; *o++ = *p;
        }
    }
    *o = '\0';
    return (size_t)(o - s);
}

long case_file_load(const char *path, test_case **out)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "%s: cannot open\n", path);
        return -1;
    }
    test_case *cases = NULL;
    long n = 0, lineno = 0;
    char line[8192];
    while (fgets(line, sizeof line, f)) {
        lineno++;
        size_t l = strlen(line);
        while (l && (line[l - 1] == '\n' || line[l - 1] == '\r'))
            line[--l] = '\0';
        if (line[0] == '>' && line[1] == ' ') {
            cases = realloc(cases, (size_t)(n + 1) * sizeof *cases);
            test_case *c = &cases[n++];
            memset(c, 0, sizeof *c);
            c->line = lineno;
            c->input = strdup(line + 2);
            c->input_len = unescape(c->input);
        } else if (line[0] == '=' && n > 0) {
            test_case *c = &cases[n - 1];
            c->expected = realloc(c->expected, (c->n_expected + 1) * sizeof *c->expected);
            char *e = strdup(line[1] == ' ' ? line + 2 : line + 1);
            unescape(e);
            c->expected[c->n_expected++] = e;
        }
    }
    fclose(f);
    *out = cases;
    return n;
}

void case_file_free(test_case *cases, long n)
{
    for (long i = 0; i < n; i++) {
        free(cases[i].input);
        for (size_t j = 0; j < cases[i].n_expected; j++)
            free(cases[i].expected[j]);
        free(cases[i].expected);
    }
    free(cases);
}

size_t case_split(char *s, char **parts, size_t max)
{
    size_t n = 0;
    while (s && n < max) {
        parts[n++] = s;
        char *sep = strstr(s, " | ");
        if (!sep)
            break;
        *sep = '\0';
        s = sep + 3;
    }
    return n;
}
