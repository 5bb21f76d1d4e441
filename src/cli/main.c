/* main.c - `newstag VERB [options] [FILE...]`: a thin dispatcher over the public API. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_corpus.h"

static const cli_verb VERBS[] = {
    {"tokenize", "print tokens and sentences with exact offsets", cmd_tokenize},
    {"classify", "label articles with topics", cmd_classify},
    {"train", "learn a model from a labeled corpus", cmd_train},
    {"eval", "measure a model on a labeled corpus", cmd_eval},
    {"info", "describe a model file", cmd_info},
    {"corpus", "build, check, count and convert labeled corpora", cmd_corpus},
};

static void usage(FILE *f)
{
    fprintf(f,
            "Usage: newstag VERB [options] [FILE...]\n"
            "       newstag --help | --version\n"
            "\n"
            "Labels news articles with topics and named entities.\n"
            "\n"
            "Verbs:\n");
    for (size_t i = 0; i < sizeof VERBS / sizeof VERBS[0]; i++)
        fprintf(f, "  %-10s %s\n", VERBS[i].name, VERBS[i].summary);
    fprintf(f,
            "\n"
            "`newstag VERB --help` describes a verb. FILE '-' or no FILE reads standard input.\n"
            "\n"
            "Exit status: 0 success; 1 some input, model or output could not be processed\n"
            "(each problem is reported on stderr with its file and line); 2 usage error.\n");
}

int main(int argc, char **argv)
{
    /* A full disk or a file-size limit must give an error from write(), not kill us. */
    signal(SIGXFSZ, SIG_IGN);
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *verb = argv[1];
    if (!strcmp(verb, "--help") || !strcmp(verb, "-h") || !strcmp(verb, "help")) {
        usage(stdout);
        return EXIT_OK;
    }
    if (!strcmp(verb, "--version") || !strcmp(verb, "-V")) {
        printf("newstag %s\n", nt_version());
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof VERBS / sizeof VERBS[0]; i++)
        if (!strcmp(verb, VERBS[i].name))
            return VERBS[i].run(argc - 1, argv + 1);
    cli_error(NULL, 0, "unknown verb '%s' (try 'newstag --help')", verb);
    return EXIT_USAGE;
}
