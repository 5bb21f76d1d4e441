/* fuzz_model.c - the model loader on arbitrary bytes: a clean error or a usable model. */
#include "fuzz_util.h"
#include "newstag.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char path[64];
    int fd = fuzz_memfile(data, size, path, sizeof path);
    if (fd < 0)
        return 0;
    nt_model *m = NULL;
    nt_error err;
    if (nt_model_load(&m, path, &err) == NT_OK) {
        nt_result *r = NULL;
        if (nt_classify(&r, m, "Аким Актобе встретился с молодежью.", 63, &err) == NT_OK)
            nt_result_free(r);
        nt_model_free(m);
    }
    close(fd);
    return 0;
}
