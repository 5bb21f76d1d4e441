/* fuzz_jsonl_fields.c - the command's direct JSONL reader against jansson on arbitrary
 * bytes: whatever it accepts, jansson accepts with the same "text" and "id". */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "jsonl_fields.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char *text, *id;
    size_t text_len, id_len;
    if (!jsonl_fields((const char *)data, size, &text, &text_len, &id, &id_len))
        return 0;
    json_error_t je;
    json_t *doc = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
    json_t *t = doc ? json_object_get(doc, "text") : NULL, *i = doc ? json_object_get(doc, "id") : NULL;
    if (!json_is_string(t) || json_string_length(t) != text_len || memcmp(json_string_value(t), text, text_len) ||
        text[text_len] != '\0')
        abort();
    if (id ? !json_is_string(i) || json_string_length(i) != id_len || memcmp(json_string_value(i), id, id_len)
           : i != NULL)
        abort();
    json_decref(doc);
    free(text);
    free(id);
    return 0;
}
