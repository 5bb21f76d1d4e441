#!/bin/sh
# Batches: --threads keeps input order; GNU parallel as a distributed filter gives exactly
# the single-process output; the html page renders its highlights in headless Chromium.
# Skips (exit 77) what needs a program that is not installed.
# Usage: run_batch_tests.sh NEWSTAG CORPUS_DIR
set -u
NT=$1
CORPUS=$2
. "$(dirname "$0")/testlib.sh"
skipped=0

# the corpus as classify input: {"id", "text"} lines
sed 's/"lang":"ru",//' "$CORPUS/dev.jsonl" >"$TMP/in.jsonl"
n=$(wc -l <"$TMP/in.jsonl")

"$NT" classify --threads 1 --input jsonl --format jsonl "$TMP/in.jsonl" >"$TMP/one.jsonl" && ok || bad "one thread"
"$NT" classify --threads 4 --input jsonl --format jsonl "$TMP/in.jsonl" >"$TMP/four.jsonl" 2>"$TMP/stats" && ok || bad "four threads"
cmp -s "$TMP/one.jsonl" "$TMP/four.jsonl" && ok || bad "--threads 4 output differs from one thread (order or content)"
[ "$(wc -l <"$TMP/one.jsonl")" -eq "$n" ] && ok || bad "one record per input line"
"$NT" classify --threads 2 --stats --input jsonl --format jsonl "$TMP/in.jsonl" >/dev/null 2>"$TMP/stats" && ok || bad "--stats"
grep -q "tokens/s" "$TMP/stats" && ok || bad "--stats prints throughput"

# GNU parallel: the README's recipe, blocks of lines through several processes, in order
if command -v parallel >/dev/null 2>&1; then
    parallel --will-cite --pipe --keep-order -N 20 -j 3 "$NT" classify --threads 1 --input jsonl --format jsonl \
        <"$TMP/in.jsonl" >"$TMP/parallel.jsonl" && ok || bad "GNU parallel run"
    cmp -s "$TMP/one.jsonl" "$TMP/parallel.jsonl" && ok || bad "GNU parallel output differs from the single process"
else
    echo "skip: GNU parallel is not installed"
    skipped=1
fi

# the html page in a real browser: every entity highlighted, score bars drawn
head -n 5 "$TMP/in.jsonl" | "$NT" classify --input jsonl --format html >"$TMP/page.html" && ok || bad "html output"
marks=$(grep -o '<mark class="\(PER\|ORG\|LOC\)"' "$TMP/page.html" | wc -l)
[ "$marks" -gt 10 ] && ok || bad "html: only $marks highlighted entities"
CHROME=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$CHROME" ]; then
    # a probe appended to the page measures what the browser rendered
    cat "$TMP/page.html" >"$TMP/probe.html"
    cat >>"$TMP/probe.html" <<'HTML'
<script>
const marks = [...document.querySelectorAll('mark')];
const lit = marks.filter(m => { const c = getComputedStyle(m).backgroundColor;
  return c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent' && m.getBoundingClientRect().width > 0; });
const bars = [...document.querySelectorAll('.bar span')].filter(b => b.getBoundingClientRect().width > 0);
const colors = new Set(lit.map(m => getComputedStyle(m).backgroundColor));
document.title = `probe marks=${marks.length} lit=${lit.length} colors=${colors.size} bars=${bars.length}`;
</script>
HTML
    "$CHROME" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --user-data-dir="$TMP/profile" --virtual-time-budget=5000 \
        --dump-dom "file://$TMP/probe.html" >"$TMP/dom.html" 2>"$TMP/chrome.err"
    title=$(sed -n 's/.*<title>\(probe[^<]*\)<\/title>.*/\1/p' "$TMP/dom.html")
    echo "chromium: $title"
    lit=$(echo "$title" | sed -n 's/.*lit=\([0-9]*\).*/\1/p')
    colors=$(echo "$title" | sed -n 's/.*colors=\([0-9]*\).*/\1/p')
    bars=$(echo "$title" | sed -n 's/.*bars=\([0-9]*\).*/\1/p')
    [ "${lit:-0}" -eq "$marks" ] && ok || bad "chromium: ${lit:-0} of $marks entities drawn highlighted"
    [ "${colors:-0}" -ge 3 ] && ok || bad "chromium: entity types do not get their own colours"
    [ "${bars:-0}" -gt 0 ] && ok || bad "chromium: no topic score bars drawn"
else
    echo "skip: chromium is not installed"
    skipped=1
fi

finish batch || exit 1
[ "$skipped" -eq 0 ] || exit 77
