/* chars.h - character classes shared by the normalizer and the tokenizer. */
#ifndef NT_CHARS_H
#define NT_CHARS_H

#include <stdint.h>

/* White space of any kind, line breaks included. */
int nt_char_is_space(int32_t cp);
/* A line break: LF, CR, NEL, LINE/PARAGRAPH SEPARATOR (CR LF is handled by the caller). */
int nt_char_is_newline(int32_t cp);
/* Default-ignorable characters the tokenizer lets stand inside a word: soft hyphen, ZWSP,
 * ZWNJ, ZWJ, word joiner, BOM, variation selectors... */
int nt_char_is_ignorable(int32_t cp);
/* Letters (L*), and combining marks (M*) that extend the letter before them. */
int nt_char_is_letter(int32_t cp);
int nt_char_is_mark(int32_t cp);
int nt_char_is_digit(int32_t cp);
/* Control characters other than white space (NUL included): separators, never tokens. */
int nt_char_is_control(int32_t cp);
/* Hyphens that join the parts of a compound word: - U+2010 U+2011. */
int nt_char_is_joining_hyphen(int32_t cp);
/* Dashes: hyphens and ‒ – — ― − and the like. */
int nt_char_is_dash(int32_t cp);
/* Double and single quotation marks and apostrophes. */
int nt_char_is_quote(int32_t cp);
/* Apostrophes that may stand inside a word (O'Brien): ' ’ ʼ */
int nt_char_is_apostrophe(int32_t cp);
/* Emoji: pictographs, regional indicators; and what extends them: ZWJ, VS16, skin tones,
 * keycap, tags. */
int nt_char_is_emoji(int32_t cp);
int nt_char_is_emoji_extender(int32_t cp);
int nt_char_is_regional_indicator(int32_t cp);
int nt_char_is_latin_letter(int32_t cp);
int nt_char_is_cyrillic_letter(int32_t cp);
int nt_char_is_upper(int32_t cp);
int nt_char_is_lower(int32_t cp);

#endif
