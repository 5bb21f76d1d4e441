/* atomic_file.c - write to a temporary file, then rename: no half-written outputs. */
#include "atomic_file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "corpus_internal.h"
#include "error.h"

int nt_atomic_open(nt_atomic_file *af, const char *path, nt_error *err)
{
    memset(af, 0, sizeof *af);
    size_t n = strlen(path);
    af->path = nt_strdup(path);
    af->tmp_path = malloc(n + 16);
    if (!af->path || !af->tmp_path) {
        nt_atomic_abort(af);
        return nt_fail(err, NT_ENOMEM, path, 0, -1, NULL);
    }
    snprintf(af->tmp_path, n + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(af->tmp_path);
    if (fd < 0) {
        int e = errno;
        free(af->tmp_path);
        af->tmp_path = NULL;
        nt_atomic_abort(af);
        return nt_fail(err, NT_EIO, path, 0, -1, "cannot create a file beside it: %s", strerror(e));
    }
    fchmod(fd, 0644); /* mkstemp makes 0600; outputs are ordinary files */
    af->f = fdopen(fd, "wb");
    if (!af->f) {
        close(fd);
        nt_atomic_abort(af);
        return nt_fail(err, NT_EIO, path, 0, -1, "cannot open for writing");
    }
    return NT_OK;
}

int nt_atomic_commit(nt_atomic_file *af, nt_error *err)
{
    int failed = ferror(af->f) != 0;
    failed |= fflush(af->f) != 0;
    int e = errno;
    failed |= fsync(fileno(af->f)) != 0;
    failed |= fclose(af->f) != 0;
    af->f = NULL;
    if (!failed && rename(af->tmp_path, af->path) != 0) {
        e = errno;
        failed = 1;
    }
    if (failed) {
        int rc = nt_fail(err, NT_EIO, af->path, 0, -1, "cannot write: %s", strerror(e ? e : EIO));
        nt_atomic_abort(af);
        return rc;
    }
    free(af->tmp_path);
    af->tmp_path = NULL;
    nt_atomic_abort(af);
    return NT_OK;
}

void nt_atomic_abort(nt_atomic_file *af)
{
    if (af->f)
        fclose(af->f);
    if (af->tmp_path)
        unlink(af->tmp_path);
    free(af->tmp_path);
    free(af->path);
    memset(af, 0, sizeof *af);
}
