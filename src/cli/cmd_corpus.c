/* cmd_corpus.c - `newstag corpus ACTION`: build, check, stats, consistency, split, import. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "cli_corpus.h"

static void help(FILE *f)
{
    fprintf(f,
            "Usage: newstag corpus ACTION [options] FILE...\n"
            "\n"
            "Tools for the labeled corpus. FILE is an authoring file (*.txt), a JSONL corpus\n"
            "(*.jsonl), a CoNLL BIO file (*.conll, *.bio) or a factRuEval-2016 directory.\n"
            "\n"
            "Actions:\n"
            "  check        validate: malformed records, unknown labels, spans off token\n"
            "               boundaries or with edge spaces, overlaps, duplicate ids, near\n"
            "               duplicates (also across splits). Exit 1 when anything is found.\n"
            "  build        write all.jsonl, train.jsonl, dev.jsonl and test.jsonl, and check\n"
            "               that reading them back gives the same articles\n"
            "  stats        counts per split: articles, tokens, topics, co-occurrence, entities\n"
            "  consistency  the same words annotated with different types, or not at all\n"
            "  split        give a split to every article the splits file does not list yet\n"
            "               (stratified by topic set, about 70/15/15; existing ones never move)\n"
            "  import       convert FILE to JSONL (--output), e.g. factRuEval-2016 or CoNLL\n"
            "\n"
            "Options:\n"
            "      --labels FILE    allowed labels ('topics: ...' and 'entities: ...' lines)\n"
            "      --splits FILE    the fixed split of each article id ('ID<TAB>SPLIT' lines)\n"
            "      --near-dup X     near-duplicate threshold, Jaccard of word 5-grams (0.6)\n"
            "  -o, --output PATH    build: the output directory; import: the output file\n"
            "  -f, --format FMT     stats: text (default) or json\n"
            "      --max-findings N consistency: print at most N findings (all)\n"
            "  -h, --help           this help\n");
}

typedef struct corpus_opts {
    const char *labels, *splits, *output, *format;
    double near_dup;
    long max_findings;
} corpus_opts;

int cmd_corpus(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        help(argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    const char *action = argv[1];
    static const struct option opts[] = {
        {"labels", required_argument, NULL, 'l'},
        {"splits", required_argument, NULL, 's'},
        {"near-dup", required_argument, NULL, 'n'},
        {"output", required_argument, NULL, 'o'},
        {"format", required_argument, NULL, 'f'},
        {"max-findings", required_argument, NULL, 'm'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    corpus_opts o = {NULL, NULL, NULL, "text", 0.6, -1};
    int c;
    optind = 1;
    while ((c = getopt_long(argc - 1, argv + 1, "o:f:h", opts, NULL)) != -1) {
        char *end;
        switch (c) {
        case 'l': o.labels = optarg; break;
        case 's': o.splits = optarg; break;
        case 'o': o.output = optarg; break;
        case 'f':
            if (strcmp(optarg, "text") && strcmp(optarg, "json")) {
                cli_error(NULL, 0, "corpus: --format is text or json, not '%s'", optarg);
                return EXIT_USAGE;
            }
            o.format = optarg;
            break;
        case 'n':
            o.near_dup = strtod(optarg, &end);
            if (*end || !(o.near_dup >= 0 && o.near_dup <= 1)) {
                cli_error(NULL, 0, "corpus: --near-dup wants a number from 0 to 1, not '%s'", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'm':
            o.max_findings = strtol(optarg, &end, 10);
            if (*end || o.max_findings < 0) {
                cli_error(NULL, 0, "corpus: --max-findings wants a count, not '%s'", optarg);
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
    char **files = argv + 1 + optind;
    int nfiles = argc - 1 - optind;
    if (nfiles < 1) {
        cli_error(NULL, 0, "corpus %s: no input file", action);
        return EXIT_USAGE;
    }

    if (!strcmp(action, "check"))
        return corpus_check_action(files, nfiles, o.labels, o.splits, o.near_dup);
    if (!strcmp(action, "build")) {
        if (!o.output || !o.splits) {
            cli_error(NULL, 0, "corpus build: needs --splits FILE and --output DIR");
            return EXIT_USAGE;
        }
        return corpus_build_action(files, nfiles, o.labels, o.splits, o.output);
    }
    if (!strcmp(action, "stats"))
        return corpus_stats_action(files, nfiles, o.splits, !strcmp(o.format, "json"));
    if (!strcmp(action, "consistency"))
        return corpus_consistency_action(files, nfiles, o.max_findings);
    if (!strcmp(action, "split")) {
        if (!o.splits) {
            cli_error(NULL, 0, "corpus split: needs --splits FILE");
            return EXIT_USAGE;
        }
        return corpus_split_action(files, nfiles, o.splits);
    }
    if (!strcmp(action, "import")) {
        if (!o.output || nfiles != 1) {
            cli_error(NULL, 0, "corpus import: needs one input and --output FILE.jsonl");
            return EXIT_USAGE;
        }
        return corpus_import_action(files[0], o.output);
    }
    cli_error(NULL, 0, "corpus: unknown action '%s' (try 'newstag corpus --help')", action);
    return EXIT_USAGE;
}
