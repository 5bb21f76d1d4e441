/* metrics.h - multi-label topic metrics, shared by training (dev, CV) and evaluation. */
#ifndef NT_METRICS_H
#define NT_METRICS_H

#include <stddef.h>

struct json_t;

typedef struct nt_topic_counts {
    size_t tp, fp, fn, support;
} nt_topic_counts;

typedef struct nt_metrics {
    size_t n_labels, n_docs, exact;
    nt_topic_counts *per;      /* n_labels */
    size_t *confused;          /* n_labels x (n_labels + 1): gold a predicted as b (b not gold);
                                  column n_labels: gold a, nothing predicted */
    size_t *spurious_on_none;  /* per label: predicted on a document with no gold topic */
} nt_metrics;

int nt_metrics_init(nt_metrics *m, size_t n_labels);
/* Adds one document: gold[i] and pred[i] are 0/1 for each label. */
void nt_metrics_add(nt_metrics *m, const unsigned char *gold, const unsigned char *pred);
double nt_metrics_f1(const nt_topic_counts *c);
double nt_metrics_macro_f1(const nt_metrics *m);
double nt_metrics_micro_f1(const nt_metrics *m);
/* {"documents", "exact_set_accuracy", "macro": {...}, "micro": {...}, "topics": {...},
 *  "confusions": [...]} */
struct json_t *nt_metrics_json(const nt_metrics *m, const char *const *labels);
void nt_metrics_free(nt_metrics *m);

/* The threshold on probabilities p[i] that maximizes F1 against y[i] (1/0): the midpoint
 * between neighbouring scores, clamped to [0.05, 0.95]; 0.5 when there are no positives. */
double nt_best_threshold(const double *p, const unsigned char *y, size_t n);

/* Precision, recall and F1 (0 where undefined). */
typedef struct nt_prf {
    double p, r, f1;
} nt_prf;
nt_prf nt_prf_of(size_t right, size_t predicted, size_t gold);

/* What reports say of topic metrics beyond each label's counts: macro averages (means of
 * the labels' precision, recall and F1), micro ones (of the summed counts) and the sums. */
typedef struct nt_topic_summary {
    nt_prf macro, micro;
    nt_topic_counts all;
} nt_topic_summary;
void nt_metrics_summarize(const nt_metrics *m, nt_topic_summary *s);

/* ---- entity spans ---- */

typedef struct nt_span_ref {
    size_t start, end; /* code points */
    size_t type;
} nt_span_ref;

typedef struct nt_span_counts {
    size_t gold, pred, exact, pred_overlapping, gold_overlapped, mistyped;
} nt_span_counts;

typedef struct nt_span_metrics {
    size_t n_types;
    nt_span_counts *per;
} nt_span_metrics;

int nt_span_metrics_init(nt_span_metrics *m, size_t n_types);
void nt_span_metrics_add(nt_span_metrics *m, const nt_span_ref *gold, size_t ng,
                         const nt_span_ref *pred, size_t np);
double nt_span_micro_f1(const nt_span_metrics *m);
struct json_t *nt_span_metrics_json(const nt_span_metrics *m, const char *const *types);
void nt_span_metrics_free(nt_span_metrics *m);

/* Exact-match and overlap precision, recall and F1 of one type's (or all types') counts. */
typedef struct nt_span_rates {
    nt_prf exact, overlap;
} nt_span_rates;
nt_span_rates nt_span_rates_of(const nt_span_counts *c);
/* Micro rates (of the summed counts), the sums, and the macro F1s (means over types). */
typedef struct nt_span_summary {
    nt_span_rates micro;
    nt_span_counts all;
    double macro_f1, macro_overlap_f1;
} nt_span_summary;
void nt_span_summarize(const nt_span_metrics *m, nt_span_summary *s);

#endif
