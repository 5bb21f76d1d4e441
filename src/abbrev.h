/* abbrev.h - abbreviations whose period belongs to the word (г., им., т.е.). */
#ifndef NT_ABBREV_H
#define NT_ABBREV_H

#include <stddef.h>

enum {
    NT_ABBREV_NONE = 0,
    NT_ABBREV_INNER = 1,  /* never ends a sentence: им., ул., проф. */
    NT_ABBREV_FINAL = 2,  /* may end one when a capital follows: т.д., др., тыс. */
    NT_ABBREV_YEAR = 3    /* г., гг.: "year" after a number (may end), "city" before a name */
};

/* Looks up a normalized (case-folded) word without its final period, e.g. "им" or "т.е". */
int nt_abbrev_lookup(const char *norm, size_t len);

#endif
