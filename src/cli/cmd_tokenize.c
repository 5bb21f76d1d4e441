/* cmd_tokenize.c - `newstag tokenize`: tokens and sentences with offsets. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void help(FILE *f)
{
    fprintf(f,
            "Usage: newstag tokenize [options] [FILE...]\n"
            "\n"
            "Prints the tokens of each FILE (one article each; '-' or none: stdin) with their\n"
            "sentence number and exact offsets into the original text.\n"
            "\n"
            "Options:\n"
            "  -f, --format FMT     text (default) or jsonl\n"
            "      --max-bytes N    refuse files over N bytes (K/M/G suffixes; default 256M)\n"
            "  -h, --help           this help\n"
            "\n"
            "text: one token a line, a blank line between sentences:\n"
            "  SENTENCE START END BYTE_START BYTE_END KIND TEXT NORM   (tab-separated)\n"
            "jsonl: one JSON object a token with file, sentence, start, end (code points,\n"
            "end exclusive), byte_start, byte_end, kind, text and norm.\n"
            "Bytes that are not valid UTF-8 read as U+FFFD (one code point each) in TEXT;\n"
            "offsets always count the original bytes.\n");
}

static int tokenize_one(const char *name, const char *text, size_t len, int jsonl)
{
    nt_tokenizer *t = NULL;
    int rc = nt_tokenizer_new(&t, text, len);
    if (rc) {
        cli_error(name, 0, "%s", nt_strerror(rc));
        return -1;
    }
    nt_token tok;
    size_t last_sentence = 0;
    int any = 0;
    while ((rc = nt_tokenizer_next(t, &tok)) == 1) {
        const char *src = text + tok.byte_start;
        size_t n = tok.byte_end - tok.byte_start;
        if (jsonl) {
            fputs("{\"file\":", stdout);
            cli_json_string(stdout, name, strlen(name));
            printf(",\"sentence\":%zu,\"start\":%zu,\"end\":%zu,\"byte_start\":%zu,\"byte_end\":%zu,"
                   "\"kind\":\"%s\",\"text\":",
                   tok.sentence, tok.cp_start, tok.cp_end, tok.byte_start, tok.byte_end,
                   nt_token_kind_name(tok.kind));
            cli_json_string(stdout, src, n);
            fputs(",\"norm\":", stdout);
            cli_json_string(stdout, tok.norm, tok.norm_len);
            fputs("}\n", stdout);
        } else {
            if (any && tok.sentence != last_sentence)
                putchar('\n');
            printf("%zu\t%zu\t%zu\t%zu\t%zu\t%s\t", tok.sentence, tok.cp_start, tok.cp_end,
                   tok.byte_start, tok.byte_end, nt_token_kind_name(tok.kind));
            cli_text_clean(stdout, src, n);
            putchar('\t');
            cli_text_clean(stdout, tok.norm, tok.norm_len);
            putchar('\n');
        }
        last_sentence = tok.sentence;
        any = 1;
    }
    nt_tokenizer_free(t);
    if (rc < 0) {
        cli_error(name, 0, "%s", nt_strerror(rc));
        return -1;
    }
    return 0;
}

int cmd_tokenize(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"max-bytes", required_argument, NULL, 'm'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int jsonl = 0;
    size_t max_bytes = CLI_DEFAULT_MAX_BYTES;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:h", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (!strcmp(optarg, "jsonl"))
                jsonl = 1;
            else if (!strcmp(optarg, "text"))
                jsonl = 0;
            else {
                cli_error(NULL, 0, "tokenize: unknown format '%s' (text or jsonl)", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'm':
            if (cli_parse_size(optarg, &max_bytes)) {
                cli_error(NULL, 0, "tokenize: --max-bytes wants a size such as 64M, not '%s'", optarg);
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
    static char *stdin_only[] = {"-"};
    char **files = optind < argc ? argv + optind : stdin_only;
    int nfiles = optind < argc ? argc - optind : 1;
    int failed = 0;
    for (int i = 0; i < nfiles; i++) {
        char *text = NULL;
        size_t len = 0;
        const char *name = strcmp(files[i], "-") ? files[i] : "<stdin>";
        if (cli_read_file(files[i], max_bytes, &text, &len)) {
            failed = 1;
            continue;
        }
        if (tokenize_one(name, text, len, jsonl))
            failed = 1;
        free(text);
        if (!jsonl && i + 1 < nfiles)
            putchar('\n');
    }
    if (fflush(stdout) || ferror(stdout)) {
        cli_error(NULL, 0, "cannot write the output");
        return EXIT_FAILED;
    }
    return failed ? EXIT_FAILED : EXIT_OK;
}
