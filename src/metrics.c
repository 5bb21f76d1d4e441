/* metrics.c - precision, recall, F1, exact sets and confusions for topic labels. */
#include "metrics.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "newstag.h"

int nt_metrics_init(nt_metrics *m, size_t n)
{
    memset(m, 0, sizeof *m);
    m->n_labels = n;
    m->per = calloc(n + 1, sizeof *m->per);
    m->confused = calloc((n + 1) * (n + 1), sizeof *m->confused);
    m->spurious_on_none = calloc(n + 1, sizeof *m->spurious_on_none);
    if (!m->per || !m->confused || !m->spurious_on_none) {
        nt_metrics_free(m);
        return NT_ENOMEM;
    }
    return NT_OK;
}

void nt_metrics_free(nt_metrics *m)
{
    free(m->per);
    free(m->confused);
    free(m->spurious_on_none);
    memset(m, 0, sizeof *m);
}

void nt_metrics_add(nt_metrics *m, const unsigned char *gold, const unsigned char *pred)
{
    size_t n = m->n_labels;
    int exact = 1, any_gold = 0, any_pred = 0;
    for (size_t i = 0; i < n; i++) {
        any_gold |= gold[i];
        any_pred |= pred[i];
        m->per[i].support += gold[i];
        if (gold[i] && pred[i])
            m->per[i].tp++;
        else if (pred[i])
            m->per[i].fp++;
        else if (gold[i])
            m->per[i].fn++;
        if (gold[i] != pred[i])
            exact = 0;
    }
    for (size_t a = 0; a < n; a++) {
        if (!gold[a] || pred[a])
            continue;
        if (!any_pred)
            m->confused[a * (n + 1) + n]++;
        for (size_t b = 0; b < n; b++)
            if (pred[b] && !gold[b])
                m->confused[a * (n + 1) + b]++;
    }
    if (!any_gold)
        for (size_t b = 0; b < n; b++)
            m->spurious_on_none[b] += pred[b];
    m->exact += exact;
    m->n_docs++;
}

static double ratio(size_t a, size_t b)
{
    return b ? (double)a / (double)b : 0.0;
}

double nt_metrics_f1(const nt_topic_counts *c)
{
    double p = ratio(c->tp, c->tp + c->fp), r = ratio(c->tp, c->tp + c->fn);
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

double nt_metrics_macro_f1(const nt_metrics *m)
{
    double s = 0;
    for (size_t i = 0; i < m->n_labels; i++)
        s += nt_metrics_f1(&m->per[i]);
    return m->n_labels ? s / (double)m->n_labels : 0.0;
}

double nt_metrics_micro_f1(const nt_metrics *m)
{
    nt_topic_counts all = {0, 0, 0, 0};
    for (size_t i = 0; i < m->n_labels; i++) {
        all.tp += m->per[i].tp;
        all.fp += m->per[i].fp;
        all.fn += m->per[i].fn;
    }
    return nt_metrics_f1(&all);
}

/* Rounded to 4 decimals so that reports and manifests read cleanly. */
static json_t *num(double x)
{
    return json_real((double)(long long)(x * 10000.0 + (x >= 0 ? 0.5 : -0.5)) / 10000.0);
}

nt_prf nt_prf_of(size_t right, size_t predicted, size_t gold)
{
    nt_prf x = {ratio(right, predicted), ratio(right, gold), 0.0};
    x.f1 = x.p + x.r > 0 ? 2 * x.p * x.r / (x.p + x.r) : 0.0;
    return x;
}

void nt_metrics_summarize(const nt_metrics *m, nt_topic_summary *s)
{
    memset(s, 0, sizeof *s);
    for (size_t i = 0; i < m->n_labels; i++) {
        const nt_topic_counts *c = &m->per[i];
        nt_prf x = nt_prf_of(c->tp, c->tp + c->fp, c->tp + c->fn);
        s->macro.p += x.p;
        s->macro.r += x.r;
        s->all.tp += c->tp;
        s->all.fp += c->fp;
        s->all.fn += c->fn;
        s->all.support += c->support;
    }
    size_t n = m->n_labels;
    s->macro.p = n ? s->macro.p / (double)n : 0;
    s->macro.r = n ? s->macro.r / (double)n : 0;
    s->macro.f1 = nt_metrics_macro_f1(m);
    s->micro = nt_prf_of(s->all.tp, s->all.tp + s->all.fp, s->all.tp + s->all.fn);
}

json_t *nt_metrics_json(const nt_metrics *m, const char *const *labels)
{
    size_t n = m->n_labels;
    json_t *o = json_object(), *topics = json_object(), *conf = json_array();
    for (size_t i = 0; i < n; i++) {
        const nt_topic_counts *c = &m->per[i];
        nt_prf x = nt_prf_of(c->tp, c->tp + c->fp, c->tp + c->fn);
        json_object_set_new(topics, labels[i],
                            json_pack("{s:o,s:o,s:o,s:I,s:I,s:I,s:I}", "precision", num(x.p), "recall", num(x.r),
                                      "f1", num(x.f1), "support", (json_int_t)c->support,
                                      "tp", (json_int_t)c->tp, "fp", (json_int_t)c->fp, "fn", (json_int_t)c->fn));
    }
    for (size_t a = 0; a < n; a++) {
        for (size_t b = 0; b <= n; b++) {
            size_t k = m->confused[a * (n + 1) + b];
            if (k)
                json_array_append_new(conf, json_pack("{s:s,s:s,s:I}", "gold", labels[a], "predicted",
                                                      b < n ? labels[b] : "(none)", "count", (json_int_t)k));
        }
    }
    for (size_t b = 0; b < n; b++)
        if (m->spurious_on_none[b])
            json_array_append_new(conf, json_pack("{s:s,s:s,s:I}", "gold", "(none)", "predicted", labels[b],
                                                  "count", (json_int_t)m->spurious_on_none[b]));
    nt_topic_summary s;
    nt_metrics_summarize(m, &s);
    json_object_set_new(o, "documents", json_integer((json_int_t)m->n_docs));
    json_object_set_new(o, "exact_set_accuracy", num(ratio(m->exact, m->n_docs)));
    json_object_set_new(o, "macro", json_pack("{s:o,s:o,s:o}", "precision", num(s.macro.p), "recall",
                                              num(s.macro.r), "f1", num(s.macro.f1)));
    json_object_set_new(o, "micro", json_pack("{s:o,s:o,s:o}", "precision", num(s.micro.p), "recall",
                                              num(s.micro.r), "f1", num(s.micro.f1)));
    json_object_set_new(o, "topics", topics);
    json_object_set_new(o, "confusions", conf);
    return o;
}

typedef struct scored {
    double p;
    unsigned char y;
} scored;

static int by_score_desc(const void *a, const void *b)
{
    double x = ((const scored *)a)->p, y = ((const scored *)b)->p;
    return x > y ? -1 : x < y;
}

double nt_best_threshold(const double *p, const unsigned char *y, size_t n)
{
    size_t pos = 0;
    for (size_t i = 0; i < n; i++)
        pos += y[i];
    scored *s = malloc((n ? n : 1) * sizeof *s);
    if (!s || pos == 0) {
        free(s);
        return 0.5;
    }
    for (size_t i = 0; i < n; i++)
        s[i] = (scored){p[i], y[i]};
    qsort(s, n, sizeof *s, by_score_desc);
    /* predicting the top k as positive: F1 = 2 tp / (k + pos) */
    double best_f1 = -1, best_t = 0.5;
    size_t tp = 0;
    for (size_t k = 1; k <= n; k++) {
        tp += s[k - 1].y;
        if (k < n && s[k].p == s[k - 1].p)
            continue; /* a threshold cannot split equal scores */
        double f1 = 2.0 * (double)tp / (double)(k + pos);
        if (f1 > best_f1 + 1e-12) {
            best_f1 = f1;
            best_t = k < n ? (s[k - 1].p + s[k].p) / 2 : s[k - 1].p;
        }
    }
    free(s);
    if (best_t < 0.05)
        best_t = 0.05;
    if (best_t > 0.95)
        best_t = 0.95;
    return best_t;
}

/* ---- entity spans ---- */

int nt_span_metrics_init(nt_span_metrics *m, size_t n)
{
    m->n_types = n;
    m->per = calloc(n + 1, sizeof *m->per);
    return m->per ? NT_OK : NT_ENOMEM;
}

void nt_span_metrics_free(nt_span_metrics *m)
{
    free(m->per);
    memset(m, 0, sizeof *m);
}

static int overlaps(const nt_span_ref *a, const nt_span_ref *b)
{
    return a->start < b->end && b->start < a->end;
}

void nt_span_metrics_add(nt_span_metrics *m, const nt_span_ref *gold, size_t ng,
                         const nt_span_ref *pred, size_t np)
{
    for (size_t i = 0; i < ng; i++) {
        if (gold[i].type >= m->n_types)
            continue;
        nt_span_counts *c = &m->per[gold[i].type];
        c->gold++;
        int over = 0;
        for (size_t j = 0; j < np; j++) {
            if (pred[j].start == gold[i].start && pred[j].end == gold[i].end && pred[j].type != gold[i].type)
                c->mistyped++;
            if (pred[j].type == gold[i].type && overlaps(&pred[j], &gold[i]))
                over = 1;
        }
        c->gold_overlapped += over;
    }
    for (size_t j = 0; j < np; j++) {
        if (pred[j].type >= m->n_types)
            continue;
        nt_span_counts *c = &m->per[pred[j].type];
        c->pred++;
        int exact = 0, over = 0;
        for (size_t i = 0; i < ng; i++) {
            if (gold[i].type != pred[j].type)
                continue;
            if (gold[i].start == pred[j].start && gold[i].end == pred[j].end)
                exact = 1;
            if (overlaps(&pred[j], &gold[i]))
                over = 1;
        }
        c->exact += exact;
        c->pred_overlapping += over;
    }
}

static double f1_of(double p, double r)
{
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

double nt_span_micro_f1(const nt_span_metrics *m)
{
    size_t g = 0, p = 0, e = 0;
    for (size_t t = 0; t < m->n_types; t++) {
        g += m->per[t].gold;
        p += m->per[t].pred;
        e += m->per[t].exact;
    }
    return f1_of(ratio(e, p), ratio(e, g));
}

nt_span_rates nt_span_rates_of(const nt_span_counts *c)
{
    nt_span_rates x;
    x.exact = nt_prf_of(c->exact, c->pred, c->gold);
    /* overlap: a prediction counts when it overlaps a gold span, a gold span when one overlaps it */
    x.overlap.p = ratio(c->pred_overlapping, c->pred);
    x.overlap.r = ratio(c->gold_overlapped, c->gold);
    x.overlap.f1 = f1_of(x.overlap.p, x.overlap.r);
    return x;
}

void nt_span_summarize(const nt_span_metrics *m, nt_span_summary *s)
{
    memset(s, 0, sizeof *s);
    for (size_t t = 0; t < m->n_types; t++) {
        const nt_span_counts *c = &m->per[t];
        nt_span_rates x = nt_span_rates_of(c);
        s->macro_f1 += x.exact.f1;
        s->macro_overlap_f1 += x.overlap.f1;
        s->all.gold += c->gold;
        s->all.pred += c->pred;
        s->all.exact += c->exact;
        s->all.pred_overlapping += c->pred_overlapping;
        s->all.gold_overlapped += c->gold_overlapped;
        s->all.mistyped += c->mistyped;
    }
    size_t n = m->n_types ? m->n_types : 1;
    s->macro_f1 /= (double)n;
    s->macro_overlap_f1 /= (double)n;
    s->micro = nt_span_rates_of(&s->all);
}

json_t *nt_span_metrics_json(const nt_span_metrics *m, const char *const *types)
{
    json_t *o = json_object(), *per = json_object();
    for (size_t t = 0; t < m->n_types; t++) {
        const nt_span_counts *c = &m->per[t];
        nt_span_rates x = nt_span_rates_of(c);
        json_object_set_new(per, types[t],
                            json_pack("{s:o,s:o,s:o,s:{s:o,s:o,s:o},s:I,s:I,s:I}", "precision", num(x.exact.p),
                                      "recall", num(x.exact.r), "f1", num(x.exact.f1), "overlap", "precision",
                                      num(x.overlap.p), "recall", num(x.overlap.r), "f1", num(x.overlap.f1), "gold",
                                      (json_int_t)c->gold, "predicted", (json_int_t)c->pred, "mistyped",
                                      (json_int_t)c->mistyped));
    }
    nt_span_summary s;
    nt_span_summarize(m, &s);
    const nt_span_rates *x = &s.micro;
    json_object_set_new(o, "micro", json_pack("{s:o,s:o,s:o}", "precision", num(x->exact.p), "recall",
                                              num(x->exact.r), "f1", num(x->exact.f1)));
    json_object_set_new(o, "macro", json_pack("{s:o}", "f1", num(s.macro_f1)));
    json_object_set_new(o, "overlap", json_pack("{s:o,s:o,s:o,s:o}", "precision", num(x->overlap.p), "recall",
                                                num(x->overlap.r), "f1", num(x->overlap.f1), "macro_f1",
                                                num(s.macro_overlap_f1)));
    json_object_set_new(o, "types", per);
    return o;
}
