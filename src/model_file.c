/* model_file.c - the model container: magic, format version, a table of named sections
 * with checksums, all verified before any section is parsed. Little-endian throughout; every
 * section starts at a multiple of 8 bytes (zero padding between), so that a loaded model
 * uses its weights and lookup tables in place, in the mapped file, without copying them.
 *
 *   0   8 bytes  magic "NTMODEL\0"
 *   8   u32      format version (NT_MODEL_FORMAT_VERSION)
 *   12  u32      number of sections (at most MAX_SECTIONS)
 *   16  u64      checksum of the section table
 *   24  table    per section: name[24] (NUL-padded), u64 offset, u64 size, u64 checksum
 *   ... sections, in table order, each at the next multiple of 8
 *
 * Sections: "manifest" (JSON); "topic.vocab" (u32 n, u32 0, f64 idf[n], then n names, each
 * NUL-terminated); "topic.index" (the name -> index hash table, see featmap.h);
 * "topic.weights" (u32 topics, u32 dim, f64 w[dim * topics] feature-major, then per topic
 * f64 bias, platt A, platt B, threshold); for the entity tagger, "ner.vocab" (u32 n, u32 0,
 * n NUL-terminated names), "ner.index", "ner.weights" (u32 tags, u32 dim, f64 w[dim * tags]
 * feature-major, then per tag f64 bias, platt A, platt B) and "ner.gazetteers" (see
 * gazetteer.c). The checksum is checksum64() below.
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
#include "file_image.h"
#include "model.h"
#include "random.h"
#include "utf8.h"

#define MAGIC "NTMODEL"
#define MAX_SECTIONS 32
#define NAME_LEN 24
#define ENTRY_LEN (NAME_LEN + 24)
#define HEADER_LEN 24
#define MAX_MODEL_BYTES ((uint64_t)1 << 31)
#define MAX_TOPICS 256
#define MAX_FEATURE_LEN 1024

/* Four independent lanes of multiply-xor-shift over 8-byte words: about a byte a cycle
 * slower than memcpy, where byte-at-a-time FNV took several milliseconds per model. */
static uint64_t mix64(uint64_t h)
{
    h ^= h >> 32;
    h *= 0xd6e8feb86659fd93ull;
    h ^= h >> 32;
    return h;
}

static uint64_t checksum64(const unsigned char *p, size_t n)
{
    uint64_t lane[4] = {0x9e3779b97f4a7c15ull, 0xc2b2ae3d27d4eb4full, 0x165667b19e3779f9ull,
                        0x27d4eb2f165667c5ull};
    size_t i = 0;
    for (; i + 32 <= n; i += 32)
        for (int k = 0; k < 4; k++) {
            uint64_t w;
            memcpy(&w, p + i + 8 * k, 8);
            lane[k] = (lane[k] ^ mix64(w)) * 0x9fb21c651e98df25ull;
        }
    uint64_t h = (uint64_t)n * 0xff51afd7ed558ccdull;
    for (int k = 0; k < 4; k++)
        h = mix64(h ^ lane[k]) * 0x9fb21c651e98df25ull;
    for (; i < n; i++)
        h = (h ^ p[i]) * 0x100000001b3ull;
    return mix64(h);
}

/* ---- writing ---- */

typedef struct section {
    const char *name;
    nt_buf data;
} section;

static int put_names(nt_buf *b, const char *const *name, size_t n)
{
    int rc = NT_OK;
    for (size_t i = 0; i < n && !rc; i++)
        rc = nt_buf_append(b, name[i], strlen(name[i]) + 1);
    return rc;
}

static int encode_ner(const nt_ner_model *nm, section *s)
{
    int rc = nt_buf_put_u32(&s[0].data, (uint32_t)nm->dim);
    rc = rc ? rc : nt_buf_put_u32(&s[0].data, 0);
    rc = rc ? rc : put_names(&s[0].data, nm->name, nm->dim);
    rc = rc ? rc : nt_featmap_encode(&nm->vocab, &s[1].data);
    rc = rc ? rc : nt_buf_put_u32(&s[2].data, (uint32_t)nm->n_tags);
    rc = rc ? rc : nt_buf_put_u32(&s[2].data, (uint32_t)nm->dim);
    rc = rc ? rc : nt_buf_reserve(&s[2].data, nm->dim * nm->n_tags * 8);
    for (size_t i = 0; i < nm->dim * nm->n_tags && !rc; i++)
        rc = nt_buf_put_f64(&s[2].data, nm->w[i]);
    for (size_t t = 0; t < nm->n_tags && !rc; t++) {
        rc = nt_buf_put_f64(&s[2].data, nm->bias[t]);
        rc = rc ? rc : nt_buf_put_f64(&s[2].data, nm->platt_a[t]);
        rc = rc ? rc : nt_buf_put_f64(&s[2].data, nm->platt_b[t]);
    }
    return rc ? rc : nt_gaz_encode(&nm->gaz, &s[3].data);
}

static int encode_sections(const nt_model *m, section *s)
{
    int rc = nt_buf_append(&s[0].data, m->manifest, strlen(m->manifest));
    rc = rc ? rc : nt_buf_put_u32(&s[1].data, (uint32_t)m->vocab.n);
    rc = rc ? rc : nt_buf_put_u32(&s[1].data, 0);
    for (size_t i = 0; i < m->vocab.n && !rc; i++)
        rc = nt_buf_put_f64(&s[1].data, m->vocab.idf[i]);
    rc = rc ? rc : put_names(&s[1].data, m->vocab.name, m->vocab.n);
    rc = rc ? rc : nt_featmap_encode(&m->vocab.map, &s[2].data);
    rc = rc ? rc : nt_buf_put_u32(&s[3].data, (uint32_t)m->n_topics);
    rc = rc ? rc : nt_buf_put_u32(&s[3].data, (uint32_t)m->vocab.n);
    rc = rc ? rc : nt_buf_reserve(&s[3].data, m->vocab.n * m->n_topics * 8);
    for (size_t i = 0; i < m->vocab.n * m->n_topics && !rc; i++)
        rc = nt_buf_put_f64(&s[3].data, m->w[i]);
    for (size_t t = 0; t < m->n_topics && !rc; t++) {
        rc = nt_buf_put_f64(&s[3].data, m->bias[t]);
        rc = rc ? rc : nt_buf_put_f64(&s[3].data, m->platt_a[t]);
        rc = rc ? rc : nt_buf_put_f64(&s[3].data, m->platt_b[t]);
        rc = rc ? rc : nt_buf_put_f64(&s[3].data, m->threshold[t]);
    }
    return rc;
}

static uint64_t align8(uint64_t x)
{
    return (x + 7) & ~(uint64_t)7;
}

#define N_SECTIONS 8
static const char *const section_name[N_SECTIONS] = {"manifest",  "topic.vocab", "topic.index", "topic.weights",
                                                     "ner.vocab", "ner.index",   "ner.weights", "ner.gazetteers"};

int nt_model_save(const nt_model *m, const char *path, nt_error *err)
{
    if (!m || !path)
        return NT_EINVAL;
    if (m->parts != (NT_CLASSIFY_TOPICS | NT_CLASSIFY_ENTITIES))
        return nt_fail(err, NT_EINVAL, path, 0, -1, "nt_model_save: the model was loaded in part (nt_model_load_only)");
    section s[N_SECTIONS];
    for (int i = 0; i < N_SECTIONS; i++)
        s[i] = (section){section_name[i], {0}};
    int nsec = m->ner.present ? N_SECTIONS : 4;
    nt_buf head = {0}, table = {0};
    int rc = encode_sections(m, s);
    if (!rc && m->ner.present)
        rc = encode_ner(&m->ner, s + 4);
    uint64_t offset = HEADER_LEN + (uint64_t)nsec * ENTRY_LEN;
    for (int i = 0; i < nsec && !rc; i++) {
        char name[NAME_LEN] = {0};
        memcpy(name, s[i].name, strlen(s[i].name));
        offset = align8(offset);
        rc = nt_buf_append(&table, name, NAME_LEN);
        rc = rc ? rc : nt_buf_put_u64(&table, offset);
        rc = rc ? rc : nt_buf_put_u64(&table, s[i].data.len);
        rc = rc ? rc : nt_buf_put_u64(&table, checksum64((const unsigned char *)s[i].data.data, s[i].data.len));
        offset += s[i].data.len;
    }
    rc = rc ? rc : nt_buf_append(&head, MAGIC, 8);
    rc = rc ? rc : nt_buf_put_u32(&head, NT_MODEL_FORMAT_VERSION);
    rc = rc ? rc : nt_buf_put_u32(&head, (uint32_t)nsec);
    rc = rc ? rc : nt_buf_put_u64(&head, checksum64((const unsigned char *)table.data, table.len));
    if (rc) {
        rc = nt_fail(err, NT_ENOMEM, path, 0, -1, NULL);
        goto done;
    }
    nt_atomic_file af;
    if ((rc = nt_atomic_open(&af, path, err)))
        goto done;
    fwrite(head.data, 1, head.len, af.f);
    fwrite(table.data, 1, table.len, af.f);
    uint64_t at = head.len + table.len;
    static const char zeros[8] = {0};
    for (int i = 0; i < nsec; i++) {
        fwrite(zeros, 1, align8(at) - at, af.f);
        fwrite(s[i].data.data, 1, s[i].data.len, af.f);
        at = align8(at) + s[i].data.len;
    }
    rc = nt_atomic_commit(&af, err);
done:
    for (int i = 0; i < N_SECTIONS; i++)
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
    const char *hash = json_string_value(json_object_get(j, "feature_hash"));
    if (!rc && (!hash || strcmp(hash, NT_FEAT_HASH_NAME)))
        rc = BAD("the model's feature hash is '%s', this library's '%s': retrain the model", hash ? hash : "(none)",
                 NT_FEAT_HASH_NAME);
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

/* n little-endian f64 at p: used in place when the host's layout is the file's, else
 * copied (the copy is then the model's to free). NULL when out of memory. */
static double *f64_array(const unsigned char *p, size_t n)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    if ((uintptr_t)p % 8 == 0)
        return (double *)(uintptr_t)p;
#endif
    double *d = malloc((n ? n : 1) * sizeof *d);
    nt_cursor c = {p, n * 8, 0, 0};
    for (size_t i = 0; d && i < n; i++)
        d[i] = nt_cursor_f64(&c);
    return d;
}

static int all_finite(const double *d, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(d[i]))
            return 0;
    return 1;
}

/* n NUL-terminated names filling p[0, len) exactly; name[i] points into p. */
static int parse_names(const unsigned char *p, size_t len, uint32_t n, const char ***out)
{
    const char **name = malloc(((size_t)n + 1) * sizeof *name);
    if (!name)
        return NT_ENOMEM;
    size_t pos = 0;
    for (uint32_t i = 0; i < n; i++) {
        const unsigned char *end = pos < len ? memchr(p + pos, 0, len - pos) : NULL;
        size_t l = end ? (size_t)(end - (p + pos)) : 0;
        if (!end || l == 0 || l > MAX_FEATURE_LEN) {
            free(name);
            return NT_EFORMAT;
        }
        name[i] = (const char *)p + pos;
        pos += l + 1;
    }
    if (pos != len) {
        free(name);
        return NT_EFORMAT;
    }
    *out = name;
    return NT_OK;
}

static int parse_vocab(nt_model *m, const found_section *vs, const found_section *is, const char *path,
                       nt_error *err)
{
    nt_cursor c = {vs->p, vs->n, 0, 0};
    uint32_t n = nt_cursor_u32(&c), zero = nt_cursor_u32(&c);
    if (c.bad || zero || (uint64_t)n * 10 > vs->n - 8) /* an entry takes 10 bytes at least */
        return BAD("the vocabulary count does not fit its section");
    nt_topic_vocab *v = &m->vocab;
    if (!(v->idf = f64_array(vs->p + 8, n)))
        return nt_fail(err, NT_ENOMEM, path, 0, -1, NULL);
    for (uint32_t i = 0; i < n; i++)
        if (!isfinite(v->idf[i]) || v->idf[i] < 0 || v->idf[i] > 100)
            return BAD("vocabulary entry %u has an impossible idf", i);
    int rc = parse_names(vs->p + 8 + (size_t)n * 8, vs->n - 8 - (size_t)n * 8, n, &v->name);
    if (rc == NT_EFORMAT)
        return BAD("the vocabulary's names are damaged");
    if (rc)
        return nt_fail(err, rc, path, 0, -1, NULL);
    v->n = n;
    v->instance = nt_random64();
    rc = nt_featmap_decode(&v->map, is->p, is->n, n);
    if (rc == NT_EFORMAT)
        return BAD("the vocabulary's index is damaged");
    return rc ? nt_fail(err, rc, path, 0, -1, NULL) : NT_OK;
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
    if (!(m->w = f64_array(ws->p + 8, (size_t)dim * nt)))
        return nt_fail(err, NT_ENOMEM, path, 0, -1, NULL);
    if (!all_finite(m->w, (size_t)dim * nt))
        return BAD("a weight is not a finite number");
    c.pos += (size_t)dim * nt * 8;
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

/* sec: ner.vocab, ner.index, ner.weights, ner.gazetteers */
static int parse_ner(nt_model *m, const found_section *sec, const char *path, nt_error *err)
{
    nt_ner_model *nm = &m->ner;
    nt_cursor c = {sec[0].p, sec[0].n, 0, 0};
    uint32_t n = nt_cursor_u32(&c), zero = nt_cursor_u32(&c);
    if (c.bad || zero || (uint64_t)n * 2 > sec[0].n - 8)
        return BAD("the entity vocabulary count does not fit its section");
    int rc = parse_names(sec[0].p + 8, sec[0].n - 8, n, &nm->name);
    if (rc == NT_EFORMAT)
        return BAD("the entity vocabulary's names are damaged");
    if (rc)
        return nt_fail(err, rc, path, 0, -1, NULL);
    nm->dim = n;
    rc = nt_featmap_decode(&nm->vocab, sec[1].p, sec[1].n, n);
    if (rc == NT_EFORMAT)
        return BAD("the entity vocabulary's index is damaged");
    if (rc)
        return nt_fail(err, rc, path, 0, -1, NULL);
    nt_cursor w = {sec[2].p, sec[2].n, 0, 0};
    uint32_t tags = nt_cursor_u32(&w), dim = nt_cursor_u32(&w);
    if (w.bad || tags != nm->n_tags || dim != nm->dim)
        return BAD("the entity weights do not match the manifest's types or the vocabulary");
    if (((uint64_t)dim * tags + 3ull * tags) * 8 != w.n - w.pos)
        return BAD("the entity weights section has the wrong size");
    nm->w = f64_array(sec[2].p + 8, (size_t)dim * tags);
    nm->bias = malloc(tags * sizeof *nm->bias);
    nm->platt_a = malloc(tags * sizeof *nm->platt_a);
    nm->platt_b = malloc(tags * sizeof *nm->platt_b);
    if (!nm->w || !nm->bias || !nm->platt_a || !nm->platt_b)
        return nt_fail(err, NT_ENOMEM, path, 0, -1, NULL);
    if (!all_finite(nm->w, (size_t)dim * tags))
        return BAD("an entity weight is not a finite number");
    w.pos += (size_t)dim * tags * 8;
    for (uint32_t t = 0; t < tags; t++) {
        nm->bias[t] = nt_cursor_f64(&w);
        nm->platt_a[t] = nt_cursor_f64(&w);
        nm->platt_b[t] = nt_cursor_f64(&w);
        if (!isfinite(nm->bias[t]) || !isfinite(nm->platt_a[t]) || !isfinite(nm->platt_b[t]))
            return BAD("entity tag %u has impossible calibration values", t);
    }
    rc = nt_gaz_decode(&nm->gaz, sec[3].p, sec[3].n);
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
    return nt_model_load_only(out, path, NT_CLASSIFY_TOPICS | NT_CLASSIFY_ENTITIES, err);
}

/* Which part of the model (NT_CLASSIFY_*) a section belongs to; 0: the manifest, always read. */
static unsigned section_part(const char *name)
{
    if (!strncmp(name, "topic.", 6))
        return NT_CLASSIFY_TOPICS;
    if (!strncmp(name, "ner.", 4))
        return NT_CLASSIFY_ENTITIES;
    return 0;
}

int nt_model_load_only(nt_model **out, const char *path, unsigned what, nt_error *err)
{
    if (!out || !path)
        return NT_EINVAL;
    if (!what || (what & ~(unsigned)(NT_CLASSIFY_TOPICS | NT_CLASSIFY_ENTITIES)))
        return nt_fail(err, NT_EINVAL, path, 0, -1, "nt_model_load_only: `what` is not a set of NT_CLASSIFY_* flags");
    *out = NULL;
    nt_file_image im;
    int rc = nt_file_image_open(&im, path, MAX_MODEL_BYTES, err);
    if (rc)
        return rc;
    const unsigned char *p = im.p;
    size_t len = im.len;
    nt_cursor c = {p, len, 8, 0};
    found_section sec[N_SECTIONS];
    memset(sec, 0, sizeof sec);
    nt_model *m = NULL;
    if (len < HEADER_LEN || memcmp(p, MAGIC, 8)) {
        rc = BAD("not a newstag model (no NTMODEL magic number)");
        goto done;
    }
    uint32_t version = nt_cursor_u32(&c), nsec = nt_cursor_u32(&c);
    uint64_t table_sum = nt_cursor_u64(&c);
    if (version != NT_MODEL_FORMAT_VERSION) {
        rc = nt_fail(err, version > NT_MODEL_FORMAT_VERSION ? NT_EVERSION : NT_EFORMAT, path, 0, -1,
                     "model format version %u; this library reads version %d%s", version, NT_MODEL_FORMAT_VERSION,
                     version < NT_MODEL_FORMAT_VERSION ? " (retrain the model, or use the model this version ships)" : "");
        goto done;
    }
    if (nsec == 0 || nsec > MAX_SECTIONS || len - HEADER_LEN < (size_t)nsec * ENTRY_LEN) {
        rc = BAD("the section table is damaged or truncated");
        goto done;
    }
    if (checksum64(p + HEADER_LEN, (size_t)nsec * ENTRY_LEN) != table_sum) {
        rc = BAD("the section table's checksum does not match");
        goto done;
    }
    uint64_t expect = HEADER_LEN + (uint64_t)nsec * ENTRY_LEN;
    for (uint32_t i = 0; i < nsec; i++) {
        const unsigned char *name = p + HEADER_LEN + (size_t)i * ENTRY_LEN;
        c.pos = HEADER_LEN + (size_t)i * ENTRY_LEN + NAME_LEN;
        uint64_t off = nt_cursor_u64(&c), size = nt_cursor_u64(&c), sum = nt_cursor_u64(&c);
        if (memchr(name, 0, NAME_LEN) == NULL || off != align8(expect) || size > len || off > len - size) {
            rc = BAD("section %u lies outside the file (truncated?)", i);
            goto done;
        }
        for (uint64_t k = expect; k < off; k++)
            if (p[k]) {
                rc = BAD("the padding before section %u is not zero", i);
                goto done;
            }
        unsigned part = section_part((const char *)name);
        if ((!part || (part & what)) && checksum64(p + off, (size_t)size) != sum) {
            rc = BAD("section '%s' is damaged: its checksum does not match", (const char *)name);
            goto done;
        }
        for (int k = 0; k < N_SECTIONS; k++)
            if (!strcmp((const char *)name, section_name[k]))
                sec[k] = (found_section){p + off, (size_t)size};
        expect = off + size;
    }
    if (expect != len) {
        rc = BAD("%llu bytes follow the last section", (unsigned long long)(len - expect));
        goto done;
    }
    for (int k = 0; k < 4; k++)
        if (!sec[k].p) {
            rc = BAD("the '%s' section is missing", section_name[k]);
            goto done;
        }
    if ((rc = parse_manifest(&m, &sec[0], path, err)))
        goto done;
    m->image = im; /* from here on the model owns the image */
    im.len = 0;
    m->parts = what;
    if ((what & NT_CLASSIFY_TOPICS) &&
        ((rc = parse_vocab(m, &sec[1], &sec[2], path, err)) || (rc = parse_weights(m, &sec[3], path, err))))
        goto done;
    /* the entity tagger: all four sections and the manifest's "entities", or none */
    int ner_parts = (m->ner.n_types > 0);
    for (int k = 4; k < N_SECTIONS; k++)
        ner_parts += sec[k].p != NULL;
    if (ner_parts != 0 && ner_parts != 5) {
        rc = BAD("the entity tagger's sections are incomplete");
        goto done;
    }
    if ((what & NT_CLASSIFY_ENTITIES) && ner_parts == 5 && (rc = parse_ner(m, &sec[4], path, err)))
        goto done;
    *out = m;
    m = NULL;
done:
    nt_model_free(m);
    nt_file_image_close(&im);
    return rc;
}
