/* train.c - learning a model from a labeled corpus: parameters that describe themselves,
 * features, one linear SVM per topic on worker threads, Platt scaling on cross-validated
 * decision values, thresholds, and the manifest. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus_internal.h"
#include "doc.h"
#include "error.h"
#include "metrics.h"
#include "model.h"
#include "ner_train.h"
#include "parallel.h"
#include "stem.h"
#include "strmap.h"
#include "svm_linear.h"
#include "topic_features.h"

/* Topic training computes the documents' kernel matrix once when there are at most this many
 * (72 MB, and up to 144 MB more per thread while a problem is solved); beyond, libsvm
 * computes kernel values itself. */
#define NT_GRAM_MAX_DOCS 3000

/* ---- parameters ---- */

enum { P_C, P_CLASS_WEIGHT, P_CV_FOLDS, P_STEMS, P_BIGRAMS, P_CHAR_MIN, P_CHAR_MAX, P_MIN_DF,
       P_SUBLINEAR_TF, P_NER, P_NER_C, P_NER_MIN_COUNT, P_NER_WINDOW, P_NER_REACH_BEFORE,
       P_NER_REACH_AFTER, P_NER_REACH_COMMAS, P_NER_LOOKAHEAD, P_NER_O_TOLERANCE, P_NER_DOC_FEATURES, P_NER_MEMORY, P_NER_EPS, P_COUNT };

static const nt_param_info PARAMS[P_COUNT] = {
    {"C", "SVM cost of errors for each topic's linear SVM", 1.0, 1e-4, 1e4, 0},
    {"class_weight", "weight of a topic's positive examples; 0 balances them against the negatives", 0.0, 0.0, 100.0, 0},
    {"cv_folds", "cross-validation folds for calibration (and thresholds without --dev)", 5, 2, 20, 1},
    {"stems", "1: Snowball stems of words as features; 0: whole normalized words", 1, 0, 1, 1},
    {"bigrams", "1: adjacent word pairs inside a sentence as features too", 1, 0, 1, 1},
    {"char_min", "shortest character n-gram inside words (0: no n-grams)", 0, 0, 8, 1},
    {"char_max", "longest character n-gram inside words", 0, 0, 8, 1},
    {"min_df", "a feature must occur in at least this many training articles", 2, 1, 1000, 1},
    {"sublinear_tf", "1: 1 + ln(tf) term weights; 0: raw counts (times idf either way)", 1, 0, 1, 1},
    {"ner", "1: learn the entity tagger when the corpus has entities; 0: topics only", 1, 0, 1, 1},
    {"ner_C", "SVM cost of errors for each entity tag's linear SVM", 0.1, 1e-4, 1e4, 0},
    {"ner_min_count", "an entity feature must occur this often in training", 2, 1, 1000, 1},
    {"ner_window", "words to each side that a token's features look at", 2, 0, 5, 1},
    {"ner_reach_before", "lowercase words this far before a capitalized one may be inside an entity", 6, 0, 20, 1},
    {"ner_reach_after", "lowercase words this far after a capitalized one may be inside an entity", 6, 0, 20, 1},
    {"ner_reach_commas", "1: a comma does not end that reach (official names with commas in them)", 1, 0, 1, 1},
    {"ner_lookahead", "1: features for how far ahead the sentence's next name (capital or quote) is", 1, 0, 1, 1},
    {"ner_o_tolerance", "dev F1 the entity tagger may give up for a lower bar (more recall on unfamiliar text)", 0.002, 0, 0.1, 0},
    {"ner_doc_features", "1: the same word capitalized or lowercase elsewhere in the article", 1, 0, 1, 1},
    {"ner_memory", "1: the same stem already tagged earlier in the article", 1, 0, 1, 1},
    {"ner_eps", "libsvm's stopping tolerance for the entity tags (larger: faster, rougher)", 0.001, 1e-5, 1, 0},
};

size_t nt_train_param_count(void)
{
    return P_COUNT;
}

const nt_param_info *nt_train_param(size_t i)
{
    return i < P_COUNT ? &PARAMS[i] : NULL;
}

struct nt_train_options {
    double v[P_COUNT];
    int threads;
    nt_gaz_source gaz[NT_GAZ_MAX_LISTS];
    size_t n_gaz;
};

int nt_train_options_new(nt_train_options **out)
{
    if (!out)
        return NT_EINVAL;
    nt_train_options *o = calloc(1, sizeof *o);
    if (!o)
        return NT_ENOMEM;
    for (int i = 0; i < P_COUNT; i++)
        o->v[i] = PARAMS[i].default_value;
    o->threads = 2;
    *out = o;
    return NT_OK;
}

void nt_train_options_free(nt_train_options *o)
{
    if (!o)
        return;
    for (size_t i = 0; i < o->n_gaz; i++) {
        free(o->gaz[i].name);
        free(o->gaz[i].text);
    }
    free(o);
}

int nt_train_options_add_gazetteer(nt_train_options *o, const char *name, const char *text, size_t len)
{
    if (!o || !name || !*name || strlen(name) > 64 || (!text && len))
        return NT_EINVAL;
    if (o->n_gaz == NT_GAZ_MAX_LISTS)
        return NT_EINVAL;
    nt_gaz_source *g = &o->gaz[o->n_gaz];
    g->name = nt_strdup(name);
    g->text = malloc(len + 1);
    if (!g->name || !g->text) {
        free(g->name);
        free(g->text);
        return NT_ENOMEM;
    }
    if (len)
        memcpy(g->text, text, len);
    g->text[len] = '\0';
    g->len = len;
    o->n_gaz++;
    return NT_OK;
}

int nt_train_options_set(nt_train_options *o, const char *name, const char *value, nt_error *err)
{
    if (!o || !name || !value)
        return nt_fail(err, NT_EINVAL, NULL, 0, -1, "a training option needs a name and a value");
    for (int i = 0; i < P_COUNT; i++) {
        if (strcmp(name, PARAMS[i].name))
            continue;
        char *end;
        double d = strtod(value, &end);
        if (end == value || *end || !isfinite(d))
            return nt_fail(err, NT_EINVAL, NULL, 0, -1, "%s: '%s' is not a number", name, value);
        if (PARAMS[i].is_integer && d != floor(d))
            return nt_fail(err, NT_EINVAL, NULL, 0, -1, "%s: '%s' is not a whole number", name, value);
        if (d < PARAMS[i].min || d > PARAMS[i].max)
            return nt_fail(err, NT_EINVAL, NULL, 0, -1, "%s: %s is out of range [%g, %g]", name, value,
                           PARAMS[i].min, PARAMS[i].max);
        o->v[i] = d;
        return NT_OK;
    }
    return nt_fail(err, NT_EINVAL, NULL, 0, -1, "unknown training parameter '%s' (see 'newstag train --help')", name);
}

int nt_train_options_set_threads(nt_train_options *o, int threads)
{
    if (!o || threads < 1 || threads > 256)
        return NT_EINVAL;
    o->threads = threads;
    return NT_OK;
}

/* ---- data ---- */

typedef struct dataset {
    const nt_corpus *c;
    nt_doc *docs;
    nt_sparse *x;
    size_t n;
    unsigned char *gold; /* n x n_topics */
} dataset;

static void dataset_free(dataset *d)
{
    for (size_t i = 0; i < d->n; i++) {
        if (d->docs)
            nt_doc_free(&d->docs[i]);
        if (d->x)
            nt_sparse_free(&d->x[i]);
    }
    free(d->docs);
    free(d->x);
    free(d->gold);
    memset(d, 0, sizeof *d);
}

static int dataset_docs(dataset *d, const nt_corpus *c)
{
    memset(d, 0, sizeof *d);
    d->c = c;
    d->n = nt_corpus_count(c);
    d->docs = calloc(d->n + 1, sizeof *d->docs);
    d->x = calloc(d->n + 1, sizeof *d->x);
    if (!d->docs || !d->x)
        return NT_ENOMEM;
    for (size_t i = 0; i < d->n; i++) {
        const nt_article *a = nt_corpus_get(c, i);
        int rc = nt_doc_build(&d->docs[i], a->text, a->text_len);
        if (rc)
            return rc;
    }
    return NT_OK;
}

static int dataset_vectors(dataset *d, const nt_model *m, nt_stemmer *st)
{
    d->gold = calloc(d->n * m->n_topics + 1, 1);
    if (!d->gold)
        return NT_ENOMEM;
    for (size_t i = 0; i < d->n; i++) {
        int rc = nt_topic_vectorize(&m->vocab, &m->ts, &d->docs[i], st, NULL, &d->x[i], NULL, NULL);
        if (rc)
            return rc;
        const nt_article *a = nt_corpus_get(d->c, i);
        for (size_t k = 0; k < a->n_topics; k++)
            for (size_t t = 0; t < m->n_topics; t++)
                if (!strcmp(a->topics[k], m->topic[t]))
                    d->gold[i * m->n_topics + t] = 1;
    }
    return NT_OK;
}

static double decision(const nt_model *m, size_t t, const nt_sparse *x)
{
    double f = m->bias[t];
    for (size_t i = 0; i < x->n; i++)
        f += m->w[(size_t)x->idx[i] * m->n_topics + t] * x->val[i];
    return f;
}

/* ---- one topic's training job ---- */

typedef struct topic_job {
    const dataset *train;
    const nt_model *m;
    size_t t;
    int folds;
    double C, class_weight;
    const unsigned *fold_of;
    const double *gram;  /* nt_gram_matrix of the training vectors, or NULL */
    /* results */
    double *cv_dec;      /* train.n */
    nt_linear final;
    double platt_a, platt_b;
    int rc;
    const char *why;
} topic_job;

static void run_job(topic_job *j)
{
    const dataset *tr = j->train;
    size_t n = tr->n, nt = j->m->n_topics;
    int *y = malloc((n + 1) * sizeof *y);
    unsigned char *use = malloc(n + 1);
    j->cv_dec = calloc(n + 1, sizeof *j->cv_dec);
    if (!y || !use || !j->cv_dec) {
        j->rc = NT_ENOMEM;
        goto done;
    }
    size_t pos = 0;
    for (size_t i = 0; i < n; i++) {
        y[i] = tr->gold[i * nt + j->t] ? 1 : -1;
        pos += y[i] > 0;
    }
    double w = j->class_weight > 0 ? j->class_weight : (pos ? (double)(n - pos) / (double)pos : 1.0);
    for (int f = 0; f < j->folds && !j->rc; f++) {
        for (size_t i = 0; i < n; i++)
            use[i] = j->fold_of[i] != (unsigned)f;
        nt_linear lm;
        j->rc = nt_svm_train_linear(tr->x, y, use, n, j->m->vocab.n, j->gram, j->C, w, 1e-3, &lm, &j->why);
        if (j->rc)
            break;
        for (size_t i = 0; i < n; i++)
            if (!use[i])
                j->cv_dec[i] = nt_linear_decision(&lm, &tr->x[i]);
        nt_linear_free(&lm);
    }
    if (!j->rc) {
        nt_platt_fit(j->cv_dec, y, n, &j->platt_a, &j->platt_b);
        j->rc = nt_svm_train_linear(tr->x, y, NULL, n, j->m->vocab.n, j->gram, j->C, w, 1e-3, &j->final, &j->why);
    }
done:
    free(y);
    free(use);
}

static void topic_job_run(void *ctx, size_t k)
{
    run_job(&((topic_job *)ctx)[k]);
}

/* ---- the corpus hash: what the model was trained on ---- */

static uint64_t corpus_hash(const nt_corpus *c)
{
    uint64_t h = 1469598103934665603ull;
#define MIX(p, n)                                                                                 \
    do {                                                                                          \
        const unsigned char *q_ = (const unsigned char *)(p);                                     \
        for (size_t k_ = 0; k_ < (n); k_++)                                                       \
            h = (h ^ q_[k_]) * 1099511628211ull;                                                  \
        h = (h ^ 0xFF) * 1099511628211ull;                                                        \
    } while (0)
    for (size_t i = 0; i < nt_corpus_count(c); i++) {
        const nt_article *a = nt_corpus_get(c, i);
        MIX(a->id, strlen(a->id));
        MIX(a->text, a->text_len);
        for (size_t k = 0; k < a->n_topics; k++)
            MIX(a->topics[k], strlen(a->topics[k]));
        for (size_t k = 0; k < a->n_entities; k++) {
            char buf[96];
            int n = snprintf(buf, sizeof buf, "%zu %zu %s", a->entities[k].start, a->entities[k].end,
                             a->entities[k].type);
            MIX(buf, (size_t)(n > 0 ? n : 0));
        }
    }
#undef MIX
    return h;
}

static json_t *corpus_json(const nt_corpus *c)
{
    char hex[17];
    snprintf(hex, sizeof hex, "%016llx", (unsigned long long)corpus_hash(c));
    return json_pack("{s:I,s:s}", "articles", (json_int_t)nt_corpus_count(c), "fnv1a64", hex);
}

/* Metrics of m's current thresholds on a dataset whose vectors are made. */
static json_t *dataset_metrics(const nt_model *m, const dataset *d, const double *prob_or_null)
{
    nt_metrics mt;
    if (nt_metrics_init(&mt, m->n_topics))
        return NULL;
    unsigned char pred[256];
    for (size_t i = 0; i < d->n; i++) {
        for (size_t t = 0; t < m->n_topics; t++) {
            double p = prob_or_null ? prob_or_null[i * m->n_topics + t]
                                    : nt_platt_prob(decision(m, t, &d->x[i]), m->platt_a[t], m->platt_b[t]);
            pred[t] = p >= m->threshold[t];
        }
        nt_metrics_add(&mt, d->gold + i * m->n_topics, pred);
    }
    json_t *j = nt_metrics_json(&mt, (const char *const *)m->topic);
    nt_metrics_free(&mt);
    return j;
}

/* Entity metrics of m's tagger on a corpus whose documents are tokenized. */
static json_t *ner_metrics(const nt_model *m, const nt_corpus *c, const nt_doc *docs)
{
    nt_span_metrics sm;
    nt_stemmer *st = nt_stemmer_new();
    json_t *j = NULL;
    if (st && nt_span_metrics_init(&sm, m->ner.n_types) == NT_OK) {
        if (nt_ner_corpus_metrics(&m->ner, c, docs, st, &sm) == NT_OK)
            j = nt_span_metrics_json(&sm, (const char *const *)m->ner.type);
        nt_span_metrics_free(&sm);
    }
    nt_stemmer_free(st);
    return j;
}

static int has_entities(const nt_corpus *c)
{
    for (size_t i = 0; i < nt_corpus_count(c); i++)
        if (nt_corpus_get(c, i)->n_entities)
            return 1;
    return 0;
}

static int label_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int collect_labels(const nt_corpus *c, char ***labels, size_t *n)
{
    size_t cap = 16;
    char **v = calloc(cap, sizeof *v);
    *n = 0;
    if (!v)
        return NT_ENOMEM;
    for (size_t i = 0; i < nt_corpus_count(c); i++) {
        const nt_article *a = nt_corpus_get(c, i);
        for (size_t k = 0; k < a->n_topics; k++) {
            size_t j = 0;
            while (j < *n && strcmp(v[j], a->topics[k]))
                j++;
            if (j < *n)
                continue;
            if (*n == 256) {
                *labels = v;
                return NT_ELABEL;
            }
            if (*n == cap) {
                char **p = realloc(v, cap * 2 * sizeof *p);
                if (!p) {
                    *labels = v;
                    return NT_ENOMEM;
                }
                v = p;
                cap *= 2;
            }
            v[(*n)++] = (char *)a->topics[k]; /* borrowed; copied into the model */
        }
    }
    qsort(v, *n, sizeof *v, label_cmp);
    *labels = v;
    return NT_OK;
}

static int report(nt_progress_fn progress, void *user, const char *stage, size_t done, size_t total)
{
    return progress && progress(user, stage, done, total) ? NT_ECANCELED : NT_OK;
}

int nt_train(nt_model **out, const nt_corpus *train, const nt_corpus *dev, const nt_corpus *test,
             const nt_train_options *o, nt_progress_fn progress, void *user, nt_error *err)
{
    if (!out || !train || !o)
        return nt_fail(err, NT_EINVAL, NULL, 0, -1, "nt_train: a required argument is NULL");
    nt_error e; /* copied to *err on failure only */
    nt_error_clear(&e);
    *out = NULL;
    if (o->v[P_CHAR_MIN] > o->v[P_CHAR_MAX] || o->v[P_CHAR_MIN] == 1)
        return nt_fail(err, NT_EINVAL, NULL, 0, -1, "char_min must be 0 (off) or from 2 to char_max");
    if (nt_corpus_count(train) < (size_t)o->v[P_CV_FOLDS])
        return nt_fail(err, NT_EINVAL, NULL, 0, -1, "the training corpus has fewer articles than cv_folds");

    dataset tr = {0}, dv = {0}, te = {0};
    nt_model *m = NULL;
    nt_stemmer *st = nt_stemmer_new();
    char **labels = NULL;
    size_t nlabels = 0;
    topic_job *jobs = NULL;
    unsigned *fold_of = NULL;
    double *gram = NULL;
    double *dev_prob = NULL, *cv_prob = NULL;
    json_t *manifest = NULL;
    int rc = st ? NT_OK : NT_ENOMEM;

    if (!rc && (rc = collect_labels(train, &labels, &nlabels)) == NT_ELABEL)
        rc = nt_fail(&e, NT_ELABEL, NULL, 0, -1, "more than 256 topic labels");
    if (!rc && nlabels == 0)
        rc = nt_fail(&e, NT_ELABEL, NULL, 0, -1, "the training corpus has no topic labels");
    if (!rc)
        rc = nt_model_alloc(&m, nlabels);
    for (size_t t = 0; !rc && t < nlabels; t++)
        if (!(m->topic[t] = nt_strdup(labels[t])))
            rc = NT_ENOMEM;
    if (!rc) {
        m->ts.stems = (int)o->v[P_STEMS];
        m->ts.bigrams = (int)o->v[P_BIGRAMS];
        m->ts.char_min = (int)o->v[P_CHAR_MIN];
        m->ts.char_max = (int)o->v[P_CHAR_MAX];
        m->ts.min_df = (int)o->v[P_MIN_DF];
        m->ts.sublinear_tf = (int)o->v[P_SUBLINEAR_TF];
    }

    if (!rc) rc = report(progress, user, "tokenize", 0, nt_corpus_count(train));
    if (!rc) rc = dataset_docs(&tr, train);
    if (!rc) rc = report(progress, user, "features", 0, 0);
    if (!rc) rc = nt_topic_vocab_build(&m->vocab, tr.docs, tr.n, st, &m->ts);
    if (!rc) rc = nt_model_alloc_weights(m, m->vocab.n);
    if (!rc) rc = dataset_vectors(&tr, m, st);

    /* folds by a hash of the id: stable under reordering of the corpus */
    int folds = (int)o->v[P_CV_FOLDS];
    if (!rc && !(fold_of = malloc((tr.n + 1) * sizeof *fold_of)))
        rc = NT_ENOMEM;
    for (size_t i = 0; !rc && i < tr.n; i++) {
        const char *id = nt_corpus_get(train, i)->id;
        fold_of[i] = (unsigned)(nt_hash_bytes(id, strlen(id)) % (uint64_t)folds);
    }

    /* every topic's folds and final model solve problems over these same documents: their
     * kernel values are computed once (up to a size where the matrix would not pay) */
    if (!rc && tr.n <= NT_GRAM_MAX_DOCS && !(gram = nt_gram_matrix(tr.x, tr.n, m->vocab.n)))
        rc = NT_ENOMEM;
    if (!rc && !(jobs = calloc(nlabels, sizeof *jobs)))
        rc = NT_ENOMEM;
    if (!rc) {
        for (size_t t = 0; t < nlabels; t++)
            jobs[t] = (topic_job){&tr, m, t, folds, o->v[P_C], o->v[P_CLASS_WEIGHT], fold_of, gram,
                                  NULL, {NULL, 0, 0, 0, 0}, 0, 0, NT_OK, NULL};
        nt_svm_quiet(); /* libsvm's print hook is global: set it before any thread trains */
        rc = nt_parallel_for(nlabels, o->threads, topic_job_run, jobs, progress, user, "topics");
    }
    for (size_t t = 0; !rc && t < nlabels; t++) {
        if (jobs[t].rc == NT_EINVAL) {
            rc = nt_fail(&e, NT_EINVAL, NULL, 0, -1, "libsvm: %s", jobs[t].why ? jobs[t].why : "bad parameters");
            break;
        }
        if (jobs[t].rc == NT_EFORMAT) {
            rc = nt_fail(&e, NT_EFORMAT, NULL, 0, -1, "collapsed weights disagree with libsvm's decisions (a bug)");
            break;
        }
        if ((rc = jobs[t].rc))
            break;
        for (size_t f = 0; f < m->vocab.n; f++)
            m->w[f * nlabels + t] = jobs[t].final.w[f];
        m->bias[t] = jobs[t].final.bias;
        m->platt_a[t] = jobs[t].platt_a;
        m->platt_b[t] = jobs[t].platt_b;
    }

    /* thresholds: on dev when there is one, else on the cross-validated probabilities */
    if (!rc && !(cv_prob = malloc((tr.n * nlabels + 1) * sizeof *cv_prob)))
        rc = NT_ENOMEM;
    for (size_t i = 0; !rc && i < tr.n; i++)
        for (size_t t = 0; t < nlabels; t++)
            cv_prob[i * nlabels + t] = nt_platt_prob(jobs[t].cv_dec[i], m->platt_a[t], m->platt_b[t]);
    if (!rc && dev) {
        rc = report(progress, user, "dev", 0, nt_corpus_count(dev));
        if (!rc) rc = dataset_docs(&dv, dev);
        if (!rc) rc = dataset_vectors(&dv, m, st);
        if (!rc && !(dev_prob = malloc((dv.n * nlabels + 1) * sizeof *dev_prob)))
            rc = NT_ENOMEM;
        for (size_t i = 0; !rc && i < dv.n; i++)
            for (size_t t = 0; t < nlabels; t++)
                dev_prob[i * nlabels + t] = nt_platt_prob(decision(m, t, &dv.x[i]), m->platt_a[t], m->platt_b[t]);
    }
    for (size_t t = 0; !rc && t < nlabels; t++) {
        const dataset *src = (dev && dv.n) ? &dv : &tr;
        const double *prob = (dev && dv.n) ? dev_prob : cv_prob;
        double *p = malloc((src->n + 1) * sizeof *p);
        unsigned char *y = malloc(src->n + 1);
        if (!p || !y) {
            free(p);
            free(y);
            rc = NT_ENOMEM;
            break;
        }
        for (size_t i = 0; i < src->n; i++) {
            p[i] = prob[i * nlabels + t];
            y[i] = src->gold[i * nlabels + t];
        }
        m->threshold[t] = nt_best_threshold(p, y, src->n);
        free(p);
        free(y);
    }

    /* the entity tagger */
    json_t *ner_info = NULL;
    if (!rc && o->v[P_NER] && has_entities(train)) {
        nt_ner_train_cfg cfg;
        cfg.s.window = (int)o->v[P_NER_WINDOW];
        cfg.s.min_count = (int)o->v[P_NER_MIN_COUNT];
        cfg.s.reach_before = (int)o->v[P_NER_REACH_BEFORE];
        cfg.s.reach_after = (int)o->v[P_NER_REACH_AFTER];
        cfg.s.reach_commas = (int)o->v[P_NER_REACH_COMMAS];
        cfg.s.lookahead = (int)o->v[P_NER_LOOKAHEAD];
        cfg.s.doc_features = (int)o->v[P_NER_DOC_FEATURES];
        cfg.s.memory = (int)o->v[P_NER_MEMORY];
        cfg.C = o->v[P_NER_C];
        cfg.eps = o->v[P_NER_EPS];
        cfg.o_tolerance = o->v[P_NER_O_TOLERANCE];
        cfg.threads = o->threads;
        cfg.gaz = o->gaz;
        cfg.n_gaz = o->n_gaz;
        rc = nt_ner_train(&m->ner, train, tr.docs, dev, dev ? dv.docs : NULL, &cfg, progress, user, &ner_info, &e);
    }

    /* the manifest */
    if (!rc) {
        manifest = json_object();
        json_t *topics = json_array(), *thresholds = json_object(), *training = json_object();
        json_t *corpora = json_object(), *metrics = json_object(), *svs = json_object();
        for (size_t t = 0; t < nlabels; t++) {
            json_array_append_new(topics, json_string(m->topic[t]));
            json_object_set_new(thresholds, m->topic[t], json_real(m->threshold[t]));
            json_object_set_new(svs, m->topic[t], json_integer((json_int_t)jobs[t].final.n_sv));
        }
        for (int i = 0; i < P_COUNT; i++)
            json_object_set_new(training, PARAMS[i].name,
                                PARAMS[i].is_integer ? json_integer((json_int_t)o->v[i]) : json_real(o->v[i]));
        json_object_set_new(training, "thresholds_from", json_string(dev ? "dev" : "cross-validation"));
        json_object_set_new(training, "calibration", json_string("Platt scaling on cross-validated decision values"));
        json_object_set_new(training, "learner", json_string("libsvm C-SVC, linear kernel, one binary problem per topic"));
        json_object_set_new(corpora, "train", corpus_json(train));
        if (dev)
            json_object_set_new(corpora, "dev", corpus_json(dev));
        if (test)
            json_object_set_new(corpora, "test", corpus_json(test));
        json_object_set_new(metrics, "cross_validation", dataset_metrics(m, &tr, cv_prob));
        if (dev) {
            json_t *dm = dataset_metrics(m, &dv, dev_prob);
            if (m->ner.present)
                json_object_set_new(dm, "entities", ner_metrics(m, dev, dv.docs));
            json_object_set_new(metrics, "dev", dm);
        }
        if (test) {
            if (!(rc = report(progress, user, "test", 0, nt_corpus_count(test))) &&
                !(rc = dataset_docs(&te, test)) && !(rc = dataset_vectors(&te, m, st))) {
                json_t *tm = dataset_metrics(m, &te, NULL);
                if (m->ner.present)
                    json_object_set_new(tm, "entities", ner_metrics(m, test, te.docs));
                json_object_set_new(metrics, "test", tm);
            }
        }
        json_object_set_new(manifest, "format", json_string("newstag-model"));
        json_object_set_new(manifest, "format_version", json_integer(NT_MODEL_FORMAT_VERSION));
        json_object_set_new(manifest, "feature_hash", json_string(NT_FEAT_HASH_NAME));
        json_object_set_new(manifest, "library_version", json_string(nt_version()));
        json_object_set_new(manifest, "language", json_string("ru"));
        json_object_set_new(manifest, "topics", topics);
        json_object_set_new(manifest, "thresholds", thresholds);
        json_object_set_new(manifest, "features", nt_topic_settings_to_json(&m->ts));
        json_object_set_new(manifest, "vocabulary_size", json_integer((json_int_t)m->vocab.n));
        json_object_set_new(manifest, "support_vectors", svs);
        if (ner_info)
            json_object_set_new(manifest, "entities", ner_info);
        ner_info = NULL;
        json_object_set_new(manifest, "training", training);
        json_object_set_new(manifest, "corpora", corpora);
        json_object_set_new(manifest, "metrics", metrics);
        if (!rc && !(m->manifest = json_dumps(manifest, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17))))
            rc = NT_ENOMEM;
    }
    json_decref(manifest);
    json_decref(ner_info);
    for (size_t t = 0; jobs && t < nlabels; t++) {
        free(jobs[t].cv_dec);
        nt_linear_free(&jobs[t].final);
    }
    free(jobs);
    free(fold_of);
    free(gram);
    free(cv_prob);
    free(dev_prob);
    free(labels);
    dataset_free(&tr);
    dataset_free(&dv);
    dataset_free(&te);
    nt_stemmer_free(st);
    if (rc) {
        nt_model_free(m);
        if (!e.code)
            nt_fail(&e, rc, NULL, 0, -1, NULL);
        if (err)
            *err = e;
        return rc;
    }
    *out = m;
    return NT_OK;
}
