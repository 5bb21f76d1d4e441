/* model.h - what a loaded or trained model holds. */
#ifndef NT_MODEL_H
#define NT_MODEL_H

#include "file_image.h"
#include "newstag.h"
#include "ner.h"
#include "topic_features.h"

struct nt_model {
    char *manifest;          /* pretty-printed JSON */
    nt_topic_settings ts;
    nt_topic_vocab vocab;
    size_t n_topics;
    char **topic;
    double *w;               /* vocab.n * n_topics, feature-major: w[f * n_topics + t] */
    double *bias, *platt_a, *platt_b, *threshold; /* per topic */
    nt_ner_model ner;        /* ner.present is 0 for a topics-only model */
    unsigned parts;          /* NT_CLASSIFY_* the model can do: what it was trained or loaded for */
    nt_file_image image;     /* a loaded model's file: weights, idf, indexes and names are used in it */
};

/* An empty model with room for n_topics topics over dim features. */
int nt_model_alloc(nt_model **out, size_t n_topics);
int nt_model_alloc_weights(nt_model *m, size_t dim);

/* The settings <-> manifest "features" object. */
struct json_t;
int nt_topic_settings_from_json(nt_topic_settings *s, struct json_t *features);
struct json_t *nt_topic_settings_to_json(const nt_topic_settings *s);
/* The entity settings and types <-> the manifest's "entities" object. */
int nt_ner_settings_from_json(nt_ner_model *nm, struct json_t *entities);

#endif
