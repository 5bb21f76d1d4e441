/* fuzz_tokenize.c - normalizer and tokenizer on arbitrary bytes: offsets stay in bounds,
 * in order, and every token's norm equals the normalization of its source. */
#include <stdlib.h>
#include <string.h>

#include "newstag.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    nt_tokenizer *t = NULL;
    if (nt_tokenizer_new(&t, (const char *)data, size))
        return 0;
    nt_token tok;
    size_t prev_end = 0, prev_cp = 0;
    while (nt_tokenizer_next(t, &tok) == 1) {
        if (tok.byte_start < prev_end || tok.byte_end <= tok.byte_start || tok.byte_end > size ||
            tok.cp_start < prev_cp || tok.cp_end <= tok.cp_start)
            abort();
        char *norm = NULL;
        size_t nlen = 0;
        if (nt_normalize(&norm, &nlen, NULL, (const char *)data + tok.byte_start, tok.byte_end - tok.byte_start) ||
            nlen != tok.norm_len || memcmp(norm, tok.norm, nlen))
            abort();
        nt_free(norm);
        prev_end = tok.byte_end;
        prev_cp = tok.cp_end;
    }
    nt_tokenizer_free(t);
    char *out = NULL;
    size_t len = 0, *map = NULL;
    if (nt_normalize(&out, &len, &map, (const char *)data, size) == NT_OK) {
        for (size_t i = 0; i < len; i++)
            if (map[i] > size)
                abort();
        nt_free(out);
        nt_free(map);
    }
    return 0;
}
