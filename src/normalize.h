/* normalize.h - the feature normalizer, with a map back to source bytes. */
#ifndef NT_NORMALIZE_H
#define NT_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/*
 * Reusable state: after nt_norm_run(), cp[0, n) holds the normalized code points and
 * src[i] the byte offset (in the text given to nt_norm_run) of the source character that
 * produced cp[i]. Buffers are kept between runs so that normalizing many tokens allocates
 * only while the longest one grows.
 */
typedef struct nt_normalizer {
    int32_t *cp;
    size_t *src;
    size_t n, cap;
    char *seg;       /* one segment re-encoded as valid UTF-8 for utf8proc */
    size_t seg_cap;
    int32_t *dec;    /* utf8proc's output for one segment */
    size_t dec_cap;
} nt_normalizer;

/* Normalizes text[0, len) into nz (see newstag.h for the rules). Returns 0 or NT_ENOMEM. */
int nt_norm_run(nt_normalizer *nz, const char *text, size_t len);

/* Appends nz's code points to out as UTF-8. If src_of_byte is not NULL it receives, for each
 * byte appended, the source offset (reallocated to out->len entries). Returns 0 or NT_ENOMEM. */
int nt_norm_to_utf8(const nt_normalizer *nz, nt_buf *out, size_t **src_of_byte);

void nt_norm_free(nt_normalizer *nz);

#endif
