/* chars.c - character classes over utf8proc's Unicode tables. */
#include "chars.h"

#include <utf8proc.h>

/* Russian text is mostly ASCII and the basic Cyrillic block (U+0400-U+045F: letters only):
 * those are answered without utf8proc's tables. */
static int basic_cyrillic(int32_t cp)
{
    return cp >= 0x0400 && cp <= 0x045F;
}

int nt_char_is_newline(int32_t cp)
{
    return cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C || cp == 0x85 || cp == 0x2028 ||
           cp == 0x2029;
}

int nt_char_is_space(int32_t cp)
{
    if (cp == ' ' || cp == '\t' || nt_char_is_newline(cp))
        return 1;
    if (cp < 0x80 || basic_cyrillic(cp))
        return 0;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

int nt_char_is_ignorable(int32_t cp)
{
    return cp == 0x00AD || cp == 0x034F || cp == 0x180E || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x2060 && cp <= 0x2064) || cp == 0xFEFF || (cp >= 0xFE00 && cp <= 0xFE0F);
}

int nt_char_is_letter(int32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    if (basic_cyrillic(cp))
        return 1;
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

int nt_char_is_mark(int32_t cp)
{
    if (cp < 0x300 || basic_cyrillic(cp))
        return 0;
    utf8proc_category_t c = utf8proc_category(cp);
    return c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME;
}

int nt_char_is_digit(int32_t cp)
{
    if (cp < 0x80)
        return cp >= '0' && cp <= '9';
    if (basic_cyrillic(cp))
        return 0;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
}

int nt_char_is_control(int32_t cp)
{
    if (nt_char_is_space(cp))
        return 0;
    if (cp < 0x20 || cp == 0x7F)
        return 1;
    if (cp < 0x80 || basic_cyrillic(cp))
        return 0;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_CC || c == UTF8PROC_CATEGORY_CS || c == UTF8PROC_CATEGORY_CO ||
           c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP;
}

int nt_char_is_joining_hyphen(int32_t cp)
{
    return cp == '-' || cp == 0x2010 || cp == 0x2011;
}

int nt_char_is_dash(int32_t cp)
{
    return nt_char_is_joining_hyphen(cp) || (cp >= 0x2012 && cp <= 0x2015) || cp == 0x2212 ||
           cp == 0xFE58 || cp == 0xFE63 || cp == 0xFF0D;
}

int nt_char_is_apostrophe(int32_t cp)
{
    return cp == '\'' || cp == 0x2019 || cp == 0x02BC;
}

int nt_char_is_quote(int32_t cp)
{
    switch (cp) {
    case '"': case '\'': case '`':
    case 0x00AB: case 0x00BB:                       /* « » */
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: /* ‘ ’ ‚ ‛ */
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: /* “ ” „ ‟ */
    case 0x2039: case 0x203A:                       /* ‹ › */
    case 0x300C: case 0x300D: case 0xFF02:
        return 1;
    default:
        return 0;
    }
}

int nt_char_is_regional_indicator(int32_t cp)
{
    return cp >= 0x1F1E6 && cp <= 0x1F1FF;
}

int nt_char_is_emoji(int32_t cp)
{
    if (cp < 0x2000)
        return 0;
    if (nt_char_is_regional_indicator(cp))
        return 1;
    int b = utf8proc_get_property(cp)->boundclass;
    return b == UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC || b == UTF8PROC_BOUNDCLASS_E_BASE ||
           b == UTF8PROC_BOUNDCLASS_E_BASE_GAZ || b == UTF8PROC_BOUNDCLASS_GLUE_AFTER_ZWJ ||
           b == UTF8PROC_BOUNDCLASS_E_ZWG;
}

int nt_char_is_emoji_extender(int32_t cp)
{
    return cp == 0x200D || cp == 0xFE0F || cp == 0x20E3 || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
           (cp >= 0xE0020 && cp <= 0xE007F);
}

int nt_char_is_latin_letter(int32_t cp)
{
    if (cp < 0x80)
        return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
    return ((cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
            (cp >= 0x1E00 && cp <= 0x1EFF) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
            (cp >= 0xFF41 && cp <= 0xFF5A));
}

int nt_char_is_cyrillic_letter(int32_t cp)
{
    return (cp >= 0x0400 && cp <= 0x0481) || (cp >= 0x048A && cp <= 0x052F);
}

int nt_char_is_upper(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    if (basic_cyrillic(cp))
        return cp <= 0x042F;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

int nt_char_is_lower(int32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z';
    if (basic_cyrillic(cp))
        return cp >= 0x0430;
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_LL;
}
