/* utf8.c - whole-buffer helpers over the decoder in utf8.h. */
#include "utf8.h"

size_t nt_utf8_first_invalid(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        int bad;
        size_t n = nt_utf8_decode(u + i, len - i, &cp, &bad);
        if (bad)
            return i;
        i += n;
    }
    return len;
}

size_t nt_utf8_count(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, n = 0;
    while (i < len) {
        int32_t cp;
        int bad;
        i += (u[i] < 0x80) ? 1 : nt_utf8_decode(u + i, len - i, &cp, &bad);
        n++;
    }
    return n;
}
