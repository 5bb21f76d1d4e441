/* cli_corpus_stats.c - `newstag corpus stats`: what the corpus holds, per split. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_corpus.h"

#define MAX_LABELS 32

typedef struct split_stats {
    size_t articles, tokens, words, no_topic, hard_negative, multi_topic;
    size_t min_words, max_words;
    size_t topic[MAX_LABELS];
    size_t entity[MAX_LABELS];
} split_stats;

typedef struct label_set {
    const char *name[MAX_LABELS];
    size_t n;
} label_set;

static int label_index(label_set *l, const char *name)
{
    for (size_t i = 0; i < l->n; i++)
        if (!strcmp(l->name[i], name))
            return (int)i;
    if (l->n == MAX_LABELS)
        return -1;
    l->name[l->n] = name;
    return (int)l->n++;
}

static const char *SPLITS[] = {"all", "train", "dev", "test", "(none)"};
#define NSPLITS 5

int corpus_stats_action(char **files, int n, const char *splits, int json)
{
    nt_corpus *c = NULL;
    if (nt_corpus_new(&c))
        return EXIT_FAILED;
    long problems = cli_corpus_load(c, files, n);
    if (splits)
        problems += cli_corpus_apply_splits(c, splits);
    split_stats st[NSPLITS];
    memset(st, 0, sizeof st);
    for (int s = 0; s < NSPLITS; s++)
        st[s].min_words = (size_t)-1;
    label_set topics = {{0}, 0}, types = {{0}, 0}, regions = {{0}, 0};
    size_t cooc[MAX_LABELS][MAX_LABELS];
    size_t region_count[MAX_LABELS] = {0};
    memset(cooc, 0, sizeof cooc);

    for (size_t i = 0; i < nt_corpus_count(c); i++) {
        const nt_article *a = nt_corpus_get(c, i);
        size_t tokens = 0, words = 0;
        nt_tokenizer *t = NULL;
        if (nt_tokenizer_new(&t, a->text, a->text_len) == NT_OK) {
            nt_token tok;
            while (nt_tokenizer_next(t, &tok) == 1) {
                tokens++;
                words += tok.kind == NT_TOKEN_WORD || tok.kind == NT_TOKEN_NUMBER ||
                         tok.kind == NT_TOKEN_ABBREV || tok.kind == NT_TOKEN_INITIAL;
            }
        }
        nt_tokenizer_free(t);
        int sidx = 4;
        for (int s = 1; s < 4; s++)
            if (a->split && !strcmp(a->split, SPLITS[s]))
                sidx = s;
        int targets[2] = {0, sidx};
        for (int k = 0; k < 2; k++) {
            split_stats *x = &st[targets[k]];
            x->articles++;
            x->tokens += tokens;
            x->words += words;
            if (words < x->min_words) x->min_words = words;
            if (words > x->max_words) x->max_words = words;
            x->no_topic += a->n_topics == 0;
            x->multi_topic += a->n_topics >= 2;
            x->hard_negative += a->hard_negative != NULL;
            for (size_t j = 0; j < a->n_topics; j++) {
                int ti = label_index(&topics, a->topics[j]);
                if (ti >= 0) x->topic[ti]++;
            }
            for (size_t j = 0; j < a->n_entities; j++) {
                int ei = label_index(&types, a->entities[j].type);
                if (ei >= 0) x->entity[ei]++;
            }
        }
        for (size_t j = 0; j < a->n_topics; j++)
            for (size_t k = 0; k < a->n_topics; k++) {
                int x = label_index(&topics, a->topics[j]), y = label_index(&topics, a->topics[k]);
                if (x >= 0 && y >= 0) cooc[x][y]++;
            }
        if (a->region) {
            int r = label_index(&regions, a->region);
            if (r >= 0) region_count[r]++;
        }
    }

    if (json) {
        printf("{\"splits\":{");
        int first = 1;
        for (int s = 0; s < NSPLITS; s++) {
            if (s == 4 && st[s].articles == 0)
                continue;
            printf("%s\"%s\":{\"articles\":%zu,\"tokens\":%zu,\"words\":%zu,\"no_topic\":%zu,"
                   "\"hard_negative\":%zu,\"multi_topic\":%zu,\"min_words\":%zu,\"max_words\":%zu,\"topics\":{",
                   first ? "" : ",", SPLITS[s], st[s].articles, st[s].tokens, st[s].words, st[s].no_topic,
                   st[s].hard_negative, st[s].multi_topic, st[s].articles ? st[s].min_words : 0, st[s].max_words);
            first = 0;
            for (size_t i = 0; i < topics.n; i++)
                printf("%s\"%s\":%zu", i ? "," : "", topics.name[i], st[s].topic[i]);
            printf("},\"entities\":{");
            for (size_t i = 0; i < types.n; i++)
                printf("%s\"%s\":%zu", i ? "," : "", types.name[i], st[s].entity[i]);
            printf("}}");
        }
        printf("},\"cooccurrence\":{");
        for (size_t i = 0; i < topics.n; i++) {
            printf("%s\"%s\":{", i ? "," : "", topics.name[i]);
            for (size_t j = 0; j < topics.n; j++)
                printf("%s\"%s\":%zu", j ? "," : "", topics.name[j], cooc[i][j]);
            printf("}");
        }
        printf("},\"regions\":{");
        for (size_t i = 0; i < regions.n; i++) {
            printf("%s", i ? "," : "");
            cli_json_string(stdout, regions.name[i], strlen(regions.name[i]));
            printf(":%zu", region_count[i]);
        }
        printf("}}\n");
    } else {
        printf("%-16s", "");
        for (int s = 0; s < NSPLITS; s++)
            if (s < 4 || st[s].articles)
                printf("%10s", SPLITS[s]);
        printf("\n");
#define ROW(label, expr)                                                                          \
    do {                                                                                          \
        printf("%-16s", label);                                                                   \
        for (int s = 0; s < NSPLITS; s++)                                                         \
            if (s < 4 || st[s].articles)                                                          \
                printf("%10zu", (size_t)(expr));                                                  \
        printf("\n");                                                                             \
    } while (0)
        ROW("articles", st[s].articles);
        ROW("tokens", st[s].tokens);
        ROW("words", st[s].words);
        ROW("words min", st[s].articles ? st[s].min_words : 0);
        ROW("words max", st[s].max_words);
        ROW("no topic", st[s].no_topic);
        ROW("hard negative", st[s].hard_negative);
        ROW("2+ topics", st[s].multi_topic);
        for (size_t i = 0; i < topics.n; i++)
            ROW(topics.name[i], st[s].topic[i]);
        for (size_t i = 0; i < types.n; i++)
            ROW(types.name[i], st[s].entity[i]);
#undef ROW
        printf("\ntopic co-occurrence (articles carrying both):\n%-16s", "");
        for (size_t j = 0; j < topics.n; j++)
            printf("%16.15s", topics.name[j]);
        printf("\n");
        for (size_t i = 0; i < topics.n; i++) {
            printf("%-16s", topics.name[i]);
            for (size_t j = 0; j < topics.n; j++)
                printf("%16zu", cooc[i][j]);
            printf("\n");
        }
        if (regions.n) {
            printf("\narticles per region (%zu regions):\n", regions.n);
            for (size_t i = 0; i < regions.n; i++)
                printf("  %-40s %zu\n", regions.name[i], region_count[i]);
        }
    }
    nt_corpus_free(c);
    return problems ? EXIT_FAILED : EXIT_OK;
}
