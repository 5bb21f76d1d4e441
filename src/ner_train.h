/* ner_train.h - learning the entity tagger. */
#ifndef NT_NER_TRAIN_H
#define NT_NER_TRAIN_H

#include "doc.h"
#include "ner.h"
#include "newstag.h"

struct json_t;

typedef struct nt_gaz_source {
    char *name, *text;
    size_t len;
} nt_gaz_source;

typedef struct nt_ner_train_cfg {
    nt_ner_settings s;
    double C, eps;
    double o_tolerance;  /* dev F1 a lower O bar may give up for recall */
    int threads;
    const nt_gaz_source *gaz;
    size_t n_gaz;
} nt_ner_train_cfg;

/* Trains nm on the entities of `train` (docs: its articles tokenized, in order). `dev`
 * (may be NULL, with dev_docs) calibrates the scores. *info receives figures for the
 * manifest (types, tokens, candidate recall, support vectors, calibration source). */
int nt_ner_train(nt_ner_model *nm, const nt_corpus *train, const nt_doc *docs,
                 const nt_corpus *dev, const nt_doc *dev_docs, const nt_ner_train_cfg *cfg,
                 nt_progress_fn progress, void *user, struct json_t **info, nt_error *err);

struct nt_span_metrics;
/* Tags every article of c (docs: its articles tokenized) and adds the spans, against the
 * annotation, to m (initialized for nm's types). Returns NT_OK or NT_ENOMEM. */
int nt_ner_corpus_metrics(const nt_ner_model *nm, const nt_corpus *c, const nt_doc *docs,
                          nt_stemmer *st, struct nt_span_metrics *m);

/* The gold tag of every token of an article (0 = O), by the model's types. Tokens that a
 * span cuts are tagged as inside it. */
int nt_ner_gold_tags(const nt_ner_model *nm, const nt_article *a, const nt_doc *d, int *tags);

#endif
