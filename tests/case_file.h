/* case_file.h - reads the data-driven test cases under tests/data.
 *
 * A case is a line "> INPUT" followed by lines "= EXPECTED"; lines starting with '#' and
 * blank lines separate cases. INPUT and EXPECTED take the escapes \n \t \\ \xHH and \u{H...}.
 */
#ifndef NT_CASE_FILE_H
#define NT_CASE_FILE_H

#include <stddef.h>

typedef struct test_case {
    long line;          /* line of the "> " in the file */
    char *input;
    size_t input_len;
    char **expected;    /* NUL-terminated strings, unescaped */
    size_t n_expected;
} test_case;

/* Loads all cases of a file; returns the count, or -1 (message on stderr). */
long case_file_load(const char *path, test_case **cases);
void case_file_free(test_case *cases, long n);
/* Splits s at " | " into at most max parts (strings point into s, which is modified). */
size_t case_split(char *s, char **parts, size_t max);

#endif
