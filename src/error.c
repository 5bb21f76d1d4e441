/* error.c - status messages and the error object. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *nt_strerror(int code)
{
    switch (code) {
    case NT_OK: return "success";
    case NT_ENOMEM: return "out of memory";
    case NT_EINVAL: return "invalid argument";
    case NT_EIO: return "input/output error";
    case NT_EPARSE: return "malformed input";
    case NT_EFORMAT: return "not a newstag model, or a damaged one";
    case NT_EVERSION: return "unsupported model format version";
    case NT_ETOOBIG: return "input over the size limit";
    case NT_ECANCELED: return "canceled";
    case NT_EUTF8: return "invalid UTF-8";
    case NT_ELABEL: return "unknown or inconsistent label";
    default: return "unknown error";
    }
}

void nt_error_clear(nt_error *err)
{
    if (!err)
        return;
    memset(err, 0, sizeof *err);
    err->offset = -1;
}

int nt_fail(nt_error *err, int code, const char *file, long line, long long offset,
            const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->offset = offset;
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    } else {
        snprintf(err->message, sizeof err->message, "%s", nt_strerror(code));
    }
    return code;
}

void nt_free(void *p)
{
    free(p);
}
