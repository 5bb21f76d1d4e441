#!/bin/sh
# Hostile input, end to end: every case gives a clear message naming the file (and line or
# byte), a documented exit status, and never a crash; in a batch, nothing else is lost.
# Usage: run_robustness_tests.sh NEWSTAG SOURCE_DIR
set -u
NT=$1
SRC=$2
. "$(dirname "$0")/testlib.sh"

# invalid UTF-8 of every kind, NUL, BOM, CRLF, lone CR: classified to the end, exit 0
i=0
for bytes in '\300\257' '\301\277' '\340\200\257' '\360\200\200\257' '\355\240\200' '\364\220\200\200' \
             '\365' '\377' '\200' '\320' '\342\200' '\360\237\230' '\000' '\357\273\277' '\r\n' '\r'; do
    i=$((i + 1))
    printf "Аким Актобе ${bytes} встретился с молодежью в Шымкенте." >"$TMP/in$i.txt"
    expect 0 "bytes $bytes" -- "$NT" classify --format jsonl "$TMP/in$i.txt"
    has out 'Шымкенте' "text after bytes $bytes is still tagged"
done
# floods of combining marks, bidi controls, emoji sequences
awk 'BEGIN { printf "a"; for (i = 0; i < 200000; i++) printf "\xcc\x81"; printf " Астана\n" }' >"$TMP/marks.txt"
expect 0 "combining flood" -- "$NT" classify --format jsonl "$TMP/marks.txt"
printf 'В \342\200\256Астане\342\200\254 и \342\200\217Алматы\342\200\216 👨‍👩‍👧‍👦🇰🇿👍🏽 прошел форум.' >"$TMP/bidi.txt"
expect 0 "bidi and emoji" -- "$NT" classify --format jsonl "$TMP/bidi.txt"
# empty and binary files
: >"$TMP/empty.txt"
expect 0 "empty file" -- "$NT" classify --format jsonl "$TMP/empty.txt"
has out '"topics": \[\]' "an empty article has no topics"
head -c 100000 /dev/urandom >"$TMP/binary.bin" 2>/dev/null || dd if=/dev/urandom of="$TMP/binary.bin" bs=1000 count=100 2>/dev/null
expect 0 "binary file" -- "$NT" classify --format jsonl "$TMP/binary.bin"
# a 1 MB token with no spaces
awk 'BEGIN { for (i = 0; i < 1048576; i++) printf "ж" }' >"$TMP/token.txt"
expect 0 "1 MB token" -- "$NT" classify --format jsonl "$TMP/token.txt"
# over the size limit: refused by name, the next file still done
expect 1 "over --max-bytes" -- "$NT" classify --max-bytes 1K --format jsonl "$TMP/token.txt" "$TMP/bidi.txt"
has err "token.txt: larger than the limit" "the refused file is named"
has out '"id": ".*bidi.txt"' "the file after it is still classified"
# 100,000 tiny documents through JSONL, in order, bounded memory
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "{\"id\": %d, \"text\": \"Аким Актобе %d.\"}\n", i, i }' >"$TMP/tiny.jsonl"
expect 0 "100000 tiny documents" -- "$NT" classify --input jsonl --format jsonl "$TMP/tiny.jsonl"
[ "$(wc -l <"$TMP/out")" -eq 100000 ] && ok || bad "tiny documents: wrong number of records"
[ "$(sed -n '99999p' "$TMP/out" | cut -c1-14)" = '{"id": 99998, ' ] && ok || bad "tiny documents: order"
# JSONL: not JSON, no text, wrong type, numeric ids, duplicated keys, a very long line
awk 'BEGIN { printf "{\"id\": \"long\", \"text\": \""; for (i = 0; i < 300000; i++) printf "слово "; printf "\"}\n" }' >"$TMP/long.jsonl"
cat >>"$TMP/long.jsonl" <<'J'
{"id": 1.5, "text": "Число как id."}
[1, 2, 3]
{"id": "dup", "text": "a", "text": "b"}
{"text": null}
{"id": "ok", "text": "Всё в порядке в Караганде."}
J
expect 1 "mixed JSONL" -- "$NT" classify --input jsonl --format jsonl "$TMP/long.jsonl"
[ "$(wc -l <"$TMP/out")" -eq 6 ] && ok || bad "mixed JSONL: one record a line"
sed -n 2p "$TMP/out" | grep -q '^{"id": 1.5, ' && ok || bad "numeric id kept"
sed -n 3p "$TMP/out" | grep -q '"line": 3, "error": "not a JSON object"' && ok || bad "array line marked"
sed -n 4p "$TMP/out" | grep -q '"line": 4, "error": "not JSON: duplicate object key' && ok || bad "duplicate key marked"
sed -n 5p "$TMP/out" | grep -q '"line": 5, "error": "\\"text\\" is not a string"' && ok || bad "null text marked"
sed -n 6p "$TMP/out" | grep -q '"id": "ok"' && ok || bad "the last good line classified"
has err "long.jsonl:3:" "errors name file and line"

# corpus files: malformed lines, offsets out of range, overlaps, unknown labels
cat >"$TMP/corpus.jsonl" <<'J'
{"id": "a", "text": "Аким Актобе.", "topics": ["neet"], "entities": [{"start": 5, "end": 11, "type": "LOC"}]}
{"id": "b", "text": "Текст.", "topics": ["neet"], "entities": [{"start": 2, "end": 99, "type": "LOC"}]}
{"id": "c", "text": "Аким Актобе.", "topics": ["neet"], "entities": [{"start": 0, "end": 11, "type": "PER"}, {"start": 5, "end": 11, "type": "LOC"}]}
{"id": "d", "text": "Аким Актобе.", "topics": ["sport"], "entities": []}
{oops
J
printf 'topics: neet\nentities: PER ORG LOC\n' >"$TMP/labels.txt"
expect 1 "corpus check" -- "$NT" corpus check --labels "$TMP/labels.txt" "$TMP/corpus.jsonl"
has err "corpus.jsonl:2: .*out of range" "offsets out of range"
has err "corpus.jsonl:3: .*overlaps" "overlapping spans"
has err "corpus.jsonl:4: .*unknown topic 'sport'" "unknown label"
has err "corpus.jsonl:5: malformed JSON" "malformed line"
expect 1 "training refuses a bad corpus" -- "$NT" train --corpus "$TMP/corpus.jsonl" --output "$TMP/m.ntm"
[ -e "$TMP/m.ntm" ] && bad "a model was written from a bad corpus" || ok

# outputs: a read-only directory, a full disk (ulimit -f): a reason, and no file left
mkdir "$TMP/ro" && chmod 555 "$TMP/ro"
if [ "$(id -u)" -ne 0 ]; then
    expect 1 "read-only directory" -- "$NT" corpus import --output "$TMP/ro/x.jsonl" "$SRC/tests/data/corpus/sample.conll"
    [ -e "$TMP/ro/x.jsonl" ] && bad "a file appeared in the read-only directory" || ok
fi
expect 1 "no such directory" -- "$NT" corpus import --output "$TMP/none/x.jsonl" "$SRC/tests/data/corpus/sample.conll"
has err "none/x.jsonl" "the output path is named"
expect 1 "full disk" -- sh -c "ulimit -f 64; \"$NT\" corpus build --splits \"$SRC/corpus/splits.tsv\" --output \"$TMP/full\" \"$SRC\"/corpus/src/0*.txt"
has err "cannot write" "a full disk is reported"
ls "$TMP/full" 2>/dev/null | grep -q 'all.jsonl' && bad "a partial all.jsonl was left: $(ls "$TMP/full")" || ok
ls "$TMP/full" 2>/dev/null | grep -q 'tmp' && bad "a temporary file was left: $(ls "$TMP/full")" || ok

finish robustness
