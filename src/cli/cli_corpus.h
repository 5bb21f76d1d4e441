/* cli_corpus.h - the actions of `newstag corpus`, one function each. */
#ifndef NT_CLI_CORPUS_H
#define NT_CLI_CORPUS_H

#include "newstag.h"

/* Reads every input into c by its kind (authoring .txt, .jsonl, .conll/.bio, factRuEval
 * directory), printing each problem. Returns the number of problems. */
long cli_corpus_load(nt_corpus *c, char **files, int n);
/* Prints a problem as "newstag: FILE:LINE: message" and counts it in *(long *)user. */
void cli_print_issue(void *user, const nt_error *e);
/* Applies an "ID<TAB>SPLIT" file to c. Returns the number of problems (printed). */
long cli_corpus_apply_splits(nt_corpus *c, const char *splits_path);

int cmd_corpus(int argc, char **argv);
int corpus_check_action(char **files, int n, const char *labels, const char *splits, double near_dup);
int corpus_build_action(char **files, int n, const char *labels, const char *splits, const char *outdir);
int corpus_stats_action(char **files, int n, const char *splits, int json);
int corpus_consistency_action(char **files, int n, long max_findings);
int corpus_split_action(char **files, int n, const char *splits);
int corpus_import_action(const char *input, const char *output);

#endif
