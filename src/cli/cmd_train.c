/* cmd_train.c - `newstag train`: learn a model from a labeled corpus. */
#include <dirent.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "cli_corpus.h"

static void help(FILE *f)
{
    fprintf(f,
            "Usage: newstag train --corpus FILE [--dev FILE] [--test FILE] --output MODEL [options]\n"
            "\n"
            "Learns every topic label present in the training corpus (JSONL or authoring form),\n"
            "after checking it: problems are reported as FILE:LINE: reason and stop training.\n"
            "--dev chooses the decision thresholds (otherwise cross-validation does); --test is\n"
            "only measured, and its figures stored in the model. The model is written\n"
            "atomically: an interrupted training leaves no file at MODEL.\n"
            "\n"
            "Options:\n"
            "  -c, --corpus FILE     training articles (repeatable)\n"
            "  -d, --dev FILE        development articles\n"
            "  -t, --test FILE       test articles, measured only\n"
            "  -o, --output MODEL    where to write the model\n"
            "  -p, --param NAME=VAL  a training parameter (repeatable; see below)\n"
            "  -g, --gazetteers DIR  word lists for the entity tagger: every DIR/*.txt, named\n"
            "                        by its file name (baked into the model)\n"
            "  -j, --threads N       worker threads (default 2)\n"
            "  -q, --quiet           no progress line\n"
            "  -h, --help            this help\n"
            "\n"
            "Training parameters (default, range):\n");
    for (size_t i = 0; i < nt_train_param_count(); i++) {
        const nt_param_info *p = nt_train_param(i);
        fprintf(f, "  %-13s %-8g [%g, %g]  %s\n", p->name, p->default_value, p->min, p->max, p->description);
    }
}

static volatile sig_atomic_t interrupted = 0;

static void on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

typedef struct progress_state {
    int live;
    struct timespec start;
} progress_state;

static double elapsed(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static int on_progress(void *user, const char *stage, size_t done, size_t total)
{
    progress_state *ps = user;
    if (ps->live) {
        double s = elapsed(&ps->start);
        if (total > 0 && done > 0)
            fprintf(stderr, "\r\033[Knewstag train: %-9s %zu/%zu  %.1fs elapsed, about %.1fs left", stage, done,
                    total, s, s / (double)done * (double)(total - done));
        else if (total > 0)
            fprintf(stderr, "\r\033[Knewstag train: %-9s 0/%zu  %.1fs elapsed", stage, total, s);
        else
            fprintf(stderr, "\r\033[Knewstag train: %-9s  %.1fs elapsed", stage, s);
        fflush(stderr);
    }
    return interrupted;
}

static int load_one(nt_corpus **c, char *path)
{
    if (nt_corpus_new(c))
        return -1;
    if (cli_corpus_load(*c, &path, 1))
        return -1;
    nt_corpus_rules rules = {NULL, 0, NULL, 0, 0};
    long problems = 0;
    size_t found = 0;
    if (nt_corpus_check(*c, &rules, cli_print_issue, &problems, &found) || problems)
        return -1;
    if (nt_corpus_count(*c) == 0) {
        cli_error(path, 0, "no articles");
        return -1;
    }
    return 0;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every .txt file in dir becomes a list named after its file, in name order. */
static int load_gazetteers(nt_train_options *o, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        cli_error(dir, 0, "cannot open the gazetteer directory");
        return -1;
    }
    char *names[64];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 64) {
        size_t l = strlen(e->d_name);
        if (l > 4 && !strcmp(e->d_name + l - 4, ".txt"))
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, name_cmp);
    int rc = n ? 0 : -1;
    if (!n)
        cli_error(dir, 0, "no *.txt gazetteer lists here");
    for (size_t i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        char *text = NULL;
        size_t len = 0;
        if (!rc && cli_read_file(path, 64 << 20, &text, &len) == 0) {
            names[i][strlen(names[i]) - 4] = '\0';
            if (nt_train_options_add_gazetteer(o, names[i], text, len)) {
                cli_error(path, 0, "cannot use this list (too many lists, or a bad name)");
                rc = -1;
            }
        } else {
            rc = -1;
        }
        free(text);
        free(names[i]);
    }
    return rc;
}

int cmd_train(int argc, char **argv)
{
    static const struct option opts[] = {
        {"corpus", required_argument, NULL, 'c'}, {"dev", required_argument, NULL, 'd'},
        {"test", required_argument, NULL, 't'},   {"output", required_argument, NULL, 'o'},
        {"param", required_argument, NULL, 'p'},  {"threads", required_argument, NULL, 'j'},
        {"quiet", no_argument, NULL, 'q'},        {"help", no_argument, NULL, 'h'},
        {"gazetteers", required_argument, NULL, 'g'},
        {NULL, 0, NULL, 0},
    };
    char *corpus = NULL, *dev = NULL, *test = NULL, *gazetteers = NULL;
    const char *output = NULL;
    int quiet = 0, c, status = EXIT_FAILED;
    nt_train_options *o = NULL;
    nt_corpus *tr = NULL, *dv = NULL, *te = NULL;
    nt_model *m = NULL;
    nt_error err;
    nt_error_clear(&err);
    if (nt_train_options_new(&o))
        return EXIT_FAILED;
    optind = 1;
    while ((c = getopt_long(argc, argv, "c:d:t:o:p:j:g:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'g': gazetteers = optarg; break;
        case 'c': corpus = optarg; break;
        case 'd': dev = optarg; break;
        case 't': test = optarg; break;
        case 'o': output = optarg; break;
        case 'q': quiet = 1; break;
        case 'p': {
            char *eq = strchr(optarg, '=');
            if (!eq) {
                cli_error(NULL, 0, "train: --param wants NAME=VALUE, not '%s'", optarg);
                status = EXIT_USAGE;
                goto done;
            }
            *eq = '\0';
            if (nt_train_options_set(o, optarg, eq + 1, &err)) {
                cli_error(NULL, 0, "train: %s", err.message);
                status = EXIT_USAGE;
                goto done;
            }
            break;
        }
        case 'j': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || nt_train_options_set_threads(o, (int)n)) {
                cli_error(NULL, 0, "train: --threads wants a number from 1 to 256, not '%s'", optarg);
                status = EXIT_USAGE;
                goto done;
            }
            break;
        }
        case 'h':
            help(stdout);
            status = EXIT_OK;
            goto done;
        default:
            help(stderr);
            status = EXIT_USAGE;
            goto done;
        }
    }
    if (!corpus || !output || optind < argc) {
        cli_error(NULL, 0, "train: needs --corpus FILE and --output MODEL (and no other arguments)");
        status = EXIT_USAGE;
        goto done;
    }
    if (gazetteers && load_gazetteers(o, gazetteers))
        goto done;
    if (load_one(&tr, corpus) || (dev && load_one(&dv, dev)) || (test && load_one(&te, test)))
        goto done;

    progress_state ps = {!quiet && isatty(2), {0, 0}};
    clock_gettime(CLOCK_MONOTONIC, &ps.start);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    int rc = nt_train(&m, tr, dv, te, o, on_progress, &ps, &err);
    if (ps.live)
        fputs("\r\033[K", stderr);
    if (rc == NT_ECANCELED) {
        cli_error(NULL, 0, "train: interrupted; nothing written to %s", output);
        goto done;
    }
    if (rc) {
        cli_report(corpus, &err, rc);
        goto done;
    }
    if ((rc = nt_model_save(m, output, &err))) {
        cli_report(output, &err, rc);
        goto done;
    }
    if (!quiet)
        fprintf(stderr, "newstag: train: %zu topics%s from %zu articles in %.1fs; model written to %s\n",
                nt_model_topic_count(m), strstr(nt_model_manifest(m), "\"entities\"") ? " and entities" : "",
                nt_corpus_count(tr), elapsed(&ps.start), output);
    status = EXIT_OK;
done:
    nt_model_free(m);
    nt_corpus_free(tr);
    nt_corpus_free(dv);
    nt_corpus_free(te);
    nt_train_options_free(o);
    return status;
}
