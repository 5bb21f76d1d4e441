/* jsonl_fields.h - "text" and "id" of a JSONL input line, without building a JSON tree. */
#ifndef NT_CLI_JSONL_FIELDS_H
#define NT_CLI_JSONL_FIELDS_H

#include <stddef.h>

/*
 * Reads a line in the usual shape of classify's input: one JSON object whose values are all
 * strings, among them "text". On success returns 1 and gives the decoded "text" (malloc'ed,
 * NUL-terminated, *text_len bytes) and "id" (malloc'ed, or NULL when the line has none).
 *
 * Returns 0, with nothing allocated, for every other line: numbers, literals, nesting,
 * escaped NULs, duplicate keys, more than JSONL_FIELDS_MAX_KEYS keys, invalid UTF-8 or
 * syntax, no "text" or out of memory. Such lines go to jansson, which reads them or words
 * the error. So this only ever accepts a line jansson accepts, with the same values
 * (tests/test_jsonl_fields.c checks that on crafted and random lines); it exists because
 * jansson spent a fifth of classify's time building trees for these lines.
 */
#define JSONL_FIELDS_MAX_KEYS 8
int jsonl_fields(const char *line, size_t len, char **text, size_t *text_len, char **id,
                 size_t *id_len);

#endif
