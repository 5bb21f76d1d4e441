/* cmd_classify.c - `newstag classify`: topics and entities of articles, in batches on
 * worker threads, written in input order. */
#include <getopt.h>
#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "classify_output.h"
#include "cli.h"
#include "jsonl_fields.h"

/* Articles classified together; memory stays bounded by this many articles at a time. */
#define BATCH 64
/* stdio reads the input this much at a time */
#define IN_BUFFER ((size_t)1 << 20)
#define MAX_THREADS 64

static void help(FILE *f)
{
    fprintf(f,
            "Usage: newstag classify [--model MODEL] [options] [FILE...]\n"
            "\n"
            "Labels each article with topics and entities. Each FILE is one article ('-' or\n"
            "none: stdin); with --input jsonl, each line of the input is a JSON object with\n"
            "\"text\" (and an optional \"id\"), and each gives one output record, in input order.\n"
            "\n"
            "Options:\n"
            "  -m, --model MODEL   the model (default: the shipped models/newstag-ru.ntm)\n"
            "  -i, --input KIND    text (default) or jsonl\n"
            "  -f, --format FMT    text (default), json, jsonl, conll, brat or html\n"
            "  -j, --threads N     classify on N threads (default: the number of cores)\n"
            "      --only WHAT     topics or entities: compute only that half (faster)\n"
            "      --stats         print throughput to stderr at the end\n"
            "      --max-bytes N   refuse articles (or JSONL lines) over N bytes (default 16M;\n"
            "                      classifying takes about 15 times an article's size in memory)\n"
            "  -h, --help          this help\n"
            "\n"
            "JSON record: {\"id\", \"topics\": [{\"label\", \"score\", \"evidence\": [{\"start\",\n"
            "\"end\", \"text\", \"weight\"}]}], \"scores\": {LABEL: score, ...}, \"entities\":\n"
            "[{\"type\", \"start\", \"end\", \"text\", \"score\"}]}. \"topics\" holds the labels at or\n"
            "above their threshold, highest score first; offsets are code points into the\n"
            "article, end exclusive. A JSONL line that cannot be read gives {\"id\", \"line\",\n"
            "\"error\"} in its place, and exit status 1. conll: a token a line with its BIO tag;\n"
            "brat: standoff T lines; html: one self-contained page with highlighted entities\n"
            "and topic score bars.\n");
}

typedef struct job {
    char *id;          /* the name (text formats) or id as JSON (JSON formats), or NULL */
    json_t *doc;       /* JSONL input: the parsed line, which owns text */
    char *owned_text;  /* file input: the file's bytes; JSONL read by jsonl_fields: the text */
    const char *text;
    size_t len;
    long line;
    char error[600];   /* non-empty: the article could not be read or classified */
    nt_result *r;
} job;

typedef struct batch {
    job jobs[BATCH];
    size_t n;
    const nt_model *m;
    unsigned what;     /* NT_CLASSIFY_* */
    int threads;
    size_t next;
    pthread_mutex_t mu;
    nt_workspace *ws[MAX_THREADS]; /* one a thread, kept from batch to batch */
} batch;

static void classify_job(const nt_model *m, unsigned what, nt_workspace *ws, job *j)
{
    if (j->error[0])
        return;
    nt_error err;
    nt_error_clear(&err);
    int rc = nt_classify_with(ws, &j->r, m, j->text, j->len, what, &err);
    if (rc)
        snprintf(j->error, sizeof j->error, "%s", err.message[0] ? err.message : nt_strerror(rc));
}

typedef struct worker_arg {
    batch *b;
    int k; /* which thread: its workspace */
} worker_arg;

static void *worker(void *arg)
{
    const worker_arg *w = arg;
    batch *b = w->b;
    for (;;) {
        pthread_mutex_lock(&b->mu);
        size_t k = b->next++;
        pthread_mutex_unlock(&b->mu);
        if (k >= b->n)
            return NULL;
        classify_job(b->m, b->what, b->ws[w->k], &b->jobs[k]);
    }
}

typedef struct stats {
    size_t articles, bytes, tokens;
} stats;

/* Classifies the batch on the threads, writes it in order, and empties it. */
static long flush(batch *b, output *o, stats *st, const char *name)
{
    long failed = 0;
    pthread_t th[MAX_THREADS];
    worker_arg arg[MAX_THREADS];
    int started = 0;
    b->next = 0;
    for (int k = 1; k < b->threads && k < MAX_THREADS && (size_t)k < b->n; k++) {
        arg[started] = (worker_arg){b, started + 1};
        if (pthread_create(&th[started], NULL, worker, &arg[started]) == 0)
            started++;
    }
    worker_arg self = {b, 0};
    worker(&self);
    for (int k = 0; k < started; k++)
        pthread_join(th[k], NULL);
    for (size_t i = 0; i < b->n; i++) {
        job *j = &b->jobs[i];
        if (j->error[0]) {
            cli_error(j->line ? name : (j->id ? j->id : name), j->line, "%s", j->error);
            output_error(o, o->format == FMT_JSON || o->format == FMT_JSONL ? j->id : NULL, j->line, j->error);
            failed++;
        } else {
            output_record(o, j->id, j->text, j->len, j->r);
            st->articles++;
            st->bytes += j->len;
            st->tokens += nt_result_token_count(j->r);
        }
        nt_result_free(j->r);
        json_decref(j->doc);
        free(j->owned_text);
        free(j->id);
        memset(j, 0, sizeof *j);
    }
    b->n = 0;
    return failed;
}

static void free_batch(batch *b)
{
    for (int k = 0; k < MAX_THREADS; k++)
        nt_workspace_free(b->ws[k]);
    free(b);
}

static char *json_id(const char *name)
{
    char *s = NULL;
    size_t n = 0;
    FILE *mem = open_memstream(&s, &n);
    if (!mem)
        return NULL;
    cli_json_string(mem, name, strlen(name));
    fclose(mem);
    return s;
}

/* One JSON object a line; every line gives one output record. */
static long classify_jsonl(batch *b, output *o, stats *st, const char *path, size_t max_bytes)
{
    int is_stdin = !strcmp(path, "-");
    const char *name = is_stdin ? "<stdin>" : path;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        cli_error(name, 0, "cannot open");
        return 1;
    }
    char *inbuf = is_stdin ? NULL : malloc(IN_BUFFER); /* (stdin may be read again) */
    cli_big_buffer(f, inbuf, IN_BUFFER);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0, failed = 0;
    size_t id_len;
    while ((n = getline(&line, &cap, f)) != -1) {
        lineno++;
        size_t len = (size_t)n;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        if (len == 0)
            continue;
        job *j = &b->jobs[b->n++];
        j->line = lineno;
        if (len > max_bytes) {
            snprintf(j->error, sizeof j->error, "line of %zu bytes is over the limit of %zu (see --max-bytes)", len, max_bytes);
        } else if (jsonl_fields(line, len, &j->owned_text, &j->len, &j->id, &id_len)) {
            j->text = j->owned_text;
            if (j->id && (o->format == FMT_JSON || o->format == FMT_JSONL)) {
                /* as jansson writes it, so both readers give the same output */
                json_t *s = json_stringn_nocheck(j->id, id_len);
                char *quoted = s ? json_dumps(s, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
                json_decref(s);
                free(j->id);
                j->id = quoted;
            }
        } else {
            json_error_t je;
            j->doc = json_loadb(line, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
            json_t *id = j->doc ? json_object_get(j->doc, "id") : NULL;
            if (id && (json_is_string(id) || json_is_integer(id) || json_is_real(id)))
                j->id = json_dumps(id, JSON_ENCODE_ANY | JSON_COMPACT);
            json_t *text = j->doc ? json_object_get(j->doc, "text") : NULL;
            if (!j->doc)
                snprintf(j->error, sizeof j->error, "not JSON: %s", je.text);
            else if (!json_is_object(j->doc))
                snprintf(j->error, sizeof j->error, "not a JSON object");
            else if (!text)
                snprintf(j->error, sizeof j->error, "no \"text\" field");
            else if (!json_is_string(text))
                snprintf(j->error, sizeof j->error, "\"text\" is not a string");
            else {
                j->text = json_string_value(text);
                j->len = json_string_length(text);
            }
            if (o->format != FMT_JSON && o->format != FMT_JSONL && j->id) {
                /* text-like formats show the id as written, without JSON quotes */
                char *plain = id && json_is_string(id) ? strdup(json_string_value(id)) : NULL;
                if (plain) {
                    free(j->id);
                    j->id = plain;
                }
            }
        }
        if (b->n == BATCH)
            failed += flush(b, o, st, name);
    }
    free(line);
    failed += flush(b, o, st, name);
    if (!is_stdin)
        fclose(f);
    free(inbuf);
    return failed;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int cmd_classify(int argc, char **argv)
{
    static const struct option opts[] = {
        {"model", required_argument, NULL, 'm'},  {"input", required_argument, NULL, 'i'},
        {"format", required_argument, NULL, 'f'}, {"max-bytes", required_argument, NULL, 'M'},
        {"threads", required_argument, NULL, 'j'}, {"stats", no_argument, NULL, 'S'},
        {"only", required_argument, NULL, 'O'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
    };
    const char *model = NULL;
    int jsonl_in = 0, c, want_stats = 0;
    unsigned what = NT_CLASSIFY_TOPICS | NT_CLASSIFY_ENTITIES;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int threads = cores > 0 ? (int)(cores < 64 ? cores : 64) : 1;
    size_t max_bytes = CLI_CLASSIFY_MAX_BYTES;
    static char outbuf[1 << 16]; /* not more: a pipe's reader waits for it */
    cli_big_buffer(stdout, outbuf, sizeof outbuf);
    output o = {stdout, FMT_TEXT, isatty(1), 0, 0, 0};
    optind = 1;
    while ((c = getopt_long(argc, argv, "m:i:f:j:h", opts, NULL)) != -1) {
        switch (c) {
        case 'm': model = optarg; break;
        case 'S': want_stats = 1; break;
        case 'O':
            if (!strcmp(optarg, "topics")) what = NT_CLASSIFY_TOPICS;
            else if (!strcmp(optarg, "entities")) what = NT_CLASSIFY_ENTITIES;
            else {
                cli_error(NULL, 0, "classify: --only is topics or entities, not '%s'", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'i':
            if (!strcmp(optarg, "jsonl")) jsonl_in = 1;
            else if (!strcmp(optarg, "text")) jsonl_in = 0;
            else {
                cli_error(NULL, 0, "classify: --input is text or jsonl, not '%s'", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'f':
            if ((o.format = output_format(optarg)) < 0) {
                cli_error(NULL, 0, "classify: --format is text, json, jsonl, conll, brat or html, not '%s'", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'j': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > 64) {
                cli_error(NULL, 0, "classify: --threads wants a number from 1 to 64, not '%s'", optarg);
                return EXIT_USAGE;
            }
            threads = (int)n;
            break;
        }
        case 'M':
            if (cli_parse_size(optarg, &max_bytes)) {
                cli_error(NULL, 0, "classify: --max-bytes wants a size such as 64M, not '%s'", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'h':
            help(stdout);
            return EXIT_OK;
        default:
            help(stderr);
            return EXIT_USAGE;
        }
    }
    double t0 = now();
    nt_model *m = cli_load_model_for(model, what);
    if (!m)
        return EXIT_FAILED;
    double t_loaded = now();
    static char *stdin_only[] = {"-"};
    char **files = optind < argc ? argv + optind : stdin_only;
    int nfiles = optind < argc ? argc - optind : 1;
    o.many = jsonl_in || nfiles > 1;
    if (o.format == FMT_TEXT && o.color && getenv("NO_COLOR"))
        o.color = 0;
    batch *b = calloc(1, sizeof *b);
    for (int k = 0; b && k < threads; k++)
        if (!(b->ws[k] = nt_workspace_new())) {
            free_batch(b);
            b = NULL;
        }
    if (!b) {
        cli_error(NULL, 0, "classify: out of memory");
        nt_model_free(m);
        return EXIT_FAILED;
    }
    b->m = m;
    b->what = what;
    b->threads = threads;
    pthread_mutex_init(&b->mu, NULL);
    stats st = {0, 0, 0};
    long failed = 0;
    output_begin(&o);
    for (int i = 0; i < nfiles; i++) {
        if (jsonl_in) {
            failed += classify_jsonl(b, &o, &st, files[i], max_bytes);
            continue;
        }
        const char *name = strcmp(files[i], "-") ? files[i] : "<stdin>";
        job *j = &b->jobs[b->n];
        if (cli_read_file(files[i], max_bytes, &j->owned_text, &j->len)) {
            failed++;
            memset(j, 0, sizeof *j);
            continue;
        }
        j->text = j->owned_text;
        j->id = (o.format == FMT_JSON || o.format == FMT_JSONL) ? json_id(name) : strdup(name);
        b->n++;
        if (b->n == BATCH)
            failed += flush(b, &o, &st, name);
    }
    failed += flush(b, &o, &st, "<stdin>");
    output_end(&o);
    double t1 = now();
    pthread_mutex_destroy(&b->mu);
    free_batch(b);
    nt_model_free(m);
    if (fflush(stdout) || ferror(stdout)) {
        cli_error(NULL, 0, "classify: cannot write the output");
        return EXIT_FAILED;
    }
    if (want_stats) {
        double s = t1 - t_loaded > 1e-9 ? t1 - t_loaded : 1e-9;
        fprintf(stderr,
                "newstag: classify: %zu articles, %zu tokens, %.2f MB in %.3f s on %d thread(s) "
                "(model load %.1f ms): %.0f articles/s, %.0f tokens/s, %.2f MB/s\n",
                st.articles, st.tokens, (double)st.bytes / 1e6, s, threads, (t_loaded - t0) * 1e3,
                (double)st.articles / s, (double)st.tokens / s, (double)st.bytes / 1e6 / s);
    }
    return failed ? EXIT_FAILED : EXIT_OK;
}
