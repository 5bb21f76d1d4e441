# testlib.sh - what the CLI test scripts share; sourced, not run.
# Gives TMP (a directory removed at exit), pass/fail counters, and:
#   ok; bad MESSAGE                      count a check
#   expect CODE WHAT -- COMMAND...       run COMMAND (stdout to $TMP/out, stderr to $TMP/err)
#                                        and check its exit status; a signal is always a failure
#   has FILE PATTERN WHAT                check that $TMP/FILE matches PATTERN
#   finish NAME                          print "NAME: N passed, M failed"; exit status
TMP=$(mktemp -d)
trap 'chmod -R u+w "$TMP" 2>/dev/null; rm -rf "$TMP"' EXIT
pass=0
fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }

expect() {
    want=$1; what=$2; shift 3
    "$@" >"$TMP/out" 2>"$TMP/err"
    got=$?
    if [ "$got" -ge 128 ]; then
        bad "$what: killed by signal $((got - 128))"
    elif [ "$got" -eq "$want" ]; then
        ok
    else
        bad "$what: exit $got, want $want"
        head -20 "$TMP/err" >&2
    fi
}

has() { grep -q -- "$2" "$TMP/$1" && ok || bad "$3 (no '$2' in $1)"; }

finish() {
    echo "$1: $pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}
