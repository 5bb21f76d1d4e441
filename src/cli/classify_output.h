/* classify_output.h - how `newstag classify` writes its results: text, json, jsonl, conll,
 * brat standoff and a self-contained html page. */
#ifndef NT_CLASSIFY_OUTPUT_H
#define NT_CLASSIFY_OUTPUT_H

#include <stdio.h>

#include "newstag.h"

enum { FMT_TEXT, FMT_JSON, FMT_JSONL, FMT_CONLL, FMT_BRAT, FMT_HTML };

/* Parses a --format name; -1 when unknown. */
int output_format(const char *name);

typedef struct output {
    FILE *f;
    int format;
    int color;    /* text on a terminal: entities in colour */
    int many;     /* json: several records make an array */
    long records; /* written so far */
    long brat_t;  /* brat: the next T number */
} output;

/* One article's record. id is the article's name (text) or its id as JSON text (JSON
 * formats); NULL when it has none. */
void output_record(output *o, const char *id, const char *text, size_t len, const nt_result *r);
/* A record that could not be classified: JSON formats get {"id", "line", "error"}. */
void output_error(output *o, const char *id_json, long line, const char *msg);
void output_begin(output *o);
void output_end(output *o);

#endif
