#!/bin/sh
# CLI tests: golden output of `newstag tokenize` on a committed sample, and the error paths
# (exit codes, messages that name the file). Usage: run_cli_tests.sh NEWSTAG CLI_DIR SAMPLES
set -u
NT=$1
DIR=$2
SAMPLES=$3
. "$(dirname "$0")/testlib.sh"

# golden outputs
for fmt in text jsonl; do
    expect 0 "tokenize $fmt" -- sh -c "cd \"$SAMPLES\" && \"$NT\" tokenize --format $fmt akmola-youth-forum.txt"
    if diff -u "$DIR/golden/akmola-youth-forum.$fmt" "$TMP/out" >"$TMP/diff"; then ok; else
        bad "tokenize --format $fmt differs from tests/cli/golden/akmola-youth-forum.$fmt"
        head -40 "$TMP/diff" >&2
    fi
done

# stdin gives the same as the file, and '-' means stdin
expect 0 "tokenize stdin" -- sh -c "\"$NT\" tokenize --format jsonl < \"$SAMPLES/akmola-youth-forum.txt\""
sed 's/"file":"<stdin>"/"file":"X"/' "$TMP/out" >"$TMP/a"
"$NT" tokenize --format jsonl "$SAMPLES/akmola-youth-forum.txt" | sed 's/"file":"[^"]*"/"file":"X"/' >"$TMP/b"
if cmp -s "$TMP/a" "$TMP/b"; then ok; else bad "stdin output differs from file output"; fi

# every token's text is exactly the original text cut at its code-point offsets
if python3 -c 'import sys' 2>/dev/null; then
    "$NT" tokenize --format jsonl "$SAMPLES/akmola-youth-forum.txt" >"$TMP/tok.jsonl"
    if python3 - "$SAMPLES/akmola-youth-forum.txt" "$TMP/tok.jsonl" <<'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
raw = open(sys.argv[1], "rb").read()
for line in open(sys.argv[2], encoding="utf-8"):
    t = json.loads(line)
    assert text[t["start"]:t["end"]] == t["text"], t
    assert raw[t["byte_start"]:t["byte_end"]].decode("utf-8") == t["text"], t
PY
    then ok; else bad "jsonl offsets do not cut the original text"; fi
fi

# empty input: no tokens, success
: >"$TMP/empty.txt"
expect 0 "empty file" -- "$NT" tokenize "$TMP/empty.txt"
[ -s "$TMP/out" ] && bad "empty file printed tokens" || ok

# invalid UTF-8: processed to the end, U+FFFD in text, exit 0
printf 'Пр\377ивет \300 мир\n' >"$TMP/bad.txt"
expect 0 "invalid utf-8" -- "$NT" tokenize --format jsonl "$TMP/bad.txt"
grep -q '"text":"мир"' "$TMP/out" && ok || bad "invalid utf-8: text after the bad bytes was lost"
grep -q '\\ufffd' "$TMP/out" && ok || bad "invalid utf-8: no U+FFFD in output"

# errors name the file and exit non-zero
expect 1 "missing file" -- "$NT" tokenize "$TMP/no-such-file.txt"
grep -q "no-such-file.txt" "$TMP/err" && ok || bad "missing file: message does not name it"
expect 1 "size limit" -- "$NT" tokenize --max-bytes 10 "$SAMPLES/akmola-youth-forum.txt"
grep -q "akmola-youth-forum.txt: larger than the limit" "$TMP/err" && ok || bad "size limit: message"
expect 1 "directory" -- "$NT" tokenize "$TMP"

# a missing file does not stop the others
expect 1 "missing among others" -- "$NT" tokenize --format jsonl "$TMP/none.txt" "$SAMPLES/akmola-youth-forum.txt"
[ -s "$TMP/out" ] && ok || bad "the good file after a missing one was not processed"

# usage errors exit 2
expect 2 "no verb" -- "$NT"
expect 2 "unknown verb" -- "$NT" frobnicate
expect 2 "unknown option" -- "$NT" tokenize --bogus
expect 2 "bad format" -- "$NT" tokenize --format xml
expect 2 "bad size" -- "$NT" tokenize --max-bytes lots
expect 0 "help" -- "$NT" --help
expect 0 "verb help" -- "$NT" tokenize --help
expect 0 "version" -- "$NT" --version
grep -Eq '^newstag [0-9]+\.[0-9]+\.[0-9]+$' "$TMP/out" && ok || bad "version line"

# a 50 MB single-line file: handled in bounded memory (skipped in quick runs, e.g. Valgrind)
if [ -z "${NT_QUICK:-}" ]; then
    awk 'BEGIN { s = "Молодежь Aкмолинской области осваивает IT-профессии, 2 500 участников. "; for (i = 0; i < 700000; i++) printf "%s", s }' >"$TMP/big.txt"
    expect 0 "50 MB line" -- sh -c "\"$NT\" tokenize \"$TMP/big.txt\" | tail -n 2"
    grep -q "участников" "$TMP/out" && ok || bad "50 MB line: last token missing"
fi

finish cli
