/* buf.h - a growable byte buffer; the one place where the library grows memory. */
#ifndef NT_BUF_H
#define NT_BUF_H

#include <stddef.h>

typedef struct nt_buf {
    char *data;
    size_t len, cap;
} nt_buf;

/* Makes room for `extra` more bytes (plus a NUL). Returns 0 or NT_ENOMEM. */
int nt_buf_reserve(nt_buf *b, size_t extra);
/* Appends n bytes and keeps the content NUL-terminated. Returns 0 or NT_ENOMEM. */
int nt_buf_append(nt_buf *b, const void *p, size_t n);
void nt_buf_free(nt_buf *b);

#endif
