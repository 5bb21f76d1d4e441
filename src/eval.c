/* eval.c - classify a labeled corpus and report how well the topics were found. */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "metrics.h"
#include "model.h"

struct nt_eval {
    char *json;
    char *text;
    double macro_f1;
};

void nt_eval_free(nt_eval *e)
{
    if (!e)
        return;
    free(e->json);
    free(e->text);
    free(e);
}

const char *nt_eval_json(const nt_eval *e)
{
    return e && e->json ? e->json : "{}";
}

const char *nt_eval_text(const nt_eval *e)
{
    return e && e->text ? e->text : "";
}

double nt_eval_macro_f1(const nt_eval *e)
{
    return e ? e->macro_f1 : 0.0;
}

static int appendf(nt_buf *b, const char *fmt, ...)
{
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NT_ENOMEM;
    return nt_buf_append(b, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

static int render_text(const nt_metrics *mt, const nt_model *m, nt_buf *b)
{
    int rc = appendf(b, "%-18s %9s %9s %9s %9s\n", "topic", "precision", "recall", "f1", "support");
    double mp = 0, mr = 0;
    nt_topic_counts all = {0, 0, 0, 0};
    for (size_t t = 0; t < m->n_topics && !rc; t++) {
        const nt_topic_counts *c = &mt->per[t];
        double p = c->tp + c->fp ? (double)c->tp / (double)(c->tp + c->fp) : 0;
        double r = c->tp + c->fn ? (double)c->tp / (double)(c->tp + c->fn) : 0;
        mp += p;
        mr += r;
        all.tp += c->tp;
        all.fp += c->fp;
        all.fn += c->fn;
        all.support += c->support;
        rc = appendf(b, "%-18s %9.4f %9.4f %9.4f %9zu\n", m->topic[t], p, r, nt_metrics_f1(c), c->support);
    }
    size_t n = m->n_topics ? m->n_topics : 1;
    double P = all.tp + all.fp ? (double)all.tp / (double)(all.tp + all.fp) : 0;
    double R = all.tp + all.fn ? (double)all.tp / (double)(all.tp + all.fn) : 0;
    if (!rc) rc = appendf(b, "%-18s %9.4f %9.4f %9.4f %9zu\n", "macro", mp / (double)n, mr / (double)n, nt_metrics_macro_f1(mt), all.support);
    if (!rc) rc = appendf(b, "%-18s %9.4f %9.4f %9.4f %9zu\n", "micro", P, R, nt_metrics_micro_f1(mt), all.support);
    if (!rc) rc = appendf(b, "exact-set accuracy %.4f over %zu articles\n", mt->n_docs ? (double)mt->exact / (double)mt->n_docs : 0, mt->n_docs);
    int header = 0;
    for (size_t a = 0; a < m->n_topics && !rc; a++)
        for (size_t c = 0; c <= m->n_topics && !rc; c++) {
            size_t k = mt->confused[a * (m->n_topics + 1) + c];
            if (!k)
                continue;
            if (!header++)
                rc = appendf(b, "confusions (gold -> predicted instead):\n");
            if (!rc)
                rc = appendf(b, "  %s -> %s: %zu\n", m->topic[a], c < m->n_topics ? m->topic[c] : "(none)", k);
        }
    for (size_t c = 0; c < m->n_topics && !rc; c++)
        if (mt->spurious_on_none[c]) {
            if (!header++)
                rc = appendf(b, "confusions (gold -> predicted instead):\n");
            if (!rc)
                rc = appendf(b, "  (none) -> %s: %zu\n", m->topic[c], mt->spurious_on_none[c]);
        }
    return rc;
}

int nt_evaluate(nt_eval **out, const nt_model *m, const nt_corpus *c, nt_error *err)
{
    if (!out || !m || !c)
        return nt_fail(err, NT_EINVAL, NULL, 0, -1, "nt_evaluate: a required argument is NULL");
    *out = NULL;
    nt_metrics mt;
    if (nt_metrics_init(&mt, m->n_topics))
        return nt_fail(err, NT_ENOMEM, NULL, 0, -1, NULL);
    unsigned char *gold = calloc(m->n_topics + 1, 1), *pred = calloc(m->n_topics + 1, 1);
    int rc = gold && pred ? NT_OK : NT_ENOMEM;
    for (size_t i = 0; i < nt_corpus_count(c) && !rc; i++) {
        const nt_article *a = nt_corpus_get(c, i);
        nt_result *r = NULL;
        if ((rc = nt_classify(&r, m, a->text, a->text_len, err)))
            break;
        memset(gold, 0, m->n_topics);
        for (size_t t = 0; t < m->n_topics; t++) {
            pred[t] = (unsigned char)nt_result_topic(r, t)->assigned;
            for (size_t k = 0; k < a->n_topics; k++)
                if (!strcmp(a->topics[k], m->topic[t]))
                    gold[t] = 1;
        }
        nt_metrics_add(&mt, gold, pred);
        nt_result_free(r);
    }
    free(gold);
    free(pred);
    nt_eval *e = rc ? NULL : calloc(1, sizeof *e);
    if (!rc && !e)
        rc = NT_ENOMEM;
    if (!rc) {
        json_t *j = nt_metrics_json(&mt, (const char *const *)m->topic);
        e->json = j ? json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6)) : NULL;
        json_decref(j);
        nt_buf b = {0};
        if (!e->json || nt_buf_reserve(&b, 1024) || render_text(&mt, m, &b))
            rc = NT_ENOMEM;
        e->text = b.data;
        e->macro_f1 = nt_metrics_macro_f1(&mt);
    }
    nt_metrics_free(&mt);
    if (rc) {
        nt_eval_free(e);
        return nt_fail(err, rc, NULL, 0, -1, NULL);
    }
    *out = e;
    return NT_OK;
}
