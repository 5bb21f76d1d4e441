/* buf.c - growable byte buffer. */
#include "buf.h"
#include "newstag.h"

#include <stdlib.h>
#include <string.h>

int nt_buf_reserve(nt_buf *b, size_t extra)
{
    if (extra > (size_t)-1 / 2 - b->len)
        return NT_ENOMEM;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p)
        return NT_ENOMEM;
    b->data = p;
    b->cap = cap;
    return 0;
}

int nt_buf_append(nt_buf *b, const void *p, size_t n)
{
    int rc = nt_buf_reserve(b, n);
    if (rc)
        return rc;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int nt_buf_put_u32(nt_buf *b, uint32_t v)
{
    unsigned char x[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    return nt_buf_append(b, x, 4);
}

int nt_buf_put_u64(nt_buf *b, uint64_t v)
{
    unsigned char x[8];
    for (int i = 0; i < 8; i++)
        x[i] = (unsigned char)(v >> (8 * i));
    return nt_buf_append(b, x, 8);
}

int nt_buf_put_f64(nt_buf *b, double d)
{
    uint64_t v;
    memcpy(&v, &d, 8);
    return nt_buf_put_u64(b, v);
}

void nt_buf_free(nt_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

uint32_t nt_cursor_u32(nt_cursor *c)
{
    if (c->bad || c->n - c->pos < 4) {
        c->bad = 1;
        return 0;
    }
    const unsigned char *x = c->p + c->pos;
    c->pos += 4;
    return (uint32_t)x[0] | (uint32_t)x[1] << 8 | (uint32_t)x[2] << 16 | (uint32_t)x[3] << 24;
}

uint64_t nt_cursor_u64(nt_cursor *c)
{
    if (c->bad || c->n - c->pos < 8) {
        c->bad = 1;
        return 0;
    }
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | c->p[c->pos + (size_t)i];
    c->pos += 8;
    return v;
}

double nt_cursor_f64(nt_cursor *c)
{
    uint64_t v = nt_cursor_u64(c);
    double d;
    memcpy(&d, &v, 8);
    return d;
}
