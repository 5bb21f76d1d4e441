/* cmd_info.c - `newstag info`: everything a model file says about itself. */
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

int cmd_info(int argc, char **argv)
{
    if (argc > 2 || (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))) {
        fprintf(argc > 2 ? stderr : stdout,
                "Usage: newstag info [MODEL]\n\n"
                "Prints the model's manifest: format and library versions, labels, thresholds,\n"
                "feature settings, training parameters, corpus hashes, dev and test metrics.\n"
                "Without MODEL, the default model.\n");
        return argc > 2 ? EXIT_USAGE : EXIT_OK;
    }
    const char *path = argc == 2 ? argv[1] : NULL;
    nt_model *m = cli_load_model(path);
    if (!m)
        return EXIT_FAILED;
    char found[4096];
    if (!path && nt_model_default_path(found, sizeof found))
        path = found;
    struct stat st;
    if (path && stat(path, &st) == 0)
        printf("file: %s (%lld bytes)\n", path, (long long)st.st_size);
    printf("model format version: %d (this library: newstag %s)\n", NT_MODEL_FORMAT_VERSION, nt_version());
    printf("%s\n", nt_model_manifest(m));
    nt_model_free(m);
    return EXIT_OK;
}
