/* fuzz_jsonl.c - the corpus readers (JSONL and the authoring form) and the checker on
 * arbitrary bytes: errors, never crashes. */
#include "fuzz_util.h"
#include "newstag.h"

static void ignore(void *user, const nt_error *e)
{
    (void)user;
    (void)e;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    char path[64];
    int fd = fuzz_memfile(data, size, path, sizeof path);
    if (fd < 0)
        return 0;
    nt_corpus *c = NULL;
    nt_error err;
    if (nt_corpus_new(&c) == NT_OK) {
        nt_corpus_read_jsonl(c, path, ignore, NULL, &err);
        nt_corpus_read_authoring(c, path, ignore, NULL, &err);
        nt_corpus_read_conll(c, path, ignore, NULL, &err);
        size_t n = 0;
        nt_corpus_check(c, NULL, ignore, NULL, &n);
        nt_corpus_consistency(c, ignore, NULL, &n);
        for (size_t i = 0; i < nt_corpus_count(c); i++) {
            char *r = NULL;
            size_t len = 0;
            if (nt_article_render_authoring(&r, &len, nt_corpus_get(c, i)) == NT_OK)
                nt_free(r);
        }
        nt_corpus_free(c);
    }
    close(fd);
    return 0;
}
