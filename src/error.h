/* error.h - filling nt_error from inside the library. */
#ifndef NT_ERROR_H
#define NT_ERROR_H

#include "newstag.h"

/* Sets err (if not NULL) and returns code, so that `return nt_fail(...)` reads naturally. */
int nt_fail(nt_error *err, int code, const char *file, long line, long long offset,
            const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

#endif
