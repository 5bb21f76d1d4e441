/* classify.c - topics for one document, with the sentences that made them. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "error.h"
#include "model.h"
#include "stem.h"
#include "svm_linear.h"
#include "topic_features.h"

#define MAX_EVIDENCE 3

struct nt_result {
    nt_topic_result *topics;
    size_t n_topics;
    nt_entity *entities;
    size_t n_entities;
    nt_evidence *evidence; /* MAX_EVIDENCE per topic */
    size_t n_tokens;
};

void nt_result_free(nt_result *r)
{
    if (!r)
        return;
    free(r->topics);
    free(r->evidence);
    free(r->entities);
    free(r);
}

size_t nt_result_topic_count(const nt_result *r)
{
    return r ? r->n_topics : 0;
}

const nt_topic_result *nt_result_topic(const nt_result *r, size_t i)
{
    return r && i < r->n_topics ? &r->topics[i] : NULL;
}

size_t nt_result_entity_count(const nt_result *r)
{
    return r ? r->n_entities : 0;
}

const nt_entity *nt_result_entity(const nt_result *r, size_t i)
{
    return r && i < r->n_entities ? &r->entities[i] : NULL;
}

struct nt_workspace {
    nt_stemmer *st;        /* remembers stems across articles */
    nt_ner_cache *forms;   /* and what token forms give the entity tagger */
    nt_topic_words words;  /* and what words give the topic features */
};

/* Entities: the tagger's spans, mapped back to the caller's text through the tokens. */
static int find_entities(const nt_model *m, const nt_doc *d, nt_workspace *ws, nt_result *r)
{
    nt_ner_doc nd;
    nt_ner_span *spans = NULL;
    size_t n = 0;
    int rc = nt_ner_index(&m->ner, &nd, d, ws->st, ws->forms);
    if (!rc)
        rc = nt_ner_decode(&m->ner, &nd, &spans, &n, NULL);
    if (!rc && n && !(r->entities = malloc(n * sizeof *r->entities)))
        rc = NT_ENOMEM;
    for (size_t k = 0; !rc && k < n; k++) {
        const nt_token *a = &d->tok[spans[k].first], *b = &d->tok[spans[k].last];
        r->entities[k] = (nt_entity){m->ner.type[spans[k].type], a->byte_start, b->byte_end, a->cp_start,
                                     b->cp_end, spans[k].score};
    }
    if (!rc)
        r->n_entities = n;
    free(spans);
    nt_ner_doc_free(&nd);
    return rc;
}

size_t nt_result_token_count(const nt_result *r)
{
    return r ? r->n_tokens : 0;
}

/* Splits the scores of the topics in want[0, nw) over sentences in one pass over the
 * occurrences: each occurrence of a feature gets its share of that feature's term (weight x
 * value / count). per_sentence[k * ns + s]: topic want[k]'s part in sentence s. */
static void sentence_scores(const nt_model *m, const nt_sparse *x, const nt_occurrence *occ, size_t nocc,
                            size_t ns, const size_t *want, size_t nw, double *per_sentence)
{
    memset(per_sentence, 0, nw * ns * sizeof *per_sentence);
    for (size_t k = 0; k < nocc; k++) {
        size_t s = occ[k].sentence;
        if (s >= ns)
            continue;
        const double *row = m->w + (size_t)occ[k].idx * m->n_topics;
        for (size_t j = 0; j < nw; j++)
            per_sentence[j * ns + s] += row[want[j]] * x->val[occ[k].entry] / occ[k].count;
    }
}

/* The strongest positive sentences of one topic's per_sentence[0, ns) (which it consumes)
 * are its evidence; bounds[2s], bounds[2s + 1] are the first and last token of sentence s. */
static void pick_evidence(const nt_doc *d, double *per_sentence, const size_t *bounds, nt_evidence *ev,
                          size_t *nev)
{
    size_t ns = d->n_sentences;
    *nev = 0;
    double total = 0;
    for (size_t s = 0; s < ns; s++)
        if (per_sentence[s] > 0)
            total += per_sentence[s];
    for (int pick = 0; pick < MAX_EVIDENCE; pick++) {
        size_t best = ns;
        for (size_t s = 0; s < ns; s++)
            if (per_sentence[s] > 0 && (best == ns || per_sentence[s] > per_sentence[best]))
                best = s;
        if (best == ns)
            break;
        if (*nev > 0 && total > 0 && per_sentence[best] / total < 0.1)
            break; /* the rest add little */
        size_t first = bounds[2 * best], last = bounds[2 * best + 1];
        if (first < d->n) {
            nt_evidence *e = &ev[(*nev)++];
            e->byte_start = d->tok[first].byte_start;
            e->byte_end = d->tok[last].byte_end;
            e->cp_start = d->tok[first].cp_start;
            e->cp_end = d->tok[last].cp_end;
            e->weight = total > 0 ? per_sentence[best] / total : 0;
        }
        per_sentence[best] = 0;
    }
}

/* First and last token of each sentence (first == d->n: a sentence without tokens). */
static void sentence_bounds(const nt_doc *d, size_t *bounds)
{
    for (size_t s = 0; s < d->n_sentences; s++) {
        bounds[2 * s] = d->n;
        bounds[2 * s + 1] = 0;
    }
    for (size_t i = 0; i < d->n; i++) {
        size_t s = d->tok[i].sentence;
        if (s >= d->n_sentences)
            continue;
        if (bounds[2 * s] == d->n)
            bounds[2 * s] = i;
        bounds[2 * s + 1] = i;
    }
}

nt_workspace *nt_workspace_new(void)
{
    nt_workspace *ws = calloc(1, sizeof *ws);
    if (ws)
        ws->words = (nt_topic_words)NT_TOPIC_WORDS_INIT;
    if (ws && (!(ws->st = nt_stemmer_new()) || !(ws->forms = nt_ner_cache_new()))) {
        nt_workspace_free(ws);
        ws = NULL;
    }
    return ws;
}

void nt_workspace_free(nt_workspace *ws)
{
    if (!ws)
        return;
    nt_stemmer_free(ws->st);
    nt_ner_cache_free(ws->forms);
    nt_topic_words_free(&ws->words);
    free(ws);
}

int nt_classify(nt_result **out, const nt_model *m, const char *text, size_t len, nt_error *err)
{
    return nt_classify_with(NULL, out, m, text, len, NT_CLASSIFY_TOPICS | NT_CLASSIFY_ENTITIES, err);
}

int nt_classify_only(nt_result **out, const nt_model *m, const char *text, size_t len, unsigned what,
                     nt_error *err)
{
    return nt_classify_with(NULL, out, m, text, len, what, err);
}

static int classify_in(nt_workspace *ws, nt_result **out, const nt_model *m, const char *text,
                       size_t len, unsigned what, nt_error *err);

int nt_classify_with(nt_workspace *ws, nt_result **out, const nt_model *m, const char *text,
                     size_t len, unsigned what, nt_error *err)
{
    if (!out || !m || (!text && len))
        return nt_fail(err, NT_EINVAL, NULL, 0, -1, "nt_classify: a required argument is NULL");
    if (!what || (what & ~(unsigned)(NT_CLASSIFY_TOPICS | NT_CLASSIFY_ENTITIES)))
        return nt_fail(err, NT_EINVAL, NULL, 0, -1, "nt_classify: `what` is not a set of NT_CLASSIFY_* flags");
    *out = NULL;
    if (what & ~m->parts)
        return nt_fail(err, NT_EINVAL, NULL, 0, -1, "nt_classify: the model was loaded without its %s (nt_model_load_only)",
                       (what & ~m->parts & NT_CLASSIFY_TOPICS) ? "topic classifier" : "entity tagger");
    if (ws) {
        nt_stemmer_trim(ws->st, NT_WORKSPACE_MAX_WORDS);
        nt_ner_cache_trim(ws->forms, NT_WORKSPACE_MAX_WORDS);
        nt_topic_words_trim(&ws->words, NT_WORKSPACE_MAX_WORDS);
        return classify_in(ws, out, m, text, len, what, err);
    }
    nt_workspace *own = nt_workspace_new();
    if (!own)
        return nt_fail(err, NT_ENOMEM, NULL, 0, -1, NULL);
    int rc = classify_in(own, out, m, text, len, what, err);
    nt_workspace_free(own);
    return rc;
}

/* Topics of d: scores, and the sentences that made the assigned ones. */
static int find_topics(const nt_model *m, const nt_doc *d, nt_workspace *ws, nt_result *r)
{
    nt_sparse x = {0};
    nt_occurrence *occ = NULL;
    size_t nocc = 0, T = m->n_topics, ns = d->n_sentences, nw = 0;
    double *f = malloc((T + 1) * sizeof *f);
    size_t *want = malloc((T + 1) * sizeof *want), *bounds = NULL;
    double *per_sentence = NULL;
    int rc = f && want ? nt_topic_vectorize(&m->vocab, &m->ts, d, ws->st, &ws->words, &x, &occ, &nocc) : NT_ENOMEM;
    if (!rc) {
        /* all topics' decisions in one pass: a feature's weights lie together (feature-major) */
        for (size_t t = 0; t < T; t++)
            f[t] = m->bias[t]; /* first, as training sums them */
        for (size_t i = 0; i < x.n; i++) {
            const double *wi = m->w + (size_t)x.idx[i] * T;
            for (size_t t = 0; t < T; t++)
                f[t] += wi[t] * x.val[i];
        }
        for (size_t t = 0; t < T; t++) {
            nt_topic_result *tr = &r->topics[t];
            tr->label = m->topic[t];
            tr->score = nt_platt_prob(f[t], m->platt_a[t], m->platt_b[t]);
            tr->threshold = m->threshold[t];
            tr->assigned = tr->score >= tr->threshold;
            tr->evidence = r->evidence + t * MAX_EVIDENCE;
            if (tr->assigned)
                want[nw++] = t;
        }
    }
    if (!rc && nw) {
        per_sentence = malloc((nw * ns + 1) * sizeof *per_sentence);
        bounds = malloc((2 * ns + 1) * sizeof *bounds);
        if (!per_sentence || !bounds)
            rc = NT_ENOMEM;
    }
    if (!rc && nw) {
        sentence_bounds(d, bounds);
        sentence_scores(m, &x, occ, nocc, ns, want, nw, per_sentence);
        for (size_t j = 0; j < nw; j++)
            pick_evidence(d, per_sentence + j * ns, bounds, r->evidence + want[j] * MAX_EVIDENCE,
                          &r->topics[want[j]].n_evidence);
    }
    free(f);
    free(want);
    free(per_sentence);
    free(bounds);
    free(occ);
    nt_sparse_free(&x);
    return rc;
}

static int classify_in(nt_workspace *ws, nt_result **out, const nt_model *m, const char *text,
                       size_t len, unsigned what, nt_error *err)
{
    nt_doc d;
    nt_result *r = calloc(1, sizeof *r);
    int rc = r ? nt_doc_build(&d, text ? text : "", len) : NT_ENOMEM;
    if (rc) {
        free(r);
        return nt_fail(err, NT_ENOMEM, NULL, 0, -1, NULL);
    }
    r->n_topics = (what & NT_CLASSIFY_TOPICS) ? m->n_topics : 0;
    r->n_tokens = d.n;
    r->topics = calloc(m->n_topics ? m->n_topics : 1, sizeof *r->topics);
    r->evidence = calloc(m->n_topics * MAX_EVIDENCE + 1, sizeof *r->evidence);
    if (!r->topics || !r->evidence)
        rc = NT_ENOMEM;
    if (!rc && r->n_topics)
        rc = find_topics(m, &d, ws, r);
    if (!rc && m->ner.present && (what & NT_CLASSIFY_ENTITIES))
        rc = find_entities(m, &d, ws, r);
    nt_doc_free(&d);
    if (rc) {
        nt_result_free(r);
        return nt_fail(err, rc, NULL, 0, -1, NULL);
    }
    *out = r;
    return NT_OK;
}
