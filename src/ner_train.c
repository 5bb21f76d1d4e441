/* ner_train.c - one binary linear SVM per tag (one against the rest) over the candidate
 * tokens, trained on worker threads, with previous tags and the article's memory taken
 * from the gold annotation (teacher forcing), and Platt scaling on dev. */
#include "ner_train.h"

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "corpus_internal.h"
#include "error.h"
#include "metrics.h"
#include "parallel.h"
#include "svm_linear.h"
#include "topic_features.h"

int nt_ner_gold_tags(const nt_ner_model *nm, const nt_article *a, const nt_doc *d, int *tags)
{
    for (size_t i = 0; i < d->n; i++)
        tags[i] = 0;
    size_t ti = 0;
    for (size_t k = 0; k < a->n_entities; k++) {
        const nt_span *e = &a->entities[k];
        size_t type = nm->n_types;
        for (size_t t = 0; t < nm->n_types; t++)
            if (!strcmp(nm->type[t], e->type))
                type = t;
        while (ti < d->n && d->tok[ti].cp_end <= e->start)
            ti++;
        if (type == nm->n_types)
            continue; /* a type the model does not know */
        for (size_t i = ti; i < d->n && d->tok[i].cp_start < e->end; i++)
            tags[i] = (int)(i == ti ? 1 + 2 * type : 2 + 2 * type);
    }
    return NT_OK;
}

/* ---- counting features ---- */

static int count_feature(void *user, size_t tok, const char *f, size_t len)
{
    (void)tok;
    nt_strmap *m = user;
    int64_t v = nt_strmap_get(m, f, len);
    return nt_strmap_put(m, f, len, v < 0 ? 1 : v + 1);
}

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* ---- rows: static + dynamic feature indices of every candidate token ---- */

typedef struct rows {
    nt_sparse *x;
    int *tag;
    size_t n, cap;
} rows;

static int int_cmp(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return x < y ? -1 : x > y;
}

static int add_rows(rows *r, const nt_ner_model *nm, const nt_ner_doc *nd, const int *gold)
{
    const nt_doc *d = nd->d;
    nt_featmap memory = {0};
    int32_t buf[1024], dyn[64];
    int rc = NT_OK;
    for (size_t i = 0; i < d->n && !rc; i++) {
        if (nd->candidate[i]) {
            size_t ns = nd->feat_start[i + 1] - nd->feat_start[i];
            size_t nd_ = nt_ner_dynamic(nm, nd, i, gold, &memory, dyn);
            if (ns + nd_ > sizeof buf / sizeof buf[0])
                ns = sizeof buf / sizeof buf[0] - nd_;
            memcpy(buf, nd->feat + nd->feat_start[i], ns * sizeof *buf);
            memcpy(buf + ns, dyn, nd_ * sizeof *buf);
            size_t k = ns + nd_;
            qsort(buf, k, sizeof *buf, int_cmp);
            size_t u = 0;
            for (size_t j = 0; j < k; j++)
                if (u == 0 || buf[j] != buf[u - 1])
                    buf[u++] = buf[j];
            if (r->n == r->cap) {
                size_t cap = r->cap ? r->cap * 2 : 4096;
                nt_sparse *px = realloc(r->x, cap * sizeof *px);
                if (px)
                    r->x = px;
                int *pt = realloc(r->tag, cap * sizeof *pt);
                if (pt)
                    r->tag = pt;
                if (!px || !pt) {
                    rc = NT_ENOMEM;
                    break;
                }
                r->cap = cap;
            }
            nt_sparse *x = &r->x[r->n];
            x->idx = malloc((u + 1) * sizeof *x->idx);
            x->val = malloc((u + 1) * sizeof *x->val);
            if (!x->idx || !x->val) {
                free(x->idx);
                free(x->val);
                rc = NT_ENOMEM;
                break;
            }
            x->n = x->cap = u;
            memcpy(x->idx, buf, u * sizeof *buf);
            for (size_t j = 0; j < u; j++)
                x->val[j] = 1.0;
            r->tag[r->n++] = gold[i];
        }
        if (gold[i] != 0 && nm->s.memory)
            rc = nt_featmap_or(&memory, nt_feat_hash(nd->stem[i], strlen(nd->stem[i])),
                               (int64_t)1 << ((gold[i] - 1) / 2));
    }
    nt_featmap_free(&memory);
    return rc;
}

static void rows_free(rows *r)
{
    for (size_t i = 0; i < r->n; i++)
        nt_sparse_free(&r->x[i]);
    free(r->x);
    free(r->tag);
    memset(r, 0, sizeof *r);
}

/* Builds the rows of a corpus (and, on the way, counts gold entity tokens the candidate
 * filter keeps). */
static int corpus_rows(const nt_ner_model *nm, const nt_corpus *c, const nt_doc *docs,
                       nt_stemmer *st, rows *r, size_t *ent_tokens, size_t *ent_kept, size_t *tokens)
{
    nt_ner_cache *cache = nt_ner_cache_new();
    int rc = cache ? NT_OK : NT_ENOMEM;
    for (size_t a = 0; a < nt_corpus_count(c) && !rc; a++) {
        nt_ner_doc nd;
        int *gold = malloc((docs[a].n + 1) * sizeof *gold);
        if (!gold) {
            rc = NT_ENOMEM;
            break;
        }
        rc = nt_ner_index(nm, &nd, &docs[a], st, cache);
        if (!rc)
            rc = nt_ner_gold_tags(nm, nt_corpus_get(c, a), &docs[a], gold);
        for (size_t i = 0; !rc && i < docs[a].n; i++) {
            if (gold[i]) {
                (*ent_tokens)++;
                *ent_kept += nd.candidate[i];
            }
            (*tokens)++;
        }
        if (!rc)
            rc = add_rows(r, nm, &nd, gold);
        nt_ner_doc_free(&nd);
        free(gold);
    }
    nt_ner_cache_free(cache);
    return rc;
}

/* ---- one tag's job ---- */

typedef struct tag_job {
    const rows *r;
    size_t dim;
    int tag;
    double C, eps;
    nt_linear lm;
    int rc;
    const char *why;
} tag_job;

static void run_tag(void *ctx, size_t k)
{
    tag_job *j = &((tag_job *)ctx)[k];
    int *y = malloc((j->r->n + 1) * sizeof *y);
    if (!y) {
        j->rc = NT_ENOMEM;
        return;
    }
    for (size_t i = 0; i < j->r->n; i++)
        y[i] = j->r->tag[i] == j->tag ? 1 : -1;
    j->rc = nt_svm_train_linear(j->r->x, y, NULL, j->r->n, j->dim, NULL, j->C, 1.0, j->eps, &j->lm, &j->why);
    free(y);
}

int nt_ner_corpus_metrics(const nt_ner_model *nm, const nt_corpus *c, const nt_doc *docs,
                          nt_stemmer *st, nt_span_metrics *m)
{
    nt_ner_cache *cache = nt_ner_cache_new();
    int rc = cache ? NT_OK : NT_ENOMEM;
    for (size_t a = 0; a < nt_corpus_count(c) && !rc; a++) {
        const nt_article *ar = nt_corpus_get(c, a);
        nt_ner_doc nd;
        nt_ner_span *spans = NULL;
        size_t ns = 0;
        rc = nt_ner_index(nm, &nd, &docs[a], st, cache);
        if (!rc)
            rc = nt_ner_decode(nm, &nd, &spans, &ns, NULL);
        nt_span_ref *gold = calloc(ar->n_entities + 1, sizeof *gold), *pred = calloc(ns + 1, sizeof *pred);
        if (!rc && (!gold || !pred))
            rc = NT_ENOMEM;
        for (size_t k = 0; !rc && k < ar->n_entities; k++) {
            size_t t = 0;
            while (t < nm->n_types && strcmp(nm->type[t], ar->entities[k].type))
                t++;
            gold[k] = (nt_span_ref){ar->entities[k].start, ar->entities[k].end, t};
        }
        for (size_t k = 0; !rc && k < ns; k++)
            pred[k] = (nt_span_ref){docs[a].tok[spans[k].first].cp_start, docs[a].tok[spans[k].last].cp_end,
                                    spans[k].type};
        if (!rc)
            nt_span_metrics_add(m, gold, ar->n_entities, pred, ns);
        free(gold);
        free(pred);
        free(spans);
        nt_ner_doc_free(&nd);
    }
    nt_ner_cache_free(cache);
    return rc;
}

/* Exact-match micro F1 of the tagger as it stands on a tokenized corpus (0 when out of memory). */
static double corpus_f1(const nt_ner_model *nm, const nt_corpus *c, const nt_doc *docs, nt_stemmer *st)
{
    nt_span_metrics m;
    if (nt_span_metrics_init(&m, nm->n_types))
        return 0;
    double f1 = nt_ner_corpus_metrics(nm, c, docs, st, &m) ? 0 : nt_span_micro_f1(&m);
    nt_span_metrics_free(&m);
    return f1;
}

static int collect_types(const nt_corpus *c, nt_ner_model *nm)
{
    size_t cap = 8;
    nm->type = calloc(cap, sizeof *nm->type);
    if (!nm->type)
        return NT_ENOMEM;
    for (size_t a = 0; a < nt_corpus_count(c); a++) {
        const nt_article *ar = nt_corpus_get(c, a);
        for (size_t k = 0; k < ar->n_entities; k++) {
            size_t t = 0;
            while (t < nm->n_types && strcmp(nm->type[t], ar->entities[k].type))
                t++;
            if (t < nm->n_types)
                continue;
            if (nm->n_types == 16)
                return NT_ELABEL;
            if (nm->n_types == cap) {
                char **p = realloc(nm->type, cap * 2 * sizeof *p);
                if (!p)
                    return NT_ENOMEM;
                nm->type = p;
                cap *= 2;
            }
            if (!(nm->type[nm->n_types++] = nt_strdup(ar->entities[k].type)))
                return NT_ENOMEM;
        }
    }
    qsort(nm->type, nm->n_types, sizeof *nm->type, str_cmp);
    nm->n_tags = 1 + 2 * nm->n_types;
    return NT_OK;
}

int nt_ner_train(nt_ner_model *nm, const nt_corpus *train, const nt_doc *docs, const nt_corpus *dev,
                 const nt_doc *dev_docs, const nt_ner_train_cfg *cfg, nt_progress_fn progress,
                 void *user, json_t **info, nt_error *err)
{
    memset(nm, 0, sizeof *nm);
    nm->s = cfg->s;
    nt_stemmer *st = nt_stemmer_new();
    nt_strmap counts = {0};
    const char **names = NULL; /* the kept features, sorted */
    size_t n_names = 0;
    rows tr = {0}, dv = {0};
    tag_job *jobs = NULL;
    size_t ent_tokens = 0, ent_kept = 0, tokens = 0, dv_e = 0, dv_k = 0, dv_t = 0;
    int rc = st ? collect_types(train, nm) : NT_ENOMEM;
    if (rc == NT_ELABEL)
        rc = nt_fail(err, NT_ELABEL, NULL, 0, -1, "more than 16 entity types");
    for (size_t g = 0; !rc && g < cfg->n_gaz; g++)
        rc = nt_gaz_add_list(&nm->gaz, cfg->gaz[g].name, cfg->gaz[g].text, cfg->gaz[g].len);
    if (!rc)
        rc = nt_gaz_index(&nm->gaz, st);
    if (!rc && progress && progress(user, "entities", 0, 0))
        rc = NT_ECANCELED;

    /* the vocabulary: static features seen often enough, and every dynamic feature */
    for (size_t a = 0; !rc && a < nt_corpus_count(train); a++) {
        nt_ner_doc nd;
        rc = nt_ner_emit(nm, &nd, &docs[a], st, count_feature, &counts);
        nt_ner_doc_free(&nd);
    }
    char name[128];
    for (size_t t = 0; !rc && t < nm->n_tags; t++) {
        nt_ner_prev1_name(nm, t, name, sizeof name);
        rc = nt_strmap_put(&counts, name, strlen(name), 1 << 30);
        nt_ner_prev2_name(nm, t, name, sizeof name);
        if (!rc) rc = nt_strmap_put(&counts, name, strlen(name), 1 << 30);
        nt_ner_prev1_cap_name(nm, t, name, sizeof name);
        if (!rc) rc = nt_strmap_put(&counts, name, strlen(name), 1 << 30);
    }
    for (size_t k = 0; !rc && k < nm->n_types; k++) {
        nt_ner_memory_name(nm, k, name, sizeof name);
        rc = nt_strmap_put(&counts, name, strlen(name), 1 << 30);
    }
    if (!rc)
        rc = nt_strmap_sorted_keys(&counts, cfg->s.min_count, &names, &n_names);
    if (!rc) {
        nm->name = malloc((n_names + 1) * sizeof *nm->name);
        if (!nm->name)
            rc = NT_ENOMEM;
        if (!rc)
            rc = nt_featmap_reserve(&nm->vocab, n_names);
        size_t dim = 0;
        for (size_t i = 0; !rc && i < n_names; i++) {
            size_t len = strlen(names[i]);
            rc = nt_featmap_add(&nm->vocab, nt_feat_hash(names[i], len), (int64_t)dim);
            if (rc == NT_EFORMAT) { /* its fingerprint is taken: it could not be told apart */
                rc = NT_OK;
                continue;
            }
            if (!rc && !(nm->name[dim++] = nt_strpool_add(&nm->names, names[i], len)))
                rc = NT_ENOMEM;
        }
        nm->dim = dim;
    }
    if (!rc)
        rc = nt_ner_bind_dynamic(nm);
    if (!rc)
        rc = corpus_rows(nm, train, docs, st, &tr, &ent_tokens, &ent_kept, &tokens);

    /* one binary problem per tag, on the worker threads */
    if (!rc && !(jobs = calloc(nm->n_tags, sizeof *jobs)))
        rc = NT_ENOMEM;
    for (size_t t = 0; !rc && t < nm->n_tags; t++)
        jobs[t] = (tag_job){&tr, nm->dim, (int)t, cfg->C, cfg->eps, {NULL, 0, 0, 0, 0}, NT_OK, NULL};
    /* O gets no classifier of its own: with zero weights and Platt parameters (0, 0) its
     * probability is 0.5, so a token is O unless an entity tag is more likely than not. The
     * O-against-the-rest problem would be the largest and slowest of all, and it adds
     * nothing that the entity tags' calibrated scores do not already say. */
    if (!rc) {
        nt_svm_quiet();
        rc = nt_parallel_for(nm->n_tags - 1, cfg->threads, run_tag, jobs + 1, progress, user, "entities");
    }
    if (!rc && !(jobs[0].lm.w = calloc(nm->dim + 1, sizeof *jobs[0].lm.w)))
        rc = NT_ENOMEM;
    for (size_t t = 0; !rc && t < nm->n_tags; t++)
        if (jobs[t].rc)
            rc = jobs[t].rc == NT_EINVAL ? nt_fail(err, NT_EINVAL, NULL, 0, -1, "libsvm: %s", jobs[t].why)
                 : jobs[t].rc == NT_EFORMAT ? nt_fail(err, NT_EFORMAT, NULL, 0, -1, "collapsed weights disagree with libsvm (a bug)")
                                            : jobs[t].rc;
    if (!rc) {
        nm->w = calloc(nm->dim * nm->n_tags + 1, sizeof *nm->w);
        nm->bias = calloc(nm->n_tags, sizeof *nm->bias);
        nm->platt_a = calloc(nm->n_tags, sizeof *nm->platt_a);
        nm->platt_b = calloc(nm->n_tags, sizeof *nm->platt_b);
        if (!nm->w || !nm->bias || !nm->platt_a || !nm->platt_b)
            rc = NT_ENOMEM;
    }
    for (size_t t = 0; !rc && t < nm->n_tags; t++) {
        for (size_t f = 0; f < nm->dim; f++)
            nm->w[f * nm->n_tags + t] = jobs[t].lm.w[f];
        nm->bias[t] = jobs[t].lm.bias;
    }
    /* calibration: decision values on dev (teacher-forced rows), else on train */
    if (!rc && dev && dev_docs)
        rc = corpus_rows(nm, dev, dev_docs, st, &dv, &dv_e, &dv_k, &dv_t);
    const rows *cal = (dev && dv.n) ? &dv : &tr;
    double *f = !rc ? malloc((cal->n + 1) * sizeof *f) : NULL;
    int *y = !rc ? malloc((cal->n + 1) * sizeof *y) : NULL;
    if (!rc && (!f || !y))
        rc = NT_ENOMEM;
    for (size_t t = 1; !rc && t < nm->n_tags; t++) {
        for (size_t i = 0; i < cal->n; i++) {
            f[i] = nt_linear_decision(&jobs[t].lm, &cal->x[i]);
            y[i] = cal->tag[i] == (int)t ? 1 : -1;
        }
        nt_platt_fit(f, y, cal->n, &nm->platt_a[t], &nm->platt_b[t]);
    }
    free(f);
    free(y);
    /* O's probability, the bar an entity tag must clear, chosen on dev: a constant score,
     * written as O's Platt parameters (A = 0, B = ln(1/p - 1) gives probability p). Dev F1
     * is flat over a wide range of bars; within cfg->o_tolerance of the best, the lowest bar
     * (the most recall) is taken, since text unlike the corpus loses recall first. */
    double o_prob = 0.5;
    if (!rc && dev && dv.n) {
        double grid_f1[13], best = -1;
        for (int k = 3; k <= 12; k++) {
            double p = 0.05 * k;
            nm->platt_a[0] = 0;
            nm->platt_b[0] = log(1.0 / p - 1.0);
            grid_f1[k] = corpus_f1(nm, dev, dev_docs, st);
            if (grid_f1[k] > best)
                best = grid_f1[k];
        }
        for (int k = 3; k <= 12; k++)
            if (grid_f1[k] >= best - cfg->o_tolerance) {
                o_prob = 0.05 * k;
                break;
            }
    }
    if (!rc) {
        nm->platt_a[0] = 0;
        nm->platt_b[0] = log(1.0 / o_prob - 1.0);
    }
    if (!rc && info) {
        json_t *types = json_array(), *svs = json_object();
        for (size_t k = 0; k < nm->n_types; k++)
            json_array_append_new(types, json_string(nm->type[k]));
        for (size_t t = 0; t < nm->n_tags; t++) {
            char tn[80];
            nt_ner_prev1_name(nm, t, tn, sizeof tn);
            json_object_set_new(svs, tn + 4, json_integer((json_int_t)jobs[t].lm.n_sv));
        }
        *info = json_pack("{s:o,s:s,s:{s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:i},s:f,s:f,s:I,s:I,s:I,s:f,s:o,s:s,s:f,s:I}",
                          "types", types, "tagging", "BIO, greedy left to right, invalid tags never chosen",
                          "features", "window", nm->s.window, "min_count", nm->s.min_count, "reach_before",
                          nm->s.reach_before, "reach_after", nm->s.reach_after, "reach_commas", nm->s.reach_commas, "lookahead", nm->s.lookahead, "doc_features",
                          nm->s.doc_features, "memory", nm->s.memory, "C", cfg->C, "eps", cfg->eps, "vocabulary_size",
                          (json_int_t)nm->dim, "training_tokens", (json_int_t)tokens, "candidate_tokens",
                          (json_int_t)tr.n, "candidate_recall",
                          ent_tokens ? (double)ent_kept / (double)ent_tokens : 1.0, "support_vectors", svs,
                          "calibration", (dev && dv.n) ? "Platt scaling on dev" : "Platt scaling on train",
                          "o_probability", o_prob, "gazetteer_lists", (json_int_t)nm->gaz.n_lists);
    }
    for (size_t t = 0; jobs && t < nm->n_tags; t++)
        nt_linear_free(&jobs[t].lm);
    free(jobs);
    free(names);
    nt_strmap_free(&counts);
    rows_free(&tr);
    rows_free(&dv);
    nt_stemmer_free(st);
    if (rc) {
        nt_ner_model_free(nm);
        if (err && !err->code)
            nt_fail(err, rc, NULL, 0, -1, NULL);
        return rc;
    }
    nm->present = 1;
    return NT_OK;
}
