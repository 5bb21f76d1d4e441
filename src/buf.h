/* buf.h - a growable byte buffer; the one place where the library grows memory. */
#ifndef NT_BUF_H
#define NT_BUF_H

#include <stddef.h>
#include <stdint.h>

typedef struct nt_buf {
    char *data;
    size_t len, cap;
} nt_buf;

/* Makes room for `extra` more bytes (plus a NUL). Returns 0 or NT_ENOMEM. */
int nt_buf_reserve(nt_buf *b, size_t extra);
/* Appends n bytes and keeps the content NUL-terminated. Returns 0 or NT_ENOMEM. */
int nt_buf_append(nt_buf *b, const void *p, size_t n);
/* Little-endian numbers, as the model file stores them. Return 0 or NT_ENOMEM. */
int nt_buf_put_u32(nt_buf *b, uint32_t v);
int nt_buf_put_u64(nt_buf *b, uint64_t v);
int nt_buf_put_f64(nt_buf *b, double d);
void nt_buf_free(nt_buf *b);

/* Reads little-endian numbers from p[0, n). A read past the end returns 0 and sets bad,
 * which stays set: check it once after a run of reads. */
typedef struct nt_cursor {
    const unsigned char *p;
    size_t n, pos;
    int bad;
} nt_cursor;

uint32_t nt_cursor_u32(nt_cursor *c);
uint64_t nt_cursor_u64(nt_cursor *c);
double nt_cursor_f64(nt_cursor *c);

#endif
