/* model_file.c - the model container: magic, format version, a table of named sections
 * with checksums, all verified before any section is parsed. Little-endian throughout.
 *
 *   0   8 bytes  magic "NTMODEL\0"
 *   8   u32      format version (NT_MODEL_FORMAT_VERSION)
 *   12  u32      number of sections (at most MAX_SECTIONS)
 *   16  u64      FNV-1a 64 of the section table
 *   24  table    per section: name[24] (NUL-padded), u64 offset, u64 size, u64 FNV-1a 64
 *   ... sections, in table order, without gaps
 *
 * Sections: "manifest" (JSON), "topic.vocab" (u32 n, then n x (u32 len, bytes, f64 idf)),
 * "topic.weights" (u32 topics, u32 dim, f64 w[dim * topics] feature-major, then per topic
 * f64 bias, platt A, platt B, threshold); for the entity tagger, "ner.vocab" (u32 n, then
 * n x (u32 len, bytes)), "ner.weights" (u32 tags, u32 dim, f64 w[dim * tags] feature-major,
 * then per tag f64 bias, platt A, platt B) and "ner.gazetteers" (see gazetteer.c).
 */
#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"
#include "buf.h"
#include "corpus_internal.h"
#include "error.h"
#include "model.h"
#include "utf8.h"

#define MAGIC "NTMODEL"
#define MAX_SECTIONS 32
#define NAME_LEN 24
#define ENTRY_LEN (NAME_LEN + 24)
#define HEADER_LEN 24
#define MAX_MODEL_BYTES ((uint64_t)1 << 31)
#define MAX_TOPICS 256
#define MAX_FEATURE_LEN 1024

static uint64_t fnv64(const unsigned char *p, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ p[i]) * 1099511628211ull;
    return h;
}

/* ---- writing ---- */

typedef struct section {
    const char *name;
    nt_buf data;
} section;

static int encode_ner(const nt_ner_model *nm, section *s)
{
    int rc = nt_buf_put_u32(&s[0].data, (uint32_t)nm->dim);
    for (size_t i = 0; i < nm->dim && !rc; i++) {
        size_t len = strlen(nm->name[i]);
        rc = nt_buf_put_u32(&s[0].data, (uint32_t)len);
        rc = rc ? rc : nt_buf_append(&s[0].data, nm->name[i], len);
    }
    rc = rc ? rc : nt_buf_put_u32(&s[1].data, (uint32_t)nm->n_tags);
    rc = rc ? rc : nt_buf_put_u32(&s[1].data, (uint32_t)nm->dim);
    rc = rc ? rc : nt_buf_reserve(&s[1].data, nm->dim * nm->n_tags * 8);
    for (size_t i = 0; i < nm->dim * nm->n_tags && !rc; i++)
        rc = nt_buf_put_f64(&s[1].data, nm->w[i]);
    for (size_t t = 0; t < nm->n_tags && !rc; t++) {
        rc = nt_buf_put_f64(&s[1].data, nm->bias[t]);
        rc = rc ? rc : nt_buf_put_f64(&s[1].data, nm->platt_a[t]);
        rc = rc ? rc : nt_buf_put_f64(&s[1].data, nm->platt_b[t]);
    }
    return rc ? rc : nt_gaz_encode(&nm->gaz, &s[2].data);
}

static int encode_sections(const nt_model *m, section *s)
{
    int rc = nt_buf_append(&s[0].data, m->manifest, strlen(m->manifest));
    rc = rc ? rc : nt_buf_put_u32(&s[1].data, (uint32_t)m->vocab.n);
    for (size_t i = 0; i < m->vocab.n && !rc; i++) {
        size_t len = strlen(m->vocab.name[i]);
        rc = nt_buf_put_u32(&s[1].data, (uint32_t)len);
        rc = rc ? rc : nt_buf_append(&s[1].data, m->vocab.name[i], len);
        rc = rc ? rc : nt_buf_put_f64(&s[1].data, m->vocab.idf[i]);
    }
    rc = rc ? rc : nt_buf_put_u32(&s[2].data, (uint32_t)m->n_topics);
    rc = rc ? rc : nt_buf_put_u32(&s[2].data, (uint32_t)m->vocab.n);
    rc = rc ? rc : nt_buf_reserve(&s[2].data, m->vocab.n * m->n_topics * 8);
    for (size_t i = 0; i < m->vocab.n * m->n_topics && !rc; i++)
        rc = nt_buf_put_f64(&s[2].data, m->w[i]);
    for (size_t t = 0; t < m->n_topics && !rc; t++) {
        rc = nt_buf_put_f64(&s[2].data, m->bias[t]);
        rc = rc ? rc : nt_buf_put_f64(&s[2].data, m->platt_a[t]);
        rc = rc ? rc : nt_buf_put_f64(&s[2].data, m->platt_b[t]);
        rc = rc ? rc : nt_buf_put_f64(&s[2].data, m->threshold[t]);
    }
    return rc;
}

int nt_model_save(const nt_model *m, const char *path, nt_error *err)
{
    if (!m || !path)
        return NT_EINVAL;
    section s[6] = {{"manifest", {0}},  {"topic.vocab", {0}}, {"topic.weights", {0}},
                    {"ner.vocab", {0}}, {"ner.weights", {0}}, {"ner.gazetteers", {0}}};
    int nsec = m->ner.present ? 6 : 3;
    nt_buf head = {0}, table = {0};
    int rc = encode_sections(m, s);
    if (!rc && m->ner.present)
        rc = encode_ner(&m->ner, s + 3);
    uint64_t offset = HEADER_LEN + (uint64_t)nsec * ENTRY_LEN;
    for (int i = 0; i < nsec && !rc; i++) {
        char name[NAME_LEN] = {0};
        memcpy(name, s[i].name, strlen(s[i].name));
        rc = nt_buf_append(&table, name, NAME_LEN);
        rc = rc ? rc : nt_buf_put_u64(&table, offset);
        rc = rc ? rc : nt_buf_put_u64(&table, s[i].data.len);
        rc = rc ? rc : nt_buf_put_u64(&table, fnv64((const unsigned char *)s[i].data.data, s[i].data.len));
        offset += s[i].data.len;
    }
    rc = rc ? rc : nt_buf_append(&head, MAGIC, 8);
    rc = rc ? rc : nt_buf_put_u32(&head, NT_MODEL_FORMAT_VERSION);
    rc = rc ? rc : nt_buf_put_u32(&head, (uint32_t)nsec);
    rc = rc ? rc : nt_buf_put_u64(&head, fnv64((const unsigned char *)table.data, table.len));
    if (rc) {
        rc = nt_fail(err, NT_ENOMEM, path, 0, -1, NULL);
        goto done;
    }
    nt_atomic_file af;
    if ((rc = nt_atomic_open(&af, path, err)))
        goto done;
    fwrite(head.data, 1, head.len, af.f);
    fwrite(table.data, 1, table.len, af.f);
    for (int i = 0; i < nsec; i++)
        fwrite(s[i].data.data, 1, s[i].data.len, af.f);
    rc = nt_atomic_commit(&af, err);
done:
    for (int i = 0; i < 6; i++)
        nt_buf_free(&s[i].data);
    nt_buf_free(&head);
    nt_buf_free(&table);
    return rc;
}

/* ---- reading: every count bounded, every read checked ---- */

typedef struct found_section {
    const unsigned char *p;
    size_t n;
} found_section;

#define BAD(...) nt_fail(err, NT_EFORMAT, path, 0, -1, __VA_ARGS__)

static int parse_manifest(nt_model **out, const found_section *ms, const char *path, nt_error *err)
{
    if (nt_utf8_first_invalid((const char *)ms->p, ms->n) < ms->n || memchr(ms->p, 0, ms->n))
        return BAD("the manifest is not UTF-8 text");
    json_error_t je;
    json_t *j = json_loadb((const char *)ms->p, ms->n, JSON_REJECT_DUPLICATES, &je);
    if (!j)
        return BAD("the manifest is not JSON: %s", je.text);
    int rc = NT_OK;
    json_t *topics = json_object_get(j, "topics");
    size_t nt = json_array_size(topics);
    if (!json_is_array(topics) || nt == 0 || nt > MAX_TOPICS) {
        json_decref(j);
        return BAD("the manifest has no valid \"topics\" list");
    }
    nt_model *m = NULL;
    if ((rc = nt_model_alloc(&m, nt))) {
        json_decref(j);
        return nt_fail(err, rc, path, 0, -1, NULL);
    }
    for (size_t i = 0; i < nt && !rc; i++) {
        json_t *t = json_array_get(topics, i);
        if (!json_is_string(t) || json_string_length(t) == 0 || json_string_length(t) > 64)
            rc = BAD("topic %zu in the manifest is not a short string", i);
        else if (!(m->topic[i] = nt_strdup(json_string_value(t))))
            rc = nt_fail(err, NT_ENOMEM, path, 0, -1, NULL);
    }
    if (!rc && nt_topic_settings_from_json(&m->ts, json_object_get(j, "features")))
        rc = BAD("the manifest's \"features\" settings are missing or out of range");
    json_t *ents = json_object_get(j, "entities");
    if (!rc && ents && nt_ner_settings_from_json(&m->ner, ents))
        rc = BAD("the manifest's \"entities\" settings are missing or out of range");
    if (!rc && !(m->manifest = malloc(ms->n + 1)))
        rc = nt_fail(err, NT_ENOMEM, path, 0, -1, NULL);
    if (!rc) {
        memcpy(m->manifest, ms->p, ms->n);
        m->manifest[ms->n] = '\0';
    }
    json_decref(j);
    if (rc) {
        nt_model_free(m);
        return rc;
    }
    *out = m;
    return NT_OK;
}

static int parse_vocab(nt_model *m, const found_section *vs, const char *path, nt_error *err)
{
    nt_cursor c = {vs->p, vs->n, 0, 0};
    uint32_t n = nt_cursor_u32(&c);
    if (c.bad || (uint64_t)n * 13 > vs->n) /* each entry takes at least 13 bytes */
        return BAD("the vocabulary count does not fit its section");
    if (nt_featmap_reserve(&m->vocab.map, n))
        return nt_fail(err, NT_ENOMEM, path, 0, -1, NULL);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t len = nt_cursor_u32(&c);
        if (c.bad || len == 0 || len > MAX_FEATURE_LEN || c.n - c.pos < (size_t)len + 8)
            return BAD("vocabulary entry %u is damaged", i);
        const char *name = (const char *)c.p + c.pos;
        c.pos += len;
        double idf = nt_cursor_f64(&c);
        if (!isfinite(idf) || idf < 0 || idf > 100)
            return BAD("vocabulary entry %u has an impossible idf", i);
        int rc = nt_topic_vocab_add(&m->vocab, name, len, idf);
        if (rc == NT_EFORMAT)
            return BAD("vocabulary entry %u is a duplicate", i);
        if (rc)
            return nt_fail(err, rc, path, 0, -1, NULL);
    }
    if (c.pos != c.n)
        return BAD("the vocabulary section has trailing bytes");
    return NT_OK;
}

static int parse_weights(nt_model *m, const found_section *ws, const char *path, nt_error *err)
{
    nt_cursor c = {ws->p, ws->n, 0, 0};
    uint32_t nt = nt_cursor_u32(&c), dim = nt_cursor_u32(&c);
    if (c.bad || nt != m->n_topics || dim != m->vocab.n)
        return BAD("the weights do not match the manifest's topics or the vocabulary");
    uint64_t need = ((uint64_t)dim * nt + 4ull * nt) * 8;
    if (need != c.n - c.pos)
        return BAD("the weights section has the wrong size");
    int rc = nt_model_alloc_weights(m, dim);
    if (rc)
        return nt_fail(err, rc, path, 0, -1, NULL);
    for (uint64_t i = 0; i < (uint64_t)dim * nt; i++) {
        m->w[i] = nt_cursor_f64(&c);
        if (!isfinite(m->w[i]))
            return BAD("a weight is not a finite number");
    }
    for (uint32_t t = 0; t < nt; t++) {
        m->bias[t] = nt_cursor_f64(&c);
        m->platt_a[t] = nt_cursor_f64(&c);
        m->platt_b[t] = nt_cursor_f64(&c);
        m->threshold[t] = nt_cursor_f64(&c);
        if (!isfinite(m->bias[t]) || !isfinite(m->platt_a[t]) || !isfinite(m->platt_b[t]) ||
            !(m->threshold[t] >= 0 && m->threshold[t] <= 1))
            return BAD("topic %u has impossible calibration or threshold values", t);
    }
    return NT_OK;
}

static int parse_ner(nt_model *m, const found_section *vs, const found_section *ws,
                     const found_section *gs, const char *path, nt_error *err)
{
    nt_ner_model *nm = &m->ner;
    nt_cursor c = {vs->p, vs->n, 0, 0};
    uint32_t n = nt_cursor_u32(&c);
    if (c.bad || (uint64_t)n * 5 > vs->n)
        return BAD("the entity vocabulary count does not fit its section");
    if (!(nm->name = malloc(((size_t)n + 1) * sizeof *nm->name)) || nt_featmap_reserve(&nm->vocab, n))
        return nt_fail(err, NT_ENOMEM, path, 0, -1, NULL);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t len = nt_cursor_u32(&c);
        if (c.bad || len == 0 || len > MAX_FEATURE_LEN || c.n - c.pos < len)
            return BAD("entity vocabulary entry %u is damaged", i);
        const char *name = (const char *)c.p + c.pos;
        c.pos += len;
        int rc = nt_featmap_add(&nm->vocab, nt_feat_hash(name, len), (int64_t)i);
        if (rc == NT_EFORMAT)
            return BAD("entity vocabulary entry %u is a duplicate", i);
        if (rc || !(nm->name[i] = nt_strpool_add(&nm->names, name, len)))
            return nt_fail(err, NT_ENOMEM, path, 0, -1, NULL);
    }
    if (c.pos != c.n)
        return BAD("the entity vocabulary section has trailing bytes");
    nm->dim = n;
    nt_cursor w = {ws->p, ws->n, 0, 0};
    uint32_t tags = nt_cursor_u32(&w), dim = nt_cursor_u32(&w);
    if (w.bad || tags != nm->n_tags || dim != nm->dim)
        return BAD("the entity weights do not match the manifest's types or the vocabulary");
    if (((uint64_t)dim * tags + 3ull * tags) * 8 != w.n - w.pos)
        return BAD("the entity weights section has the wrong size");
    nm->w = malloc(((size_t)dim * tags + 1) * sizeof *nm->w);
    nm->bias = malloc(tags * sizeof *nm->bias);
    nm->platt_a = malloc(tags * sizeof *nm->platt_a);
    nm->platt_b = malloc(tags * sizeof *nm->platt_b);
    if (!nm->w || !nm->bias || !nm->platt_a || !nm->platt_b)
        return nt_fail(err, NT_ENOMEM, path, 0, -1, NULL);
    for (uint64_t i = 0; i < (uint64_t)dim * tags; i++)
        if (!isfinite(nm->w[i] = nt_cursor_f64(&w)))
            return BAD("an entity weight is not a finite number");
    for (uint32_t t = 0; t < tags; t++) {
        nm->bias[t] = nt_cursor_f64(&w);
        nm->platt_a[t] = nt_cursor_f64(&w);
        nm->platt_b[t] = nt_cursor_f64(&w);
        if (!isfinite(nm->bias[t]) || !isfinite(nm->platt_a[t]) || !isfinite(nm->platt_b[t]))
            return BAD("entity tag %u has impossible calibration values", t);
    }
    int rc = nt_gaz_decode(&nm->gaz, gs->p, gs->n);
    if (rc == NT_EFORMAT)
        return BAD("the gazetteer section is damaged");
    nt_stemmer *st = rc ? NULL : nt_stemmer_new();
    if (!rc && !st)
        rc = NT_ENOMEM;
    if (!rc)
        rc = nt_gaz_index(&nm->gaz, st);
    nt_stemmer_free(st);
    if (!rc)
        rc = nt_ner_bind_dynamic(nm);
    if (rc)
        return nt_fail(err, rc, path, 0, -1, NULL);
    nm->present = 1;
    return NT_OK;
}

int nt_model_load(nt_model **out, const char *path, nt_error *err)
{
    if (!out || !path)
        return NT_EINVAL;
    *out = NULL;
    struct stat st;
    if (stat(path, &st) != 0)
        return nt_fail(err, NT_EIO, path, 0, -1, "cannot open the model");
    if (S_ISDIR(st.st_mode))
        return nt_fail(err, NT_EIO, path, 0, -1, "is a directory, not a model file");
    if ((uint64_t)st.st_size > MAX_MODEL_BYTES)
        return BAD("larger than any newstag model can be");
    char *data = NULL;
    size_t len = 0;
    int rc = nt_read_file(path, &data, &len, err);
    if (rc)
        return rc;
    const unsigned char *p = (const unsigned char *)data;
    nt_cursor c = {p, len, 8, 0};
    found_section sec[6] = {{NULL, 0}, {NULL, 0}, {NULL, 0}, {NULL, 0}, {NULL, 0}, {NULL, 0}};
    static const char *want[6] = {"manifest", "topic.vocab", "topic.weights", "ner.vocab", "ner.weights",
                                  "ner.gazetteers"};
    nt_model *m = NULL;
    if (len < HEADER_LEN || memcmp(p, MAGIC, 8)) {
        rc = BAD("not a newstag model (no NTMODEL magic number)");
        goto done;
    }
    uint32_t version = nt_cursor_u32(&c), nsec = nt_cursor_u32(&c);
    uint64_t table_sum = nt_cursor_u64(&c);
    if (version != NT_MODEL_FORMAT_VERSION) {
        rc = nt_fail(err, version > NT_MODEL_FORMAT_VERSION ? NT_EVERSION : NT_EFORMAT, path, 0, -1,
                     "model format version %u; this library reads version %d", version, NT_MODEL_FORMAT_VERSION);
        goto done;
    }
    if (nsec == 0 || nsec > MAX_SECTIONS || len - HEADER_LEN < (size_t)nsec * ENTRY_LEN) {
        rc = BAD("the section table is damaged or truncated");
        goto done;
    }
    if (fnv64(p + HEADER_LEN, (size_t)nsec * ENTRY_LEN) != table_sum) {
        rc = BAD("the section table's checksum does not match");
        goto done;
    }
    uint64_t expect = HEADER_LEN + (uint64_t)nsec * ENTRY_LEN;
    for (uint32_t i = 0; i < nsec; i++) {
        const unsigned char *name = p + HEADER_LEN + (size_t)i * ENTRY_LEN;
        c.pos = HEADER_LEN + (size_t)i * ENTRY_LEN + NAME_LEN;
        uint64_t off = nt_cursor_u64(&c), size = nt_cursor_u64(&c), sum = nt_cursor_u64(&c);
        if (memchr(name, 0, NAME_LEN) == NULL || off != expect || size > len || off > len - size) {
            rc = BAD("section %u lies outside the file (truncated?)", i);
            goto done;
        }
        if (fnv64(p + off, (size_t)size) != sum) {
            rc = BAD("section '%s' is damaged: its checksum does not match", (const char *)name);
            goto done;
        }
        for (int k = 0; k < 6; k++)
            if (!strcmp((const char *)name, want[k]))
                sec[k] = (found_section){p + off, (size_t)size};
        expect = off + size;
    }
    if (expect != len) {
        rc = BAD("%llu bytes follow the last section", (unsigned long long)(len - expect));
        goto done;
    }
    for (int k = 0; k < 3; k++)
        if (!sec[k].p) {
            rc = BAD("the '%s' section is missing", want[k]);
            goto done;
        }
    if ((rc = parse_manifest(&m, &sec[0], path, err)))
        goto done;
    if ((rc = parse_vocab(m, &sec[1], path, err)) || (rc = parse_weights(m, &sec[2], path, err)))
        goto done;
    /* the entity tagger: all three sections and the manifest's "entities", or none */
    int ner_parts = (sec[3].p != NULL) + (sec[4].p != NULL) + (sec[5].p != NULL) + (m->ner.n_types > 0);
    if (ner_parts != 0 && ner_parts != 4) {
        rc = BAD("the entity tagger's sections are incomplete");
        goto done;
    }
    if (ner_parts == 4 && (rc = parse_ner(m, &sec[3], &sec[4], &sec[5], path, err)))
        goto done;
    *out = m;
    m = NULL;
done:
    nt_model_free(m);
    free(data);
    return rc;
}
