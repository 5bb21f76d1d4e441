/*
 * newstag.h - the public interface of libnewstag.
 *
 * newstag reads news articles (Russian first, Kazakh next) and labels them with topics and
 * named-entity spans. This header is the whole public API; nothing else is installed.
 *
 * The pipeline:  normalize -> tokenize (with sentences) -> features -> models -> spans/topics.
 *
 * RESOURCES
 *   Every object is an opaque handle with a create/free pair. Free functions accept NULL.
 *   A pointer returned by an accessor is borrowed: it stays valid as long as the handle it
 *   came from (or until the next call named at the declaration) and is never freed by the
 *   caller. Memory that the caller must free says so, and is freed with nt_free().
 *
 * ERRORS
 *   Fallible functions return an int status: NT_OK (0) or a negative NT_E* code, whose
 *   message nt_strerror() gives. Functions that can say more take an `nt_error *err`
 *   (which may be NULL) and fill it with the code, the file and line (or byte position)
 *   concerned, and a reason. The library never prints, never exits, never touches the locale.
 *
 * TEXT AND OFFSETS
 *   Input text is UTF-8 bytes and need not be valid or NUL-terminated. Policy for invalid
 *   UTF-8: every byte that does not belong to a well-formed sequence (overlong forms,
 *   surrogates, code points above U+10FFFF, bytes 0xC0, 0xC1, 0xF5-0xFF, truncated or stray
 *   continuation bytes) reads as one U+FFFD REPLACEMENT CHARACTER, which counts as one code
 *   point. Processing goes on after it: nothing after an invalid byte is ever lost.
 *   Every offset the library reports points into the caller's original bytes: byte offsets,
 *   and code-point offsets counted by the policy above (for valid UTF-8, plain code points).
 *   Ranges are half-open: [start, end).
 *
 * THREAD SAFETY
 *   The library keeps no global mutable state of its own. Distinct handles may be used from
 *   distinct threads at once; one handle must not be used from two threads at once unless
 *   its declaration says so. A loaded model (nt_model) is immutable: any number of threads
 *   may call nt_classify and nt_evaluate with it at once. libsvm has one global of its own,
 *   its print function: nt_train sets it (always to the same silent function) before it
 *   trains, so two trainings may run at once, but a program that also uses libsvm directly
 *   and installs its own print function should not train at the same time. nt_train itself
 *   runs its work on up to nt_train_options_set_threads() threads and calls the progress
 *   callback from the calling thread only.
 */
#ifndef NEWSTAG_H
#define NEWSTAG_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define NT_API __declspec(dllexport)
#elif defined(__GNUC__)
#define NT_API __attribute__((visibility("default")))
#else
#define NT_API
#endif

/* ---------------------------------------------------------------------------------------
 * Version
 * ------------------------------------------------------------------------------------- */

#include "newstag_version.h" /* NT_VERSION_MAJOR, NT_VERSION_MINOR, NT_VERSION_PATCH, NT_VERSION_STRING */

/* The version of the library actually linked, "MAJOR.MINOR.PATCH". Static storage. */
NT_API const char *nt_version(void);

/* ---------------------------------------------------------------------------------------
 * Status codes and errors
 * ------------------------------------------------------------------------------------- */

enum {
    NT_OK = 0,
    NT_ENOMEM = -1,     /* out of memory */
    NT_EINVAL = -2,     /* an argument is invalid (NULL handle, bad option, ...) */
    NT_EIO = -3,        /* a file could not be read or written */
    NT_EPARSE = -4,     /* malformed input: JSON, corpus line, authoring form */
    NT_EFORMAT = -5,    /* not a newstag model, or a damaged one */
    NT_EVERSION = -6,   /* a model of a format version this library does not read */
    NT_ETOOBIG = -7,    /* input over a configured size limit */
    NT_ECANCELED = -8,  /* stopped by the caller's callback */
    NT_EUTF8 = -9,      /* invalid UTF-8 where valid UTF-8 is required (corpus files) */
    NT_ELABEL = -10     /* a label or entity type that is unknown or inconsistent */
};

/* A static, English message for a status code; "unknown error" for codes it does not know. */
NT_API const char *nt_strerror(int code);

/*
 * Details of a failure. Plain struct owned by the caller (usually on the stack); functions
 * that take one fill it on failure and leave it untouched on success.
 *   file:   the file concerned, or "" when none
 *   line:   1-based line in that file, or 0 when it has no lines or none applies
 *   offset: byte offset concerned (in the file or text), or -1 when none applies
 */
typedef struct nt_error {
    int code;
    char file[256];
    long line;
    long long offset;
    char message[512];
} nt_error;

/* Resets *err to "no error". err may be NULL. */
NT_API void nt_error_clear(nt_error *err);

/* Frees memory that a function documented as "free with nt_free()" returned. NULL is fine. */
NT_API void nt_free(void *p);

/* ---------------------------------------------------------------------------------------
 * Normalization (for features; offsets never come from normalized text)
 *
 * NFKC, case folding, ё -> е, removal of soft hyphens, zero-width and other default-
 * ignorable characters, one space (U+0020) for NBSP and every other space, one quote (")
 * for « » „ “ ” " ‟ ‹ ›, one apostrophe (') for ‘ ’ ‚ ‛, one dash (-) for ‐ ‑ ‒ – — ― −.
 * Kazakh letters (ә ғ қ ң ө ұ ү һ і) stay distinct. Latin letters that look like Cyrillic
 * (a e o p c y x k m t h b i) inside a word that also has Cyrillic letters and no other
 * Latin letters are mapped to their Cyrillic twins ('Aкмола' -> 'акмола').
 * ------------------------------------------------------------------------------------- */

/*
 * Normalizes text[0, len). On success *out is a NUL-terminated UTF-8 string of *out_len
 * bytes, to be freed with nt_free(). If src_offsets is not NULL, *src_offsets receives an
 * array of (*out_len + 1) entries, also freed with nt_free(): entry i is the byte offset in
 * `text` of the character that produced output byte i; the last entry is len.
 * Returns NT_OK, NT_EINVAL or NT_ENOMEM.
 */
NT_API int nt_normalize(char **out, size_t *out_len, size_t **src_offsets,
                        const char *text, size_t len);

/* ---------------------------------------------------------------------------------------
 * Tokenization and sentences
 * ------------------------------------------------------------------------------------- */

typedef enum nt_token_kind {
    NT_TOKEN_WORD = 1,    /* letters (and digits): words, compounds (из-за, IT-специалист) */
    NT_TOKEN_ABBREV,      /* abbreviation with its period(s): г., т.е., им. */
    NT_TOKEN_INITIAL,     /* an initial with its period: Н. */
    NT_TOKEN_NUMBER,      /* 2 500, 3,5, 6,2%, 28.02.2026, 10:33, 5-й */
    NT_TOKEN_PUNCT,       /* punctuation; runs such as ... or ?! are one token */
    NT_TOKEN_QUOTE,       /* a quotation mark, always a token of its own */
    NT_TOKEN_DASH,        /* a dash or a hyphen standing between spaces */
    NT_TOKEN_SYMBOL,      /* other symbols: № § $ + = and U+FFFD for invalid bytes */
    NT_TOKEN_URL,         /* http://..., https://..., www.... */
    NT_TOKEN_EMAIL,       /* name@host.tld */
    NT_TOKEN_HASHTAG,     /* #word */
    NT_TOKEN_MENTION,     /* @name */
    NT_TOKEN_EMOJI        /* an emoji with its modifiers and joiners, or a flag */
} nt_token_kind;

/* A short lowercase name for a kind ("word", "abbrev", ...); "unknown" otherwise. Static. */
NT_API const char *nt_token_kind_name(int kind);

/* Bits of nt_token.flags */
enum {
    NT_TOKEN_SENT_START = 1u << 0,  /* first token of a sentence */
    NT_TOKEN_PARA_START = 1u << 1,  /* first token after a blank line (or of the text) */
    NT_TOKEN_LINE_START = 1u << 2,  /* first token on its line */
    NT_TOKEN_UPPER_INITIAL = 1u << 3, /* starts with an uppercase letter */
    NT_TOKEN_ALL_UPPER = 1u << 4,   /* has letters, and two or more, all uppercase */
    NT_TOKEN_HAS_DIGIT = 1u << 5,
    NT_TOKEN_HAS_LATIN = 1u << 6,   /* has a Latin letter in the original text */
    NT_TOKEN_HAS_CYRILLIC = 1u << 7,/* has a Cyrillic letter in the original text */
    NT_TOKEN_HAS_INVALID = 1u << 8  /* covers bytes that are not valid UTF-8 */
};

/*
 * One token. Offsets point into the original text: text + byte_start, of
 * (byte_end - byte_start) bytes, is exactly the token's source. `norm` is its normalized
 * form (see Normalization), NUL-terminated, borrowed from the tokenizer and valid until the
 * next nt_tokenizer_next() or nt_tokenizer_free() on it.
 */
typedef struct nt_token {
    size_t byte_start, byte_end;
    size_t cp_start, cp_end;
    size_t sentence;      /* 0-based number of the sentence it belongs to */
    int kind;             /* nt_token_kind */
    unsigned flags;       /* NT_TOKEN_* bits */
    const char *norm;
    size_t norm_len;
} nt_token;

typedef struct nt_tokenizer nt_tokenizer;

/*
 * Starts tokenizing text[0, len). The text is borrowed: it must stay unchanged and alive
 * until nt_tokenizer_free(). Memory use does not grow with the length of the text.
 * Returns NT_OK, NT_EINVAL (out or text NULL with len > 0) or NT_ENOMEM.
 */
NT_API int nt_tokenizer_new(nt_tokenizer **out, const char *text, size_t len);

/*
 * Reads the next token into *tok. Returns 1 when a token was read, 0 at the end of the
 * text, or a negative status (NT_ENOMEM). Tokens come in text order and never overlap.
 */
NT_API int nt_tokenizer_next(nt_tokenizer *t, nt_token *tok);

/* Frees the tokenizer. NULL is fine. */
NT_API void nt_tokenizer_free(nt_tokenizer *t);


/* ---------------------------------------------------------------------------------------
 * Labeled corpora
 *
 * A corpus is a list of articles with their topic labels and entity spans, read from the
 * project's JSONL format, from the authoring form people type by hand (corpus/README.md),
 * or converted from factRuEval-2016 and CoNLL-style BIO files. Corpus files are hostile
 * input: every problem is reported with its file and line.
 * ------------------------------------------------------------------------------------- */

/* An entity span: [start, end) in code points and in bytes of the article text. */
typedef struct nt_span {
    size_t start, end;
    size_t byte_start, byte_end;
    const char *type;          /* "PER", "ORG", "LOC", ... as the corpus names it */
} nt_span;

/* One labeled article. All pointers are owned by the corpus and live as long as it does. */
typedef struct nt_article {
    const char *id;
    const char *lang;          /* "ru" unless the source says otherwise */
    const char *text;          /* valid UTF-8, NUL-terminated, text_len bytes */
    size_t text_len;
    const char *const *topics; /* n_topics labels, in the order given */
    size_t n_topics;
    const nt_span *entities;   /* n_entities spans, sorted by start */
    size_t n_entities;
    const char *genre;         /* optional provenance: NULL when absent */
    const char *region;
    const char *split;         /* "train", "dev", "test" or NULL */
    const char *hard_negative; /* what a hard negative shares with a topic, or NULL */
    const char *file;          /* where the article was read, and the line it starts on */
    long line;
} nt_article;

typedef struct nt_corpus nt_corpus;

/*
 * Receives the problems a reader or a check finds, one call each, when the caller wants all
 * of them rather than the first. `issue` is valid only during the call.
 */
typedef void (*nt_issue_fn)(void *user, const nt_error *issue);

/* Creates an empty corpus. Returns NT_OK, NT_EINVAL or NT_ENOMEM. Free with nt_corpus_free. */
NT_API int nt_corpus_new(nt_corpus **out);
NT_API void nt_corpus_free(nt_corpus *c);

/*
 * Readers append the articles of one file (or, for factRuEval, one directory) to c.
 * Without on_issue, the first problem stops the read and is described in *err. With
 * on_issue, each problem is passed to it, the record at fault is skipped, and reading goes
 * on. Either way the return is NT_OK only when the file had no problem at all; otherwise
 * NT_EPARSE (malformed records), NT_EUTF8, NT_EIO or NT_ENOMEM.
 */
NT_API int nt_corpus_read_jsonl(nt_corpus *c, const char *path, nt_issue_fn on_issue, void *user,
                                nt_error *err);
/* The authoring form: "@@ ID", "@topics ...", body with [[TYPE|surface]] markers. */
NT_API int nt_corpus_read_authoring(nt_corpus *c, const char *path, nt_issue_fn on_issue,
                                    void *user, nt_error *err);
/*
 * factRuEval-2016 (the directory of book_N.txt/.spans/.objects), reduced to PER/ORG/LOC by
 * the name-centric reduction: Person -> PER from its earliest to its latest span; one ORG per
 * org_name span of an Org, one LOC per loc_name span of a Location or LocOrg; Project and
 * Facility dropped; nested spans flattened, the outer one kept.
 */
NT_API int nt_corpus_read_factrueval(nt_corpus *c, const char *dir, nt_issue_fn on_issue,
                                     void *user, nt_error *err);
/* CoNLL-style BIO: "token TAG" a line (the tag in the last column), a blank line between
 * sentences, "-DOCSTART-" lines between documents. Tokens are joined with single spaces. */
NT_API int nt_corpus_read_conll(nt_corpus *c, const char *path, nt_issue_fn on_issue,
                                void *user, nt_error *err);

NT_API size_t nt_corpus_count(const nt_corpus *c);
/* The i-th article (i < nt_corpus_count), or NULL. Borrowed from c. */
NT_API const nt_article *nt_corpus_get(const nt_corpus *c, size_t i);

/* Sets (or, with NULL, clears) the split of article i. Returns NT_OK, NT_EINVAL, NT_ENOMEM. */
NT_API int nt_corpus_set_split(nt_corpus *c, size_t i, const char *split);

/*
 * Writes the articles whose split equals `split` (all articles when split is NULL) as JSONL
 * to path, atomically: the file appears complete or not at all. Returns NT_OK, NT_EIO or
 * NT_ENOMEM.
 */
NT_API int nt_corpus_write_jsonl(const nt_corpus *c, const char *path, const char *split,
                                 nt_error *err);

/* Renders an article in the authoring form, body only ("[[TYPE|surface]]" markers), into a
 * NUL-terminated string freed with nt_free(). Returns NT_OK or NT_ENOMEM. */
NT_API int nt_article_render_authoring(char **out, size_t *out_len, const nt_article *a);

/* What nt_corpus_check() accepts. Lists may be NULL (then any label passes). */
typedef struct nt_corpus_rules {
    const char *const *topics;
    size_t n_topics;
    const char *const *entity_types;
    size_t n_entity_types;
    double near_duplicate; /* Jaccard similarity of word 5-grams at or above which two texts
                              count as near duplicates; 0 disables the check */
} nt_corpus_rules;

/*
 * Checks every article: unknown labels, spans out of range, off token boundaries, with
 * leading or trailing spaces, overlapping; duplicate ids; near-duplicate texts (across
 * splits too). Each problem goes to on_issue (required). *n_issues receives the count.
 * Returns NT_OK (even when there are issues), NT_EINVAL or NT_ENOMEM.
 */
NT_API int nt_corpus_check(const nt_corpus *c, const nt_corpus_rules *rules, nt_issue_fn on_issue,
                           void *user, size_t *n_issues);


/*
 * The annotation-consistency report. Reports, one call to on_issue each (code NT_ELABEL):
 * a surface form (normalized tokens) annotated with different types in different places,
 * and a surface form annotated somewhere that stands elsewhere with no annotation over it.
 * *n_findings receives the count. Returns NT_OK, NT_EINVAL or NT_ENOMEM.
 */
NT_API int nt_corpus_consistency(const nt_corpus *c, nt_issue_fn on_issue, void *user,
                                 size_t *n_findings);


/* ---------------------------------------------------------------------------------------
 * Models
 *
 * A model is one file: a magic number, a format version (NT_MODEL_FORMAT_VERSION, separate
 * from the library version), a table of named sections with a checksum each, a JSON
 * manifest (labels, thresholds, feature settings, training parameters, a hash of the
 * training corpus, dev and test metrics) and the learned weights. Everything is checked
 * before it is used: a truncated, damaged or foreign file gives NT_EFORMAT, a newer format
 * NT_EVERSION, never a crash.
 * ------------------------------------------------------------------------------------- */

#define NT_MODEL_FORMAT_VERSION 2

typedef struct nt_model nt_model;

/* Loads a model file. A loaded model is immutable: any number of threads may classify with
 * it at once. The file is mapped and used in place until nt_model_free: replace a model file
 * by writing a new one and renaming it over the old (as `newstag train` does), never by
 * truncating it in place. Returns NT_OK, NT_EIO, NT_EFORMAT, NT_EVERSION or NT_ENOMEM. */
NT_API int nt_model_load(nt_model **out, const char *path, nt_error *err);
/* Loads only the parts `what` (NT_CLASSIFY_* flags) needs; the other parts' sections are
 * neither checked nor read. The entity tagger is most of a model, so a model loaded for
 * topics alone loads several times faster. Such a model refuses to classify what it was not
 * loaded for (NT_EINVAL) and to be saved (NT_EINVAL); the manifest and topic labels are
 * there either way. */
NT_API int nt_model_load_only(nt_model **out, const char *path, unsigned what, nt_error *err);

/*
 * Finds the default model, newstag-ru.ntm, and writes its path into buf (cap bytes, with the
 * NUL). Looked for, in order: the data directory of the installation the library (or the
 * statically linked program) lives in, found from its own location (PREFIX/share/newstag);
 * the data directory it was configured to install into; the source tree it was built from
 * (models/). Returns the length of the path, or 0 when there is none (or it does not fit).
 */
NT_API size_t nt_model_default_path(char *buf, size_t cap);
NT_API void nt_model_free(nt_model *m);

/* Saves m to path atomically (a temporary file renamed over it). */
NT_API int nt_model_save(const nt_model *m, const char *path, nt_error *err);

/* The manifest as pretty-printed JSON (NUL-terminated, borrowed from m). */
NT_API const char *nt_model_manifest(const nt_model *m);
/* Topic labels, in the model's order. nt_model_topic(m, i) for i < nt_model_topic_count(m);
 * NULL past the end. Borrowed from m. */
NT_API size_t nt_model_topic_count(const nt_model *m);
NT_API const char *nt_model_topic(const nt_model *m, size_t i);
NT_API double nt_model_topic_threshold(const nt_model *m, size_t i);

/* ---------------------------------------------------------------------------------------
 * Training
 * ------------------------------------------------------------------------------------- */

/* Training parameters describe themselves: name, default, range and meaning. */
typedef struct nt_param_info {
    const char *name;
    const char *description;
    double default_value;
    double min, max;
    int is_integer;
} nt_param_info;

/* The number of training parameters, and each one's description (static storage). */
NT_API size_t nt_train_param_count(void);
NT_API const nt_param_info *nt_train_param(size_t i);

typedef struct nt_train_options nt_train_options;

/* Options start at the defaults. Free with nt_train_options_free. */
NT_API int nt_train_options_new(nt_train_options **out);
NT_API void nt_train_options_free(nt_train_options *o);
/* Sets a parameter by name from its text ("C", "1.5"). Checked at once: an unknown name,
 * a malformed number or one out of range gives NT_EINVAL with the reason in *err. */
NT_API int nt_train_options_set(nt_train_options *o, const char *name, const char *value,
                                nt_error *err);
/* Adds a gazetteer list for the entity tagger: one entry a line ('#' comments), text[0, len).
 * The name says what it holds ("locations", "first_names"); names ending in "_endings" are
 * lists of word endings. The lists are copied into the model, which stays self-contained. */
NT_API int nt_train_options_add_gazetteer(nt_train_options *o, const char *name, const char *text,
                                          size_t len);
/* Worker threads for training (default 2; 1 trains on the calling thread only). */
NT_API int nt_train_options_set_threads(nt_train_options *o, int threads);

/*
 * Progress: called from the calling thread with a stage name, work done and total (total
 * 0 when unknown). Return non-zero to cancel: training then stops and returns NT_ECANCELED.
 */
typedef int (*nt_progress_fn)(void *user, const char *stage, size_t done, size_t total);

/*
 * Trains a model on `train`. Every topic label present in it is learned. `dev` (may be NULL)
 * chooses the decision thresholds and gives the dev metrics; without it, thresholds come
 * from cross-validation on `train`. `test` (may be NULL) is only evaluated, and its figures
 * stored in the manifest: nothing is chosen by it. Deterministic: the same corpora and
 * options give a byte-identical model file. The corpora must have passed nt_corpus_check.
 * libsvm keeps a global print hook; training sets it once to a silent one.
 */
NT_API int nt_train(nt_model **out, const nt_corpus *train, const nt_corpus *dev,
                    const nt_corpus *test, const nt_train_options *o, nt_progress_fn progress,
                    void *user, nt_error *err);

/* ---------------------------------------------------------------------------------------
 * Classification
 * ------------------------------------------------------------------------------------- */

/* A sentence that contributed to a topic, and by how much (its share of the score). */
typedef struct nt_evidence {
    size_t byte_start, byte_end;
    size_t cp_start, cp_end;
    double weight;
} nt_evidence;

/* One topic's result: every label of the model gets one, assigned or not. */
typedef struct nt_topic_result {
    const char *label;       /* borrowed from the model */
    double score;            /* calibrated probability in [0, 1] */
    double threshold;        /* the model's decision threshold for this label */
    int assigned;            /* score >= threshold */
    const nt_evidence *evidence; /* up to 3 sentences, strongest first (assigned topics only) */
    size_t n_evidence;
} nt_topic_result;

/* An entity span in the original text, as the model tagged it. */
typedef struct nt_entity {
    const char *type;        /* "PER", "ORG", "LOC", ...: borrowed from the model */
    size_t byte_start, byte_end;
    size_t cp_start, cp_end;
    double score;            /* mean calibrated probability of its tokens' tags */
} nt_entity;

typedef struct nt_result nt_result;

/* Classifies text[0, len) (any bytes; see the invalid UTF-8 policy). The result is the
 * caller's, freed with nt_result_free, and valid while the model lives. Returns NT_OK,
 * NT_EINVAL or NT_ENOMEM. Thread-safe for a shared model. */
NT_API int nt_classify(nt_result **out, const nt_model *m, const char *text, size_t len,
                       nt_error *err);

/* What nt_classify_only computes; the other half of the result is then empty. */
enum {
    NT_CLASSIFY_TOPICS = 1,   /* topic scores and evidence */
    NT_CLASSIFY_ENTITIES = 2  /* entity spans */
};
/* nt_classify for the parts in `what` (NT_CLASSIFY_* or'ed): a caller that needs only
 * topics does not pay for entities, nor the other way round. Topics not computed are left
 * out of the result (nt_result_topic_count is 0). */
NT_API int nt_classify_only(nt_result **out, const nt_model *m, const char *text, size_t len, unsigned what,
                            nt_error *err);

/*
 * A workspace: what one thread keeps from one article to the next, chiefly the stems of the
 * words it has seen (stemming is a large part of classifying, and news repeats its words).
 * nt_classify makes a fresh one per call; a caller that classifies many articles keeps one
 * per thread and passes it to nt_classify_with, for the same results, faster. A workspace
 * serves one call at a time and any model; its memory stays bounded (it forgets the stems
 * when it has remembered about NT_WORKSPACE_MAX_WORDS words). NULL when out of memory.
 */
typedef struct nt_workspace nt_workspace;
#define NT_WORKSPACE_MAX_WORDS 100000
NT_API nt_workspace *nt_workspace_new(void);
NT_API void nt_workspace_free(nt_workspace *ws);
/* nt_classify_only with a workspace (ws may be NULL: a fresh one for this call). */
NT_API int nt_classify_with(nt_workspace *ws, nt_result **out, const nt_model *m, const char *text,
                            size_t len, unsigned what, nt_error *err);

NT_API void nt_result_free(nt_result *r);
/* Topic results in the model's label order (nt_model_topic). Borrowed from r. */
NT_API size_t nt_result_topic_count(const nt_result *r);
NT_API const nt_topic_result *nt_result_topic(const nt_result *r, size_t i);
/* Entities in text order (none when the model has no entity tagger). Borrowed from r. */
NT_API size_t nt_result_entity_count(const nt_result *r);
NT_API const nt_entity *nt_result_entity(const nt_result *r, size_t i);
/* Tokens and sentences the result was computed over. */
NT_API size_t nt_result_token_count(const nt_result *r);

/* ---------------------------------------------------------------------------------------
 * Evaluation (metrics are computed here, not in the front end)
 * ------------------------------------------------------------------------------------- */

typedef struct nt_eval nt_eval;

/* Classifies every article of c with m and compares with its labels. */
NT_API int nt_evaluate(nt_eval **out, const nt_model *m, const nt_corpus *c, nt_error *err);
NT_API void nt_eval_free(nt_eval *e);
/* The figures as JSON (per-topic precision, recall, F1 and support; micro and macro
 * averages; exact-set accuracy; confusions; and for entities, exact-match and overlap
 * precision, recall and F1 per type, micro and macro), NUL-terminated, borrowed from e. */
NT_API const char *nt_eval_json(const nt_eval *e);
/* The same figures as a human-readable table, borrowed from e. */
NT_API const char *nt_eval_text(const nt_eval *e);
/* Macro-averaged topic F1, and micro-averaged exact-match entity F1 (0 without entities). */
NT_API double nt_eval_macro_f1(const nt_eval *e);
NT_API double nt_eval_entity_f1(const nt_eval *e);
/* With errors on, nt_evaluate also lists every missed, spurious and mistyped span with its
 * context; nt_eval_errors gives that listing (borrowed, "" when off). */
NT_API int nt_evaluate_ex(nt_eval **out, const nt_model *m, const nt_corpus *c, int errors,
                          nt_error *err);
NT_API const char *nt_eval_errors(const nt_eval *e);

#ifdef __cplusplus
}
#endif

#endif /* NEWSTAG_H */
