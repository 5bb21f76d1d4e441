/* cli_model.c - finding and loading the model a verb works with. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

nt_model *cli_load_model(const char *path)
{
    return cli_load_model_for(path, NT_CLASSIFY_TOPICS | NT_CLASSIFY_ENTITIES);
}

nt_model *cli_load_model_for(const char *path, unsigned what)
{
    char found[PATH_MAX + 64];
    if (!path) {
        if (nt_model_default_path(found, sizeof found))
            path = found;
        if (!path) {
            cli_error(NULL, 0, "no default model found (models/newstag-ru.ntm); give one with --model");
            return NULL;
        }
    }
    nt_model *m = NULL;
    nt_error err;
    nt_error_clear(&err);
    int rc = nt_model_load_only(&m, path, what, &err);
    if (rc) {
        cli_report(path, &err, rc);
        return NULL;
    }
    return m;
}
