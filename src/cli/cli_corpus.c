/* cli_corpus.c - loading corpora for the CLI, and the check, build, consistency, split and
 * import actions (stats live in cli_corpus_stats.c). */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "cli_corpus.h"

void cli_print_issue(void *user, const nt_error *e)
{
    long *count = user;
    cli_error(e->file, e->line, "%s", e->message);
    (*count)++;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && !strcmp(s + a - b, suffix);
}

long cli_corpus_load(nt_corpus *c, char **files, int n)
{
    long problems = 0;
    for (int i = 0; i < n; i++) {
        nt_error err;
        nt_error_clear(&err);
        struct stat st;
        int rc;
        if (stat(files[i], &st) == 0 && S_ISDIR(st.st_mode))
            rc = nt_corpus_read_factrueval(c, files[i], cli_print_issue, &problems, &err);
        else if (ends_with(files[i], ".jsonl") || ends_with(files[i], ".json"))
            rc = nt_corpus_read_jsonl(c, files[i], cli_print_issue, &problems, &err);
        else if (ends_with(files[i], ".conll") || ends_with(files[i], ".bio"))
            rc = nt_corpus_read_conll(c, files[i], cli_print_issue, &problems, &err);
        else
            rc = nt_corpus_read_authoring(c, files[i], cli_print_issue, &problems, &err);
        if (rc && err.code) { /* a failure not passed to print_issue (I/O, memory) */
            cli_report(files[i], &err, rc);
            problems++;
        } else if (rc && problems == 0) {
            cli_error(files[i], 0, "%s", nt_strerror(rc));
            problems++;
        }
    }
    return problems;
}

/* ---- labels and splits files ---- */

typedef struct word_list {
    char *buf;
    const char *v[64];
    size_t n;
} word_list;

static int load_labels(const char *path, word_list *topics, word_list *types)
{
    char *data = NULL;
    size_t len;
    if (cli_read_file(path, 1 << 20, &data, &len))
        return -1;
    topics->buf = data;
    types->buf = NULL;
    long lineno = 0;
    for (char *line = data, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        lineno++;
        if (*line == '#' || strspn(line, " \t\r") == strlen(line))
            continue;
        word_list *w = !strncmp(line, "topics:", 7) ? topics : !strncmp(line, "entities:", 9) ? types : NULL;
        if (!w) {
            cli_error(path, lineno, "expected 'topics: ...' or 'entities: ...'");
            return -1;
        }
        char *save = NULL;
        strtok_r(line, " \t\r", &save);
        for (char *t; (t = strtok_r(NULL, " \t\r", &save));) {
            if (w->n == 64) {
                cli_error(path, lineno, "more than 64 labels");
                return -1;
            }
            w->v[w->n++] = t;
        }
    }
    return 0;
}

long cli_corpus_apply_splits(nt_corpus *c, const char *path)
{
    char *data = NULL;
    size_t len;
    if (cli_read_file(path, 64 << 20, &data, &len))
        return 1;
    long problems = 0, lineno = 0;
    size_t n = nt_corpus_count(c);
    /* ids are few (hundreds to thousands): a sorted index makes lookups cheap enough */
    for (char *line = data, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        lineno++;
        size_t l = strlen(line);
        if (l && line[l - 1] == '\r')
            line[--l] = '\0';
        if (l == 0 || line[0] == '#')
            continue;
        char *tab = strchr(line, '\t');
        if (!tab || (strcmp(tab + 1, "train") && strcmp(tab + 1, "dev") && strcmp(tab + 1, "test"))) {
            cli_error(path, lineno, "expected 'ID<TAB>train|dev|test'");
            problems++;
            continue;
        }
        *tab = '\0';
        for (size_t i = 0; i < n; i++) {
            if (!strcmp(nt_corpus_get(c, i)->id, line)) {
                if (nt_corpus_set_split(c, i, tab + 1)) {
                    cli_error(path, lineno, "out of memory");
                    problems++;
                }
            }
        }
    }
    free(data);
    return problems;
}

/* ---- check ---- */

int corpus_check_action(char **files, int n, const char *labels, const char *splits, double near_dup)
{
    nt_corpus *c = NULL;
    if (nt_corpus_new(&c))
        return EXIT_FAILED;
    long problems = cli_corpus_load(c, files, n);
    if (splits)
        problems += cli_corpus_apply_splits(c, splits);
    word_list topics = {0}, types = {0};
    int ok_labels = !labels || load_labels(labels, &topics, &types) == 0;
    if (!ok_labels)
        problems++;
    nt_corpus_rules rules = {labels ? topics.v : NULL, topics.n, labels ? types.v : NULL, types.n, near_dup};
    size_t found = 0;
    if (ok_labels) {
        int rc = nt_corpus_check(c, &rules, cli_print_issue, &problems, &found);
        if (rc) {
            cli_error(NULL, 0, "corpus check: %s", nt_strerror(rc));
            problems++;
        }
    }
    if (splits) {
        for (size_t i = 0; i < nt_corpus_count(c); i++) {
            const nt_article *a = nt_corpus_get(c, i);
            if (!a->split) {
                cli_error(a->file, a->line, "article %s has no split in %s (run 'newstag corpus split')", a->id, splits);
                problems++;
            }
        }
    }
    fprintf(stderr, "newstag: corpus check: %zu articles, %ld problem(s)\n", nt_corpus_count(c), problems);
    free(topics.buf);
    nt_corpus_free(c);
    return problems ? EXIT_FAILED : EXIT_OK;
}

/* ---- build ---- */

static int same_article(const nt_article *a, const nt_article *b)
{
#define SAME_STR(x, y) ((!(x) && !(y)) || ((x) && (y) && !strcmp((x), (y))))
    if (strcmp(a->id, b->id) || a->text_len != b->text_len || memcmp(a->text, b->text, a->text_len) ||
        a->n_topics != b->n_topics || a->n_entities != b->n_entities || !SAME_STR(a->genre, b->genre) ||
        !SAME_STR(a->region, b->region) || !SAME_STR(a->split, b->split) ||
        !SAME_STR(a->hard_negative, b->hard_negative) || !SAME_STR(a->lang, b->lang))
        return 0;
    for (size_t i = 0; i < a->n_topics; i++)
        if (strcmp(a->topics[i], b->topics[i]))
            return 0;
    for (size_t i = 0; i < a->n_entities; i++)
        if (a->entities[i].start != b->entities[i].start || a->entities[i].end != b->entities[i].end ||
            strcmp(a->entities[i].type, b->entities[i].type))
            return 0;
    return 1;
#undef SAME_STR
}

int corpus_build_action(char **files, int n, const char *labels, const char *splits, const char *outdir)
{
    nt_corpus *c = NULL, *back = NULL;
    int status = EXIT_FAILED;
    if (nt_corpus_new(&c) || nt_corpus_new(&back))
        goto done;
    long problems = cli_corpus_load(c, files, n) + cli_corpus_apply_splits(c, splits);
    word_list topics = {0}, types = {0};
    if (labels && load_labels(labels, &topics, &types))
        problems++;
    nt_corpus_rules rules = {labels ? topics.v : NULL, topics.n, labels ? types.v : NULL, types.n, 0.6};
    size_t found = 0;
    if (!problems && nt_corpus_check(c, &rules, cli_print_issue, &problems, &found))
        problems++;
    free(topics.buf);
    for (size_t i = 0; i < nt_corpus_count(c); i++) {
        const nt_article *a = nt_corpus_get(c, i);
        if (!a->split) {
            cli_error(a->file, a->line, "article %s has no split in %s (run 'newstag corpus split')", a->id, splits);
            problems++;
        }
    }
    if (problems) {
        cli_error(NULL, 0, "corpus build: %ld problem(s); nothing written", problems);
        goto done;
    }
    if (mkdir(outdir, 0777) && errno != EEXIST) {
        cli_error(outdir, 0, "cannot create the directory: %s", strerror(errno));
        goto done;
    }
    static const char *parts[] = {"all", "train", "dev", "test"};
    char path[4096];
    for (int p = 0; p < 4; p++) {
        nt_error err;
        nt_error_clear(&err);
        snprintf(path, sizeof path, "%s/%s.jsonl", outdir, parts[p]);
        int rc = nt_corpus_write_jsonl(c, path, p ? parts[p] : NULL, &err);
        if (rc) {
            cli_report(path, &err, rc);
            goto done;
        }
    }
    /* round trip: the JSONL read back must be the very same articles */
    snprintf(path, sizeof path, "%s/all.jsonl", outdir);
    long back_problems = 0;
    nt_error err;
    nt_error_clear(&err);
    if (nt_corpus_read_jsonl(back, path, cli_print_issue, &back_problems, &err) || back_problems ||
        nt_corpus_count(back) != nt_corpus_count(c)) {
        cli_error(path, 0, "reading the written corpus back failed");
        goto done;
    }
    for (size_t i = 0; i < nt_corpus_count(c); i++) {
        if (!same_article(nt_corpus_get(c, i), nt_corpus_get(back, i))) {
            const nt_article *a = nt_corpus_get(c, i);
            cli_error(a->file, a->line, "article %s differs after the JSONL round trip", a->id);
            goto done;
        }
    }
    size_t counts[3] = {0};
    for (size_t i = 0; i < nt_corpus_count(c); i++)
        for (int p = 0; p < 3; p++)
            counts[p] += !strcmp(nt_corpus_get(c, i)->split, parts[p + 1]);
    fprintf(stderr, "newstag: corpus build: %zu articles (train %zu, dev %zu, test %zu) in %s; round trip verified\n",
            nt_corpus_count(c), counts[0], counts[1], counts[2], outdir);
    status = EXIT_OK;
done:
    nt_corpus_free(c);
    nt_corpus_free(back);
    return status;
}

/* ---- consistency ---- */

typedef struct finding_sink {
    long printed, max;
} finding_sink;

static void print_finding(void *user, const nt_error *e)
{
    finding_sink *s = user;
    if (s->max < 0 || s->printed < s->max)
        printf("%s:%ld: %s\n", e->file, e->line, e->message);
    s->printed++;
}

int corpus_consistency_action(char **files, int n, long max_findings)
{
    nt_corpus *c = NULL;
    if (nt_corpus_new(&c))
        return EXIT_FAILED;
    long problems = cli_corpus_load(c, files, n);
    finding_sink sink = {0, max_findings};
    size_t found = 0;
    int rc = nt_corpus_consistency(c, print_finding, &sink, &found);
    if (rc)
        cli_error(NULL, 0, "corpus consistency: %s", nt_strerror(rc));
    fprintf(stderr, "newstag: corpus consistency: %zu articles, %zu finding(s)\n", nt_corpus_count(c), found);
    nt_corpus_free(c);
    return (problems || rc) ? EXIT_FAILED : EXIT_OK;
}

/* ---- split ---- */

static uint64_t fnv(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

typedef struct split_item {
    size_t index;
    uint64_t hash;
    char stratum[160];
} split_item;

static int item_cmp(const void *x, const void *y)
{
    const split_item *a = x, *b = y;
    int s = strcmp(a->stratum, b->stratum);
    if (s)
        return s;
    return a->hash < b->hash ? -1 : a->hash > b->hash;
}

static int str_cmp(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static int article_id_cmp(const void *x, const void *y)
{
    return strcmp((*(const nt_article *const *)x)->id, (*(const nt_article *const *)y)->id);
}

static void stratum_of(const nt_article *a, char *out, size_t cap)
{
    const char *t[16];
    size_t n = a->n_topics < 16 ? a->n_topics : 16;
    for (size_t i = 0; i < n; i++)
        t[i] = a->topics[i];
    qsort(t, n, sizeof *t, str_cmp);
    size_t len = 0;
    out[0] = '\0';
    if (n == 0)
        len += (size_t)snprintf(out, cap, "%s", a->hard_negative ? "(hard negative)" : "(none)");
    for (size_t i = 0; i < n && len < cap; i++)
        len += (size_t)snprintf(out + len, cap - len, "%s%s", i ? "+" : "", t[i]);
}

int corpus_split_action(char **files, int n, const char *splits)
{
    static const char *names[3] = {"train", "dev", "test"};
    static const double share[3] = {0.70, 0.15, 0.15};
    nt_corpus *c = NULL;
    if (nt_corpus_new(&c))
        return EXIT_FAILED;
    int status = EXIT_FAILED;
    split_item *items = NULL;
    if (cli_corpus_load(c, files, n))
        goto done;
    if (access(splits, F_OK) == 0 && cli_corpus_apply_splits(c, splits))
        goto done;
    size_t na = nt_corpus_count(c), added = 0;
    items = calloc(na ? na : 1, sizeof *items);
    if (!items)
        goto done;
    for (size_t i = 0; i < na; i++) {
        items[i].index = i;
        items[i].hash = fnv(nt_corpus_get(c, i)->id);
        stratum_of(nt_corpus_get(c, i), items[i].stratum, sizeof items[i].stratum);
    }
    qsort(items, na, sizeof *items, item_cmp);
    for (size_t s = 0; s < na;) {
        size_t e = s;
        while (e < na && !strcmp(items[e].stratum, items[s].stratum))
            e++;
        size_t count[3] = {0}, total = 0;
        for (size_t i = s; i < e; i++) {
            const char *sp = nt_corpus_get(c, items[i].index)->split;
            for (int k = 0; sp && k < 3; k++)
                if (!strcmp(sp, names[k]))
                    count[k]++, total++;
        }
        for (size_t i = s; i < e; i++) {
            if (nt_corpus_get(c, items[i].index)->split)
                continue;
            total++;
            int best = 0;
            double best_gap = -1e9;
            for (int k = 0; k < 3; k++) {
                double gap = share[k] * (double)total - (double)count[k];
                if (gap > best_gap + 1e-9)
                    best = k, best_gap = gap;
            }
            count[best]++;
            nt_corpus_set_split(c, items[i].index, names[best]);
            added++;
        }
        s = e;
    }
    /* rewrite the splits file, sorted by id, through a temporary file */
    const nt_article **sorted = calloc(na ? na : 1, sizeof *sorted);
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", splits);
    FILE *f = sorted ? fopen(tmp, "w") : NULL;
    if (!f) {
        cli_error(splits, 0, "cannot write: %s", strerror(errno));
        free(sorted);
        goto done;
    }
    for (size_t i = 0; i < na; i++)
        sorted[i] = nt_corpus_get(c, i);
    qsort(sorted, na, sizeof *sorted, article_id_cmp);
    fprintf(f, "# The fixed split of every corpus article: ID<TAB>train|dev|test.\n"
               "# Written by 'newstag corpus split'; existing lines never change.\n");
    for (size_t i = 0; i < na; i++)
        fprintf(f, "%s\t%s\n", sorted[i]->id, sorted[i]->split);
    free(sorted);
    if (fflush(f) || ferror(f) || fclose(f) || rename(tmp, splits)) {
        cli_error(splits, 0, "cannot write: %s", strerror(errno));
        unlink(tmp);
        goto done;
    }
    fprintf(stderr, "newstag: corpus split: %zu articles, %zu newly assigned, written to %s\n", na, added, splits);
    status = EXIT_OK;
done:
    free(items);
    nt_corpus_free(c);
    return status;
}

/* ---- import ---- */

int corpus_import_action(const char *input, const char *output)
{
    nt_corpus *c = NULL;
    if (nt_corpus_new(&c))
        return EXIT_FAILED;
    char *files[1] = {(char *)input};
    long problems = cli_corpus_load(c, files, 1);
    nt_error err;
    nt_error_clear(&err);
    int rc = problems ? NT_EPARSE : nt_corpus_write_jsonl(c, output, NULL, &err);
    if (rc && !problems)
        cli_report(output, &err, rc);
    if (!rc) {
        size_t ents = 0;
        for (size_t i = 0; i < nt_corpus_count(c); i++)
            ents += nt_corpus_get(c, i)->n_entities;
        fprintf(stderr, "newstag: corpus import: %zu articles, %zu entities written to %s\n",
                nt_corpus_count(c), ents, output);
    }
    nt_corpus_free(c);
    return rc ? EXIT_FAILED : EXIT_OK;
}
