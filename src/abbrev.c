/* abbrev.c - the abbreviation list of Russian and Kazakh news text. */
#include "abbrev.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *word;
    int kind;
} abbrev_entry;

/* Sorted by strcmp for bsearch; keep it sorted when adding. */
static const abbrev_entry ABBREVS[] = {
    {"акад", NT_ABBREV_INNER},  {"англ", NT_ABBREV_INNER},  {"б", NT_ABBREV_INNER},
    {"в", NT_ABBREV_FINAL},     {"вв", NT_ABBREV_FINAL},    {"г", NT_ABBREV_YEAR},
    {"гг", NT_ABBREV_YEAR},     {"гл", NT_ABBREV_INNER},    {"гр", NT_ABBREV_INNER},
    {"д", NT_ABBREV_INNER},     {"доц", NT_ABBREV_INNER},   {"др", NT_ABBREV_FINAL},
    {"ед", NT_ABBREV_INNER},    {"ж", NT_ABBREV_YEAR},      {"жж", NT_ABBREV_YEAR},
    {"зам", NT_ABBREV_INNER},   {"и.о", NT_ABBREV_INNER},   {"им", NT_ABBREV_INNER},
    {"каз", NT_ABBREV_INNER},   {"кв", NT_ABBREV_INNER},    {"коп", NT_ABBREV_FINAL},
    {"м", NT_ABBREV_FINAL},     {"мкр", NT_ABBREV_INNER},   {"млн", NT_ABBREV_FINAL},
    {"млрд", NT_ABBREV_FINAL},  {"н.э", NT_ABBREV_FINAL},   {"напр", NT_ABBREV_INNER},
    {"нач", NT_ABBREV_INNER},   {"обл", NT_ABBREV_FINAL},   {"ок", NT_ABBREV_INNER},
    {"п", NT_ABBREV_INNER},     {"пер", NT_ABBREV_INNER},   {"пл", NT_ABBREV_INNER},
    {"пос", NT_ABBREV_INNER},   {"пр", NT_ABBREV_INNER},    {"просп", NT_ABBREV_INNER},
    {"проф", NT_ABBREV_INNER},  {"р", NT_ABBREV_INNER},     {"рис", NT_ABBREV_INNER},
    {"руб", NT_ABBREV_FINAL},   {"рус", NT_ABBREV_INNER},   {"с", NT_ABBREV_INNER},
    {"св", NT_ABBREV_INNER},    {"см", NT_ABBREV_INNER},    {"ср", NT_ABBREV_INNER},
    {"ст", NT_ABBREV_INNER},    {"стр", NT_ABBREV_INNER},   {"т", NT_ABBREV_INNER},
    {"т.д", NT_ABBREV_FINAL},   {"т.е", NT_ABBREV_INNER},   {"т.к", NT_ABBREV_INNER},
    {"т.н", NT_ABBREV_INNER},   {"т.п", NT_ABBREV_FINAL},   {"табл", NT_ABBREV_INNER},
    {"тел", NT_ABBREV_INNER},   {"трлн", NT_ABBREV_FINAL},  {"тыс", NT_ABBREV_FINAL},
    {"ул", NT_ABBREV_INNER},    {"ч", NT_ABBREV_INNER},     {"чел", NT_ABBREV_FINAL},
    {"шт", NT_ABBREV_FINAL},
};

static int cmp(const void *key, const void *elem)
{
    return strcmp((const char *)key, ((const abbrev_entry *)elem)->word);
}

int nt_abbrev_lookup(const char *norm, size_t len)
{
    char key[16];
    if (len == 0 || len >= sizeof key)
        return NT_ABBREV_NONE;
    memcpy(key, norm, len);
    key[len] = '\0';
    const abbrev_entry *e =
        bsearch(key, ABBREVS, sizeof ABBREVS / sizeof ABBREVS[0], sizeof ABBREVS[0], cmp);
    return e ? e->kind : NT_ABBREV_NONE;
}
