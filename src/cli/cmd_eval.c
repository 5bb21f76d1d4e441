/* cmd_eval.c - `newstag eval`: how well a model labels a corpus (metrics from the library). */
#include <getopt.h>
#include <string.h>

#include "cli.h"
#include "cli_corpus.h"

static void help(FILE *f)
{
    fprintf(f,
            "Usage: newstag eval [--model MODEL] [--format text|json] [--errors] FILE...\n"
            "\n"
            "Classifies every article of the labeled FILEs (JSONL or authoring form) and\n"
            "prints per-topic precision, recall, F1 and support, micro and macro averages,\n"
            "exact-set accuracy and the topics that get confused; for entities, exact-match\n"
            "precision, recall and F1 per type, micro and macro, and overlap figures.\n"
            "--errors then lists every missed, spurious and mistyped span with its context\n"
            "(tab-separated: article, error, type, text, detail, context with [[span]]).\n");
}

int cmd_eval(int argc, char **argv)
{
    static const struct option opts[] = {
        {"model", required_argument, NULL, 'm'},
        {"format", required_argument, NULL, 'f'},
        {"errors", no_argument, NULL, 'e'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *model = NULL;
    int json = 0, errors = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "m:f:h", opts, NULL)) != -1) {
        switch (c) {
        case 'm': model = optarg; break;
        case 'e': errors = 1; break;
        case 'f':
            if (!strcmp(optarg, "json")) json = 1;
            else if (!strcmp(optarg, "text")) json = 0;
            else {
                cli_error(NULL, 0, "eval: --format is text or json, not '%s'", optarg);
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
    if (optind >= argc) {
        cli_error(NULL, 0, "eval: no labeled corpus given");
        return EXIT_USAGE;
    }
    nt_corpus *cp = NULL;
    if (nt_corpus_new(&cp))
        return EXIT_FAILED;
    if (cli_corpus_load(cp, argv + optind, argc - optind)) {
        nt_corpus_free(cp);
        return EXIT_FAILED;
    }
    nt_model *m = cli_load_model(model);
    if (!m) {
        nt_corpus_free(cp);
        return EXIT_FAILED;
    }
    nt_eval *e = NULL;
    nt_error err;
    nt_error_clear(&err);
    int rc = nt_evaluate_ex(&e, m, cp, errors, &err);
    if (rc)
        cli_report(argv[optind], &err, rc);
    else
        printf("%s%s%s%s", json ? nt_eval_json(e) : nt_eval_text(e), json ? "\n" : "",
               errors ? "\n" : "", errors ? nt_eval_errors(e) : "");
    nt_eval_free(e);
    nt_model_free(m);
    nt_corpus_free(cp);
    return rc ? EXIT_FAILED : EXIT_OK;
}
