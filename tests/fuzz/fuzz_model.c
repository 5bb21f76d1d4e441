/* fuzz_model.c - the model loader on arbitrary bytes: a clean error or a usable model. */
#include "fuzz_util.h"
#include "newstag.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char path[64];
    int fd = fuzz_memfile(data, size, path, sizeof path);
    if (fd < 0)
        return 0;
    static const char text[] = "Аким Актобе встретился с молодежью.";
    nt_error err;
    /* the whole model, and each part alone (which checks and reads less) */
    static const unsigned parts[] = {NT_CLASSIFY_TOPICS | NT_CLASSIFY_ENTITIES, NT_CLASSIFY_TOPICS,
                                     NT_CLASSIFY_ENTITIES};
    for (size_t k = 0; k < sizeof parts / sizeof parts[0]; k++) {
        nt_model *m = NULL;
        if (nt_model_load_only(&m, path, parts[k], &err) == NT_OK) {
            nt_result *r = NULL;
            if (nt_classify_only(&r, m, text, sizeof text - 1, parts[k], &err) == NT_OK)
                nt_result_free(r);
            nt_model_free(m);
        }
    }
    close(fd);
    return 0;
}
