/* atomic_file.h - files that appear complete or not at all. */
#ifndef NT_ATOMIC_FILE_H
#define NT_ATOMIC_FILE_H

#include <stdio.h>

#include "newstag.h"

typedef struct nt_atomic_file {
    FILE *f;            /* write here */
    char *tmp_path;     /* a temporary file beside the target */
    char *path;
} nt_atomic_file;

/* Opens a temporary file in the target's directory. Returns NT_OK, NT_EIO or NT_ENOMEM. */
int nt_atomic_open(nt_atomic_file *af, const char *path, nt_error *err);
/* Flushes, syncs and renames the temporary file over the target. On failure the target is
 * untouched and the temporary file removed. */
int nt_atomic_commit(nt_atomic_file *af, nt_error *err);
/* Removes the temporary file; the target is untouched. Safe after commit too. */
void nt_atomic_abort(nt_atomic_file *af);

#endif
