/* model.c - the model object: allocation, accessors, feature settings, default location. */
#define _GNU_SOURCE /* dladdr */
#include "model.h"

#include <dlfcn.h>
#include <stdio.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int nt_model_alloc(nt_model **out, size_t n_topics)
{
    nt_model *m = calloc(1, sizeof *m);
    if (!m)
        return NT_ENOMEM;
    m->n_topics = n_topics;
    m->parts = NT_CLASSIFY_TOPICS | NT_CLASSIFY_ENTITIES;
    m->topic = calloc(n_topics ? n_topics : 1, sizeof *m->topic);
    m->bias = calloc(n_topics ? n_topics : 1, sizeof *m->bias);
    m->platt_a = calloc(n_topics ? n_topics : 1, sizeof *m->platt_a);
    m->platt_b = calloc(n_topics ? n_topics : 1, sizeof *m->platt_b);
    m->threshold = calloc(n_topics ? n_topics : 1, sizeof *m->threshold);
    if (!m->topic || !m->bias || !m->platt_a || !m->platt_b || !m->threshold) {
        nt_model_free(m);
        return NT_ENOMEM;
    }
    *out = m;
    return NT_OK;
}

int nt_model_alloc_weights(nt_model *m, size_t dim)
{
    free(m->w);
    size_t n = dim * m->n_topics;
    m->w = calloc(n ? n : 1, sizeof *m->w);
    return m->w ? NT_OK : NT_ENOMEM;
}

void nt_model_free(nt_model *m)
{
    if (!m)
        return;
    /* what lies in the file's image is not ours to free: the image goes as a whole */
    if (nt_file_image_holds(&m->image, m->w))
        m->w = NULL;
    if (nt_file_image_holds(&m->image, m->vocab.idf))
        m->vocab.idf = NULL;
    if (nt_file_image_holds(&m->image, m->ner.w))
        m->ner.w = NULL;
    free(m->manifest);
    nt_topic_vocab_free(&m->vocab);
    for (size_t i = 0; m->topic && i < m->n_topics; i++)
        free(m->topic[i]);
    free(m->topic);
    free(m->w);
    free(m->bias);
    free(m->platt_a);
    free(m->platt_b);
    free(m->threshold);
    nt_ner_model_free(&m->ner);
    nt_file_image_close(&m->image);
    free(m);
}

const char *nt_model_manifest(const nt_model *m)
{
    return m && m->manifest ? m->manifest : "";
}

size_t nt_model_topic_count(const nt_model *m)
{
    return m ? m->n_topics : 0;
}

const char *nt_model_topic(const nt_model *m, size_t i)
{
    return m && i < m->n_topics ? m->topic[i] : NULL;
}

double nt_model_topic_threshold(const nt_model *m, size_t i)
{
    return m && i < m->n_topics ? m->threshold[i] : 0.0;
}

static int get_int(json_t *o, const char *key, int lo, int hi, int *out)
{
    json_t *v = json_object_get(o, key);
    if (!json_is_integer(v) || json_integer_value(v) < lo || json_integer_value(v) > hi)
        return -1;
    *out = (int)json_integer_value(v);
    return 0;
}

int nt_topic_settings_from_json(nt_topic_settings *s, json_t *f)
{
    if (!json_is_object(f))
        return -1;
    if (get_int(f, "stems", 0, 1, &s->stems) || get_int(f, "bigrams", 0, 1, &s->bigrams) ||
        get_int(f, "char_min", 0, 8, &s->char_min) || get_int(f, "char_max", 0, 8, &s->char_max) ||
        get_int(f, "min_df", 1, 1000000, &s->min_df) ||
        get_int(f, "sublinear_tf", 0, 1, &s->sublinear_tf))
        return -1;
    if (s->char_min > s->char_max || (s->char_min == 1))
        return -1;
    return 0;
}

json_t *nt_topic_settings_to_json(const nt_topic_settings *s)
{
    return json_pack("{s:i,s:i,s:i,s:i,s:i,s:i}", "stems", s->stems, "bigrams", s->bigrams,
                     "char_min", s->char_min, "char_max", s->char_max, "min_df", s->min_df,
                     "sublinear_tf", s->sublinear_tf);
}

/* The installation this code was loaded from: dladdr names the shared library (or the
 * program, when linked statically); the data directory sits at a fixed relative place. */
static size_t beside_this_code(char *buf, size_t cap)
{
#if defined(__linux__) && defined(NT_DATADIR_FROM_LIBDIR)
    Dl_info info;
    if (!dladdr((void *)beside_this_code, &info) || !info.dli_fname)
        return 0;
    const char *slash = strrchr(info.dli_fname, '/');
    if (!slash)
        return 0;
    int n = snprintf(buf, cap, "%.*s/%s/newstag/newstag-ru.ntm", (int)(slash - info.dli_fname),
                     info.dli_fname, NT_DATADIR_FROM_LIBDIR);
    if (n > 0 && (size_t)n < cap && access(buf, R_OK) == 0)
        return (size_t)n;
#endif
    (void)buf;
    (void)cap;
    return 0;
}

size_t nt_model_default_path(char *buf, size_t cap)
{
    if (!buf || cap == 0)
        return 0;
    size_t n = beside_this_code(buf, cap);
    if (n)
        return n;
    static const char *const fixed[] = {
#ifdef NT_INSTALL_DATADIR
        NT_INSTALL_DATADIR "/newstag/newstag-ru.ntm",
#endif
#ifdef NT_SOURCE_MODELDIR
        NT_SOURCE_MODELDIR "/newstag-ru.ntm",
#endif
        NULL,
    };
    for (size_t i = 0; fixed[i]; i++) {
        if (access(fixed[i], R_OK) == 0 && strlen(fixed[i]) < cap) {
            memcpy(buf, fixed[i], strlen(fixed[i]) + 1);
            return strlen(fixed[i]);
        }
    }
    buf[0] = '\0';
    return 0;
}

int nt_ner_settings_from_json(nt_ner_model *nm, json_t *e)
{
    json_t *f = json_object_get(e, "features"), *types = json_object_get(e, "types");
    if (!json_is_object(f) || !json_is_array(types) || json_array_size(types) == 0 ||
        json_array_size(types) > 16)
        return -1;
    if (get_int(f, "window", 0, 5, &nm->s.window) || get_int(f, "min_count", 1, 1000000, &nm->s.min_count) ||
        get_int(f, "reach_before", 0, 20, &nm->s.reach_before) ||
        get_int(f, "reach_after", 0, 20, &nm->s.reach_after) ||
        get_int(f, "reach_commas", 0, 1, &nm->s.reach_commas) ||
        get_int(f, "lookahead", 0, 1, &nm->s.lookahead) ||
        get_int(f, "doc_features", 0, 1, &nm->s.doc_features) || get_int(f, "memory", 0, 1, &nm->s.memory))
        return -1;
    nm->n_types = json_array_size(types);
    nm->n_tags = 1 + 2 * nm->n_types;
    nm->type = calloc(nm->n_types, sizeof *nm->type);
    if (!nm->type)
        return -1;
    for (size_t k = 0; k < nm->n_types; k++) {
        json_t *t = json_array_get(types, k);
        if (!json_is_string(t) || json_string_length(t) == 0 || json_string_length(t) > 32)
            return -1;
        size_t n = json_string_length(t) + 1;
        if (!(nm->type[k] = malloc(n)))
            return -1;
        memcpy(nm->type[k], json_string_value(t), n);
    }
    return 0;
}
