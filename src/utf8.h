/* utf8.h - strict UTF-8 decoding with the library's invalid-byte policy. */
#ifndef NT_UTF8_H
#define NT_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define NT_REPLACEMENT_CHAR 0xFFFD

/*
 * Decodes one code point at s[0, len), len > 0. Returns the number of bytes it covers and
 * stores the code point in *cp. A byte that does not start a well-formed sequence (overlong,
 * surrogate, above U+10FFFF, truncated, stray continuation) covers exactly one byte and reads
 * as U+FFFD with *invalid set to 1; otherwise *invalid is 0.
 */
static inline size_t nt_utf8_decode(const unsigned char *s, size_t len, int32_t *cp, int *invalid)
{
    unsigned char c = s[0];
    *invalid = 0;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        if (len >= 2 && (s[1] & 0xC0) == 0x80) {
            *cp = ((int32_t)(c & 0x1F) << 6) | (s[1] & 0x3F);
            return 2;
        }
    } else if (c >= 0xE0 && c <= 0xEF) {
        if (len >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
            int32_t v = ((int32_t)(c & 0x0F) << 12) | ((int32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
            if (v >= 0x800 && (v < 0xD800 || v > 0xDFFF)) {
                *cp = v;
                return 3;
            }
        }
    } else if (c >= 0xF0 && c <= 0xF4) {
        if (len >= 4 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80) {
            int32_t v = ((int32_t)(c & 0x07) << 18) | ((int32_t)(s[1] & 0x3F) << 12) |
                        ((int32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
            if (v >= 0x10000 && v <= 0x10FFFF) {
                *cp = v;
                return 4;
            }
        }
    }
    *cp = NT_REPLACEMENT_CHAR;
    *invalid = 1;
    return 1;
}

/* Encodes cp (a valid scalar value) into out, which has room for 4 bytes; returns the length. */
static inline size_t nt_utf8_encode(int32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Returns the byte offset of the first invalid byte in s[0, len), or len if all is valid. */
size_t nt_utf8_first_invalid(const char *s, size_t len);

/* Number of code points in s[0, len) under the invalid-byte policy. */
size_t nt_utf8_count(const char *s, size_t len);

#endif
