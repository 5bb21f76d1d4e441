/* fuzz_classify.c - the classify input path on arbitrary bytes, with the shipped model:
 * evidence and entities always point inside the input. */
#include <stdlib.h>

#include "newstag.h"

static nt_model *model;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char path[4096];
    nt_error err;
    if (!nt_model_default_path(path, sizeof path) || nt_model_load(&model, path, &err))
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    nt_result *r = NULL;
    nt_error err;
    if (nt_classify(&r, model, (const char *)data, size, &err))
        return 0;
    for (size_t i = 0; i < nt_result_topic_count(r); i++) {
        const nt_topic_result *t = nt_result_topic(r, i);
        if (!(t->score >= 0 && t->score <= 1))
            abort();
        for (size_t k = 0; k < t->n_evidence; k++)
            if (t->evidence[k].byte_end > size || t->evidence[k].byte_start >= t->evidence[k].byte_end)
                abort();
    }
    size_t prev = 0;
    for (size_t i = 0; i < nt_result_entity_count(r); i++) {
        const nt_entity *e = nt_result_entity(r, i);
        if (e->byte_start < prev || e->byte_end > size || e->byte_start >= e->byte_end)
            abort();
        prev = e->byte_end;
    }
    nt_result_free(r);
    return 0;
}
