/* classify_output.c - the formats of `newstag classify`. */
#include "classify_output.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"

int output_format(const char *name)
{
    static const char *names[] = {"text", "json", "jsonl", "conll", "brat", "html"};
    for (int i = 0; i < 6; i++)
        if (!strcmp(name, names[i]))
            return i;
    return -1;
}

static const char *entity_color(const char *type)
{
    if (!strcmp(type, "PER"))
        return "\033[1;34m";
    if (!strcmp(type, "ORG"))
        return "\033[1;32m";
    if (!strcmp(type, "LOC"))
        return "\033[1;35m";
    return "\033[1m";
}

static int by_score(const void *a, const void *b)
{
    double x = (*(const nt_topic_result *const *)a)->score, y = (*(const nt_topic_result *const *)b)->score;
    return x > y ? -1 : x < y;
}

static size_t assigned_topics(const nt_result *r, const nt_topic_result **out, size_t cap)
{
    size_t na = 0;
    for (size_t i = 0; i < nt_result_topic_count(r) && na < cap; i++)
        if (nt_result_topic(r, i)->assigned)
            out[na++] = nt_result_topic(r, i);
    qsort(out, na, sizeof *out, by_score);
    return na;
}

static void write_text(output *o, const char *id, const char *text, const nt_result *r)
{
    FILE *f = o->f;
    const nt_topic_result *as[256];
    size_t na = assigned_topics(r, as, 256);
    fprintf(f, "%s\n  topics:", id ? id : "<stdin>");
    if (na == 0)
        fprintf(f, " (none)");
    for (size_t i = 0; i < na; i++)
        fprintf(f, "%s %s %.2f", i ? "," : "", as[i]->label, as[i]->score);
    fprintf(f, "\n");
    for (size_t i = 0; i < na; i++)
        for (size_t k = 0; k < as[i]->n_evidence; k++) {
            const nt_evidence *e = &as[i]->evidence[k];
            fprintf(f, "    %s [%zu, %zu) ", as[i]->label, e->cp_start, e->cp_end);
            cli_text_clean(f, text + e->byte_start, e->byte_end - e->byte_start);
            fprintf(f, "\n");
        }
    fprintf(f, "  scores:");
    for (size_t i = 0; i < nt_result_topic_count(r); i++)
        fprintf(f, " %s %.2f", nt_result_topic(r, i)->label, nt_result_topic(r, i)->score);
    fprintf(f, "\n");
    if (nt_result_entity_count(r)) {
        fprintf(f, "  entities:\n");
        for (size_t i = 0; i < nt_result_entity_count(r); i++) {
            const nt_entity *e = nt_result_entity(r, i);
            fprintf(f, "    %-4s %s", e->type, o->color ? entity_color(e->type) : "");
            cli_text_clean(f, text + e->byte_start, e->byte_end - e->byte_start);
            fprintf(f, "%s  [%zu, %zu) %.2f\n", o->color ? "\033[0m" : "", e->cp_start, e->cp_end, e->score);
        }
    }
}

static void write_json(output *o, const char *id_json, const char *text, const nt_result *r)
{
    FILE *f = o->f;
    int pretty = o->format == FMT_JSON;
    const char *open = pretty ? "{\n  " : "{", *sep = pretty ? ",\n  " : ", ", *item = pretty ? "\n    " : "";
    const nt_topic_result *as[256];
    size_t na = assigned_topics(r, as, 256);
    /* written piece by piece, not by fprintf: a record has dozens of numbers and strings, and
     * this runs once per article */
    if (pretty && o->many)
        fputs(o->records ? ",\n" : "", f);
    fputs(open, f);
    fputs("\"id\": ", f);
    fputs(id_json ? id_json : "null", f);
    fputs(sep, f);
    fputs("\"topics\": [", f);
    for (size_t i = 0; i < na; i++) {
        fputs(i ? ", " : "", f);
        fputs(item, f);
        fputs("{\"label\": ", f);
        cli_json_string(f, as[i]->label, strlen(as[i]->label));
        fputs(", \"score\": ", f);
        cli_put_fixed(f, as[i]->score, 4);
        fputs(", \"evidence\": [", f);
        for (size_t k = 0; k < as[i]->n_evidence; k++) {
            const nt_evidence *e = &as[i]->evidence[k];
            fputs(k ? ", {\"start\": " : "{\"start\": ", f);
            cli_put_size(f, e->cp_start);
            fputs(", \"end\": ", f);
            cli_put_size(f, e->cp_end);
            fputs(", \"weight\": ", f);
            cli_put_fixed(f, e->weight, 3);
            fputs(", \"text\": ", f);
            cli_json_string(f, text + e->byte_start, e->byte_end - e->byte_start);
            fputc('}', f);
        }
        fputs("]}", f);
    }
    fputs(na && pretty ? "\n  " : "", f);
    fputc(']', f);
    fputs(sep, f);
    fputs("\"scores\": {", f);
    for (size_t i = 0; i < nt_result_topic_count(r); i++) {
        fputs(i ? ", " : "", f);
        cli_json_string(f, nt_result_topic(r, i)->label, strlen(nt_result_topic(r, i)->label));
        fputs(": ", f);
        cli_put_fixed(f, nt_result_topic(r, i)->score, 4);
    }
    fputc('}', f);
    fputs(sep, f);
    fputs("\"entities\": [", f);
    for (size_t i = 0; i < nt_result_entity_count(r); i++) {
        const nt_entity *e = nt_result_entity(r, i);
        fputs(i ? ", " : "", f);
        fputs(item, f);
        fputs("{\"type\": ", f);
        cli_json_string(f, e->type, strlen(e->type));
        fputs(", \"start\": ", f);
        cli_put_size(f, e->cp_start);
        fputs(", \"end\": ", f);
        cli_put_size(f, e->cp_end);
        fputs(", \"text\": ", f);
        cli_json_string(f, text + e->byte_start, e->byte_end - e->byte_start);
        fputs(", \"score\": ", f);
        cli_put_fixed(f, e->score, 4);
        fputc('}', f);
    }
    fputs(nt_result_entity_count(r) && pretty ? "\n  " : "", f);
    fputc(']', f);
    fputs(pretty ? "\n" : "", f);
    fputc('}', f);
    if (!pretty || !o->many)
        fputc('\n', f);
}

/* CoNLL: a token a line with its BIO tag, a blank line between sentences. */
static void write_conll(output *o, const char *id, const char *text, size_t len, const nt_result *r)
{
    FILE *f = o->f;
    fprintf(f, "# id = %s\n", id ? id : "<stdin>");
    fprintf(f, "# topics =");
    for (size_t i = 0; i < nt_result_topic_count(r); i++)
        if (nt_result_topic(r, i)->assigned)
            fprintf(f, " %s", nt_result_topic(r, i)->label);
    fprintf(f, "\n");
    nt_tokenizer *t = NULL;
    if (nt_tokenizer_new(&t, text, len))
        return;
    nt_token tok;
    size_t e = 0, sentence = 0;
    int first = 1;
    while (nt_tokenizer_next(t, &tok) == 1) {
        if (!first && tok.sentence != sentence)
            fprintf(f, "\n");
        first = 0;
        sentence = tok.sentence;
        while (e < nt_result_entity_count(r) && nt_result_entity(r, e)->byte_end <= tok.byte_start)
            e++;
        const nt_entity *en = e < nt_result_entity_count(r) ? nt_result_entity(r, e) : NULL;
        cli_text_clean(f, text + tok.byte_start, tok.byte_end - tok.byte_start);
        if (en && en->byte_start <= tok.byte_start && tok.byte_end <= en->byte_end)
            fprintf(f, "\t%s-%s\n", en->byte_start == tok.byte_start ? "B" : "I", en->type);
        else
            fprintf(f, "\tO\n");
    }
    nt_tokenizer_free(t);
    fprintf(f, "\n");
}

/* brat standoff: T lines with code-point offsets; several articles are separated by a
 * comment line naming each. */
static void write_brat(output *o, const char *id, const char *text, const nt_result *r)
{
    FILE *f = o->f;
    if (o->many)
        fprintf(f, "#0\tAnnotatorNotes\t%s\n", id ? id : "<stdin>");
    for (size_t i = 0; i < nt_result_entity_count(r); i++) {
        const nt_entity *e = nt_result_entity(r, i);
        fprintf(f, "T%ld\t%s %zu %zu\t", ++o->brat_t, e->type, e->cp_start, e->cp_end);
        cli_text_clean(f, text + e->byte_start, e->byte_end - e->byte_start);
        fprintf(f, "\n");
    }
}

static void html_escape(FILE *f, const char *s, size_t n)
{
    const char *end = s + n;
    while (s < end) {
        const char *p = s;
        while (p < end && *p != '<' && *p != '>' && *p != '&' && *p != '"' && *p != '\n')
            p++;
        cli_text_clean(f, s, (size_t)(p - s));
        if (p == end)
            break;
        fputs(*p == '<' ? "&lt;" : *p == '>' ? "&gt;" : *p == '&' ? "&amp;" : *p == '"' ? "&quot;" : "<br>", f);
        s = p + 1;
    }
}

static void write_html(output *o, const char *id, const char *text, size_t len, const nt_result *r)
{
    FILE *f = o->f;
    fprintf(f, "<article>\n<h2>");
    html_escape(f, id ? id : "<stdin>", strlen(id ? id : "<stdin>"));
    fprintf(f, "</h2>\n<div class=\"topics\">\n");
    for (size_t i = 0; i < nt_result_topic_count(r); i++) {
        const nt_topic_result *t = nt_result_topic(r, i);
        fprintf(f, "<div class=\"topic%s\"><span class=\"label\">%s</span><span class=\"bar\"><span style=\"width:%.0f%%\"></span></span><span class=\"score\">%.2f</span></div>\n",
                t->assigned ? " assigned" : "", t->label, t->score * 100, t->score);
    }
    fprintf(f, "</div>\n<p class=\"text\">");
    size_t pos = 0;
    for (size_t i = 0; i < nt_result_entity_count(r); i++) {
        const nt_entity *e = nt_result_entity(r, i);
        html_escape(f, text + pos, e->byte_start - pos);
        fprintf(f, "<mark class=\"%s\" title=\"%s %.2f\">", e->type, e->type, e->score);
        html_escape(f, text + e->byte_start, e->byte_end - e->byte_start);
        fprintf(f, "</mark>");
        pos = e->byte_end;
    }
    html_escape(f, text + pos, len - pos);
    fprintf(f, "</p>\n</article>\n");
}

void output_begin(output *o)
{
    if (o->format == FMT_JSON && o->many)
        fprintf(o->f, "[\n");
    if (o->format == FMT_HTML)
        fprintf(o->f,
                "<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n<meta charset=\"utf-8\">\n<title>newstag</title>\n"
                "<style>\n"
                "body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.5}\n"
                "article{border-bottom:1px solid #ccc;padding-bottom:1em;margin-bottom:2em}\n"
                ".topic{display:flex;align-items:center;gap:.5em;color:#888}\n"
                ".topic.assigned{color:#000;font-weight:bold}\n"
                ".label{width:10em}.bar{width:12em;height:.8em;background:#eee;display:inline-block}\n"
                ".bar span{display:block;height:100%%;background:#4a7}\n"
                "mark{padding:0 .15em;border-radius:.2em}\n"
                "mark.PER{background:#cde4ff}mark.ORG{background:#d4f5d4}mark.LOC{background:#f5d4f0}\n"
                ".legend mark{margin-right:.5em}\n"
                "</style>\n</head>\n<body>\n<h1>newstag</h1>\n"
                "<p class=\"legend\"><mark class=\"PER\">PER</mark><mark class=\"ORG\">ORG</mark>"
                "<mark class=\"LOC\">LOC</mark></p>\n");
}

void output_end(output *o)
{
    if (o->format == FMT_JSON && o->many)
        fprintf(o->f, "%s]\n", o->records ? "\n" : "");
    if (o->format == FMT_HTML)
        fprintf(o->f, "</body>\n</html>\n");
}

void output_record(output *o, const char *id, const char *text, size_t len, const nt_result *r)
{
    switch (o->format) {
    case FMT_TEXT: write_text(o, id, text, r); break;
    case FMT_JSON:
    case FMT_JSONL: write_json(o, id, text, r); break;
    case FMT_CONLL: write_conll(o, id, text, len, r); break;
    case FMT_BRAT: write_brat(o, id, text, r); break;
    case FMT_HTML: write_html(o, id, text, len, r); break;
    }
    o->records++;
}

void output_error(output *o, const char *id_json, long line, const char *msg)
{
    if (o->format != FMT_JSON && o->format != FMT_JSONL)
        return; /* stderr has it */
    if (o->format == FMT_JSON && o->many)
        fprintf(o->f, "%s", o->records ? ",\n" : "");
    fprintf(o->f, "{\"id\": %s, \"line\": %ld, \"error\": ", id_json ? id_json : "null", line);
    cli_json_string(o->f, msg, strlen(msg));
    fprintf(o->f, "}%s", (o->format == FMT_JSONL || !o->many) ? "\n" : "");
    o->records++;
}
