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
    char *errors;
    double macro_f1, entity_f1;
};

void nt_eval_free(nt_eval *e)
{
    if (!e)
        return;
    free(e->json);
    free(e->text);
    free(e->errors);
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

double nt_eval_entity_f1(const nt_eval *e)
{
    return e ? e->entity_f1 : 0.0;
}

const char *nt_eval_errors(const nt_eval *e)
{
    return e && e->errors ? e->errors : "";
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
    for (size_t t = 0; t < m->n_topics && !rc; t++) {
        const nt_topic_counts *c = &mt->per[t];
        nt_prf x = nt_prf_of(c->tp, c->tp + c->fp, c->tp + c->fn);
        rc = appendf(b, "%-18s %9.4f %9.4f %9.4f %9zu\n", m->topic[t], x.p, x.r, x.f1, c->support);
    }
    nt_topic_summary s;
    nt_metrics_summarize(mt, &s);
    if (!rc) rc = appendf(b, "%-18s %9.4f %9.4f %9.4f %9zu\n", "macro", s.macro.p, s.macro.r, s.macro.f1, s.all.support);
    if (!rc) rc = appendf(b, "%-18s %9.4f %9.4f %9.4f %9zu\n", "micro", s.micro.p, s.micro.r, s.micro.f1, s.all.support);
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

static int render_entities(const nt_span_metrics *sm, const nt_model *m, nt_buf *b)
{
    int rc = appendf(b, "\n%-18s %9s %9s %9s %7s %9s | overlap %9s %9s %9s\n", "entity", "precision", "recall",
                     "f1", "gold", "predicted", "precision", "recall", "f1");
    for (size_t t = 0; t < m->ner.n_types && !rc; t++) {
        const nt_span_counts *c = &sm->per[t];
        nt_span_rates x = nt_span_rates_of(c);
        rc = appendf(b, "%-18s %9.4f %9.4f %9.4f %7zu %9zu | overlap %9.4f %9.4f %9.4f\n", m->ner.type[t],
                     x.exact.p, x.exact.r, x.exact.f1, c->gold, c->pred, x.overlap.p, x.overlap.r, x.overlap.f1);
    }
    nt_span_summary s;
    nt_span_summarize(sm, &s);
    const nt_span_rates *x = &s.micro;
    if (!rc)
        rc = appendf(b, "%-18s %9.4f %9.4f %9.4f %7zu %9zu | overlap %9.4f %9.4f %9.4f\n", "micro", x->exact.p,
                     x->exact.r, x->exact.f1, s.all.gold, s.all.pred, x->overlap.p, x->overlap.r, x->overlap.f1);
    if (!rc)
        rc = appendf(b, "%-18s %29.4f\n", "macro f1", s.macro_f1);
    return rc;
}

/* One line of the error listing: what, where, and the words around it. */
static int list_error(nt_buf *b, const nt_article *a, const char *what, const char *type, size_t bs, size_t be,
                      const char *detail)
{
    size_t cs = bs > 40 ? bs - 40 : 0, ce = be + 40 < a->text_len ? be + 40 : a->text_len;
    while (cs > 0 && ((unsigned char)a->text[cs] & 0xC0) == 0x80)
        cs--;
    while (ce < a->text_len && ((unsigned char)a->text[ce] & 0xC0) == 0x80)
        ce++;
    int rc = appendf(b, "%s\t%s\t%s\t", a->id, what, type);
    if (!rc) rc = nt_buf_append(b, a->text + bs, be - bs);
    if (!rc) rc = appendf(b, "\t%s\t", detail);
    for (size_t i = cs; !rc && i < ce; i++) {
        char c = a->text[i] == '\n' || a->text[i] == '\t' ? ' ' : a->text[i];
        if (i == bs)
            rc = nt_buf_append(b, "[[", 2);
        if (!rc)
            rc = nt_buf_append(b, &c, 1);
        if (!rc && i + 1 == be)
            rc = nt_buf_append(b, "]]", 2);
    }
    return rc ? rc : nt_buf_append(b, "\n", 1);
}

static int entity_errors(nt_buf *b, const nt_article *a, const nt_result *r)
{
    int rc = NT_OK;
    for (size_t k = 0; k < a->n_entities && !rc; k++) {
        const nt_span *g = &a->entities[k];
        const char *detail = "";
        int found = 0;
        char buf[96];
        for (size_t j = 0; j < nt_result_entity_count(r); j++) {
            const nt_entity *p = nt_result_entity(r, j);
            if (p->cp_start == g->start && p->cp_end == g->end) {
                found = !strcmp(p->type, g->type) ? 1 : 2;
                if (found == 2)
                    snprintf(buf, sizeof buf, "tagged %s", p->type), detail = buf;
            } else if (!found && p->cp_start < g->end && g->start < p->cp_end && !strcmp(p->type, g->type)) {
                detail = "overlapped by a wrong span";
            }
        }
        if (found != 1)
            rc = list_error(b, a, found == 2 ? "mistyped" : "missed", g->type, g->byte_start, g->byte_end, detail);
    }
    for (size_t j = 0; j < nt_result_entity_count(r) && !rc; j++) {
        const nt_entity *p = nt_result_entity(r, j);
        int match = 0;
        for (size_t k = 0; k < a->n_entities; k++)
            if (a->entities[k].start == p->cp_start && a->entities[k].end == p->cp_end)
                match = 1;
        if (!match) {
            char buf[32];
            snprintf(buf, sizeof buf, "score %.2f", p->score);
            rc = list_error(b, a, "spurious", p->type, p->byte_start, p->byte_end, buf);
        }
    }
    return rc;
}

int nt_evaluate(nt_eval **out, const nt_model *m, const nt_corpus *c, nt_error *err)
{
    return nt_evaluate_ex(out, m, c, 0, err);
}

int nt_evaluate_ex(nt_eval **out, const nt_model *m, const nt_corpus *c, int errors, nt_error *err)
{
    if (!out || !m || !c)
        return nt_fail(err, NT_EINVAL, NULL, 0, -1, "nt_evaluate: a required argument is NULL");
    *out = NULL;
    nt_metrics mt;
    nt_span_metrics sm = {0, NULL};
    if (nt_metrics_init(&mt, m->n_topics))
        return nt_fail(err, NT_ENOMEM, NULL, 0, -1, NULL);
    unsigned char *gold = calloc(m->n_topics + 1, 1), *pred = calloc(m->n_topics + 1, 1);
    nt_buf listing = {0};
    nt_workspace *ws = nt_workspace_new();
    int rc = gold && pred && ws ? NT_OK : NT_ENOMEM;
    int entities = m->ner.present;
    if (!rc && entities)
        rc = nt_span_metrics_init(&sm, m->ner.n_types);
    if (!rc)
        rc = nt_buf_reserve(&listing, 0);
    if (!rc && errors && entities)
        rc = appendf(&listing, "article\terror\ttype\ttext\tdetail\tcontext\n");
    for (size_t i = 0; i < nt_corpus_count(c) && !rc; i++) {
        const nt_article *a = nt_corpus_get(c, i);
        nt_result *r = NULL;
        if ((rc = nt_classify_with(ws, &r, m, a->text, a->text_len, NT_CLASSIFY_TOPICS | NT_CLASSIFY_ENTITIES,
                                   err)))
            break;
        memset(gold, 0, m->n_topics);
        for (size_t t = 0; t < m->n_topics; t++) {
            pred[t] = (unsigned char)nt_result_topic(r, t)->assigned;
            for (size_t k = 0; k < a->n_topics; k++)
                if (!strcmp(a->topics[k], m->topic[t]))
                    gold[t] = 1;
        }
        nt_metrics_add(&mt, gold, pred);
        if (entities) {
            size_t ng = a->n_entities, np = nt_result_entity_count(r);
            nt_span_ref *gs = calloc(ng + 1, sizeof *gs), *ps = calloc(np + 1, sizeof *ps);
            if (!gs || !ps)
                rc = NT_ENOMEM;
            for (size_t k = 0; !rc && k < ng; k++) {
                size_t t = 0;
                while (t < m->ner.n_types && strcmp(m->ner.type[t], a->entities[k].type))
                    t++;
                gs[k] = (nt_span_ref){a->entities[k].start, a->entities[k].end, t};
            }
            for (size_t k = 0; !rc && k < np; k++) {
                const nt_entity *e = nt_result_entity(r, k);
                size_t t = 0;
                while (t < m->ner.n_types && strcmp(m->ner.type[t], e->type))
                    t++;
                ps[k] = (nt_span_ref){e->cp_start, e->cp_end, t};
            }
            if (!rc)
                nt_span_metrics_add(&sm, gs, ng, ps, np);
            if (!rc && errors)
                rc = entity_errors(&listing, a, r);
            free(gs);
            free(ps);
        }
        nt_result_free(r);
    }
    free(gold);
    nt_workspace_free(ws);
    free(pred);
    nt_eval *e = rc ? NULL : calloc(1, sizeof *e);
    if (!rc && !e)
        rc = NT_ENOMEM;
    if (!rc) {
        json_t *j = json_object();
        json_object_set_new(j, "topics", nt_metrics_json(&mt, (const char *const *)m->topic));
        if (entities)
            json_object_set_new(j, "entities", nt_span_metrics_json(&sm, (const char *const *)m->ner.type));
        e->json = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
        json_decref(j);
        nt_buf b = {0};
        if (!e->json || nt_buf_reserve(&b, 1024) || render_text(&mt, m, &b) ||
            (entities && render_entities(&sm, m, &b)))
            rc = NT_ENOMEM;
        e->text = b.data;
        e->macro_f1 = nt_metrics_macro_f1(&mt);
        e->entity_f1 = entities ? nt_span_micro_f1(&sm) : 0.0;
        e->errors = listing.data;
        listing.data = NULL;
    }
    nt_buf_free(&listing);
    nt_metrics_free(&mt);
    nt_span_metrics_free(&sm);
    if (rc) {
        nt_eval_free(e);
        return nt_fail(err, rc, NULL, 0, -1, NULL);
    }
    *out = e;
    return NT_OK;
}
