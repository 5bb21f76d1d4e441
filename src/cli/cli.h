/* cli.h - what the verbs of the newstag command share. The CLI uses only newstag.h. */
#ifndef NT_CLI_H
#define NT_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "newstag.h"

/* Exit codes, documented in README.md and newstag --help. */
enum {
    EXIT_OK = 0,       /* everything was processed */
    EXIT_FAILED = 1,   /* some input, model or output could not be processed */
    EXIT_USAGE = 2     /* the command line is wrong */
};

/* The default limits on one input document, overridable with --max-bytes: tokenize streams
 * (memory: the file plus a constant); classify holds tokens and features of a whole article
 * (about 15 times its size), and no news article comes near 16 MiB. */
#define CLI_DEFAULT_MAX_BYTES ((size_t)256 << 20)
#define CLI_CLASSIFY_MAX_BYTES ((size_t)16 << 20)

typedef struct cli_verb {
    const char *name;
    const char *summary;
    int (*run)(int argc, char **argv);
} cli_verb;

/* Prints "newstag: <where>: message" to stderr; where is "FILE", "FILE:LINE" or omitted. */
void cli_error(const char *file, long line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Prints an nt_error with the file it concerns (or `file` when the error names none). */
void cli_report(const char *file, const nt_error *err, int code);

/* Reads a whole file ("-" = stdin) into a malloc'ed buffer (NUL-terminated). Refuses
 * files over max_bytes. Returns 0, or prints the reason and returns -1. */
int cli_read_file(const char *path, size_t max_bytes, char **data, size_t *len);
/* Gives a stream not yet used the buffer buf[0, size) (the caller keeps it alive until the
 * stream is closed), unless it is a terminal: a read or write per 4 KB, stdio's default,
 * costs much in system calls on a virtual machine. */
void cli_big_buffer(FILE *f, char *buf, size_t size);

/* Parses a size like 1048576, 64K, 256M, 1G. Returns 0 on success. */
int cli_parse_size(const char *s, size_t *out);

/* Writes s[0,len) as a JSON string literal; invalid UTF-8 bytes are written as U+FFFD. */
void cli_json_string(FILE *f, const char *s, size_t len);
/* Writes v as printf's "%.*f" with decimals (1-9) does: exactly the same characters, written
 * directly for the scores and weights in [0, 1] the output is full of (printf itself near a
 * rounding tie, and for anything else). */
void cli_put_fixed(FILE *f, double v, int decimals);
/* Writes n in decimal. */
void cli_put_size(FILE *f, size_t n);
/* Length of the valid UTF-8 sequence at s[0,len), 0 when its first byte starts none (the
 * library's rules: no overlongs, no surrogates, nothing above U+10FFFF). */
size_t cli_utf8_seq(const unsigned char *s, size_t len);
/* Writes s[0,len) as text with invalid UTF-8 bytes replaced by U+FFFD. */
void cli_text_clean(FILE *f, const char *s, size_t len);

/* Loads a model: `path`, or the default model when path is NULL. Prints the reason and
 * returns NULL on failure. */
nt_model *cli_load_model(const char *path);
/* Only the parts `what` (NT_CLASSIFY_*) needs: --only loads faster. */
nt_model *cli_load_model_for(const char *path, unsigned what);

/* The verbs. */
int cmd_tokenize(int argc, char **argv);
int cmd_train(int argc, char **argv);
int cmd_classify(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_info(int argc, char **argv);

#endif
