#!/bin/sh
# CLI tests of train, classify, eval and info, on the project's corpus (built by the
# corpus_build test) and the shipped default model.
# Usage: run_model_tests.sh NEWSTAG SOURCE_DIR CORPUS_DIR
set -u
NT=$1
SRC=$2
CORPUS=$3
. "$(dirname "$0")/testlib.sh"

MODEL=$SRC/models/newstag-ru.ntm
SAMPLE=$SRC/corpus/samples/akmola-youth-forum.txt

# the default model is found without --model or any environment variable
expect 0 "classify with the default model" -- "$NT" classify "$SAMPLE"
has out "topics:" "text output lists topics"
has out "scores:" "text output lists scores"
expect 0 "classify json" -- "$NT" classify --format json "$SAMPLE"
has out '"scores": {"child_welfare"' "json has every score"
has out '"entities": \[' "json has an entities list"
has out '"evidence": \[{"start"' "json has evidence"

# JSONL in, JSONL out: one line per input line, in order, bad lines marked
cat >"$TMP/in.jsonl" <<'JSONL'
{"id": "a", "text": "Молодежь без работы прошла курсы в центре занятости по проекту «Первое рабочее место»."}
not json at all
{"id": 7, "text": "Школьники получили планшеты и доступ к интернету."}
{"id": "no-text"}
{"id": "wrong", "text": 42}

{"text": "Без идентификатора."}
JSONL
expect 1 "jsonl with bad lines" -- "$NT" classify --input jsonl --format jsonl "$TMP/in.jsonl"
[ "$(wc -l <"$TMP/out")" -eq 6 ] && ok || bad "jsonl: $(wc -l <"$TMP/out") output lines for 6 records"
sed -n 1p "$TMP/out" | grep -q '^{"id": "a",' && ok || bad "jsonl: first record keeps its id"
sed -n 2p "$TMP/out" | grep -q '"line": 2, "error"' && ok || bad "jsonl: bad line 2 marked"
sed -n 3p "$TMP/out" | grep -q '^{"id": 7,' && ok || bad "jsonl: numeric id kept"
sed -n 4p "$TMP/out" | grep -q '"id": "no-text", "line": 4, "error": "no \\"text\\" field"' && ok || bad "jsonl: missing text marked"
sed -n 5p "$TMP/out" | grep -q '"line": 5, "error": "\\"text\\" is not a string"' && ok || bad "jsonl: wrong type marked"
sed -n 6p "$TMP/out" | grep -q '^{"id": null, "topics"' && ok || bad "jsonl: record without id"
has err "in.jsonl:2:" "stderr names file and line"
expect 0 "jsonl from stdin" -- sh -c "head -n 1 \"$TMP/in.jsonl\" | \"$NT\" classify --input jsonl --format jsonl"

# models: missing, damaged, foreign
expect 1 "missing model" -- "$NT" classify --model "$TMP/none.ntm" "$SAMPLE"
has err "none.ntm" "missing model named"
head -c 1000 "$MODEL" >"$TMP/trunc.ntm"
expect 1 "truncated model" -- "$NT" classify --model "$TMP/trunc.ntm" "$SAMPLE"
has err "trunc.ntm" "truncated model named"
expect 1 "foreign model" -- "$NT" classify --model "$SAMPLE" "$SAMPLE"
has err "not a newstag model" "foreign model explained"
expect 2 "bad format" -- "$NT" classify --format xml "$SAMPLE"

# info and eval
expect 0 "info" -- "$NT" info "$MODEL"
has out '"format_version": 2' "info shows the format version"
has out '"thresholds"' "info shows thresholds"
has out '"fnv1a64"' "info shows the corpus hash"
expect 0 "eval" -- "$NT" eval --model "$MODEL" "$CORPUS/test.jsonl"
has out "macro" "eval prints macro averages"
expect 0 "eval json" -- "$NT" eval --model "$MODEL" --format json "$CORPUS/test.jsonl"
has out '"exact_set_accuracy"' "eval json"

# train: usage, parameter and corpus errors
expect 2 "train without output" -- "$NT" train --corpus "$CORPUS/dev.jsonl"
expect 2 "train with a bad parameter" -- "$NT" train --corpus "$CORPUS/dev.jsonl" --output "$TMP/m" -p C=-3
has err "out of range" "bad parameter explained"
expect 2 "train with an unknown parameter" -- "$NT" train --corpus "$CORPUS/dev.jsonl" --output "$TMP/m" -p nope=1
expect 0 "train --help lists parameters" -- "$NT" train --help
has out "class_weight" "help lists parameters"
printf '{"id":"x","text":"abc","topics":["t"],"entities":[{"start":1,"end":9,"type":"PER"}]}\n{bad\n' >"$TMP/bad.jsonl"
expect 1 "train on a bad corpus" -- "$NT" train --corpus "$TMP/bad.jsonl" --output "$TMP/m.ntm"
has err "bad.jsonl:1:" "corpus error names line 1"
has err "bad.jsonl:2:" "corpus error names line 2"
[ -e "$TMP/m.ntm" ] && bad "a model was written from a bad corpus" || ok

# training runs: skipped in quick runs (e.g. under Valgrind, where libsvm takes an age)
if [ -z "${NT_QUICK:-}" ]; then
# the default model is reproducible from corpus/ alone, byte for byte
expect 0 "retrain the default model" -- "$NT" train --quiet --corpus "$CORPUS/train.jsonl" --dev "$CORPUS/dev.jsonl" --test "$CORPUS/test.jsonl" --gazetteers "$SRC/corpus/gazetteers" --output "$TMP/default.ntm"
cmp -s "$TMP/default.ntm" "$MODEL" && ok || bad "models/newstag-ru.ntm is not what tools/train-default-model makes from corpus/ (retrain it)"
# one thread gives the same bytes as two (on a small corpus, to keep the test quick)
expect 0 "train small on two threads" -- "$NT" train --quiet --threads 2 --corpus "$CORPUS/dev.jsonl" --gazetteers "$SRC/corpus/gazetteers" --output "$TMP/two.ntm"
expect 0 "train small on one thread" -- "$NT" train --quiet --threads 1 --corpus "$CORPUS/dev.jsonl" --gazetteers "$SRC/corpus/gazetteers" --output "$TMP/one.ntm"
cmp -s "$TMP/two.ntm" "$TMP/one.ntm" && ok || bad "training differs between 1 and 2 threads"
fi
expect 0 "classify with entities" -- "$NT" classify --format json "$SAMPLE"
has out '"type": "PER", "start": 135, "end": 151, "text": "Ерлан Сапарбеков"' "the sample's person is found with exact offsets"
expect 0 "classify --only entities" -- "$NT" classify --only entities --format json "$SAMPLE"
has out '"text": "Ерлан Сапарбеков"' "--only entities still finds the person"
has out '"scores": {}' "--only entities computes no topic scores"
expect 0 "classify --only topics" -- "$NT" classify --only topics --format json "$SAMPLE"
has out '"entities": \[\]' "--only topics tags no entities"
has out '"scores": {"child_welfare"' "--only topics scores every topic"
expect 2 "bad --only" -- "$NT" classify --only everything "$SAMPLE"
has err "topics or entities" "bad --only explained"
expect 0 "eval --errors" -- "$NT" eval --errors --model "$MODEL" "$CORPUS/dev.jsonl"
has out "entity" "eval prints entity figures"
has out "article	error	type	text" "eval --errors lists span errors"

if [ -z "${NT_QUICK:-}" ]; then
# an interrupted training leaves nothing at the output path
"$NT" train --quiet --corpus "$CORPUS/train.jsonl" --output "$TMP/int.ntm" -p char_min=3 -p char_max=5 2>"$TMP/err" &
pid=$!
sleep 2
kill -INT $pid
wait $pid
code=$?
[ $code -ne 0 ] && ok || bad "interrupted training exited 0"
[ -e "$TMP/int.ntm" ] && bad "interrupted training left $TMP/int.ntm" || ok
has err "interrupted" "interruption reported"

fi

finish "model cli"
