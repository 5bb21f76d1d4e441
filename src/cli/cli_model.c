/* cli_model.c - finding and loading the model a verb works with. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* The default model beside the executable: ../share/newstag (installed) or ../models
 * (a build directory inside the source tree). */
static int beside_executable(char *out, size_t cap)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return -1;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return -1;
    *slash = '\0';
    static const char *rel[] = {"/../share/newstag/newstag-ru.ntm", "/../models/newstag-ru.ntm"};
    for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
        snprintf(out, cap, "%s%s", exe, rel[i]);
        if (access(out, R_OK) == 0)
            return 0;
    }
    return -1;
}

nt_model *cli_load_model(const char *path)
{
    char found[PATH_MAX + 64];
    if (!path) {
        path = nt_model_default_path();
        if (!path && beside_executable(found, sizeof found) == 0)
            path = found;
        if (!path) {
            cli_error(NULL, 0, "no default model found (models/newstag-ru.ntm); give one with --model");
            return NULL;
        }
    }
    nt_model *m = NULL;
    nt_error err;
    nt_error_clear(&err);
    int rc = nt_model_load(&m, path, &err);
    if (rc) {
        cli_report(path, &err, rc);
        return NULL;
    }
    return m;
}
