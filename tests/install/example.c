/* example.c - load the default model and classify a string: the smallest newstag program.
 * Build: cc example.c $(pkg-config --cflags --libs newstag) -o example */
#include <newstag.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
    const char *text = "Аким Павлодарской области Ерлан Жумабаев открыл центр, где молодые люди "
                       "без работы бесплатно учатся на IT-специалистов по проекту «Первое рабочее место».";
    nt_error err;
    nt_model *model = NULL;
    char path[4096];
    if (!nt_model_default_path(path, sizeof path) || nt_model_load(&model, path, &err) != NT_OK) {
        fprintf(stderr, "cannot load the default model: %s\n", path[0] ? err.message : "not installed");
        return 1;
    }
    nt_result *r = NULL;
    if (nt_classify(&r, model, text, strlen(text), &err) != NT_OK) {
        fprintf(stderr, "classify: %s\n", err.message);
        nt_model_free(model);
        return 1;
    }
    printf("newstag %s\n", nt_version());
    for (size_t i = 0; i < nt_result_topic_count(r); i++) {
        const nt_topic_result *t = nt_result_topic(r, i);
        printf("topic %s %.2f%s\n", t->label, t->score, t->assigned ? " assigned" : "");
    }
    for (size_t i = 0; i < nt_result_entity_count(r); i++) {
        const nt_entity *e = nt_result_entity(r, i);
        printf("entity %s %.*s\n", e->type, (int)(e->byte_end - e->byte_start), text + e->byte_start);
    }
    nt_result_free(r);
    nt_model_free(model);
    return 0;
}
