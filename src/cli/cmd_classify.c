/* cmd_classify.c - `newstag classify`: topics (and, later, entities) of articles. */
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

enum { FMT_TEXT, FMT_JSON, FMT_JSONL };

static void help(FILE *f)
{
    fprintf(f,
            "Usage: newstag classify [--model MODEL] [options] [FILE...]\n"
            "\n"
            "Labels each article with topics. Each FILE is one article ('-' or none: stdin);\n"
            "with --input jsonl, each line of the input is a JSON object with \"text\" (and an\n"
            "optional \"id\"), and each gives one output line, in input order.\n"
            "\n"
            "Options:\n"
            "  -m, --model MODEL   the model (default: the shipped models/newstag-ru.ntm)\n"
            "  -i, --input KIND    text (default) or jsonl\n"
            "  -f, --format FMT    text (default), json or jsonl\n"
            "      --max-bytes N   refuse articles (or JSONL lines) over N bytes (default 256M)\n"
            "  -h, --help          this help\n"
            "\n"
            "JSON record: {\"id\", \"topics\": [{\"label\", \"score\", \"evidence\": [{\"start\",\n"
            "\"end\", \"text\", \"weight\"}]}], \"scores\": {LABEL: score, ...}, \"entities\":\n"
            "[{\"type\", \"start\", \"end\", \"text\", \"score\"}]}.\n"
            "\"topics\" holds the labels at or above their threshold, highest score first;\n"
            "offsets are code points into the article, end exclusive. A JSONL line that cannot\n"
            "be read gives {\"line\": N, \"error\": \"...\"} in its place, and exit status 1.\n");
}

typedef struct out_ctx {
    int format;
    int color;   /* text on a terminal: entities in colour */
    int records; /* printed so far, for the JSON array */
    int many;    /* json: several inputs make an array */
} out_ctx;

static const char *entity_color(const char *type)
{
    if (!strcmp(type, "PER"))
        return "\033[1;34m";
    if (!strcmp(type, "ORG"))
        return "\033[1;32m";
    if (!strcmp(type, "LOC"))
        return "\033[1;35m";
    return "\033[1m";
}

static int by_score(const void *a, const void *b)
{
    double x = (*(const nt_topic_result *const *)a)->score, y = (*(const nt_topic_result *const *)b)->score;
    return x > y ? -1 : x < y;
}

/* id_json: the id as JSON text (a string literal or a number), or NULL. */
static void print_record(out_ctx *o, const char *id_json, const char *text, const nt_result *r)
{
    size_t n = nt_result_topic_count(r), na = 0;
    const nt_topic_result *assigned[256];
    for (size_t i = 0; i < n && na < 256; i++)
        if (nt_result_topic(r, i)->assigned)
            assigned[na++] = nt_result_topic(r, i);
    qsort(assigned, na, sizeof *assigned, by_score);

    if (o->format == FMT_TEXT) {
        printf("%s", id_json ? id_json : "<stdin>");
        printf("\n  topics:");
        if (na == 0)
            printf(" (none)");
        for (size_t i = 0; i < na; i++)
            printf("%s %s %.2f", i ? "," : "", assigned[i]->label, assigned[i]->score);
        printf("\n");
        for (size_t i = 0; i < na; i++)
            for (size_t k = 0; k < assigned[i]->n_evidence; k++) {
                const nt_evidence *e = &assigned[i]->evidence[k];
                printf("    %s [%zu, %zu) ", assigned[i]->label, e->cp_start, e->cp_end);
                cli_text_clean(stdout, text + e->byte_start, e->byte_end - e->byte_start);
                printf("\n");
            }
        printf("  scores:");
        for (size_t i = 0; i < n; i++)
            printf(" %s %.2f", nt_result_topic(r, i)->label, nt_result_topic(r, i)->score);
        printf("\n");
        if (nt_result_entity_count(r)) {
            printf("  entities:\n");
            for (size_t i = 0; i < nt_result_entity_count(r); i++) {
                const nt_entity *e = nt_result_entity(r, i);
                printf("    %-4s %s", e->type, o->color ? entity_color(e->type) : "");
                cli_text_clean(stdout, text + e->byte_start, e->byte_end - e->byte_start);
                printf("%s  [%zu, %zu) %.2f\n", o->color ? "\033[0m" : "", e->cp_start, e->cp_end, e->score);
            }
        }
        return;
    }
    int pretty = o->format == FMT_JSON;
    const char *open = pretty ? "{\n  " : "{", *sep = pretty ? ",\n  " : ", ";
    const char *item = pretty ? "\n    " : "";
    if (pretty && o->many)
        printf("%s", o->records ? ",\n" : "[\n");
    printf("%s\"id\": %s%s\"topics\": [", open, id_json ? id_json : "null", sep);
    for (size_t i = 0; i < na; i++) {
        printf("%s%s{\"label\": ", i ? ", " : "", item);
        cli_json_string(stdout, assigned[i]->label, strlen(assigned[i]->label));
        printf(", \"score\": %.4f, \"evidence\": [", assigned[i]->score);
        for (size_t k = 0; k < assigned[i]->n_evidence; k++) {
            const nt_evidence *e = &assigned[i]->evidence[k];
            printf("%s{\"start\": %zu, \"end\": %zu, \"weight\": %.3f, \"text\": ", k ? ", " : "", e->cp_start,
                   e->cp_end, e->weight);
            cli_json_string(stdout, text + e->byte_start, e->byte_end - e->byte_start);
            printf("}");
        }
        printf("]}");
    }
    printf("%s]%s\"scores\": {", na && pretty ? "\n  " : "", sep);
    for (size_t i = 0; i < n; i++) {
        printf("%s", i ? ", " : "");
        cli_json_string(stdout, nt_result_topic(r, i)->label, strlen(nt_result_topic(r, i)->label));
        printf(": %.4f", nt_result_topic(r, i)->score);
    }
    printf("}%s\"entities\": [", sep);
    for (size_t i = 0; i < nt_result_entity_count(r); i++) {
        const nt_entity *e = nt_result_entity(r, i);
        printf("%s%s{\"type\": ", i ? ", " : "", item);
        cli_json_string(stdout, e->type, strlen(e->type));
        printf(", \"start\": %zu, \"end\": %zu, \"text\": ", e->cp_start, e->cp_end);
        cli_json_string(stdout, text + e->byte_start, e->byte_end - e->byte_start);
        printf(", \"score\": %.4f}", e->score);
    }
    printf("%s]%s}", nt_result_entity_count(r) && pretty ? "\n  " : "", pretty ? "\n" : "");
    if (o->format == FMT_JSONL || !o->many)
        printf("\n");
    o->records++;
}

static void print_error_record(out_ctx *o, const char *id_json, long line, const char *msg)
{
    if (o->format == FMT_TEXT)
        return; /* stderr has it */
    if (o->format == FMT_JSON && o->many)
        printf("%s", o->records ? ",\n" : "[\n");
    printf("{\"id\": %s, \"line\": %ld, \"error\": ", id_json ? id_json : "null", line);
    cli_json_string(stdout, msg, strlen(msg));
    printf("}%s", (o->format == FMT_JSONL || !o->many) ? "\n" : "");
    o->records++;
}

static int classify_text(const nt_model *m, out_ctx *o, const char *name, const char *text, size_t len)
{
    nt_result *r = NULL;
    nt_error err;
    nt_error_clear(&err);
    int rc = nt_classify(&r, m, text, len, &err);
    if (rc) {
        cli_report(name, &err, rc);
        return -1;
    }
    char *id = NULL;
    size_t idlen = 0;
    FILE *mem = open_memstream(&id, &idlen);
    if (mem) {
        if (o->format == FMT_TEXT)
            fputs(name, mem);
        else
            cli_json_string(mem, name, strlen(name));
        fclose(mem);
    }
    print_record(o, id, text, r);
    free(id);
    nt_result_free(r);
    return 0;
}

/* One JSON object a line; every line gives one output line. Returns the number of bad lines. */
static long classify_jsonl(const nt_model *m, out_ctx *o, const char *path, size_t max_bytes)
{
    int is_stdin = !strcmp(path, "-");
    const char *name = is_stdin ? "<stdin>" : path;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        cli_error(name, 0, "cannot open");
        return 1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    long lineno = 0, bad = 0;
    while ((n = getline(&line, &cap, f)) != -1) {
        lineno++;
        size_t len = (size_t)n;
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        if (len == 0)
            continue;
        char msg[600];
        char *id_json = NULL;
        json_t *j = NULL, *text = NULL;
        if (len > max_bytes) {
            snprintf(msg, sizeof msg, "line of %zu bytes is over the limit of %zu (see --max-bytes)", len, max_bytes);
        } else {
            json_error_t je;
            j = json_loadb(line, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
            json_t *id = j ? json_object_get(j, "id") : NULL;
            if (id && (json_is_string(id) || json_is_integer(id) || json_is_real(id)))
                id_json = json_dumps(id, JSON_ENCODE_ANY | JSON_COMPACT);
            text = j ? json_object_get(j, "text") : NULL;
            if (!j)
                snprintf(msg, sizeof msg, "not JSON: %s", je.text);
            else if (!json_is_object(j))
                snprintf(msg, sizeof msg, "not a JSON object");
            else if (!text)
                snprintf(msg, sizeof msg, "no \"text\" field");
            else if (!json_is_string(text))
                snprintf(msg, sizeof msg, "\"text\" is not a string");
        }
        if (text && json_is_string(text)) {
            nt_result *r = NULL;
            nt_error err;
            nt_error_clear(&err);
            int rc = nt_classify(&r, m, json_string_value(text), json_string_length(text), &err);
            if (rc == NT_OK) {
                print_record(o, id_json, json_string_value(text), r);
                nt_result_free(r);
            } else {
                snprintf(msg, sizeof msg, "%s", err.message[0] ? err.message : nt_strerror(rc));
                text = NULL;
            }
        }
        if (!text || !json_is_string(text)) {
            cli_error(name, lineno, "%s", msg);
            print_error_record(o, id_json, lineno, msg);
            bad++;
        }
        free(id_json);
        json_decref(j);
    }
    free(line);
    if (!is_stdin)
        fclose(f);
    return bad;
}

int cmd_classify(int argc, char **argv)
{
    static const struct option opts[] = {
        {"model", required_argument, NULL, 'm'},  {"input", required_argument, NULL, 'i'},
        {"format", required_argument, NULL, 'f'}, {"max-bytes", required_argument, NULL, 'M'},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
    };
    const char *model = NULL;
    int jsonl_in = 0, c;
    size_t max_bytes = CLI_DEFAULT_MAX_BYTES;
    out_ctx o = {FMT_TEXT, isatty(1), 0, 0};
    optind = 1;
    while ((c = getopt_long(argc, argv, "m:i:f:h", opts, NULL)) != -1) {
        switch (c) {
        case 'm': model = optarg; break;
        case 'i':
            if (!strcmp(optarg, "jsonl")) jsonl_in = 1;
            else if (!strcmp(optarg, "text")) jsonl_in = 0;
            else {
                cli_error(NULL, 0, "classify: --input is text or jsonl, not '%s'", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'f':
            if (!strcmp(optarg, "text")) o.format = FMT_TEXT;
            else if (!strcmp(optarg, "json")) o.format = FMT_JSON;
            else if (!strcmp(optarg, "jsonl")) o.format = FMT_JSONL;
            else {
                cli_error(NULL, 0, "classify: --format is text, json or jsonl, not '%s'", optarg);
                return EXIT_USAGE;
            }
            break;
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
    nt_model *m = cli_load_model(model);
    if (!m)
        return EXIT_FAILED;
    static char *stdin_only[] = {"-"};
    char **files = optind < argc ? argv + optind : stdin_only;
    int nfiles = optind < argc ? argc - optind : 1;
    o.many = jsonl_in || nfiles > 1;
    long failed = 0;
    for (int i = 0; i < nfiles; i++) {
        if (jsonl_in) {
            failed += classify_jsonl(m, &o, files[i], max_bytes);
            continue;
        }
        char *text = NULL;
        size_t len = 0;
        const char *name = strcmp(files[i], "-") ? files[i] : "<stdin>";
        if (cli_read_file(files[i], max_bytes, &text, &len)) {
            failed++;
            continue;
        }
        if (classify_text(m, &o, name, text, len))
            failed++;
        free(text);
    }
    if (o.format == FMT_JSON && o.many)
        printf("%s]\n", o.records ? "\n" : "[");
    nt_model_free(m);
    if (fflush(stdout) || ferror(stdout)) {
        cli_error(NULL, 0, "classify: cannot write the output");
        return EXIT_FAILED;
    }
    return failed ? EXIT_FAILED : EXIT_OK;
}
